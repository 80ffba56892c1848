/** Kit-relative path arithmetic ('/'-separated, no leading slash), identical in Node and browsers. */

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/**
 * Resolves `relative` against the kit folder `base`. Returns undefined when the result
 * would leave the kit (e.g. a codeSystem attribute crafted as `../../..`): such a resource
 * simply does not exist for the engine.
 */
export function resolveKitPath(base: string, relative: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(relative) || relative.startsWith('/')) return undefined;
  const segments = base ? base.split('/') : [];
  for (const part of relative.split(/[\\/]/)) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (segments.length === 0) return undefined;
      segments.pop();
    } else segments.push(part);
  }
  return segments.join('/');
}

/** Like resolveKitPath, but a path leaving the kit is an error (for include hrefs). */
export function joinKitPath(base: string, relative: string): string {
  const resolved = resolveKitPath(base, relative);
  if (resolved === undefined) throw new Error(`"${relative}" (relative to "${base || '.'}") points outside the kit`);
  return resolved;
}
