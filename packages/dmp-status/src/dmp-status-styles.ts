// Styles of <dmp-status>: every colour, space, font and radius from a --dcc-* token with a
// default (the editors' tokens, so one theme covers the three elements). Static Lit styles:
// adopted stylesheets, nothing inline, fine under a strict CSP.
import { css } from 'lit';

export const dmpStatusStyles = css`
  :host {
    --_text: var(--dcc-color-text, #1d1d1f);
    --_bg: var(--dcc-color-background, #ffffff);
    --_surface: var(--dcc-color-surface, #f6f7f9);
    --_border: var(--dcc-color-border, #8a8f98);
    --_primary: var(--dcc-color-primary, #0b5cad);
    --_on-primary: var(--dcc-color-on-primary, #ffffff);
    --_error: var(--dcc-color-error, #b00020);
    --_warning: var(--dcc-color-warning, #8a4b00);
    --_success: var(--dcc-color-success, #1e6b34);
    --_muted: var(--dcc-color-muted, #50555c);
    --_s: var(--dcc-space-s, 0.25rem);
    --_m: var(--dcc-space-m, 0.5rem);
    --_l: var(--dcc-space-l, 1rem);
    --_radius: var(--dcc-radius, 4px);
    --_focus: var(--dcc-focus-ring, 3px solid #1a73e8);
    display: block;
    color: var(--_text);
    background: var(--_bg);
    font-family: var(--dcc-font-family, system-ui, sans-serif);
    font-size: var(--dcc-font-size, 1rem);
    line-height: 1.4;
  }
  :host([hidden]),
  [hidden] {
    display: none !important;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
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
