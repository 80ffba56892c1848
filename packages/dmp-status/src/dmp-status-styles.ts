// Styles of <dmp-status>: every colour, space, font and radius from a --dcc-* token with a
// default (the editors' tokens, so one theme covers the three elements). Static Lit styles:
// adopted stylesheets, nothing inline, fine under a strict CSP.
import { css } from 'lit';
import { hostTokenStyles, visuallyHiddenStyles } from '@dcc-kit/elements';

export const dmpStatusStyles = css`
  ${hostTokenStyles}
  ${visuallyHiddenStyles}
  h2,
  h3,
  h4 {
    margin: 0 0 var(--_m);
  }
  h2 {
    font-size: 1.2em;
  }
  h3 {
    font-size: 1.05em;
  }
  h4 {
    font-size: 1em;
    display: inline;
  }
  p {
    margin: var(--_s) 0;
  }
  [part~='patient'],
  [part~='documents'] {
    margin-block-end: var(--_l);
  }
  [part~='cue'] {
    padding: var(--_m);
    border-radius: var(--_radius);
    border-inline-start: 4px solid var(--_success);
    background: var(--_surface);
    font-weight: 600;
  }
  [part~='cue-blocked'] {
    border-inline-start-color: var(--_error);
  }
  [part~='filters'] {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    margin: 0 0 var(--_m);
    display: flex;
    flex-wrap: wrap;
    gap: var(--_l);
  }
  [part~='list'] {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_m);
  }
  [part~='row'] {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_m);
  }
  [part~='row-date'],
  [part~='version-status'] {
    color: var(--_muted);
    margin-inline-start: var(--_m);
  }
  [part~='labels'] {
    list-style: none;
    padding: 0;
    margin: var(--_s) 0;
    display: flex;
    flex-wrap: wrap;
    gap: var(--_s);
  }
  [part~='label'] {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0 var(--_s);
    background: var(--_surface);
    font-size: 0.9em;
  }
  [part~='alert'] {
    color: var(--_warning);
    font-weight: 600;
  }
  [part~='channels'] {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: var(--_s) var(--_m);
    margin: var(--_s) 0;
  }
  dt {
    font-weight: 600;
  }
  dd {
    margin: 0;
  }
  [part~='state-accepted'] {
    color: var(--_success);
  }
  [part~='state-refused'],
  [part~='state-parked'],
  [part~='error'] {
    color: var(--_error);
  }
  [part~='actions'] {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_s);
    margin-block-start: var(--_s);
  }
  button {
    font: inherit;
    color: var(--_primary);
    background: var(--_bg);
    border: 1px solid var(--_primary);
    border-radius: var(--_radius);
    padding: var(--_s) var(--_m);
    cursor: pointer;
  }
  button[aria-disabled='true'] {
    cursor: not-allowed;
    opacity: 0.6;
  }
  button.primary {
    color: var(--_on-primary);
    background: var(--_primary);
  }
  button:focus-visible,
  input:focus-visible {
    outline: var(--_focus);
    outline-offset: 2px;
  }
  [part~='dialog'] {
    max-width: min(36rem, 90vw);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    color: var(--_text);
    background: var(--_bg);
  }
  [part~='dialog']::backdrop {
    background: rgb(0 0 0 / 40%);
  }
  .dialog-buttons {
    display: flex;
    justify-content: flex-end;
    gap: var(--_m);
    margin-block-start: var(--_l);
  }
`;
