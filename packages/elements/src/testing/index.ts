/**
 * Test helpers of the dcc-kit web components, for `*.browser-test.ts` files run by
 * @web/test-runner (see web-test-runner.config.mjs at the repository root). Not part of the
 * elements' runtime: import from `@dcc-kit/elements/testing` in tests only.
 */
export type { MochaContext } from './mocha-globals.js';
export { assert, AssertionError } from './assert.js';
export { fixture, fixtureCleanup, elementsUpdated, nextFrame } from './fixture.js';
export { expectNoAxeViolations, axeViolations, WCAG_21_AA_TAGS, type AxeCheckOptions, type AxeTarget } from './axe.js';
export { validateCdaInNode, expectCdaConformant, voletLayer, type CdaVerdict, type CdaLayerVerdict, type CdaVolet } from './conformance.js';
export { openProbePage, type ProbePage } from './probe-page.js';
export { loadExampleJson } from './examples.js';
export { FakeClock } from './fake-clock.js';
export { editorControl, editorValidated, editorRendered, modelValueAt, isEmptyModelValue, type EditorUnderTest } from './editor.js';
export { deepActiveElement, fillByKeyboard, comparable, type FillReport, type FillOptions, type KeyDriver, type EditorLike } from './keyboard-fill.js';
export { expectKeyboardFillSubmits, testRunnerKeys } from './keyboard-fill-scenario.js';
export { countKeyboardKeys, keysByField, type KeyCount, type KeyCountOptions } from './key-count.js';
