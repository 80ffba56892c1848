// The host page of tests/print-shortcut.test.mjs: a <pps-editor> showing its form inside a page
// with its own header, navigation and footer. `window.print` is replaced by a recorder (a real
// print dialog would block the test): the test prints the page to PDF in the state the dialog
// would have printed, then sends `afterprint` itself.
/* global document, window */
import '@dcc-kit/pps-editor/pps-editor.js';
import { routePagePrint } from '@dcc-kit/elements';
import example from '@dcc-kit/cda/examples/pps/01-sein-gauche-fec-docetaxel-radiotherapie.json';

const editor = document.createElement('pps-editor');
editor.value = example;
document.getElementById('slot').append(editor);
await editor.updateComplete;
await editor.renderComplete;

globalThis.printCalls = 0;
window.print = () => {
  globalThis.printCalls++;
};
// The last Ctrl+P event, read once dispatched: was the browser's print left to happen?
globalThis.lastPrintKey = undefined;
window.addEventListener('keydown', (event) => {
  if (event.key.toLowerCase() === 'p' && event.ctrlKey) globalThis.lastPrintKey = event;
});
globalThis.routePagePrint = () => (globalThis.unroute = routePagePrint(() => editor));
globalThis.printViewReady = true;
