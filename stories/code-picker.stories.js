/* global FormData, Event */
// <dcc-code-picker>: one concept of a value set, searchable and keyboard-first.
import { html, nothing } from 'lit';
import '@dcc-kit/elements/define/dcc-code-picker.js';

/** @type {import('@storybook/web-components-vite').Meta} */
export default {
  title: 'Elements/dcc-code-picker',
  component: 'dcc-code-picker',
  tags: ['autodocs'],
  args: {
    label: 'Topographie de la tumeur (CIM-10)',
    help: 'Tapez quelques lettres du libellé ou le code, sans vous soucier des accents.',
    valueSetName: 'JDV_Tumeur_CISIS',
    value: '',
    required: false,
    disabled: false,
    readonly: false,
    lang: 'fr',
  },
  argTypes: {
    lang: { control: 'inline-radio', options: ['fr', 'en'] },
    valueSetName: { control: 'select', options: ['JDV_Tumeur_CISIS', 'JDV_Morphologie_CISIS', 'JDV_J143_AdministrativeGender_CISIS', 'JDV_TypeTraitementPPS_CISIS', 'JDV_SoinsOncoDeSupport_CISIS'] },
  },
  render: (args) => html`<div lang=${args.lang}>
    <dcc-code-picker
      name="topography"
      label=${args.label}
      help=${args.help || nothing}
      value-set-name=${args.valueSetName}
      value=${args.value || nothing}
      ?required=${args.required}
      ?disabled=${args.disabled}
      ?readonly=${args.readonly}
    ></dcc-code-picker>
  </div>`,
};

/** Nothing chosen yet. */
export const Empty = {};

/** A concept chosen: the field shows its label and its code. */
export const Filled = { args: { value: 'C50.4' } };

/** Required and left empty, after the whole-form check (`reportValidity()`). */
export const Invalid = {
  args: { required: true },
  play: async ({ canvasElement }) => {
    const picker = canvasElement.querySelector('dcc-code-picker');
    await picker.updateComplete;
    picker.reportValidity();
    await picker.updateComplete;
  },
};

/** Read-only: shown, submitted, not editable. */
export const ReadOnly = { args: { value: 'C34.1', readonly: true } };

/** Disabled (not submitted). */
export const Disabled = { args: { value: 'C34.1', disabled: true } };

/** In English (follows the closest `lang`). */
export const English = { args: { lang: 'en', label: 'Tumour site (ICD-10)', help: 'Type a few letters of the label or the code; accents do not matter.', required: true } };

/** The largest value set (over 1,000 concepts): 50 options rendered at a time. */
export const LargeValueSet = { args: { label: 'Morphologie (CIM-O-3)', valueSetName: 'JDV_Morphologie_CISIS', help: '' } };

/** Inside a native `<form>`: the code is in FormData under `name`; reset restores the initial value. */
export const InNativeForm = {
  render: (args) => html`<form
    lang=${args.lang}
    @submit=${(event) => {
      event.preventDefault();
      const output = event.currentTarget.querySelector('output');
      output.value = JSON.stringify(Object.fromEntries(new FormData(event.currentTarget)));
    }}
  >
    <dcc-code-picker name="topography" label=${args.label} value-set-name="JDV_Tumeur_CISIS" value="C50" required></dcc-code-picker>
    <dcc-code-picker name="gender" label="Sexe" value-set-name="JDV_J143_AdministrativeGender_CISIS"></dcc-code-picker>
    <p><button type="submit">Envoyer</button> <button type="reset">Réinitialiser</button></p>
    <p>FormData : <output aria-live="polite"></output></p>
  </form>`,
};

/** Types `text` in the picker's search field as a user would (value, then `input`), and waits for the value set. */
async function search(canvasElement, text) {
  const picker = canvasElement.querySelector('dcc-code-picker');
  await picker.updateComplete;
  const input = picker.shadowRoot.querySelector('input');
  input.focus();
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await picker.ensureValueSet();
  await picker.updateComplete;
}

/** The words clinicians type (« chimio », « RT », « hormono »): `VALUE_SET_SYNONYMS` of @dcc-kit/cda ranks their concept first. */
export const ClinicianWords = {
  args: { label: 'Type de traitement', valueSetName: 'JDV_TypeTraitementPPS_CISIS', help: 'Essayez « chimio », « RT », « hormono », « chir ».' },
  play: ({ canvasElement }) => search(canvasElement, 'RT'),
};

/** A concept the national value set lacks (« psy » in the supportive-care set): the note says so and the free-text path comes first. */
export const AbsentConcept = {
  args: { label: 'Soin de support', valueSetName: 'JDV_SoinsOncoDeSupport_CISIS', help: '' },
  play: ({ canvasElement }) => search(canvasElement, 'psy'),
};
