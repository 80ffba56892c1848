// <rcp-form>: the stories of every state the issue lists — empty, filled (example inputs of
// @dcc-kit/cda), invalid after the whole-form check, read-only, printable preview, restored
// draft, newer server version, minor patient, English.
import '@dcc-kit/rcp-form/rcp-form.js';
import { editorStories } from './support/editor-kit.js';

// The example files of the filled and minor-patient stories; the function removes a required field (invalid stories).
const stories = editorStories({ tag: 'rcp-form', volet: 'frcp', filled: '01-sein-appareil-organes-post-operatoire.json', minor: '07-osteosarcome-rcp-recours-pediatrique-nia.json' }, (m) => {
  delete m.meeting.meetingTime;
});

/** @type {import('@storybook/web-components-vite').Meta} */
export default { title: 'Editors/rcp-form', component: 'rcp-form', tags: ['autodocs'], ...stories.meta };

// Storybook's indexer reads each story name statically; the stories and their descriptions
// are the ones both editors share (support/editor-kit.js).
export const Empty = stories.Empty, Filled = stories.Filled, Invalid = stories.Invalid, ReadOnly = stories.ReadOnly,
  Preview = stories.Preview, RestoredDraft = stories.RestoredDraft, ServerVersionNewer = stories.ServerVersionNewer,
  MinorPatient = stories.MinorPatient, English = stories.English, EnglishInvalid = stories.EnglishInvalid;
