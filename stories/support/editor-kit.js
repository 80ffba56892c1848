/* global customElements */
// Shared pieces of the <pps-editor> and <rcp-form> stories: a fixed fictitious session (so a
// draft written by one story can be read by the next), seeding an encrypted draft the way the
// editor itself would, waiting for the editors' asynchronous states before a story is shown, and
// the stories both editors share.
import { DraftStore, draftIdFor, patientFingerprint } from '@dcc-kit/elements';
import { nothing } from 'lit';
import { html as staticHtml, unsafeStatic } from 'lit/static-html.js';
import { STORY_DRAFT_KEY } from './platform-handlers.js';
import { loadExample } from './examples.js';

export const STORY_SESSION = Object.freeze({ userId: 'story-user-0001', draftKey: STORY_DRAFT_KEY });

/** Writes an encrypted draft for `documentId` as the editor would (same store, same key derivation). */
export async function seedDraft(volet, documentId, model, { baseVersion } = {}) {
  const store = new DraftStore({ keyMaterial: STORY_SESSION.draftKey, userId: STORY_SESSION.userId });
  // The editor keeps the fingerprint of the draft's patient inside it and restores it only for that patient.
  const patient = (await patientFingerprint(model.patient, STORY_SESSION.userId)) ?? null;
  await store.save(draftIdFor(volet, documentId), { patient, data: model }, baseVersion === undefined ? {} : { baseVersion });
}

/** Polls until `condition()` is truthy (editors restore drafts and build previews asynchronously). */
export async function until(condition, what, timeoutMs = 15_000) {
  const start = Date.now();
  for (;;) {
    const value = condition();
    if (value) return value;
    if (Date.now() - start > timeoutMs) throw new Error(`story: timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The editor of a story's canvas, upgraded and rendered. */
export async function editorIn(canvasElement, tag) {
  await customElements.whenDefined(tag);
  const editor = await until(() => canvasElement.querySelector(tag), `<${tag}>`);
  await editor.updateComplete;
  return editor;
}

export function part(editor, name) {
  return editor.shadowRoot?.querySelector(`[part~="${name}"]`) ?? null;
}

/**
 * The stories every editor has, for `<pps-editor>` and `<rcp-form>` alike: each story file keeps
 * its own default export (Storybook reads the title statically) and re-exports these.
 * The second argument, `breakModel`, removes one required field, for the invalid stories.
 */
export function editorStories({ tag, volet, filled, minor }, breakModel) {
  const editorTag = unsafeStatic(tag);
  const example = (file, change) => async () => {
    const model = await loadExample(volet, file);
    if (change) change(model);
    return { model };
  };
  const withDraft = (documentId, draftOf, options) => async () => {
    const model = await loadExample(volet, filled);
    await seedDraft(volet, documentId, draftOf(structuredClone(model)), options);
    return { model };
  };
  const waitFor = (partName, what) => async ({ canvasElement }) => {
    const editor = await editorIn(canvasElement, tag);
    await until(() => part(editor, partName), what);
  };
  const invalidPlay = async ({ canvasElement }) => {
    const editor = await editorIn(canvasElement, tag);
    await editor.submit();
    await until(() => part(editor, 'summary'), 'the error summary');
    await editor.updateComplete;
  };
  const described = (story, text) => ({ ...story, parameters: { ...story.parameters, docs: { description: { story: text } } } });
  const all = {
    // `title`, `component` and `tags` stay literal in each story file: Storybook's indexer reads them statically.
    meta: {
      args: { lang: 'fr', mode: 'edit', readonly: false, drafts: 'off', documentId: '', serverVersion: '' },
      argTypes: {
        lang: { control: 'inline-radio', options: ['fr', 'en'] },
        mode: { control: 'inline-radio', options: ['edit', 'preview'] },
        drafts: { control: 'inline-radio', options: ['off', 'auto'] },
      },
      /** Renders the editor; `loaded.model` comes from the story's loader. */
      render: (args, { loaded }) => staticHtml`<div lang=${args.lang}>
  <${editorTag}
    .value=${loaded.model ?? {}}
    mode=${args.mode}
    ?readonly=${args.readonly}
    document-id=${args.documentId || nothing}
    server-version=${args.serverVersion || nothing}
    drafts=${args.drafts}
    .session=${args.drafts === 'auto' ? STORY_SESSION : undefined}
  ></${editorTag}>
</div>`,
    },
    Empty: { loaders: [async () => ({ model: {} })] },
    Filled: { loaders: [example(filled)] },
    Invalid: { loaders: [example(filled, breakModel)], play: invalidPlay },
    ReadOnly: { args: { readonly: true }, loaders: [example(filled)] },
    Preview: {
      args: { mode: 'preview' },
      loaders: [example(filled)],
      play: async ({ canvasElement }) => {
        const editor = await editorIn(canvasElement, tag);
        await until(() => part(editor, 'preview')?.textContent?.trim(), 'the narrative preview');
      },
    },
    RestoredDraft: {
      args: { drafts: 'auto', documentId: `story-${volet}-restored` },
      loaders: [
        withDraft(`story-${volet}-restored`, (draft) => {
          draft.patientComment = 'Brouillon non enregistré : la patiente souhaite décaler la prochaine séance.';
          return draft;
        }),
      ],
      play: waitFor('banner', 'the "draft restored" banner'),
    },
    ServerVersionNewer: {
      args: { drafts: 'auto', documentId: `story-${volet}-stale`, serverVersion: '2' },
      loaders: [withDraft(`story-${volet}-stale`, (draft) => ({ ...draft, patientComment: 'Brouillon basé sur la version 1.' }), { baseVersion: 1 })],
      play: waitFor('banner', 'the "newer server version" banner'),
    },
    MinorPatient: { loaders: [example(minor)] },
    English: { args: { lang: 'en' }, loaders: [example(filled)] },
    EnglishInvalid: { args: { lang: 'en' }, loaders: [example(filled, breakModel)], play: invalidPlay },
  };
  // The story descriptions of the docs pages (written once here, not as JSDoc in each story file).
  const descriptions = {
    Empty: 'A new document: nothing filled yet.',
    Filled: `Filled from the example \`${filled}\`.`,
    Invalid: 'After the whole-form check (`submit()`): the summary lists every error with links to the fields.',
    ReadOnly: 'Read-only: values shown without editing controls.',
    Preview: 'Printable preview: the French narrative of the built CDA.',
    RestoredDraft: 'An encrypted draft (saved by an earlier session of the same user) is restored over the loaded document.',
    ServerVersionNewer: 'The draft was started from version 1 but the server now holds version 2: the editor says so before restoring.',
    MinorPatient: `A minor patient with legal representatives (example \`${minor}\`).`,
    English: 'In English (`lang="en"` on an ancestor).',
    EnglishInvalid: 'English, after the whole-form check.',
  };
  for (const [name, text] of Object.entries(descriptions)) all[name] = described(all[name], text);
  return all;
}
