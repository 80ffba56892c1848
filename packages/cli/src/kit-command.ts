/**
 * `dcc kit fetch|where`: implemented in @dcc-kit/conformance/kit/command (plain JavaScript,
 * because `npm start` runs it on a fresh clone before anything is built: the build needs the kit).
 */
export { kitCommand } from '@dcc-kit/conformance/kit/command';
