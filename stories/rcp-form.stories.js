// <rcp-form>: the stories of every state the issue lists — empty, filled (example inputs of
// @dcc-kit/cda), invalid after the whole-form check, read-only, printable preview, restored
// draft, newer server version, minor patient, English.
import { html, nothing } from 'lit';
import '@dcc-kit/rcp-form/rcp-form.js';
import { loadExample } from './support/examples.js';
import { STORY_SESSION, editorIn, part, seedDraft, until } from './support/editor-kit.js';

const FILLED = '01-sein-appareil-organes-post-operatoire.json';
const MINOR = '07-osteosarcome-rcp-recours-pediatrique-nia.json';

/** Renders the editor; `loaded.model` comes from the story's loader. */
const renderEditor = (args, { loaded }) => html`<div lang=${args.lang}>
  <rcp-form
    .value=${loaded.model ?? {}}
    mode=${args.mode}
    ?readonly=${args.readonly}
    document-id=${args.documentId || nothing}
    server-version=${args.serverVersion || nothing}
    drafts=${args.drafts}
    .session=${args.drafts === 'auto' ? STORY_SESSION : undefined}
  ></rcp-form>
</div>`;

const example = (file, change) => async () => {
  const model = await loadExample('frcp', file);
  if (change) change(model);
  return { model };
};

/** @type {import('@storybook/web-components-vite').Meta} */
export default {
  title: 'Editors/rcp-form',
  component: 'rcp-form',
  tags: ['autodocs'],
  args: { lang: 'fr', mode: 'edit', readonly: false, drafts: 'off', documentId: '', serverVersion: '' },
  argTypes: {
    lang: { control: 'inline-radio', options: ['fr', 'en'] },
    mode: { control: 'inline-radio', options: ['edit', 'preview'] },
    drafts: { control: 'inline-radio', options: ['off', 'auto'] },
  },
  render: renderEditor,
};

/** A new document: nothing filled yet. */
export const Empty = { loaders: [async () => ({ model: {} })] };

/** Filled from the example `01-sein-appareil-organes-post-operatoire.json`. */
export const Filled = { loaders: [example(FILLED)] };

/** After the whole-form check (`submit()`): the summary lists every error with links to the fields. */
export const Invalid = {
  loaders: [example(FILLED, (m) => {
      delete m.meeting.meetingTime;
    })],
  play: async ({ canvasElement }) => {
    const editor = await editorIn(canvasElement, 'rcp-form');
    await editor.submit();
    await until(() => part(editor, 'summary'), 'the error summary');
    await editor.updateComplete;
  },
};

/** Read-only: values shown without editing controls. */
export const ReadOnly = { args: { readonly: true }, loaders: [example(FILLED)] };

/** Printable preview: the French narrative of the built CDA. */
export const Preview = {
  args: { mode: 'preview' },
  loaders: [example(FILLED)],
  play: async ({ canvasElement }) => {
    const editor = await editorIn(canvasElement, 'rcp-form');
    await until(() => part(editor, 'preview')?.textContent?.trim(), 'the narrative preview');
  },
};

/** An encrypted draft (saved by an earlier session of the same user) is restored over the loaded document. */
export const RestoredDraft = {
  args: { drafts: 'auto', documentId: 'story-frcp-restored' },
  loaders: [
    async () => {
      const model = await loadExample('frcp', FILLED);
      const draft = structuredClone(model);
      draft.patientComment = 'Brouillon non enregistré : la patiente souhaite décaler la prochaine séance.';
      await seedDraft('frcp', 'story-frcp-restored', draft);
      return { model };
    },
  ],
  play: async ({ canvasElement }) => {
    const editor = await editorIn(canvasElement, 'rcp-form');
    await until(() => part(editor, 'banner'), 'the "draft restored" banner');
  },
};

/** The draft was started from version 1 but the server now holds version 2: the editor says so before restoring. */
export const ServerVersionNewer = {
  args: { drafts: 'auto', documentId: 'story-frcp-stale', serverVersion: '2' },
  loaders: [
    async () => {
      const model = await loadExample('frcp', FILLED);
      await seedDraft('frcp', 'story-frcp-stale', { ...structuredClone(model), patientComment: 'Brouillon basé sur la version 1.' }, { baseVersion: 1 });
      return { model };
    },
  ],
  play: async ({ canvasElement }) => {
    const editor = await editorIn(canvasElement, 'rcp-form');
    await until(() => part(editor, 'banner'), 'the "newer server version" banner');
  },
};

/** A minor patient with legal representatives (example `07-osteosarcome-rcp-recours-pediatrique-nia.json`). */
export const MinorPatient = { loaders: [example(MINOR)] };

/** In English (`lang="en"` on an ancestor). */
export const English = { args: { lang: 'en' }, loaders: [example(FILLED)] };

/** English, after the whole-form check. */
export const EnglishInvalid = {
  args: { lang: 'en' },
  loaders: [example(FILLED, (m) => {
      delete m.meeting.meetingTime;
    })],
  play: Invalid.play,
};
