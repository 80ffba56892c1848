// The regional indicators (issue 14, TDB): PPS and Fiche RCP per month, establishment, 3C,
// volet and channel, as JSON or as the CSV of a regional report.
import { ref, str, obj, dateTime, authed, errors } from '../helpers.mjs';

export const tags = ['indicators'];

const MONTH = { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'A calendar month in France (Europe/Paris), YYYY-MM.' };
const count = (description) => ({ type: 'integer', minimum: 0, description });
const counts = {
  created: count('Documents created in the month (their first version saved).'),
  validated: count('Documents with a version validated (seven layers passed) for the first time in the month.'),
  signed: count('Documents with a version signed in the month.'),
  deposited: count('Documents with a version accepted by the DMP in the month.'),
  refused: count('Documents with a version refused by the DMP in the month.'),
  professionals: count('Distinct professionals who saved a version, validated, signed or submitted a document of the group in the month (not additive across groups).'),
};
const VOLET = { type: 'string', enum: ['pps', 'frcp'] };

export const schemas = {
  IndicatorRow: obj({
    month: MONTH,
    finess: str("The establishment: the custodian's FINESS, else the encounter facility's, else the author's structure id."),
    center3c: { type: ['string', 'null'], description: "The 3C: PPS, the coordination centre's IdNat_Struct; FRCP, the RCP manager's national id; null when the document names none." },
    volet: VOLET,
    channel: { type: 'string', enum: ['connector', 'editor'], description: 'connector: created through the API with a bearer token (an establishment’s system); editor: in the web editors’ session.' },
    ...counts,
  }),
  MonthTotals: obj({
    month: MONTH,
    volet: VOLET,
    ...counts,
    connector: count('Documents created through a connector in the month.'),
    editor: count('Documents created in the web editors in the month.'),
  }),
  IndicatorsReport: obj({
    period: obj({ from: MONTH, to: MONTH }),
    filters: obj({ finess: { type: 'string' }, center3c: { type: 'string' } }, []),
    generatedAt: dateTime('When the figures were computed.'),
    rows: { type: 'array', items: ref('IndicatorRow'), description: 'One per (month, finess, center3c, volet, channel) having data, sorted in that order.' },
    months: { type: 'array', items: ref('MonthTotals'), description: 'Every month of the period × volet, zeros included, over the filtered data.' },
    establishments: { type: 'array', items: obj({ finess: { type: 'string' }, name: { type: ['string', 'null'] } }), description: 'Establishments present in the data the caller may read (for the filter).' },
    centers3c: { type: 'array', items: obj({ id: { type: 'string' }, name: { type: ['string', 'null'] } }), description: '3C present in the data the caller may read (for the filter).' },
  }),
};

export const paths = {
  '/indicators': {
    get: authed({
      operationId: 'getIndicators',
      tags: ['indicators'],
      parameters: [
        { name: 'from', in: 'query', required: true, description: 'First month, YYYY-MM.', schema: MONTH },
        { name: 'to', in: 'query', required: true, description: 'Last month, YYYY-MM (from ≤ to, at most 36 months).', schema: MONTH },
        { name: 'finess', in: 'query', description: 'Only this establishment (FINESS, 9 characters).', schema: { type: 'string', pattern: '^(?:\\d{2}|2[AB])\\d{7}$' } },
        { name: 'center3c', in: 'query', description: 'Only this 3C.', schema: { type: 'string', maxLength: 100 } },
        { name: 'format', in: 'query', description: 'csv: the CSV (as with Accept: text/csv); json (default).', schema: { type: 'string', enum: ['json', 'csv'] } },
      ],
      description:
        'The regional indicators of PPS and Fiche RCP computed from the stored documents and their DMP states: created, validated, signed, deposited, refused and distinct professionals per month (Europe/Paris), establishment, 3C, volet and channel. ' +
        'A professional reads the documents of the structures they act for; the regional readers (DCC_INDICATORS_READERS) read every establishment. ' +
        'With format=csv or Accept: text/csv: UTF-8 with BOM, `;` separator, CRLF, the header row of the package README, as an attachment named indicateurs-dcc-<from>-<to>.csv.',
      responses: {
        200: {
          description: 'The figures (JSON), or the CSV of a regional report.',
          headers: {
            'X-Request-Id': { $ref: '#/components/headers/X-Request-Id' },
            'Content-Disposition': { description: 'CSV only: attachment; filename="indicateurs-dcc-<from>-<to>.csv".', schema: { type: 'string' } },
          },
          content: {
            'application/json': { schema: ref('IndicatorsReport') },
            'text/csv': { schema: { type: 'string' } },
          },
        },
        ...errors(400, 401),
      },
    }),
  },
};
