// What the form editors of the volets (<pps-editor>, <rcp-form>) know about the CDA header and
// that @dcc-kit/elements, a generic form engine, must not: the rows of the read-only summary of
// a header part given by the host, and the time a loaded document was made. Types only from the
// model: nothing here pulls the builders or the validators into an editor's eager bundle.
import type { Custodian, DocumentAuthor, PatientIdentity } from '../core.js';

/** The texts a summary row needs, given by the editor (catalogue labels, localized dates). */
export interface HeaderSummaryTexts {
  labelOf(path: string[]): string;
  optionLabel(path: string[], code: string): string;
  date(value: string): string;
}

/** `[label, value]` rows of the read-only summary of a header part (`patient`, `author`, `custodian`). */
export function headerSummaryRows(key: string, value: unknown, texts: HeaderSummaryTexts): [string, string][] {
  const { labelOf } = texts;
  const rows: [string, string][] = [];
  const str = (x: unknown) => (typeof x === 'string' ? x : undefined);
  if (key === 'patient') {
    const p = value as PatientIdentity;
    rows.push([labelOf(['patient', 'birthFamilyName']), p.birthFamilyName]);
    if (p.usedFamilyName) rows.push([labelOf(['patient', 'usedFamilyName']), p.usedFamilyName]);
    rows.push([labelOf(['patient', 'birthGivenNames']), p.birthGivenNames]);
    rows.push([labelOf(['patient', 'gender']), texts.optionLabel(['patient', 'gender'], p.gender)]);
    rows.push([labelOf(['patient', 'birthDate']), texts.date(p.birthDate)]);
    if (p.ins) rows.push([labelOf(['patient', 'ins']), `${p.ins.kind} ${p.ins.value}`]);
  } else if (key === 'author') {
    const a = value as DocumentAuthor;
    const n = a.professional.name;
    rows.push([labelOf(['author', 'professional', 'name']), [n.given, n.family].filter(Boolean).join(' ')]);
    rows.push([labelOf(['author', 'professional', 'idNatPs']), a.professional.idNatPs]);
    const prof = a.professional.profession?.displayName ?? a.professional.profession?.code;
    if (prof) rows.push([labelOf(['author', 'professional', 'profession']), prof]);
    const org = a.professional.organization?.name;
    if (org) rows.push([labelOf(['author', 'professional', 'organization']), org]);
  } else if (key === 'custodian') {
    const c = value as Partial<Custodian> & Record<string, unknown>;
    if (str(c.name)) rows.push([labelOf(['custodian', 'name']), str(c.name)!]);
    if (str(c.idNatStruct)) rows.push([labelOf(['custodian', 'idNatStruct']), str(c.idNatStruct)!]);
  }
  return rows;
}

/**
 * When a document model was made (`document.effectiveTime`, ms since the epoch), or undefined:
 * a draft saved before the loaded document is older than it and is not restored.
 */
export function documentMadeAt(model: unknown): number | undefined {
  const document = (model as { document?: { effectiveTime?: unknown } } | null)?.document;
  const time = Date.parse(String(document?.effectiveTime ?? ''));
  return Number.isNaN(time) ? undefined : time;
}
