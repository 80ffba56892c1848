// Damaged documents: whatever element or attribute is removed from a valid PPS/FRCP, the parser
// either reads it or throws a CdaParseError with a location — never a TypeError.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { create } from 'xmlbuilder2';
import { buildWithModel } from '../api.js';
import { basePps } from '../testing/fixtures.js';
import { CdaParseError, parseCda } from './index.js';

const context = () => {
  let n = 0;
  return { now: () => new Date('2026-01-15T09:00:00Z'), newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}` };
};

interface Node {
  nodeType: number;
  parentNode: Node | null;
  firstChild: Node | null;
  nextSibling: Node | null;
  attributes?: { length: number; item(i: number): { name: string } | null };
  removeChild(n: Node): void;
  removeAttribute(name: string): void;
}

function elements(root: Node): Node[] {
  const out: Node[] = [];
  const walk = (n: Node) => {
    for (let c = n.firstChild; c; c = c.nextSibling)
      if (c.nodeType === 1) {
        out.push(c);
        walk(c);
      }
  };
  walk(root);
  return out;
}

/** The document without its n-th element (or without one attribute of it). */
function damaged(xml: string, index: number, attribute: boolean): string {
  const doc = create(xml);
  const all = elements(doc.root().node as unknown as Node);
  const target = all[index % all.length]!;
  const attrs = target.attributes;
  if (attribute && attrs && attrs.length > 0) target.removeAttribute(attrs.item(index % attrs.length)!.name);
  else target.parentNode!.removeChild(target);
  return doc.end({ headless: true });
}

function parsesOrFailsCleanly(xml: string): void {
  try {
    parseCda(xml);
  } catch (e) {
    if (!(e instanceof CdaParseError)) throw e;
    assert.ok(e.location.startsWith('/'), `location of ${e.message}`);
  }
}

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const frcpDir = join(packageDir, 'examples', 'frcp');
const frcpInput = existsSync(frcpDir) ? readdirSync(frcpDir).filter((f) => f.endsWith('.json')).sort()[0] : undefined;

describe('damaged documents', () => {
  const sources: Array<[string, string]> = [['PPS', buildWithModel('pps', basePps(), context()).xml]];
  if (frcpInput) sources.push(['FRCP', buildWithModel('frcp', JSON.parse(readFileSync(join(frcpDir, frcpInput), 'utf8')), context()).xml]);
  for (const [name, xml] of sources)
    test(`${name}: any element or attribute removed → a model or a CdaParseError`, () => {
      fc.assert(
        fc.property(fc.nat(), fc.boolean(), (index, attribute) => parsesOrFailsCleanly(damaged(xml, index, attribute))),
        { numRuns: 100 },
      );
    });
});
