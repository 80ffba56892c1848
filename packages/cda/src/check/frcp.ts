// Semantic checks and defaults of a CANCER-FRCP_2022.01 build input (frcp-cda.md §3-§5, §7).
// Runs on a deep copy of an input that passed the structural check; afterwards every value
// the builder writes is present in the model (codings completed, defaults filled), so that
// parse(build(m)) gives back exactly the normalised m.
import { conceptCoding } from '../value-set.js';
import { joinPath } from '../issues.js';
import { sortKey } from '../datatypes.js';
import type { Checker } from './checker.js';
import { checkActor, checkHeader, checkOrganization, requirePracticeSetting } from './header.js';
import { checkPhase, checkTumours } from './oncology.js';
import { FrcpDocument, RcpDiscussion, RcpMeeting, TreatmentType, type ReportConclusion } from '../model/frcp.js';
import { DocumentStatusCode } from '../model/oncology.js';
import type { Actor, CodedOrText } from '../model/common.js';
import { valueSetOf } from './bindings.js';
import { checkFrcpPlausibility } from './plausibility.js';

// Value sets of the FRCP's coded fields, as bound in the model.
const ENCOUNTER_TYPES = valueSetOf(RcpMeeting.properties.encounterType);
const PRIMARY_TOPOGRAPHIES = valueSetOf(RcpMeeting.properties.primaryTumourTopography);
const APPARATUSES = valueSetOf(RcpDiscussion.properties.apparatus);
const ORGANS = valueSetOf(RcpDiscussion.properties.organs.items);
const CARE_TYPES = valueSetOf(RcpDiscussion.properties.careType);
const TREATMENT_TYPES = valueSetOf(TreatmentType);
const QUORUM_STATUSES = valueSetOf(FrcpDocument.properties.recordStatus.properties.quorum);
const DOCUMENT_STATUSES = valueSetOf(DocumentStatusCode);

/** Default status of an FRCP: a record signed by its legal authenticator is validated. */
export const FRCP_DEFAULT_STATUS = '9571008';

/** Reports `laterPath` when `later` ends before `earlier` starts (partial dates compare by span). */
function order(c: Checker, laterPath: string, earlier: string | undefined, later: string | undefined, fr: string, en: string): void {
  if (earlier !== undefined && later !== undefined && sortKey(later).end < sortKey(earlier).start) c.add(laterPath, 'period', fr, en);
}

function checkMeeting(c: Checker, input: FrcpDocument): void {
  const m = input.meeting;
  const p = 'meeting';
  c.date(joinPath(p, 'meetingTime'), m.meetingTime);

  // The encompassingEncounter of an FRCP is described by `meeting`: the generic encounter
  // fields of the shared header model have no place of their own in the document.
  const enc = input.encounter;
  if (enc.type) {
    if (m.encounterType === undefined) m.encounterType = enc.type;
    else if (m.encounterType.code !== enc.type.code)
      c.add(
        'encounter.type',
        'frcp.encounter',
        'Type de rencontre différent de meeting.encounterType : dans une FRCP, renseignez seulement meeting.encounterType.',
        'Encounter type differs from meeting.encounterType: in an FRCP, fill in meeting.encounterType only.',
      );
    delete enc.type;
  }
  if (enc.ids !== undefined)
    c.add(
      'encounter.ids',
      'frcp.encounter',
      'Dans une FRCP, les identifiants de la rencontre sont ceux de la RCP : meeting.rrcId, managerId, rcpId, sessionId, localIds.',
      'In an FRCP, the encounter ids are those of the RCP: meeting.rrcId, managerId, rcpId, sessionId, localIds.',
    );
  if (enc.period !== undefined)
    c.add(
      'encounter.period',
      'frcp.encounter',
      'Dans une FRCP, la date de la rencontre est la date de la réunion (meeting.meetingTime).',
      'In an FRCP, the encounter time is the meeting time (meeting.meetingTime).',
    );
  if (enc.facility !== undefined)
    c.add(
      'encounter.facility',
      'frcp.encounter',
      "Dans une FRCP, l'établissement de la rencontre est celui où la RCP est organisée (meeting.facility).",
      'In an FRCP, the encounter facility is where the RCP is organised (meeting.facility).',
    );
  c.coding(joinPath(p, 'encounterType'), m.encounterType, ENCOUNTER_TYPES);

  const fp = joinPath(p, 'facility');
  checkOrganization(c, fp, m.facility);
  if (m.facility.name === undefined)
    c.add(
      joinPath(fp, 'name'),
      'required',
      "Le nom de l'établissement où la RCP est organisée est obligatoire.",
      'The name of the facility organising the RCP is required.',
    );
  if (m.facility.address === undefined)
    c.add(
      joinPath(fp, 'address'),
      'required',
      "L'adresse de l'établissement où la RCP est organisée est obligatoire.",
      'The address of the facility organising the RCP is required.',
    );
  // healthCareFacility carries only id, code and location (name, addr).
  for (const key of ['practiceSetting', 'telecoms'] as const)
    if (m.facility[key] !== undefined)
      c.add(
        joinPath(fp, key),
        'frcp.unused',
        "Ce champ n'a pas de place dans l'établissement de la RCP (identifiant, nom et adresse seulement) : renseignez-le sur l'organisation du coordonnateur.",
        "This field has no place in the RCP facility (id, name and address only): give it on the coordinator's organisation.",
      );

  // documentationOf[2]: topography of the primary tumour, by default that of the first tumour.
  if ((m.primaryTumourTopography as CodedOrText | undefined) === undefined && input.tumours[0])
    m.primaryTumourTopography = structuredClone(input.tumours[0].topography);
  c.codedOrText(joinPath(p, 'primaryTumourTopography'), m.primaryTumourTopography, PRIMARY_TOPOGRAPHIES);

  const coordinator = joinPath(joinPath(p, 'coordinator'), 'professional');
  checkActor(c, coordinator, m.coordinator.professional);
  requirePracticeSetting(c, coordinator, m.coordinator.professional);
  checkActor(c, joinPath(p, 'requester'), m.requester);
  checkActor(c, joinPath(p, 'presenter'), m.presenter);
  checkActor(c, joinPath(joinPath(p, 'generalPractitioner'), 'professional'), m.generalPractitioner.professional);
  m.quorumMembers.forEach((member, i) => {
    const mp = joinPath(joinPath(p, 'quorumMembers'), i);
    checkActor(c, mp, member);
    if (!member.profession)
      c.add(
        joinPath(mp, 'profession'),
        'required',
        'La spécialité (J01) de chaque membre du quorum est obligatoire : elle prouve le quorum.',
        'The specialty (J01) of every quorum member is required: it proves the quorum.',
      );
  });
  m.otherAttendees?.forEach((a, i) => {
    const ap = joinPath(joinPath(p, 'otherAttendees'), i);
    checkActor(c, ap, a);
    if (a.name === undefined && a.organization === undefined)
      c.add(
        ap,
        'required',
        'Un participant hors quorum a au moins un nom ou une organisation.',
        'A participant outside the quorum needs at least a name or an organisation.',
      );
  });
  m.correspondents?.forEach((a, i) => checkActor(c, joinPath(joinPath(p, 'correspondents'), i), a));
}

function checkDiscussion(c: Checker, input: FrcpDocument): void {
  const d = input.discussion;
  const p = 'discussion';
  c.coding(joinPath(p, 'apparatus'), d.apparatus, APPARATUSES);
  d.organs?.forEach((o, i) => c.coding(joinPath(joinPath(p, 'organs'), i), o, ORGANS));
  c.coding(joinPath(p, 'careType'), d.careType, CARE_TYPES);
  if (d.nature === 'ORG-117') {
    if (!d.apparatus)
      c.add(
        joinPath(p, 'apparatus'),
        'required',
        "Pour une RCP Appareil - Organes (ORG-117), l'appareil concerné est obligatoire.",
        'For an organ-based RCP (ORG-117), the apparatus is required.',
      );
    if (!d.organs || d.organs.length === 0)
      c.add(
        joinPath(p, 'organs'),
        'required',
        'Pour une RCP Appareil - Organes (ORG-117), au moins un organe est obligatoire.',
        'For an organ-based RCP (ORG-117), at least one organ is required.',
      );
    if (d.careType)
      c.add(
        joinPath(p, 'careType'),
        'frcp.nature',
        'Le traitement / soin ne se renseigne que pour une RCP Transversale (ORG-132).',
        'The treatment / care type is only given for a cross-cutting RCP (ORG-132).',
      );
  } else {
    if (!d.careType)
      c.add(
        joinPath(p, 'careType'),
        'required',
        'Pour une RCP Transversale et de soins de support (ORG-132), le traitement / soin est obligatoire.',
        'For a cross-cutting and supportive-care RCP (ORG-132), the treatment / care type is required.',
      );
    if (d.apparatus)
      c.add(
        joinPath(p, 'apparatus'),
        'frcp.nature',
        "L'appareil ne se renseigne que pour une RCP Appareil - Organes (ORG-117).",
        'The apparatus is only given for an organ-based RCP (ORG-117).',
      );
    if (d.organs)
      c.add(
        joinPath(p, 'organs'),
        'frcp.nature',
        'Les organes ne se renseignent que pour une RCP Appareil - Organes (ORG-117).',
        'Organs are only given for an organ-based RCP (ORG-117).',
      );
  }
  c.date(joinPath(joinPath(p, 'reason'), 'date'), d.reason.date);
}

/**
 * `sampler`: how the report carries its sampler — none (CRO), participantRole (CR-ACP: the
 * organisation reduces to scopingEntity id + desc) or a full performer (CR-GM).
 */
function checkReport(c: Checker, path: string, r: ReportConclusion | undefined, sampler: 'none' | 'participant' | 'performer'): void {
  if (!r) return;
  checkActor(c, joinPath(path, 'transcribedBy'), r.transcribedBy);
  checkActor(c, joinPath(path, 'performer'), r.performer);
  if (r.originalAuthor) {
    checkActor(c, joinPath(joinPath(path, 'originalAuthor'), 'professional'), r.originalAuthor.professional);
    c.date(joinPath(joinPath(path, 'originalAuthor'), 'time'), r.originalAuthor.time);
  }
  c.period(joinPath(path, 'period'), r.period);
  c.date(joinPath(path, 'samplingDate'), r.samplingDate);
  if (sampler === 'none') {
    for (const key of ['sampler', 'samplingDate'] as const)
      if (r[key] !== undefined)
        c.add(
          joinPath(path, key),
          'frcp.unused',
          "La conclusion d'un compte rendu opératoire ne comporte pas de prélèvement.",
          'An operative report conclusion has no sampling.',
        );
    return;
  }
  checkActor(c, joinPath(path, 'sampler'), r.sampler as Actor | undefined);
  // A pathology report's sampler organisation has only its id and name: the schema
  // (PathologySampler) says so, as the CDA's scopingEntity does.
  if (r.samplingDate !== undefined && r.sampler === undefined)
    c.add(
      joinPath(path, 'sampler'),
      'required',
      'La date de prélèvement se transmet avec le préleveur : renseignez-le.',
      'The sampling date is sent with the sampler: give the sampler.',
    );
}

/** Checks an FRCP input (deep copy, structurally valid) and fills its defaults. */
export function checkFrcp(c: Checker, input: FrcpDocument): void {
  checkHeader(c, input, `FRCP ${input.meeting.denomination}`);
  checkMeeting(c, input);
  checkDiscussion(c, input);
  c.date('discovery.date', input.discovery.date);
  checkTumours(c, 'tumours', input.tumours, { tnmRequired: true });

  input.medicalHistory?.forEach((h, i) => c.date(joinPath(joinPath('medicalHistory', i), 'date'), h.date));
  input.comorbidities?.forEach((h, i) => c.date(joinPath(joinPath('comorbidities', i), 'date'), h.date));

  const fs = input.functionalStatus;
  if (fs) {
    // The pain sub-section is mandatory (IHE) whenever F6 is present: "not assessed" by default.
    fs.pain ??= {};
    c.date('functionalStatus.pain.date', fs.pain.date);
    c.date('functionalStatus.whoPerformance.date', fs.whoPerformance?.date);
    c.date('functionalStatus.geriatricScreening.date', fs.geriatricScreening?.date);
  }
  input.examResults?.items.forEach((e, i) => c.date(joinPath(joinPath('examResults.items', i), 'date'), e.date));

  checkPhase(c, 'phase', input.phase);

  input.pastTreatments?.forEach((t, i) => {
    const tp = joinPath('pastTreatments', i);
    c.coding(joinPath(tp, 'type'), t.type, TREATMENT_TYPES);
    c.period(joinPath(tp, 'period'), t.period);
  });

  checkReport(c, 'surgeryReport', input.surgeryReport, 'none');
  checkReport(c, 'pathologyReport', input.pathologyReport, 'participant');
  input.molecularReports?.forEach((r, i) => checkReport(c, joinPath('molecularReports', i), r, 'performer'));

  c.coding('recordStatus.quorum', input.recordStatus.quorum, QUORUM_STATUSES);

  const proposal = input.proposal;
  // An FR-Rencontre cannot be negated: "no recourse RCP" / "no surveillance" is the absence
  // of the entry, i.e. the absence of the flag in the normalised model.
  if (proposal.recourseRcpRequested === false) delete proposal.recourseRcpRequested;
  if (proposal.surveillanceOnly === false) delete proposal.surveillanceOnly;
  proposal.examRequests?.forEach((e, i) => {
    const ep = joinPath('proposal.examRequests', i);
    c.date(joinPath(ep, 'earliest'), e.earliest);
    c.date(joinPath(ep, 'latest'), e.latest);
    order(c, joinPath(ep, 'latest'), e.earliest, e.latest, 'La date au plus tard précède la date au plus tôt.', 'The latest date is before the earliest date.');
  });
  proposal.treatments?.forEach((t, i) => {
    const tp = joinPath('proposal.treatments', i);
    c.coding(joinPath(tp, 'type'), t.type, TREATMENT_TYPES);
    c.period(joinPath(tp, 'period'), t.period);
  });

  const framework = input.framework;
  framework.guidelines?.forEach((g, i) => c.date(joinPath(joinPath('framework.guidelines', i), 'date'), g.date));
  if (input.discussion.reason.caseStatus === 'ORG-128' && (framework.guidelines ?? []).length === 0)
    c.add(
      'framework.guidelines',
      'required',
      'Cas enregistré (ORG-128) : indiquez le référentiel de pratique clinique (nom et version) sur lequel repose la proposition.',
      'Registered case (ORG-128): give the clinical practice guideline (name and version) the proposal relies on.',
    );

  const status = input.status;
  status.status ??= conceptCoding(DOCUMENT_STATUSES, FRCP_DEFAULT_STATUS);
  c.coding('status.status', status.status, DOCUMENT_STATUSES);
  status.date ??= input.document!.effectiveTime;
  c.date('status.date', status.date);
  checkFrcpPlausibility(c, input);
}
