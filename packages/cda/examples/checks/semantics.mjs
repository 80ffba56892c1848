// Clinical and semantic consistency of each example: INS against the patient's traits,
// guardians, versioning fields, tumours, phase, PPS care acts, FRCP discussion. Sets `age`
// (years at the document's date) on each example for the scenario checklist.
import { before, span } from './formats.mjs';
import { insKey } from './identifiers.mjs';

const ageAt = (birth, when) => {
  const b = span(birth), w = span(when);
  if (!b || !w) return undefined;
  return (w[0] - b[0]) / (365.2425 * 24 * 3600 * 1000);
};
/** Date of the document: its effectiveTime, else (defaults) the meeting time or the PPS handover / RCP date, for ages only. */
const docDate = (e) =>
  e.doc.document?.effectiveTime ?? (e.volet === 'frcp' ? e.doc.meeting?.meetingTime : e.doc.status?.handover?.date ?? e.doc.status?.rcpDate);

const HABITUS_FOR = { 'MED-562': ['74011-8', '72166-2'], 'MED-563': ['74013-4'], 'MED-564': ['11343-1', '11345-6', '29556-8'] };
function periodOrder(err, file, p, per) {
  if (per?.start && per?.end && before(per.start, per.end)) err(file, p, 'fin de période antérieure au début');
}
/** Every `*period`/`*Period` object under `v` must not end before it starts. */
function walkPeriods(err, file, v, p) {
  if (Array.isArray(v)) return v.forEach((x, i) => walkPeriods(err, file, x, `${p}[${i}]`));
  if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (/[Pp]eriod$/.test(k)) periodOrder(err, file, `${p}.${k}`, x);
      walkPeriods(err, file, x, p ? `${p}.${k}` : k);
    }
  }
}

export function checkSemantics(examples, { err, warn }) {
  for (const e of examples) {
    const { file, doc, volet } = e;
    const pat = doc.patient ?? {};
    walkPeriods(err, file, doc, '');
    // INS
    if (pat.ins && typeof pat.ins.value === 'string' && /^[0-9A-Z]{15}$/.test(pat.ins.value)) {
      const v = pat.ins.value;
      const m13 = v.slice(0, 13);
      if (!/^[1-8]\d{4}(?:\d{2}|2A|2B)\d{6}$/.test(m13)) err(file, 'patient.ins.value', 'matricule INS mal formé');
      else {
        if (insKey(m13) !== v.slice(13)) err(file, 'patient.ins.value', `clé INS invalide (attendue ${insKey(m13)})`);
        const sex = { 1: 'M', 7: 'M', 2: 'F', 8: 'F' }[v[0]];
        if (sex && pat.gender !== sex) err(file, 'patient.ins.value', `1er caractère (sexe) incohérent avec gender ${pat.gender}`);
        if (typeof pat.birthDate === 'string') {
          if (v.slice(1, 3) !== pat.birthDate.slice(2, 4)) err(file, 'patient.ins.value', 'année de naissance incohérente avec birthDate');
          const mm = +v.slice(3, 5);
          if (mm >= 1 && mm <= 12 && v.slice(3, 5) !== pat.birthDate.slice(5, 7)) err(file, 'patient.ins.value', 'mois de naissance incohérent avec birthDate');
        }
        if (pat.birthPlace?.cogCode && pat.birthPlace.cogCode !== v.slice(5, 10))
          err(file, 'patient.birthPlace.cogCode', `lieu de naissance incohérent avec l'INS (${v.slice(5, 10)})`);
      }
      if (!pat.birthPlace) err(file, 'patient.birthPlace', 'INS présent : lieu de naissance obligatoire (traits stricts)');
      if (typeof pat.birthDate === 'string' && pat.birthDate.length !== 10) err(file, 'patient.birthDate', 'INS présent : date de naissance complète obligatoire');
      if (pat.ins.kind === 'NIA' && (pat.ins.environment ?? 'production') !== 'production') err(file, 'patient.ins.environment', 'pas d’OID de test/démo pour un NIA');
    }
    // guardians
    (pat.guardians ?? []).forEach((g, i) => {
      if (!g.person === !g.organization) err(file, `patient.guardians[${i}]`, 'exactement une personne ou un organisme');
    });
    const approx = docDate(e);
    const age = approx && pat.birthDate ? ageAt(pat.birthDate, approx) : undefined;
    const when = doc.document?.effectiveTime; // exact date only: an absent effectiveTime means "now" at build time
    e.age = age;
    if (age !== undefined && age < 18 && !(pat.guardians?.length > 0)) warn(file, 'patient.guardians', 'patient mineur sans représentant légal');
    if (pat.deceased?.deceased === false && pat.deceased.date) err(file, 'patient.deceased.date', 'date de décès pour un patient non décédé');
    // versioning
    const d = doc.document ?? {};
    if ((d.versionNumber ?? 1) > 1 && (!d.setId || !d.replaces)) err(file, 'document', 'à partir de la version 2 : setId et replaces obligatoires');
    if ((d.versionNumber ?? 1) === 1 && d.replaces) err(file, 'document.versionNumber', 'replaces sans numéro de version > 1');
    if (volet === 'pps' && (d.versionNumber ?? 1) > 1 && !doc.status?.updateReason) err(file, 'status.updateReason', 'motif de mise à jour obligatoire à partir de la version 2');
    // tumours
    (doc.tumours ?? []).forEach((t, i) => {
      const tp = `tumours[${i}]`;
      if (['completed', 'aborted'].includes(t.status) !== Boolean(t.endDate)) err(file, `${tp}.endDate`, 'date de fin requise si et seulement si status completed/aborted');
      if (t.diagnosisDate && t.endDate && before(t.diagnosisDate, t.endDate)) err(file, `${tp}.endDate`, 'fin avant le diagnostic');
      if (volet === 'frcp' && !t.tnm) err(file, `${tp}.tnm`, 'TNM obligatoire dans la FRCP');
      if (when && t.diagnosisDate && span(t.diagnosisDate)[0] >= span(when)[1]) err(file, `${tp}.diagnosisDate`, 'diagnostic postérieur au document');
    });
    // phase
    const pr = doc.phase?.progression;
    if (pr?.observed && [pr.local, pr.regional, pr.distant].some((x) => x === undefined)) err(file, 'phase.progression', 'progression observée : local, regional et distant obligatoires');
    if (pr && !pr.observed && (pr.local || pr.regional || pr.distant)) err(file, 'phase.progression', 'localisations de progression sans progression observée');
    if (volet === 'pps') {
      const lists = [
        ...Object.entries(doc.therapeuticProgramme ?? {}).map(([k, v]) => [`therapeuticProgramme.${k}`, v]),
        ...Object.entries(doc.supportiveCare ?? {}).map(([k, v]) => [`supportiveCare.${k}`, v]),
      ];
      for (const [list, items] of lists) {
        if (!Array.isArray(items)) continue;
        items.forEach((a, i) => {
          const ap = `${list}[${i}]`;
          const code = a.type?.code;
          if (a.weight && code !== 'ORG-036') err(file, `${ap}.weight`, 'poids réservé à la prise en charge diététique (ORG-036)');
          if (a.habitus) {
            if (!HABITUS_FOR[code]) err(file, `${ap}.habitus`, 'habitus réservé aux soutiens au sevrage (MED-562/563/564)');
            else if (!HABITUS_FOR[code].includes(a.habitus.code?.code)) warn(file, `${ap}.habitus.code`, `habitus ${a.habitus.code?.code} inattendu pour ${code}`);
          }
          if (a.performed === 'done' && a.statusCode === 'active') warn(file, `${ap}.statusCode`, 'acte réalisé mais statut actif');
          if (a.performed === 'done' && !a.confirmedPeriod) warn(file, ap, 'acte réalisé sans dates confirmées');
          if (a.performed === 'done' && when && a.confirmedPeriod?.start && span(a.confirmedPeriod.start)[0] > span(when)[1])
            err(file, `${ap}.confirmedPeriod.start`, 'acte réalisé daté après le document');
        });
      }
      const s = doc.status ?? {};
      if (s.handover && before(s.handover.announcementConsultationDate, s.handover.date)) err(file, 'status.handover.date', 'remise antérieure à la consultation d’annonce');
      if (s.rcpDate && d.effectiveTime && span(s.rcpDate)[0] >= span(d.effectiveTime)[1]) err(file, 'status.rcpDate', 'RCP postérieure au document');
      const paed = doc.paediatrics?.isPaediatric;
      if (age !== undefined && age < 18 && paed !== true) warn(file, 'paediatrics', 'patient mineur sans section pédiatrie');
      if (age !== undefined && age >= 18 && paed === true) warn(file, 'paediatrics', 'patient majeur pris en charge en pédiatrie');
    } else {
      const dsc = doc.discussion ?? {};
      if (dsc.nature === 'ORG-117' && (!dsc.apparatus || !dsc.organs?.length || dsc.careType)) err(file, 'discussion', 'ORG-117 : appareil et organe(s), sans traitement/soins');
      if (dsc.nature === 'ORG-132' && (!dsc.careType || dsc.apparatus || dsc.organs)) err(file, 'discussion', 'ORG-132 : traitement/soins, sans appareil ni organe');
      if (dsc.reason?.caseStatus === 'ORG-128' && !doc.framework?.guidelines?.length) err(file, 'framework.guidelines', 'cas enregistré (ORG-128) : référentiel obligatoire');
      if (doc.meeting?.meetingTime && d.effectiveTime && span(doc.meeting.meetingTime)[0] > span(d.effectiveTime)[1]) err(file, 'meeting.meetingTime', 'réunion postérieure au document');
      if (dsc.isPaediatricRcp && age !== undefined && age >= 18) warn(file, 'discussion.isPaediatricRcp', 'RCP pédiatrique pour un patient majeur');
      for (const k of ['requester', 'presenter']) if (doc.meeting?.[k] && !doc.meeting[k].profession) warn(file, `meeting.${k}`, 'spécialité absente');
      if (doc.surgeryReport?.sampler || doc.surgeryReport?.samplingDate) err(file, 'surgeryReport', 'pas de préleveur dans un compte rendu opératoire');
    }
  }
}
