// The regional indicators (issue 14, TDB): the query's rules (period of at most 36 months,
// FINESS and 3C filters), who may read which establishments' figures, and the report: every
// group with data, and every month × volet of the period with zeros included.
import { issue, problems, type ProblemIssue } from '../http.js';
import { monthsBetween, type IndicatorCounts, type IndicatorGroupRow, type IndicatorMonthRow, type IndicatorsRepository } from '../store/indicators-repository.js';
import type { DocumentType } from '../store/records.js';

export const MAX_INDICATOR_MONTHS = 36;
const VOLETS: readonly DocumentType[] = ['pps', 'frcp'];

export interface IndicatorsQuery {
  from: string;
  to: string;
  finess?: string;
  center3c?: string;
}

export interface IndicatorsReport {
  period: { from: string; to: string };
  filters: { finess?: string; center3c?: string };
  generatedAt: string;
  rows: IndicatorGroupRow[];
  months: IndicatorMonthRow[];
  establishments: Array<{ finess: string; name: string | null }>;
  centers3c: Array<{ id: string; name: string | null }>;
}

/** Who reads: the professional and the structures they act for (their PSC activities). */
export interface IndicatorsReader {
  idNatPs: string;
  structures: readonly string[];
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
// FINESS: 9 characters, the department first (2 digits, or 2A/2B for Corsica).
const FINESS = /^(?:\d{2}|2[AB])\d{7}$/;
// A 3C identifier: the 3C's IdNat_Struct (PPS) or its national RCP-manager id (FRCP).
const CENTER_3C = /^[0-9A-Za-z.\-_^]{1,100}$/;

const monthIndex = (m: string): number => {
  const [, y, mm] = MONTH.exec(m) as RegExpExecArray;
  return Number(y) * 12 + Number(mm) - 1;
};
export { monthsBetween };

/** The query string → a checked query; a 400 problem naming each bad parameter. */
export function parseIndicatorsQuery(params: URLSearchParams): IndicatorsQuery {
  const bad: ProblemIssue[] = [];
  const single = (name: string): string | undefined => {
    const all = params.getAll(name);
    if (all.length > 1) bad.push(issue(name, 'duplicate', `Paramètre ${name} répété.`, `Parameter ${name} is repeated.`));
    return all[0] === '' ? undefined : all[0];
  };
  const from = single('from');
  const to = single('to');
  const finess = single('finess');
  const center3c = single('center3c');
  for (const [name, value] of [['from', from], ['to', to]] as const) {
    if (value === undefined) bad.push(issue(name, 'required', `${name} est requis (AAAA-MM).`, `${name} is required (YYYY-MM).`));
    else if (!MONTH.test(value)) bad.push(issue(name, 'format', `${name} : un mois AAAA-MM.`, `${name}: a month, YYYY-MM.`));
  }
  if (from && to && MONTH.test(from) && MONTH.test(to)) {
    const span = monthIndex(to) - monthIndex(from) + 1;
    if (span < 1) bad.push(issue('to', 'range', 'to doit suivre ou égaler from.', 'to must not be before from.'));
    else if (span > MAX_INDICATOR_MONTHS)
      bad.push(issue('to', 'range', `Au plus ${MAX_INDICATOR_MONTHS} mois.`, `At most ${MAX_INDICATOR_MONTHS} months from from to to.`));
  }
  if (finess !== undefined && !FINESS.test(finess)) bad.push(issue('finess', 'format', 'FINESS : 9 caractères.', 'finess: a FINESS number, 9 characters.'));
  if (center3c !== undefined && !CENTER_3C.test(center3c)) bad.push(issue('center3c', 'format', 'Identifiant de 3C invalide.', 'center3c: an identifier (letters, digits, . - _ ^).'));
  const format = single('format');
  if (format !== undefined && format !== 'json' && format !== 'csv') bad.push(issue('format', 'enum', 'format : json ou csv.', 'format: json or csv.'));
  if (bad.length) throw problems.badRequest('Invalid query.', bad);
  return { from: from as string, to: to as string, ...(finess ? { finess } : {}), ...(center3c ? { center3c } : {}) };
}

const ZERO: IndicatorCounts = { created: 0, validated: 0, signed: 0, deposited: 0, refused: 0, professionals: 0 };
const byText = (a: string | null, b: string | null): number => (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1);

export class IndicatorsService {
  /**
   * `regionalReaders`: IdNat_PS of the professionals who read every establishment's figures
   * (the regional cancer network's or the ARS's staff; DCC_INDICATORS_READERS). Anyone else
   * reads the figures of the documents of the structures they act for.
   */
  constructor(
    private readonly repository: IndicatorsRepository,
    private readonly regionalReaders: ReadonlySet<string>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async report(query: IndicatorsQuery, reader: IndicatorsReader): Promise<IndicatorsReport> {
    const regional = this.regionalReaders.has(reader.idNatPs);
    const figures = await this.repository.figures({
      from: query.from,
      to: query.to,
      ...(regional ? {} : { structures: reader.structures }),
      ...(query.finess ? { finess: query.finess } : {}),
      ...(query.center3c ? { center3c: query.center3c } : {}),
    });
    const rows = [...figures.rows].sort(
      (a, b) =>
        byText(a.month, b.month) || byText(a.finess, b.finess) || byText(a.center3c, b.center3c) || byText(a.volet, b.volet) || byText(a.channel, b.channel),
    );
    const totals = new Map(figures.months.map((m) => [`${m.month}|${m.volet}`, m]));
    const months = monthsBetween(query.from, query.to).flatMap((month) =>
      VOLETS.map((volet) => totals.get(`${month}|${volet}`) ?? { month, volet, ...ZERO, connector: 0, editor: 0 }),
    );
    return {
      period: { from: query.from, to: query.to },
      filters: { ...(query.finess ? { finess: query.finess } : {}), ...(query.center3c ? { center3c: query.center3c } : {}) },
      generatedAt: this.now().toISOString(),
      rows,
      months,
      establishments: figures.establishments,
      centers3c: figures.centers3c,
    };
  }
}
