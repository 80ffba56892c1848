// The one formatting of instants shown to a clinician: the wall-clock time of Paris (a French
// clinician reads the hospital's clock, whatever the workstation's time zone), in the UI's language.

export const PARIS_TIME_ZONE = 'Europe/Paris';

/**
 * An instant (ISO text with an offset or `Z`, epoch milliseconds or a Date) as Paris date and
 * time: « 2 mars 2026 à 14:30 » (fr), "2 March 2026 at 14:30" (en). `style: 'short'` gives
 * « 02/03/2026 14:30 ». Text that is not an instant is returned as it is.
 */
export function formatParisDateTime(instant: string | number | Date, lang: 'fr' | 'en' = 'fr', style: 'long' | 'short' = 'long'): string {
  const date = instant instanceof Date ? instant : new Date(instant);
  if (Number.isNaN(date.getTime())) return String(instant);
  return new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: style, timeStyle: 'short', timeZone: PARIS_TIME_ZONE }).format(date);
}
