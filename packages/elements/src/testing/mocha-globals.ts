/**
 * Types of the mocha BDD globals that @web/test-runner installs in the test page before it
 * imports a `*.browser-test.js` file (the browser packages compile with `"types": []`, so
 * @types/mocha would not be seen; this is the subset the tests use).
 */
export interface MochaContext {
  timeout(ms: number): void;
  skip(): never;
}

type SuiteFn = (this: MochaContext) => void;
type TestFn = (this: MochaContext) => void | Promise<unknown>;
type HookFn = (this: MochaContext) => void | Promise<unknown>;

export interface MochaDescribe {
  (title: string, fn: SuiteFn): void;
  skip(title: string, fn: SuiteFn): void;
  only(title: string, fn: SuiteFn): void;
}
export interface MochaIt {
  (title: string, fn: TestFn): void;
  skip(title: string, fn?: TestFn): void;
  only(title: string, fn: TestFn): void;
}

declare global {
  var describe: MochaDescribe;
  var it: MochaIt;
  var before: (fn: HookFn) => void;
  var after: (fn: HookFn) => void;
  var beforeEach: (fn: HookFn) => void;
  var afterEach: (fn: HookFn) => void;
}
