/**
 * Assertions for the browser tests, shaped like `node:assert/strict` so the Node and browser
 * tests of the project read the same. Messages describe the values structurally; callers must
 * not pass health data in `message`.
 */

export class AssertionError extends Error {
  override readonly name = 'AssertionError';
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 200 ? `${value.slice(0, 200)}…` : value);
  try {
    const text = JSON.stringify(value);
    if (text === undefined) return String(value);
    return text.length > 400 ? `${text.slice(0, 400)}…` : text;
  } catch {
    return Object.prototype.toString.call(value);
  }
}

function fail(message: string | undefined, fallback: string): never {
  throw new AssertionError(message ?? fallback);
}

function isDeepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (ArrayBuffer.isView(a) && ArrayBuffer.isView(b)) {
    const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    return x.length === y.length && x.every((v, i) => v === y[i]);
  }
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((v, i) => isDeepEqual(v, other[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && isDeepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

type ErrorMatcher = RegExp | (new (...args: never[]) => Error);

export interface Assert {
  ok(value: unknown, message?: string): asserts value;
  equal<T>(actual: unknown, expected: T, message?: string): asserts actual is T;
  notEqual(actual: unknown, expected: unknown, message?: string): void;
  deepEqual<T>(actual: unknown, expected: T, message?: string): asserts actual is T;
  match(actual: string, pattern: RegExp, message?: string): void;
  doesNotMatch(actual: string, pattern: RegExp, message?: string): void;
  throws(fn: () => unknown, expected?: ErrorMatcher, message?: string): void;
  rejects(promiseOrFn: Promise<unknown> | (() => Promise<unknown>), expected?: ErrorMatcher, message?: string): Promise<void>;
  fail(message: string): never;
}

export const assert: Assert = {
  ok(value: unknown, message?: string): asserts value {
    if (!value) fail(message, `expected a truthy value, got ${show(value)}`);
  },
  equal<T>(actual: unknown, expected: T, message?: string): asserts actual is T {
    if (!Object.is(actual, expected)) fail(message, `expected ${show(expected)}, got ${show(actual)}`);
  },
  notEqual(actual: unknown, expected: unknown, message?: string): void {
    if (Object.is(actual, expected)) fail(message, `expected a value other than ${show(expected)}`);
  },
  deepEqual<T>(actual: unknown, expected: T, message?: string): asserts actual is T {
    if (!isDeepEqual(actual, expected)) fail(message, `expected ${show(expected)}, got ${show(actual)}`);
  },
  match(actual: string, pattern: RegExp, message?: string): void {
    if (!pattern.test(actual)) fail(message, `expected ${show(actual)} to match ${pattern}`);
  },
  doesNotMatch(actual: string, pattern: RegExp, message?: string): void {
    if (pattern.test(actual)) fail(message, `expected ${show(actual)} not to match ${pattern}`);
  },
  throws(fn: () => unknown, expected?: ErrorMatcher, message?: string): void {
    try {
      fn();
    } catch (error) {
      checkError(error, expected, message);
      return;
    }
    fail(message, 'expected the function to throw');
  },
  async rejects(promiseOrFn: Promise<unknown> | (() => Promise<unknown>), expected?: ErrorMatcher, message?: string): Promise<void> {
    try {
      await (typeof promiseOrFn === 'function' ? promiseOrFn() : promiseOrFn);
    } catch (error) {
      checkError(error, expected, message);
      return;
    }
    fail(message, 'expected the promise to reject');
  },
  fail(message: string): never {
    throw new AssertionError(message);
  },
};

function checkError(error: unknown, expected: ErrorMatcher | undefined, message: string | undefined): void {
  if (!expected) return;
  if (expected instanceof RegExp) {
    const text = error instanceof Error ? error.message : String(error);
    if (!expected.test(text)) fail(message, `expected an error matching ${expected}, got ${show(text)}`);
  } else if (!(error instanceof expected)) {
    fail(message, `expected an error of type ${expected.name}, got ${error instanceof Error ? error.name : typeof error}`);
  }
}
