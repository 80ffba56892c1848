// <pps-editor>: the stories of every state the issue lists — empty, filled (example inputs of
// @dcc-kit/cda), invalid after the whole-form check, read-only, printable preview, restored
// draft, newer server version, minor patient, English.
import '@dcc-kit/pps-editor/pps-editor.js';
import { editorStories } from './support/editor-kit.js';

const stories = editorStories({
  tag: 'pps-editor',
  volet: 'pps',
  filled: '01-sein-gauche-fec-docetaxel-radiotherapie.json',
  minor: '08-osteosarcome-femur-mineur-nia-ase.json',
  breakModel: (m) => {
    delete m.tumours[0].topography;
  },
});

/** @type {import('@storybook/web-components-vite').Meta} */
export default { title: 'Editors/pps-editor', component: 'pps-editor', tags: ['autodocs'], ...stories.meta };

/** A new document: nothing filled yet. */
export const Empty = stories.Empty;

/** Filled from the example `01-sein-gauche-fec-docetaxel-radiotherapie.json`. */
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

/** A minor patient with legal representatives (example `08-osteosarcome-femur-mineur-nia-ase.json`). */
export const MinorPatient = stories.MinorPatient;

/** In English (`lang="en"` on an ancestor). */
export const English = stories.English;

/** English, after the whole-form check. */
export const EnglishInvalid = stories.EnglishInvalid;
