// CANCER-PPS_2022.01 writer (pps-cda.md §3-§4): header participants P1-P11, then sections
// S1-S10 with a French narrative generated from the same data as the entries.
import { empty } from '../xml/writer.js';
import type { XmlSink } from '../xml/writer.js';
import type { PpsDocument, PpsCareAct } from '../model/pps.js';
import type { Actor, Coding } from '../model/common.js';
import { toTs } from '../datatypes.js';
import { PRIVACY_NOTICE } from '../generated/privacy-notice.js';
import { assignedEntity, cd, ivl, ts } from './datatypes.js';
import { diagnosisSection } from './diagnosis.js';
import { openSection, closeSection, entry, entryRelationship, simpleObservation, nestedComment, templateIds, reference, originalTextRef, bl, cdValue, nullCd, TEMPLATES } from './entries.js';
import { FUNCTION_CODES, writeHeader, headerParticipant, serviceEventPerformer } from './header.js';
import { table, paragraph, content, richText, type Cell, dateFr, periodFr, ouiNon, personFr } from './narrative.js';
import { phaseSection, discoverySection, statusEntry, STATUS_SECTION, FREE_COMMENT_TEMPLATES } from './shared-sections.js';
import { BuildState, OID } from './state.js';

const CARE_PLAN_TEMPLATES = ['2.16.840.1.113883.10.20.1.10', '1.3.6.1.4.1.19376.1.5.3.1.3.36', '1.2.250.1.213.1.1.2.158'];

/** The act lists of S6 and S7, in document order, with their category code. */
export const ACT_LISTS = [
  { section: 'therapeuticProgramme', list: 'treatments', category: 'MED-568', label: 'Traitement', key: 'trait' },
  { section: 'therapeuticProgramme', list: 'sideEffectManagement', category: 'MED-569', label: 'Action de prévention et de gestion médicamenteuse des effets secondaires', key: 'es' },
  { section: 'therapeuticProgramme', list: 'associatedMeasures', category: 'MED-570', label: 'Mesure associée', key: 'mesure' },
  { section: 'therapeuticProgramme', list: 'followUp', category: 'MED-571', label: 'Suivi', key: 'suivi' },
  { section: 'supportiveCare', list: 'supportiveCare', category: 'MED-572', label: 'Soin oncologique de support', key: 'sos' },
  { section: 'supportiveCare', list: 'socialSupport', category: 'MED-573', label: 'Accompagnement social ou socioprofessionnel', key: 'social' },
] as const;

type ActList = (typeof ACT_LISTS)[number];

function participants(state: BuildState, doc: PpsDocument): void {
  const w = state.w;
  const net = doc.careNetwork;
  const orgActor = (organization: Actor['organization'], extra: Partial<Actor> = {}): Actor => ({
    ...extra,
    organization: organization && { idNatStruct: organization.idNatStruct, name: organization.name, practiceSetting: organization.practiceSetting },
    address: extra.address ?? organization?.address,
    telecoms: extra.telecoms ?? organization?.telecoms,
  });
  for (const f of net.referenceFacilities ?? [])
    headerParticipant(w, {
      typeCode: 'RESP',
      roleCode: ['ORG-177', 'Etablissement de santé de référence'],
      comment: f.comment,
      period: f.period,
      classCode: 'PROV',
      actor: orgActor(f.organization),
    });
  for (const m of net.careTeam ?? [])
    headerParticipant(w, {
      typeCode: 'PRF',
      functionCode: FUNCTION_CODES.careTeamMember,
      roleCode: ['ORG-177', "Professionnel de l'équipe de soins"],
      comment: m.comment,
      classCode: 'PROV',
      actor: m.professional,
    });
  if (net.accommodationCentre)
    headerParticipant(w, {
      typeCode: 'PRF',
      functionCode: FUNCTION_CODES.correspondent,
      roleCode: ['ORG-055', "Centre d'hébergement"],
      comment: net.accommodationCentre.comment,
      classCode: 'AGNT',
      actor: orgActor(net.accommodationCentre.organization),
    });
  headerParticipant(w, {
    typeCode: 'PRF',
    functionCode: FUNCTION_CODES.correspondent,
    roleCode: ['ORG-190', 'Centre de coordination de cancérologie (3C)'],
    comment: net.coordinationCentre3C.comment,
    classCode: 'PROV',
    actor: orgActor(net.coordinationCentre3C.organization),
  });
  for (const p of net.localProfessionals ?? [])
    headerParticipant(w, {
      typeCode: 'PRF',
      functionCode: FUNCTION_CODES.correspondent,
      roleCode: ['ORG-178', 'Structures et professionnels de proximité impliqués dans les soins'],
      comment: p.comment,
      classCode: 'PROV',
      actor: p.actor,
    });
  if (net.healthMediator) {
    const m = net.healthMediator;
    headerParticipant(w, {
      typeCode: 'INF',
      functionCode: FUNCTION_CODES.correspondent,
      roleCode: ['ORG-188', 'Médiateur de santé'],
      comment: m.comment,
      classCode: 'AGNT',
      actor: { name: m.person, organization: m.organization, address: m.address, telecoms: m.telecoms },
    });
  }
  headerParticipant(w, {
    typeCode: 'INF',
    functionCode: FUNCTION_CODES.gp,
    comment: net.generalPractitioner.comment,
    classCode: 'PROV',
    actor: net.generalPractitioner.professional,
  });
  const contacts = (
    list: PpsDocument['careNetwork']['socialOrganisations'],
    typeCode: string,
    role: readonly [string, string],
  ) => {
    for (const c of list ?? [])
      headerParticipant(w, {
        typeCode,
        functionCode: FUNCTION_CODES.correspondent,
        roleCode: role,
        comment: c.comment,
        classCode: 'AGNT',
        actor: orgActor(c.organization, c.contact ? { name: c.contact } : {}),
      });
  };
  contacts(net.cityHospitalCoordination, 'CON', ['ORG-179', "Structure de coordination ou d'interface ville-hôpital"]);
  for (const r of net.regionalCancerNetworks ?? [])
    headerParticipant(w, {
      typeCode: 'CON',
      functionCode: FUNCTION_CODES.correspondent,
      roleCode: ['ORG-191', 'Réseau régional de cancérologie'],
      comment: r.comment,
      classCode: 'AGNT',
      actor: orgActor(r.organization),
    });
  contacts(net.socialOrganisations, 'INF', ['ORG-180', "Organismes sociaux et de maintien dans l'emploi"]);
  contacts(net.supportStructures, 'INF', ['ORG-181', "Structure de soutien et d'information"]);
}

function documentationOf(state: BuildState, doc: PpsDocument): void {
  const w = state.w;
  w.start('documentationOf');
  w.start('serviceEvent');
  w.attr('classCode', 'ACT');
  w.start('effectiveTime');
  ts(w, 'low', doc.document!.effectiveTime);
  w.end();
  serviceEventPerformer(w, doc.author.professional);
  w.end();
  w.end();
}

// ---------------------------------------------------------------- S1 / S10

function freeCommentSection(state: BuildState, translation: readonly [string, string], title: string, body: (w: XmlSink) => void): void {
  openSection(state, { templateIds: FREE_COMMENT_TEMPLATES, code: ['55112-7', OID.loinc, 'Commentaire'], translation, title }, false);
  state.w.start('text');
  body(state.w);
  state.w.end();
  closeSection(state.w);
}

// ---------------------------------------------------------------- S2

function paediatricsSection(state: BuildState, p: NonNullable<PpsDocument['paediatrics']>): void {
  const w = state.w;
  openSection(state, {
    templateIds: ['1.2.250.1.213.1.1.2.128', '1.3.6.1.4.1.19376.1.5.3.1.3.2', '1.3.6.1.4.1.19376.1.5.3.1.3.1'],
    code: ['42349-1', OID.loinc, 'Raison de la recommandation'],
    title: 'PÉDIATRIE',
  });
  w.start('text');
  const rows: Cell[][] = [['Prise en charge pédiatrique', { id: 's2-pediatrie', text: ouiNon(p.isPaediatric) }]];
  if (p.comment !== undefined) rows.push(['Commentaire', { id: 's2-commentaire', text: p.comment }]);
  if (p.reason !== undefined) rows.push(['Raison de la recommandation', { id: 's2-raison', text: p.reason }]);
  table(w, undefined, ['Élément', 'Valeur'], rows);
  w.end();
  entry(w, () =>
    simpleObservation(state, {
      code: ['ORG-116', OID.taAsip, 'Pédiatrie'],
      textId: 's2-pediatrie',
      time: { nullFlavor: 'NI' },
      value: bl(p.isPaediatric),
      children: () => nestedComment(state, p.comment !== undefined ? 's2-commentaire' : undefined),
    }),
  );
  const reasonId = p.reason !== undefined ? 's2-raison' : 's2-pediatrie';
  entry(w, () =>
    simpleObservation(state, {
      negationInd: false,
      templateIds: TEMPLATES.problem,
      code: ['55607006', OID.snomed, 'Problème'],
      textId: reasonId,
      time: { low: undefined },
      value: (w) => {
        w.start('value');
        w.attr('xsi:type', 'CD');
        w.attr('code', '42349-1');
        w.attr('codeSystem', OID.loinc);
        w.attr('displayName', 'Raison de la recommandation');
        originalTextRef(w, reasonId);
        w.end();
      },
    }),
  );
  closeSection(w);
}

// ---------------------------------------------------------------- S6 / S7 care acts

/** Narrative ids of one act. */
export const actIds = (key: string, i: number) => {
  const p = `${key}-${i + 1}`;
  return {
    type: `${p}-type`,
    planned: `${p}-dates-prev`,
    rhythm: `${p}-rythme`,
    route: `${p}-mode`,
    sideEffects: `${p}-effets`,
    comment: `${p}-commentaire`,
    weight: `${p}-poids`,
    habitus: `${p}-habitus`,
  };
};

export const actLabel = (act: PpsCareAct): string =>
  act.typePrecision !== undefined ? `${act.type.displayName} : ${act.typePrecision}` : act.type.displayName!;

const STATUS_FR: Record<string, string> = { completed: 'terminé', active: 'en cours', aborted: 'interrompu', cancelled: 'annulé' };

const place = (a: Actor) => personFr(a) || a.organization?.name || '';

function actNarrative(w: XmlSink, l: ActList, acts: readonly PpsCareAct[], done: boolean): void {
  const rows: Cell[][] = [];
  acts.forEach((act, i) => {
    if ((act.performed === 'done') !== done) return;
    const ids = actIds(l.key, i);
    rows.push([
      { id: ids.type, text: actLabel(act) },
      periodFr(act.confirmedPeriod),
      act.plannedPeriod ? { id: ids.planned, text: periodFr(act.plannedPeriod) } : '',
      act.administrationRoute ? { id: ids.route, text: act.administrationRoute.displayName! } : '',
      act.rhythm !== undefined || act.atHome !== undefined
        ? { id: ids.rhythm, text: [act.rhythm, act.atHome === undefined ? undefined : act.atHome ? 'à domicile' : 'hors domicile'].filter((s) => s !== undefined).join(', ') }
        : '',
      (act.performers ?? []).map(place).join(' ; '),
      act.notableSideEffects !== undefined ? { id: ids.sideEffects, text: act.notableSideEffects } : '',
      act.comment !== undefined ? { id: ids.comment, text: act.comment } : '',
      STATUS_FR[act.statusCode ?? (done ? 'completed' : 'active')],
    ]);
    if (act.weight) rows.push([{ id: ids.weight, text: `Poids : ${String(act.weight.valueKg).replace('.', ',')} kg le ${dateFr(act.weight.date)}` }, '', '', '', '', '', '', '', '']);
    if (act.habitus) rows.push([{ id: ids.habitus, text: `${act.habitus.code.displayName} : ${act.habitus.statusText}` }, '', '', '', '', '', '', '', '']);
  });
  if (rows.length === 0) return;
  table(
    w,
    `${l.label} — ${done ? 'réalisé(s)' : 'en cours ou à venir'}`,
    ['Type', 'Dates confirmées', 'Dates prévisionnelles', "Mode d'administration", 'Rythme', 'Lieu / intervenants', 'Effets secondaires notables', 'Commentaire', 'Statut'],
    rows,
  );
}

function careActEntry(state: BuildState, l: ActList, act: PpsCareAct, i: number): void {
  const w = state.w;
  const ids = actIds(l.key, i);
  const done = act.performed === 'done';
  entry(w, () => {
    w.start('procedure');
    w.attr('classCode', 'PROC');
    w.attr('moodCode', done ? 'EVN' : 'INT');
    w.attr('negationInd', 'false');
    templateIds(w, ['1.3.6.1.4.1.19376.1.5.3.1.4.19', done ? '2.16.840.1.113883.10.20.1.29' : '2.16.840.1.113883.10.20.1.25', '1.2.250.1.213.1.1.3.62']);
    state.freshId();
    w.start('code');
    w.attr('code', l.category);
    w.attr('codeSystem', OID.taAsip);
    w.attr('displayName', l.label);
    w.start('qualifier');
    cd(w, 'value', act.type);
    w.end();
    w.end();
    reference(w, ids.type);
    empty(w, 'statusCode', ['code', act.statusCode ?? (done ? 'completed' : 'active')]);
    ivl(w, 'effectiveTime', act.confirmedPeriod);
    for (const p of act.performers ?? []) {
      w.start('performer');
      w.attr('typeCode', 'PRF');
      assignedEntity(w, 'assignedEntity', p);
      w.end();
    }
    if (act.plannedPeriod)
      entryRelationship(w, 'COMP', false, () =>
        simpleObservation(state, {
          code: ['GEN-177', OID.taAsip, 'Date(s) prévisionnelle(s)'],
          textId: ids.planned,
          time: { period: act.plannedPeriod },
          value: nullCd('NA'),
        }),
      );
    if (act.rhythm !== undefined || act.atHome !== undefined)
      entryRelationship(w, 'COMP', false, () =>
        simpleObservation(state, {
          code: ['ORG-004', OID.taAsip, 'Rythme'],
          textId: ids.rhythm,
          time: { nullFlavor: 'NA' },
          value: act.atHome === undefined ? (w) => empty(w, 'value', ['xsi:type', 'BL'], ['nullFlavor', 'UNK']) : bl(act.atHome),
        }),
      );
    if (act.administrationRoute)
      entryRelationship(w, 'COMP', false, () =>
        simpleObservation(state, {
          code: ['ORG-006', OID.taAsip, "Mode d'administration"],
          textId: ids.route,
          time: { nullFlavor: 'NA' },
          value: cdValue(act.administrationRoute as Required<Coding>),
        }),
      );
    if (act.notableSideEffects !== undefined)
      entryRelationship(w, 'COMP', false, () =>
        simpleObservation(state, {
          code: ['MED-565', OID.taAsip, 'Effets secondaires'],
          textId: ids.sideEffects,
          time: { nullFlavor: 'NA' },
          value: nullCd('NA', ids.sideEffects),
        }),
      );
    if (act.weight) {
      const weight = act.weight;
      entryRelationship(w, 'RSON', false, () =>
        simpleObservation(state, {
          templateIds: ['2.16.840.1.113883.10.20.1.31', '1.3.6.1.4.1.19376.1.5.3.1.4.13', '1.3.6.1.4.1.19376.1.5.3.1.4.13.2', '1.2.250.1.213.1.1.3.50'],
          code: ['29463-7', OID.loinc, 'Poids'],
          textId: ids.weight,
          time: { value: weight.date },
          value: (w) => empty(w, 'value', ['xsi:type', 'PQ'], ['value', String(weight.valueKg)], ['unit', 'kg']),
        }),
      );
    }
    if (act.habitus) {
      const habitus = act.habitus;
      entryRelationship(w, 'RSON', false, () =>
        simpleObservation(state, {
          templateIds: ['2.16.840.1.113883.10.20.1.33', '1.3.6.1.4.1.19376.1.5.3.1.4.13', '1.3.6.1.4.1.19376.1.5.3.1.4.13.4', '1.2.250.1.213.1.1.3.52'],
          code: [habitus.code.code, habitus.code.codeSystem!, habitus.code.displayName!],
          textId: ids.habitus,
          time: { value: habitus.date },
          value: nullCd('NA', ids.habitus),
        }),
      );
    }
    nestedComment(state, act.comment !== undefined ? ids.comment : undefined);
    w.end();
  });
}

function carePlanSection(state: BuildState, doc: PpsDocument, which: 'therapeuticProgramme' | 'supportiveCare'): void {
  const w = state.w;
  const lists = ACT_LISTS.filter((l) => l.section === which);
  const group = doc[which] as Record<string, PpsCareAct[] | undefined>;
  const isProgramme = which === 'therapeuticProgramme';
  openSection(state, {
    templateIds: CARE_PLAN_TEMPLATES,
    code: ['18776-5', OID.loinc, 'Plan de soins'],
    translation: isProgramme
      ? ['MED-566', 'Programme thérapeutique et de suivi']
      : ['MED-567', 'Soins oncologiques de support, accompagnement social et socioprofessionnel'],
    title: isProgramme
      ? 'PROGRAMME THÉRAPEUTIQUE ET DE SUIVI'
      : 'SOINS ONCOLOGIQUES DE SUPPORT, ACCOMPAGNEMENT SOCIAL ET SOCIOPROFESSIONNEL',
  });
  const stop = isProgramme ? doc.therapeuticProgramme.stopAllActiveTreatments : undefined;
  w.start('text');
  let any = false;
  for (const done of [true, false])
    for (const l of lists) {
      const acts = group[l.list] ?? [];
      if (acts.some((a) => (a.performed === 'done') === done)) any = true;
      actNarrative(w, l, acts, done);
    }
  if (stop) {
    any = true;
    w.start('paragraph');
    content(w, 's6-arret', `Arrêt de tous les traitements actifs le ${dateFr(stop.date)}`);
    if (stop.comment !== undefined) {
      w.text(' : ');
      content(w, 's6-arret-commentaire', stop.comment);
    }
    w.end();
  }
  if (!any) paragraph(w, 'Aucun élément.');
  w.end();
  for (const l of lists) (group[l.list] ?? []).forEach((act, i) => careActEntry(state, l, act, i));
  if (stop)
    entry(w, () =>
      simpleObservation(state, {
        code: ['MED-052', OID.taAsip, 'Arrêt de tous les traitements actifs'],
        textId: 's6-arret',
        time: { value: stop.date },
        value: bl(true),
        children: () => nestedComment(state, stop.comment !== undefined ? 's6-arret-commentaire' : undefined),
      }),
    );
  closeSection(w);
}

// ---------------------------------------------------------------- S8

function statusSection(state: BuildState, doc: PpsDocument): void {
  const w = state.w;
  const s = doc.status;
  openSection(state, STATUS_SECTION);
  w.start('text');
  const rows: Cell[][] = [
    ['Statut', { id: 's8-statut', text: s.status!.displayName! }],
    ['Date du statut', dateFr(s.statusDate)],
  ];
  if (s.comment !== undefined) rows.push(['Commentaire', { id: 's8-commentaire', text: s.comment }]);
  if (s.updateReason) {
    rows.push(['Motif de mise à jour', { id: 's8-motif', text: s.updateReason.reason.displayName! }]);
    if (s.updateReason.precision !== undefined) rows.push(['Précision', { id: 's8-motif-precision', text: s.updateReason.precision }]);
  }
  rows.push(['Date de la RCP', { id: 's8-date-rcp', text: dateFr(s.rcpDate) }]);
  if (s.handover) {
    rows.push(['Date de remise du document au patient', { id: 's8-remise', text: dateFr(s.handover.date) }]);
    rows.push(["Date de la consultation d'annonce", dateFr(s.handover.announcementConsultationDate)]);
    if (s.handover.by) rows.push(['Remis par', personFr(s.handover.by)]);
  } else rows.push(['Date de remise du document au patient', { id: 's8-remise', text: 'Non renseignée' }]);
  table(w, undefined, ['Élément', 'Valeur'], rows);
  w.end();
  statusEntry(state, s.status as Required<Coding>, s.statusDate, 's8-statut', s.comment !== undefined ? 's8-commentaire' : undefined);
  if (s.updateReason) {
    const reason = s.updateReason;
    entry(w, () =>
      simpleObservation(state, {
        code: ['GEN-037', OID.taAsip, 'Motif de mise à jour'],
        textId: 's8-motif',
        time: { value: s.statusDate },
        value: cdValue(reason.reason),
        children: () => nestedComment(state, reason.precision !== undefined ? 's8-motif-precision' : undefined),
      }),
    );
  }
  entry(w, () =>
    simpleObservation(state, {
      code: ['ORG-189', OID.taAsip, 'Date de la RCP'],
      textId: 's8-date-rcp',
      time: { value: s.rcpDate },
      // xsi:type TS (a point in time) rather than the example's EIVL_TS (an event-related interval).
      value: (w) => empty(w, 'value', ['xsi:type', 'TS'], ['value', toTs(s.rcpDate)]),
    }),
  );
  entry(w, () =>
    simpleObservation(state, {
      code: ['GEN-178', OID.taAsip, 'Date de remise du document au patient'],
      textId: 's8-remise',
      time: { value: s.handover?.date },
      value: (w) => {
        w.start('value');
        w.attr('xsi:type', 'TS');
        if (s.handover) w.attr('value', toTs(s.handover.announcementConsultationDate));
        else w.attr('nullFlavor', 'UNK');
        w.end();
      },
      children: () => {
        if (!s.handover?.by) return;
        w.start('performer');
        assignedEntity(w, 'assignedEntity', s.handover.by);
        w.end();
      },
    }),
  );
  closeSection(w);
}

// ---------------------------------------------------------------- S9

function referencesSection(state: BuildState, doc: PpsDocument): void {
  const w = state.w;
  openSection(state, {
    templateIds: ['1.2.250.1.213.1.1.2.55'],
    code: ['55107-7', OID.loinc, 'Documents référencés'],
    title: 'DOCUMENTS RÉFÉRENCÉS',
  });
  w.start('text');
  w.start('table');
  w.attr('border', '1');
  w.attr('ID', 's9-documents');
  w.start('thead');
  w.start('tr');
  for (const h of ['Document', 'Identifiant']) {
    w.start('th');
    w.text(h);
    w.end();
  }
  w.end();
  w.end();
  w.start('tbody');
  doc.referencedDocuments.forEach((d, i) => {
    w.start('tr');
    w.start('td');
    content(w, `s9-document-${i + 1}`, d.label);
    w.end();
    w.start('td');
    richText(w, d.id.extension !== undefined ? `${d.id.extension} (${d.id.root})` : d.id.root);
    w.end();
    w.end();
  });
  w.end();
  w.end();
  w.end();
  entry(w, () => {
    w.start('act');
    w.attr('classCode', 'ACT');
    w.attr('moodCode', 'EVN');
    templateIds(w, ['1.3.6.1.4.1.19376.1.5.3.1.4.4', '1.2.250.1.213.1.1.3.35']);
    state.freshId();
    empty(w, 'code', ['nullFlavor', 'NA']);
    reference(w, 's9-documents');
    doc.referencedDocuments.forEach((d, i) => {
      w.start('reference');
      w.attr('typeCode', 'REFR');
      w.start('externalDocument');
      w.attr('classCode', 'DOC');
      w.attr('moodCode', 'EVN');
      empty(w, 'id', ['root', d.id.root], ['extension', d.id.extension]);
      reference(w, `s9-document-${i + 1}`);
      w.end();
      w.end();
    });
    w.end();
  });
  closeSection(w);
}

/** Writes the whole PPS of a checked, normalised model. */
export function writePps(state: BuildState, doc: PpsDocument): void {
  const w = state.w;
  writeHeader(
    state,
    doc,
    { templateId: '1.2.250.1.213.1.1.1.26', code: '18776-5', displayName: 'Plan personnalisé de soins' },
    { participants: (s) => participants(s, doc), documentationOf: (s) => documentationOf(s, doc) },
  );
  w.start('component');
  w.start('structuredBody');
  if (doc.patientComment !== undefined) {
    const text = doc.patientComment;
    freeCommentSection(state, ['GEN-293', 'Commentaire sur le patient'], 'COMMENTAIRE SUR LE PATIENT', (w) => paragraph(w, text, 's1-commentaire'));
  }
  if (doc.paediatrics) paediatricsSection(state, doc.paediatrics);
  // One section per tumour: the kit's IHE rule S_cancerDiagnosis raises an XPath error
  // (FORG0006) on a section holding two tumour entries.
  doc.tumours.forEach((tumour, i) =>
    diagnosisSection(state, i === 0 ? 's3' : `s3-${i + 1}`, doc.tumours.length > 1 ? `DIAGNOSTIC — TUMEUR ${i + 1}` : 'DIAGNOSTIC', [tumour], true),
  );
  discoverySection(state, 's4', doc.discovery);
  if (doc.phase) phaseSection(state, 's5', 'PHASE ET PROGRESSION DU CANCER', doc.phase);
  carePlanSection(state, doc, 'therapeuticProgramme');
  carePlanSection(state, doc, 'supportiveCare');
  statusSection(state, doc);
  referencesSection(state, doc);
  const establishment = doc.privacyNotice?.establishmentText;
  freeCommentSection(state, ['GEN-294', 'Information pour le patient'], 'INFORMATION SUR LES DONNÉES PERSONNELLES VOUS CONCERNANT', (w) => {
    w.start('table');
    w.attr('border', '1');
    w.start('tbody');
    w.start('tr');
    w.start('td');
    if (establishment !== undefined) content(w, 's10-etablissement', establishment);
    else richText(w, PRIVACY_NOTICE.establishmentDefault);
    w.end();
    w.end();
    w.start('tr');
    for (const paragraphText of PRIVACY_NOTICE.inca) {
      w.start('td');
      richText(w, paragraphText);
      w.end();
    }
    w.end();
    w.end();
    w.end();
  });
  w.end();
  w.end();
  w.end();
}
