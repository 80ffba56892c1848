// What <dmp-status> shows, as pure functions of the API's resources: the feeding verdict of a
// patient (DMP status + identity), one row per document version with its DMP and MSSanté
// submissions, the DMPi labels of a row (EX_3.1-1080), which rows the display options show
// (EX_3.1-1030) and which actions a row's state allows. No DOM, no I/O: the element renders
// these and the tests check them.
import type {
  DmpPatientStatus,
  Document,
  IdentityStatus,
  Patient,
  ServerSentEvent,
  Submission,
  SubmissionEvent,
  SubmissionList,
  VersionSummary,
  VisibilityChange,
  VisibilityFlag,
} from '@dcc-kit/sdk';

/** An answer of the SDK: only `data` is read. */
export interface DataResponse<T> {
  readonly data: T;
}

/**
 * The part of an `@dcc-kit/sdk` client (`createDccClient`) the element calls. Typed
 * structurally so that a test double or a host's own wrapper works too.
 */
export interface DmpStatusClient {
  readonly patients: { get(id: string, opts?: { signal?: AbortSignal }): Promise<DataResponse<Patient>> };
  readonly documents: {
    list(query: { patientId?: string }, opts?: { signal?: AbortSignal }): AsyncIterable<Document>;
    listVersions(id: string, query?: object, opts?: { signal?: AbortSignal }): AsyncIterable<VersionSummary>;
  };
  readonly submissions: {
    forVersion(id: string, n: number, opts?: { signal?: AbortSignal }): Promise<DataResponse<SubmissionList>>;
    retry(submissionId: string): Promise<DataResponse<Submission>>;
    patientDmpStatus(patientId: string, opts?: { signal?: AbortSignal }): Promise<DataResponse<DmpPatientStatus>>;
    changeVisibility(id: string, n: number, body: VisibilityChange): Promise<DataResponse<Submission>>;
    archive(id: string, n: number): Promise<DataResponse<Submission>>;
    unarchive(id: string, n: number): Promise<DataResponse<Submission>>;
    delete(id: string, n: number): Promise<DataResponse<Submission>>;
    events(follow: { lastEventId?: string | number; signal?: AbortSignal }): AsyncIterable<ServerSentEvent<SubmissionEvent>>;
  };
}

/** True when `value` has the calls of a `DmpStatusClient` (the context's client may be any SDK-like object). */
export function isDmpStatusClient(value: unknown): value is DmpStatusClient {
  const v = value as Partial<DmpStatusClient> | undefined;
  return !!v && typeof v.submissions?.patientDmpStatus === 'function' && typeof v.documents?.list === 'function';
}

/** Every action of the element. */
export const DMP_STATUS_ACTIONS = [
  'retry',
  'mask',
  'unmask',
  'visibleToPatient',
  'visibleToLegalRepresentatives',
  'archive',
  'unarchive',
  'delete',
] as const;
export type DmpStatusAction = (typeof DMP_STATUS_ACTIONS)[number];

/** Actions that cannot be undone: asked again in a confirmation dialog (EX_3.3-1045, deletion). */
export const CONFIRMED_ACTIONS: ReadonlySet<DmpStatusAction> = new Set(['visibleToPatient', 'visibleToLegalRepresentatives', 'delete']);

/** One version of a PPS or Fiche RCP with its submissions. */
export interface VersionRow {
  readonly document: Document;
  readonly version: VersionSummary;
  readonly dmp: Submission | undefined;
  readonly mss: readonly Submission[];
}

/** Keys of the DMPi labels of EX_3.1-1080 (plus `deleted` and `superseded`, see the README). */
export type RowLabel =
  | 'MASQUE_PS'
  | 'INVISIBLE_PATIENT'
  | 'INVISIBLE_REPRESENTANTS_LEGAUX'
  | 'archived'
  | 'deprecated'
  | 'deleted'
  | 'superseded';

export const rowKey = (documentId: string, versionNumber: number): string => `${documentId}#${versionNumber}`;

/** The DMP availability status of an accepted entry (`Approved` until the DMP says otherwise). */
export function dmpEntryStatus(sub: Submission | undefined): 'Approved' | 'Archived' | 'Deprecated' | 'Deleted' | undefined {
  if (!sub || sub.state !== 'accepted') return undefined;
  const status = sub.dmp?.status;
  return status === 'Archived' || status === 'Deprecated' || status === 'Deleted' ? status : 'Approved';
}

/**
 * An old version: the DMP deprecated it (replaced), or the document has a newer version on the
 * platform. [I] A refused or never-sent version 1 under a version 2 is an old version too.
 */
export function isOldVersion(row: VersionRow): boolean {
  return dmpEntryStatus(row.dmp) === 'Deprecated' || row.version.number < row.document.currentVersion;
}

/** The labels of a row, in the order EX_3.1-1080 lists them. */
export function rowLabels(row: VersionRow): RowLabel[] {
  const labels: RowLabel[] = [];
  const status = dmpEntryStatus(row.dmp);
  if (status) for (const flag of ['MASQUE_PS', 'INVISIBLE_PATIENT', 'INVISIBLE_REPRESENTANTS_LEGAUX'] as const) if (row.dmp!.visibility.includes(flag)) labels.push(flag);
  if (status === 'Archived') labels.push('archived');
  if (status === 'Deprecated') labels.push('deprecated');
  else if (row.version.number < row.document.currentVersion) labels.push('superseded');
  if (status === 'Deleted') labels.push('deleted');
  return labels;
}

/** The EX_3.2-1025 alert: an entry in the DMP the patient cannot read. */
export function invisibleToPatient(row: VersionRow): boolean {
  const status = dmpEntryStatus(row.dmp);
  return (status === 'Approved' || status === 'Archived') && row.dmp!.visibility.includes('INVISIBLE_PATIENT');
}

export interface DisplayOptions {
  readonly showArchived: boolean;
  readonly showOld: boolean;
}

/**
 * EX_3.1-1030: approved documents by default; archived entries with « afficher les documents
 * archivés »; old versions (deprecated, superseded, deleted) with « anciennes versions ».
 */
export function isShown(row: VersionRow, options: DisplayOptions): boolean {
  const status = dmpEntryStatus(row.dmp);
  if (status === 'Archived' && !options.showArchived) return false;
  if ((status === 'Deleted' || isOldVersion(row)) && !options.showOld) return false;
  return true;
}

/** The actions a row's state allows (before the host's `allowedActions` filter). */
export function availableActions(row: VersionRow): { action: DmpStatusAction; submission: Submission }[] {
  const out: { action: DmpStatusAction; submission: Submission }[] = [];
  for (const sub of [row.dmp, ...row.mss]) if (sub?.state === 'parked') out.push({ action: 'retry', submission: sub });
  const dmp = row.dmp;
  const status = dmpEntryStatus(dmp);
  if (!dmp || (status !== 'Approved' && status !== 'Archived')) return out;
  const flags = new Set<VisibilityFlag>(dmp.visibility);
  // EX_2.1-1050: never both MASQUE_PS and INVISIBLE_PATIENT, so masking waits for the patient to see it.
  if (flags.has('MASQUE_PS')) out.push({ action: 'unmask', submission: dmp });
  else if (!flags.has('INVISIBLE_PATIENT')) out.push({ action: 'mask', submission: dmp });
  if (flags.has('INVISIBLE_PATIENT')) out.push({ action: 'visibleToPatient', submission: dmp });
  if (flags.has('INVISIBLE_REPRESENTANTS_LEGAUX')) out.push({ action: 'visibleToLegalRepresentatives', submission: dmp });
  out.push({ action: status === 'Approved' ? 'archive' : 'unarchive', submission: dmp });
  // EX_3.3-1060: deletion is always possible on an entry still in the DMP.
  out.push({ action: 'delete', submission: dmp });
  return out;
}

/** Why a patient's documents cannot feed the DMP (empty: they can). */
export type FeedBlocker = 'closed' | 'none' | 'blocked' | 'identity' | 'other';

export function feedBlockers(dmp: DmpPatientStatus | undefined, identity: IdentityStatus | undefined): FeedBlocker[] {
  const why: FeedBlocker[] = [];
  if (identity !== undefined && identity !== 'qualified') why.push('identity');
  if (dmp) {
    if (dmp.dmp === 'closed') why.push('closed');
    else if (dmp.dmp === 'none') why.push('none');
    else if (dmp.authorisation === 'INTERDIT') why.push('blocked');
    else if (!dmp.canFeed) why.push('other');
  }
  return why;
}

/** Splits a version's submissions by channel (the newest DMP row wins when there are several). */
export function splitSubmissions(items: readonly Submission[]): { dmp: Submission | undefined; mss: Submission[] } {
  let dmp: Submission | undefined;
  const mss: Submission[] = [];
  for (const sub of items) {
    if (sub.channel === 'dmp') {
      if (!dmp || sub.seq > dmp.seq) dmp = sub;
    } else mss.push(sub);
  }
  return { dmp, mss };
}

/** Sort: newest document first, then newest version first. */
export function compareRows(a: VersionRow, b: VersionRow): number {
  if (a.document.id !== b.document.id) return b.document.updatedAt.localeCompare(a.document.updatedAt) || a.document.id.localeCompare(b.document.id);
  return b.version.number - a.version.number;
}

/** HH:MM in Europe/Paris (the time a French clinician reads on the wall). */
export function parisTime(iso: string, locale: 'fr' | 'en'): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Europe/Paris' }).format(date);
}
