// The scenario checklist: the cases the example set must contain (NIA, test/demo NIR, Corsica,
// minors with guardians, versioning chain, long text…), as [label, covered] pairs.

export function scenarioChecklist(examples, { texts, codingsFull, codingsShort, versionPairs }) {
  const pps = examples.filter((e) => e.volet === 'pps');
  const frcp = examples.filter((e) => e.volet === 'frcp');
  const any = (list, pred) => list.some(pred);
  const anyText = (pred) => texts.some((t) => pred(t.value));
  return [
    ['au moins 10 PPS', pps.length >= 10],
    ['au moins 6 FRCP', frcp.length >= 6],
    ['RCP Appareil - Organes (ORG-117)', any(frcp, (e) => e.doc.discussion?.nature === 'ORG-117')],
    ['RCP Transversale (ORG-132)', any(frcp, (e) => e.doc.discussion?.nature === 'ORG-132')],
    ['RCP de recours (discussion.isRecourseRcp)', any(frcp, (e) => e.doc.discussion?.isRecourseRcp === true)],
    ['passage en RCP de recours proposé (proposal.recourseRcpRequested)', any(frcp, (e) => e.doc.proposal?.recourseRcpRequested === true)],
    ['surveillance seule proposée', any(frcp, (e) => e.doc.proposal?.surveillanceOnly === true)],
    ['RCP pédiatrique', any(frcp, (e) => e.doc.discussion?.isPaediatricRcp === true)],
    ['plusieurs propositions thérapeutiques séquencées (1 et 2)', any(frcp, (e) => new Set((e.doc.proposal?.treatments ?? []).map((t) => t.sequence)).size >= 2)],
    ['essai clinique proposé', any(frcp, (e) => e.doc.framework?.clinicalTrialProposed === true)],
    ['cas enregistré (ORG-128) avec référentiel', any(frcp, (e) => e.doc.discussion?.reason?.caseStatus === 'ORG-128')],
    ['INS-NIA', any(examples, (e) => e.doc.patient?.ins?.kind === 'NIA')],
    ['au moins 2 INS-NIR de test', examples.filter((e) => e.doc.patient?.ins?.kind === 'NIR' && e.doc.patient.ins.environment === 'test').length >= 2],
    ['INS-NIR de test né en Corse (2A/2B)', any(examples, (e) => e.doc.patient?.ins?.environment === 'test' && /^.{5}2[AB]/.test(e.doc.patient.ins.value))],
    ['INS-NIR de démonstration', any(examples, (e) => e.doc.patient?.ins?.environment === 'demo')],
    ['patient sans INS (identifiants locaux seuls)', any(examples, (e) => !e.doc.patient?.ins && e.doc.patient?.localIds?.length)],
    ['patient mineur avec représentant légal personne', any(examples, (e) => e.age < 18 && e.doc.patient.guardians?.some((g) => g.person))],
    ['représentant légal organisme (ASE / tutelle)', any(examples, (e) => e.doc.patient?.guardians?.some((g) => g.organization))],
    ['patient décédé', any(examples, (e) => e.doc.patient?.deceased?.deceased === true)],
    ['PPS version ≥ 2 reliée à sa version précédente (même setId, replaces = id)', versionPairs >= 1],
    ['PPS version 2 avec motif de mise à jour', any(pps, (e) => e.doc.document?.versionNumber === 2 && e.doc.status?.updateReason)],
    ['au moins 2 exemples sans document.id / setId / effectiveTime (valeurs par défaut)', examples.filter((e) => !e.doc.document?.id && !e.doc.document?.setId && !e.doc.document?.effectiveTime).length >= 2],
    ['plusieurs traitements réalisés et prévus dans un même PPS', any(pps, (e) => { const t = e.doc.therapeuticProgramme?.treatments ?? []; return t.filter((a) => a.performed === 'done').length >= 2 && t.filter((a) => a.performed === 'planned').length >= 2; })],
    ['phase de rechute avec progression', any(examples, (e) => e.doc.phase?.phase === 'MED-244' && e.doc.phase.progression?.observed)],
    ['topographie et morphologie en texte libre seul', any(examples, (e) => e.doc.tumours?.some((t) => !t.topography?.coding) ) && any(examples, (e) => e.doc.tumours?.some((t) => !t.morphology?.coding))],
    ['plusieurs tumeurs dans un document', any(examples, (e) => (e.doc.tumours ?? []).length >= 2)],
    ['texte libre > 2 000 caractères avec retours à la ligne', anyText((v) => v.length > 2000 && v.includes('\n'))],
    ['caractères < & " \' > dans les textes libres', ['<', '&', '"', "'", '>'].every((c) => anyText((v) => v.includes(c)))],
    ['emoji dans un texte', anyText((v) => /\p{Extended_Pictographic}/u.test(v))],
    ['écriture non latine dans un texte', anyText((v) => /[\p{Script=Arabic}\p{Script=Cyrillic}\p{Script=Han}\p{Script=Hebrew}]/u.test(v))],
    ['soins de support : douleur, nutrition (poids), tabac (habitus), soutien psychologique, APA', ['ORG-035', 'ORG-036', 'MED-562', 'ORG-037', 'ORG-175'].every((c) => any(pps, (e) => (e.doc.supportiveCare?.supportiveCare ?? []).some((a) => a.type?.code === c)))],
    ['codings complets (codeSystem + displayName) et abrégés (code seul) tous deux présents', codingsFull > 0 && codingsShort > 0],
  ];
}
