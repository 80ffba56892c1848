// The host page of tests/print-view.test.mjs: a <pps-editor> in preview inside a page that has
// its own header, navigation and footer, prepared for printing as « Imprimer » does.
/* global document */
import '@dcc-kit/pps-editor/pps-editor.js';
import { preparePrint } from '@dcc-kit/elements';
import example from '@dcc-kit/cda/examples/pps/01-sein-gauche-fec-docetaxel-radiotherapie.json';

const editor = document.createElement('pps-editor');
editor.value = example;
editor.mode = 'preview';
document.getElementById('slot').append(editor);
await editor.previewComplete;
await editor.updateComplete;
preparePrint(editor);
globalThis.printViewReady = true;
