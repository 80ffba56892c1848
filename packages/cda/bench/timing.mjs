// What the CDA benchmarks share (bench.mjs, compare.mjs): a fixed build context, the largest
// example, a warm timing loop.

const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))];

let counter = 0;
/** A build context with a fixed clock and fresh, predictable ids. */
export function benchContext() {
  return { now: () => new Date('2026-01-15T09:00:00Z'), newId: () => `00000000-0000-4000-8000-${String(++counter % 1e12).padStart(12, '0')}` };
}

/** Of `examples` ({ name, input }), the one whose build writes the most XML. */
export function largest(examples, build) {
  let best;
  for (const { name, input } of examples) {
    const size = build(input, benchContext()).length;
    if (!best || size > best.size) best = { name, input, size };
  }
  return best;
}

/** `fn` warmed up, then timed `runs` times: median, p95, calls per second. */
export function measure(fn, { warmUp = 50, runs = 400 } = {}) {
  for (let i = 0; i < warmUp; i++) fn();
  const times = [];
  const start = performance.now();
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  const total = performance.now() - start;
  return { median: quantile(times, 0.5), p95: quantile(times, 0.95), perSecond: runs / (total / 1000) };
}

export const fmt = (r) => `median ${r.median.toFixed(2)} ms, p95 ${r.p95.toFixed(2)} ms, ${r.perSecond.toFixed(0)} documents/s`;
