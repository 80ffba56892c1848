// Module loaded in the probe page by testing.browser-test.ts: a global marker (lost on reload)
// and a sessionStorage-free, origin-wide localStorage entry (kept on reload).
type Realm = { __dccProbeMarker?: number };

export function markRealm(key: string): { href: string; marker: number } {
  const marker = 1 + Math.floor(Math.random() * 1_000_000);
  (globalThis as Realm).__dccProbeMarker = marker;
  localStorage.setItem(key, String(marker));
  return { href: location.href, marker };
}

export function readRealm(key: string): { href: string; marker: number; stored: string | null } {
  const stored = localStorage.getItem(key);
  localStorage.removeItem(key);
  return { href: location.href, marker: (globalThis as Realm).__dccProbeMarker ?? 0, stored };
}
