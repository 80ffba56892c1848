import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createFsLoader } from '../node/fs-loader.js';
import { resolveKitDir } from '../node/kit-dir.js';
import { loadCompiledSchema } from '../schema-cache.js';
import { MatchPlanner, type MatchStep } from './match-plan.js';
import type { CompiledSchema } from './model.js';
import { StoredPlans } from './plan-store.js';
import { RulePlanner } from './rule-plan.js';
import type { CompiledXPathStore } from './xpath-store.js';

function memoryStore(): CompiledXPathStore & { readonly files: Map<string, string> } {
  const files = new Map<string, string>();
  return {
    files,
    read: async (key) => files.get(key),
    write: async (key, text) => void files.set(key, text),
  };
}

/** A step and its ancestors' expressions, root first. */
const chainOf = (step: MatchStep | undefined): string[] => (step ? [...chainOf(step.parent), `${step.expr}${step.identity ? ' (identity)' : ''}${step.document ? ' (document)' : ''}`] : []);

/** Every rule's plan and every branch's steps, as a planner pair makes them. */
function planAll(schema: CompiledSchema, rules: RulePlanner, match: MatchPlanner): unknown[] {
  return schema.patterns.flatMap((pattern) => pattern.rules.map((rule) => ({ plan: rules.plan(rule), leaves: rule.match.map((branch) => chainOf(match.leaf(branch))) })));
}

describe('StoredPlans', () => {
  const key = 'schematrons/profils/IHE.sch';
  let schema: CompiledSchema;

  it("gives planners that make exactly the plans of the kit's IHE layer without analysing its text again", async () => {
    schema = await loadCompiledSchema(createFsLoader(resolveKitDir()), key, undefined);
    const store = memoryStore();
    const options = { store, version: 'v1' };
    const first = await StoredPlans.open(options, key, schema.namespaces);
    assert.equal(first.rules, undefined);
    const fresh = { rules: new RulePlanner(schema.namespaces, first.rules), match: new MatchPlanner(schema.namespaces, first.match) };
    const expected = planAll(schema, fresh.rules, fresh.match);
    assert.ok(fresh.rules.analysed > 0 && fresh.match.analysed > 0);
    await first.save(fresh.rules, fresh.match);
    assert.deepEqual([...store.files.keys()], [`plans-1-${key}`]);

    const later = await StoredPlans.open(options, key, schema.namespaces);
    assert.ok(later.rules && later.match);
    const stored = { rules: new RulePlanner(schema.namespaces, later.rules), match: new MatchPlanner(schema.namespaces, later.match) };
    assert.deepEqual(planAll(schema, stored.rules, stored.match), expected);
    assert.equal(stored.rules.analysed, 0);
    assert.equal(stored.match.analysed, 0);
    // Nothing new learnt: nothing written.
    store.files.clear();
    await later.save(stored.rules, stored.match);
    assert.equal(store.files.size, 0);
  });

  it('ignores a file of other planner code, other namespaces, another format or damaged, and plans from the text', async () => {
    const store = memoryStore();
    const made = await StoredPlans.open({ store, version: 'v1' }, key, schema.namespaces);
    const planners = { rules: new RulePlanner(schema.namespaces), match: new MatchPlanner(schema.namespaces) };
    planAll(schema, planners.rules, planners.match);
    await made.save(planners.rules, planners.match);
    assert.equal((await StoredPlans.open({ store, version: 'v2' }, key, schema.namespaces)).rules, undefined, 'other planner code');
    assert.equal((await StoredPlans.open({ store, version: 'v1' }, key, { ...schema.namespaces, extra: 'urn:x' })).rules, undefined, 'other namespaces');
    const text = store.files.get(`plans-1-${key}`) as string;
    store.files.set(`plans-1-${key}`, text.slice(0, text.length / 2));
    assert.equal((await StoredPlans.open({ store, version: 'v1' }, key, schema.namespaces)).rules, undefined, 'damaged');
    store.files.set(`plans-1-${key}`, JSON.stringify({ ...JSON.parse(text), rules: { variables: [] } }));
    assert.equal((await StoredPlans.open({ store, version: 'v1' }, key, schema.namespaces)).match, undefined, 'not a memo');
    const failing: CompiledXPathStore = { read: async () => Promise.reject(new Error('unreadable')), write: async () => Promise.reject(new Error('read-only')) };
    const none = await StoredPlans.open({ store: failing, version: 'v1' }, key, schema.namespaces);
    assert.equal(none.rules, undefined);
    await none.save(planners.rules, planners.match); // a failing store fails nothing
  });
});
