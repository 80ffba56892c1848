// Keyboard-only fill of a full Fiche RCP: the patient, author and custodian come from
// <dcc-provider>, every other field of a realistic example of @dcc-kit/cda (04: cross-
// disciplinary board, relapse, quorum of five) is typed with Tab, text, arrows, Space and
// Enter; the document submitted with the keyboard passes the xsd and CANCER-FRCP layers.
// Example 04 keeps the run around two minutes on a shared 2-core CI; example 01 (937 fields)
// passes too in about 4 minutes (12,142 keys, measured once by replacing EXAMPLE below).
import '@dcc-kit/elements/testing/mocha-globals.js';
import { expectKeyboardFillSubmits } from '@dcc-kit/elements/testing';
import '@dcc-kit/elements/define/dcc-provider.js';
import './rcp-form.js';

const EXAMPLE = '04-transversale-metastase-osseuse-rein-rechute.json';

describe('<rcp-form> keyboard only', () => {
  it('fills a full FRCP with the keyboard and submits a conformant document', async function () {
    this.timeout(600_000);
    await expectKeyboardFillSubmits('rcp-form', 'frcp', EXAMPLE);
  });
});
