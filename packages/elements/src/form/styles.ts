// Styles of the form engine: every colour, space, font and radius comes from a --dcc-*
// token with a default, so a host themes the editors without touching their internals.
import { css } from 'lit';
import { hostTokenStyles, visuallyHiddenStyles } from '../styles/tokens.js';

export const schemaFormStyles = css`
  ${hostTokenStyles}
  ${visuallyHiddenStyles}
  .live {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
  }
  fieldset {
    margin: 0;
    min-width: 0;
  }
  fieldset.root {
    border: 0;
    padding: 0;
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_m);
    align-items: center;
    margin-block-end: var(--_l);
  }
  .mode-switch {
    display: inline-flex;
    gap: var(--_s);
  }
  button {
    font: inherit;
    padding: var(--_s) var(--_m);
    border: 1px solid var(--_primary);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_primary);
    cursor: pointer;
  }
  button[aria-pressed='true'],
  button.primary {
    background: var(--_primary);
    color: var(--_on-primary);
  }
  button:disabled {
    border-color: var(--_border);
    color: var(--_muted);
    cursor: not-allowed;
  }
  button:focus-visible,
  input:focus-visible,
  select:focus-visible,
  textarea:focus-visible,
  a:focus-visible,
  [tabindex='-1']:focus-visible,
  dcc-code-picker:focus-within {
    outline: var(--_focus);
    outline-offset: 2px;
  }
  /* Its place should its chunk not be there yet (see schema-form-base.ts): no shift when it comes. */
  dcc-code-picker:not(:defined) {
    display: block;
    min-height: 3.6rem;
  }
  .nav ol {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_s) var(--_m);
    list-style: none;
    margin: 0 0 var(--_m);
    padding: 0;
  }
  .nav a {
    color: var(--_primary);
  }
  .section,
  .item {
    /* Long forms (50 treatments): the browser skips style and layout of what is off screen. */
    content-visibility: auto;
    contain-intrinsic-size: auto 40rem;
  }
  .item {
    contain-intrinsic-size: auto 20rem;
  }
  .section:focus-within,
  .item:focus-within {
    /* Skipping brings paint containment, which would cut a picker's open list at the box's edge. */
    content-visibility: visible;
  }
  .section {
    margin-block: var(--_l);
    padding: var(--_l);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .section > .pending {
    color: var(--_muted);
  }
  .section > h2 {
    margin-block: 0 var(--_m);
    font-size: 1.25em;
  }
  .group {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_m) var(--_l);
    margin-block: var(--_m);
    background: var(--_surface);
  }
  .group > legend {
    font-weight: 600;
    padding-inline: var(--_s);
  }
  .fields {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr));
    gap: var(--_m) var(--_l);
  }
  .fields > .group,
  .fields > .field.textarea,
  .fields > .add-object,
  .fields > .picker-field {
    grid-column: 1 / -1;
  }
  .items {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .item {
    margin-block: var(--_m);
  }
  .item.folded {
    contain-intrinsic-size: auto 2.5rem;
  }
  button.unfold {
    width: 100%;
    text-align: start;
    border-color: var(--_border);
    color: var(--_text);
  }
  .item-tools {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_s);
    margin-block: var(--_s);
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: var(--_s);
  }
  .field.checkbox {
    flex-direction: row;
    flex-wrap: wrap;
    align-items: center;
  }
  .field.checkbox .hint,
  .field.checkbox .error {
    flex-basis: 100%;
  }
  label {
    font-weight: 500;
  }
  .req {
    font-weight: 400;
    color: var(--_muted);
    font-size: 0.9em;
  }
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_s) var(--_m);
  }
  textarea {
    resize: vertical;
    min-height: 4.5em;
  }
  [aria-invalid='true'] {
    border-color: var(--_error);
    border-width: 2px;
  }
  .date-control {
    display: flex;
    gap: var(--_s);
    flex-wrap: wrap;
  }
  .hint,
  .empty {
    margin: 0;
    color: var(--_muted);
    font-size: 0.9em;
  }
  .error {
    color: var(--_error);
    font-weight: 500;
  }
  .error p {
    margin: 0;
  }
  .summary {
    border: 2px solid var(--_error);
    border-radius: var(--_radius);
    padding: var(--_m) var(--_l);
    margin-block: var(--_l);
  }
  .summary h2 {
    margin-block: 0 var(--_m);
    font-size: 1.1em;
    color: var(--_error);
  }
  .summary a {
    color: var(--_error);
  }
  .banner {
    border: 1px solid var(--_primary);
    border-radius: var(--_radius);
    padding: var(--_m) var(--_l);
    margin-block: var(--_m);
    display: flex;
    flex-wrap: wrap;
    gap: var(--_m);
    align-items: center;
  }
  .banner p {
    margin: 0;
    flex-basis: 100%;
  }
  .banner.warning {
    border-color: var(--_error);
  }
  .identity-status {
    margin-block: var(--_m);
  }
  .identity-status:not([data-status='qualified']) {
    border-inline-start: 4px solid var(--_error);
    padding-inline-start: var(--_m);
  }
  .identity-status span {
    display: block;
  }
  .context-summary {
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
    padding: var(--_m) var(--_l);
    margin-block: var(--_m);
  }
  .context-summary h3 {
    margin: 0 0 var(--_s);
    font-size: 1em;
  }
  .context-summary dl {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
    gap: var(--_s) var(--_l);
    margin: 0;
  }
  .context-summary dt {
    color: var(--_muted);
    font-size: 0.9em;
  }
  .context-summary dd {
    margin: 0;
  }
  /* Always in view: saving is one keystroke (Ctrl+S) or one Tab from the bar, wherever the clinician is. */
  .actions {
    position: sticky;
    inset-block-end: 0;
    z-index: 1;
    display: flex;
    align-items: center;
    gap: var(--_m);
    margin-block: var(--_l) 0;
    padding-block: var(--_s);
    background: var(--_bg);
    border-block-start: 1px solid var(--_border);
  }
  .details > summary {
    cursor: pointer;
    color: var(--_primary);
    margin-block: var(--_s);
  }
  .actions .shortcut {
    color: var(--_muted);
    font-size: 0.9em;
  }
  .preview {
    font-family: var(--dcc-preview-font-family, Georgia, serif);
  }
  .preview table {
    border-collapse: collapse;
    width: 100%;
    margin-block: var(--_m);
  }
  .preview th,
  .preview td {
    border: 1px solid var(--_border);
    padding: var(--_s);
    text-align: start;
    vertical-align: top;
  }
  .preview caption {
    font-weight: 700;
    text-align: start;
    padding-block-end: var(--_s);
  }
  .preview-header dl {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: var(--_s) var(--_m);
    margin: 0;
  }
  .preview-header dt {
    font-weight: 700;
  }
  .preview-header dd {
    margin: 0;
  }
  .preview .cda-bold {
    font-weight: 700;
  }
  .preview .cda-italics,
  .preview .cda-emphasis {
    font-style: italic;
  }
  .preview .cda-underline {
    text-decoration: underline;
  }
  @media print {
    :host {
      color: #000;
      background: #fff;
    }
    .toolbar,
    .nav,
    .banner,
    .summary,
    .form,
    .live {
      display: none !important;
    }
    /* A4 paper (page rules and page numbers: print.ts): black on white, no clipped tables. */
    .preview {
      font-size: 10.5pt;
      line-height: 1.35;
    }
    .preview h2,
    .preview h3,
    .preview h4,
    .preview caption {
      break-after: avoid-page;
    }
    .preview tr,
    .preview-header {
      break-inside: avoid-page;
    }
    .preview thead {
      display: table-header-group;
    }
    .preview th,
    .preview td {
      border-color: #555;
    }
  }
`;
