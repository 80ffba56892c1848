// <rcp-form>: the stories of every state the issue lists — empty, filled (example inputs of
// @dcc-kit/cda), invalid after the whole-form check, read-only, printable preview, restored
// draft, newer server version, minor patient, English.
import '@dcc-kit/rcp-form/rcp-form.js';
import { editorStories } from './support/editor-kit.js';

const stories = editorStories({
  tag: 'rcp-form',
  volet: 'frcp',
  filled: '01-sein-appareil-organes-post-operatoire.json',
  minor: '07-osteosarcome-rcp-recours-pediatrique-nia.json',
  breakModel: (m) => {
    delete m.meeting.meetingTime;
  },
});

/** @type {import('@storybook/web-components-vite').Meta} */
export default { title: 'Editors/rcp-form', component: 'rcp-form', tags: ['autodocs'], ...stories.meta };

/** A new document: nothing filled yet. */
export const Empty = stories.Empty;

/** Filled from the example `01-sein-appareil-organes-post-operatoire.json`. */
export const Filled = stories.Filled;

/** After the whole-form check (`submit()`): the summary lists every error with links to the fields. */
export const Invalid = stories.Invalid;

/** Read-only: values shown without editing controls. */
export const ReadOnly = stories.ReadOnly;

/** Printable preview: the French narrative of the built CDA. */
export const Preview = stories.Preview;

/** An encrypted draft (saved by an earlier session of the same user) is restored over the loaded document. */
export const RestoredDraft = stories.RestoredDraft;

/** The draft was started from version 1 but the server now holds version 2: the editor says so before restoring. */
export const ServerVersionNewer = stories.ServerVersionNewer;

/** A minor patient with legal representatives (example `07-osteosarcome-rcp-recours-pediatrique-nia.json`). */
export const MinorPatient = stories.MinorPatient;

/** In English (`lang="en"` on an ancestor). */
export const English = stories.English;

/** English, after the whole-form check. */
export const EnglishInvalid = stories.EnglishInvalid;
