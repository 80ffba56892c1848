/* global document */
// <pps-editor> backed by the platform API through @dcc-kit/sdk, the API mocked by msw (no
// backend needed, works offline): the session (and its draft key) comes from GET /auth/session,
// the document and its latest version from GET /documents/{id} and /versions/{n}; "Valider et
// enregistrer" posts a new version with If-Match, as a host application would.
import { html } from 'lit';
import { createDccClient } from '@dcc-kit/sdk';
import '@dcc-kit/elements/define/dcc-provider.js';
import '@dcc-kit/pps-editor/pps-editor.js';
import { loadExample } from './support/examples.js';
import { MOCK_API_BASE, platformHandlers } from './support/platform-handlers.js';
import { editorIn, until } from './support/editor-kit.js';

const DOCUMENT_ID = 'doc-story-sdk-1';
// The mocked server's state: version n is versions[n - 1]; filled by the loader.
const server = { documentId: DOCUMENT_ID, type: 'pps', versions: [] };

async function loadFromPlatform() {
  const first = await loadExample('pps', '02-colon-sigmoide-capox-v1.json');
  const second = await loadExample('pps', '03-colon-sigmoide-capox-v2-neuropathie.json');
  server.versions.splice(0, server.versions.length, first, second);
  const client = createDccClient({ baseUrl: new URL(MOCK_API_BASE, document.baseURI).href });
  const { data: session } = await client.session.get();
  const { data: doc, etag } = await client.documents.get(DOCUMENT_ID);
  const { data: version } = await client.documents.getVersion(DOCUMENT_ID, doc.currentVersion);
  return {
    client,
    etag,
    version: doc.currentVersion,
    model: version.model,
    session: { userId: session.professional.idNatPs, draftKey: session.draftKey },
    // What the editors use of a client (DccClientLike), mapped onto the SDK.
    clientLike: {
      getDocumentVersion: async (id, options) => ({ version: String((await client.documents.get(id, options)).data.currentVersion) }),
    },
  };
}

/** @type {import('@storybook/web-components-vite').Meta} */
export default {
  title: 'Integration/pps-editor with the platform API (msw)',
  component: 'pps-editor',
  args: { lang: 'fr' },
  argTypes: { lang: { control: 'inline-radio', options: ['fr', 'en'] } },
  parameters: { mockApi: platformHandlers(server) },
  loaders: [loadFromPlatform],
  render: (args, { loaded }) => {
    let etag = loaded.etag;
    const onSubmit = async (event) => {
      const status = event.currentTarget.closest('dcc-provider').querySelector('output');
      try {
        const saved = await loaded.client.documents.saveVersion(DOCUMENT_ID, { model: event.detail.model }, { ifMatch: etag });
        etag = saved.etag;
        status.value = args.lang === 'en' ? `Version ${saved.data.number} saved on the server.` : `Version ${saved.data.number} enregistrée sur le serveur.`;
      } catch (error) {
        status.value = `${error.name}: ${error.status ?? ''}`;
      }
    };
    return html`<dcc-provider lang=${args.lang} locale=${args.lang} .client=${loaded.clientLike} .session=${loaded.session} .identityStatus=${args.identityStatus}>
      <pps-editor document-id=${DOCUMENT_ID} server-version=${String(loaded.version)} .value=${loaded.model} @dcc-submit=${onSubmit}></pps-editor>
      <p>${args.lang === 'en' ? 'Server' : 'Serveur'} : <output aria-live="polite"></output></p>
    </dcc-provider>`;
  },
};

/** Version 2 of a colon PPS, read from the (mocked) platform. */
export const FromServer = {
  play: async ({ canvasElement, loaded }) => {
    const editor = await editorIn(canvasElement, 'pps-editor');
    await until(() => editor.value?.tumours?.length, 'the model loaded from the platform');
    if (loaded.version !== 2) throw new Error('expected version 2 from the mocked platform');
  },
};

/** The same in English. */
export const FromServerEnglish = { args: { lang: 'en' }, play: FromServer.play };

/** "Valider et enregistrer": the model is validated, built, then posted as version 3 with If-Match. */
export const SaveNewVersion = {
  play: async (context) => {
    await FromServer.play(context);
    const editor = context.canvasElement.querySelector('pps-editor');
    if (!(await editor.submit())) throw new Error('the example model should be valid');
    const output = context.canvasElement.querySelector('output');
    await until(() => /3/.test(output.value), 'the new version saved on the mocked platform');
  },
};

/** The patient's identity is provisional: the editor says why the document cannot be deposited in the DMP. */
export const IdentityNotQualified = {
  args: { identityStatus: 'provisional' },
  play: async (context) => {
    await FromServer.play(context);
    const editor = context.canvasElement.querySelector('pps-editor');
    await until(() => /Seule une identité INS qualifiée/.test(editor.shadowRoot.querySelector('[part~="identity-status-why"]')?.textContent ?? ''), 'the identity status line');
  },
};

/** A qualified identity: the status line only names it. */
export const IdentityQualified = {
  args: { identityStatus: 'qualified' },
  play: async (context) => {
    await FromServer.play(context);
    const editor = context.canvasElement.querySelector('pps-editor');
    await until(() => /INS qualifiée/.test(editor.shadowRoot.querySelector('[part~="identity-status-label"]')?.textContent ?? ''), 'the identity status line');
  },
};
