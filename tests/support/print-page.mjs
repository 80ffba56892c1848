// What the print tests share: a host page of tests/print/ served by Vite and opened in Debian's
// Chromium (puppeteer-core), and the text of a PDF read back with pdfjs-dist.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './chromium.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export { CHROMIUM, skipWithoutChromium } from './chromium.mjs';

/**
 * Serves tests/print/ and opens `file` in Chromium; resolves once the page set
 * `globalThis.printViewReady`. `close()` ends the browser and the server.
 */
export async function openPrintPage(file) {
  const vite = await import('vite');
  const server = await vite.createServer({
    configFile: false,
    root: join(root, 'tests', 'print'),
    logLevel: 'error',
    server: { host: '127.0.0.1', port: 0, strictPort: false, fs: { allow: [root] } },
  });
  await server.listen();
  const url = new URL(file, server.resolvedUrls.local[0]).href;
  console.log(`# print test page: ${url}`);
  const browser = await launchChromium();
  const close = async () => {
    await browser.close();
    await server.close();
  };
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(url, { waitUntil: 'load' });
  try {
    await page.waitForFunction(() => globalThis.printViewReady === true, { timeout: 120_000, polling: 100 });
  } catch (error) {
    await close();
    throw new Error(`${file} not ready (${problems.join(' | ')})`, { cause: error });
  }
  return { page, close };
}

/** Text of each page of a PDF, lines joined by spaces. */
export async function pdfPages(bytes) {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const pdf = await pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: true, isEvalSupported: false }).promise;
  const pages = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? ' ' : '') : '')).join('').replace(/\s+/g, ' '));
  }
  await pdf.destroy();
  return pages;
}
