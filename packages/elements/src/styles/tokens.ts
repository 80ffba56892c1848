// The design tokens every dcc-kit element reads: each colour, space, font and radius is a
// --dcc-* custom property with its default, resolved once on :host into a private --_* name,
// so one theme on the page covers the editors, the pickers and <dmp-status>. Static Lit
// styles (adopted stylesheets): nothing inline, fine under a strict CSP.
import { css } from 'lit';

/** `:host` with the token defaults, the host's typography and `[hidden]`. */
export const hostTokenStyles = css`
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
`;

/** Text for screen readers only. */
export const visuallyHiddenStyles = css`
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
