// The demo page's real login, as the page-level tests drive it: « Se connecter » through the local
// Pro Santé Connect (Dr Lefort, the emulator's test user), back on the page, acting for the
// structure whose FINESS is given (ICO by default).
import { DR_LEFORT } from '@dcc-kit/psc-emulator';

/** Logs Dr Lefort in on the demo page at `url` and selects the activity of `finess`. */
export async function loginToDemo(page, url, { finess = '492805973', firstLoadTimeout = 60_000 } = {}) {
  await page.goto(`${url}/`);
  await page.waitForSelector('html[data-ready]', { timeout: firstLoadTimeout });
  await Promise.all([page.waitForNavigation({ timeout: 30_000 }), page.click('#login')]);
  await page.click(`input[value="${DR_LEFORT.userinfo.SubjectNameID}"]`);
  await Promise.all([page.waitForNavigation({ timeout: 30_000 }), page.click('button[type=submit]')]);
  await page.waitForSelector('html[data-ready]', { timeout: 30_000 });
  const activity = await page.$$eval('#activity option', (options, wanted) => options.find((o) => o.textContent.includes(wanted))?.value, finess);
  await page.select('#activity', activity);
}
