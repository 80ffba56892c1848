// Keyboard-only fill of a full PPS: the patient, author and custodian come from
// <dcc-provider>, every other field of a realistic example of @dcc-kit/cda is typed with Tab,
// text, arrows, Space and Enter; the document submitted with the keyboard passes the xsd and
// CANCER-PPS layers. Example 12 (118 fields, 2,300 characters) keeps the run short on a shared
// 2-core CI; example 01 (921 fields, 15,000 characters) passes too but takes about 5 minutes
// (13,912 keys, measured once by replacing EXAMPLE below).
import '@dcc-kit/elements/testing/mocha-globals.js';
import { expectKeyboardFillSubmits } from '@dcc-kit/elements/testing';
import '@dcc-kit/elements/define/dcc-provider.js';
import './pps-editor.js';

const EXAMPLE = '12-lymphome-hodgkin-jeune-adulte-abvd.json';

describe('<pps-editor> keyboard only', () => {
  it('fills a full PPS with the keyboard and submits a conformant document', async function () {
    this.timeout(600_000);
    await expectKeyboardFillSubmits('pps-editor', 'pps', EXAMPLE);
  });
});
