// The look both pickers share (<dcc-code-picker>, <dcc-directory-picker>): the host, the label
// above the control, the floating list of options and the active option. Each picker adds its
// own control and option layout (and may override the list's max-height).
import { css } from 'lit';

export const pickerStyles = css`
  :host {
    display: block;
    font-family: var(--dcc-font-family, system-ui, sans-serif);
    color: var(--dcc-color-text, #1d1d1f);
  }
  :host([hidden]) {
    display: none;
  }
  [part='form-control'] {
    position: relative;
    display: grid;
    gap: 0.25rem;
  }
  [part='label'] {
    font-weight: 600;
  }
  [part='listbox'] {
    position: absolute;
    z-index: 10;
    top: 100%;
    inset-inline: 0;
    margin: 0.125rem 0 0;
    padding: 0.25rem 0;
    list-style: none;
    max-height: 18rem;
    overflow-y: auto;
    background: var(--dcc-color-background, #ffffff);
    border: 1px solid var(--dcc-color-border, #8a8f98);
    border-radius: var(--dcc-radius, 4px);
    box-shadow: 0 4px 12px rgb(0 0 0 / 0.15);
  }
  [part~='active'] {
    background: var(--dcc-color-option-active, #dbeafe);
    outline: 2px solid var(--dcc-color-primary, #0b5cad);
    outline-offset: -2px;
  }
`;
