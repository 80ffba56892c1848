/* global document, Event */
// <dcc-directory-picker>: search-as-you-type in the Annuaire Santé through the platform API
// (@dcc-kit/sdk's `directory.*`, GET /directory/*), every state: results, nothing found, the
// directory down with manual entry below, a search under way, a query with many pages.
import { html } from 'lit';
import { createDccClient } from '@dcc-kit/sdk';
import { directorySearchOf } from '@dcc-kit/elements';
import '@dcc-kit/elements/define/dcc-directory-picker.js';
import { directoryHandlers } from './support/directory-handlers.js';
import { MOCK_API_BASE } from './support/platform-handlers.js';

const client = () => createDccClient({ baseUrl: new URL(MOCK_API_BASE, document.baseURI).href });

/** Types `text` as a user would (input event) and waits, bounded, for the status to leave « Recherche… » (or to show it, for `until: 'searching'`). */
async function typeAndWait(canvasElement, text, until = 'answered') {
  const picker = canvasElement.querySelector('dcc-directory-picker');
  await picker.updateComplete;
  const input = picker.shadowRoot.querySelector('input');
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  const deadline = Date.now() + 5000;
  const done = () => {
    const status = picker.statusText;
    return until === 'searching' ? /Recherche|Searching/.test(status) : status !== '' && !/Recherche|Searching/.test(status);
  };
  while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  await picker.updateComplete;
}

const story = (mode, { kind = 'practitioner', text, until } = {}) => ({
  args: { kind },
  parameters: { mockApi: directoryHandlers(mode) },
  play: async ({ canvasElement }) => typeAndWait(canvasElement, text, until),
});

/** @type {import('@storybook/web-components-vite').Meta} */
export default {
  title: 'Elements/dcc-directory-picker',
  component: 'dcc-directory-picker',
  tags: ['autodocs'],
  args: { kind: 'practitioner', lang: 'fr' },
  argTypes: { kind: { control: 'inline-radio', options: ['practitioner', 'organization'] }, lang: { control: 'inline-radio', options: ['fr', 'en'] } },
  render: (args) => html`<div lang=${args.lang}>
    <dcc-directory-picker
      label=${args.kind === 'practitioner' ? 'Médecin traitant : rechercher un professionnel dans l’Annuaire Santé (nom, RPPS)' : 'Centre de coordination en cancérologie (3C) : rechercher une structure dans l’Annuaire Santé (nom, FINESS, SIRET)'}
      .search=${directorySearchOf(client(), args.kind)}
    ></dcc-directory-picker>
    <fieldset>
      <legend>Saisie manuelle (les champs du bloc dans l’éditeur)</legend>
      <p><label>Nom <input name="family" autocomplete="off" /></label></p>
      <p><label>${args.kind === 'practitioner' ? 'Identifiant national (RPPS)' : 'Identifiant national de structure'} <input name="id" autocomplete="off" /></label></p>
    </fieldset>
  </div>`,
};

/** Entries found for a name typed as a clinician would (accents and case ignored); Arrow keys then Enter choose one. */
export const Results = story('up', { text: 'lefort' });

/** A structure found by what a clinician types (« 3C »): FINESS and SIRET numbers are read in the same field. */
export const Organization = story('up', { kind: 'organization', text: '3C' });

/** Nothing found: the picker says so and points at the fields below. */
export const NoResults = story('up', { text: 'zzyzx' });

/** The directory down (the backend's 503 `directory-unavailable`): manual entry in the fields below. */
export const DirectoryDown = story('down', { text: 'martin' });

/** A search under way (the answer has not come yet): « Recherche dans l’Annuaire Santé… ». */
export const Loading = story('loading', { text: 'martin', until: 'searching' });

/** A query matching more entries than one page: the first page (10) is listed; typing more narrows it. */
export const ManyPages = story('up', { text: 'an' });
