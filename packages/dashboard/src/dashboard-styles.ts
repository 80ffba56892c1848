// Styles of <dcc-dashboard>: every colour, space, font and radius from a --dcc-* token with a
// default (the other elements' tokens, plus the chart's series colours). Static Lit styles:
// adopted stylesheets, nothing inline, fine under a strict CSP.
import { css } from 'lit';
import { hostTokenStyles, visuallyHiddenStyles } from '@dcc-kit/elements';

export const dashboardStyles = css`
  ${hostTokenStyles}
  ${visuallyHiddenStyles}
  :host {
    /* Series colours: distinguishable for the common colour-vision deficiencies (Okabe–Ito), each series also has its own marker and dash. */
    --_c0: var(--dcc-chart-color-1, #0072b2);
    --_c1: var(--dcc-chart-color-2, #d55e00);
    --_c2: var(--dcc-chart-color-3, #009e73);
    --_c3: var(--dcc-chart-color-4, #6a3d9a);
    --_c4: var(--dcc-chart-color-5, #8f6b00);
  }
  h2 {
    font-size: 1.2em;
    margin: 0 0 var(--_m);
  }
  p {
    margin: var(--_s) 0;
  }
  [part~='filters'],
  [part~='display'] {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: var(--_m) var(--_l);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    margin: 0 0 var(--_m);
    padding: var(--_m);
  }
  fieldset fieldset {
    border: none;
    margin: 0;
    padding: 0;
    display: flex;
    gap: var(--_m);
  }
  label.field {
    display: flex;
    flex-direction: column;
    gap: var(--_s);
  }
  select,
  button {
    font: inherit;
    color: var(--_text);
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_s) var(--_m);
  }
  button {
    color: var(--_primary);
    border-color: var(--_primary);
    cursor: pointer;
  }
  button[aria-disabled='true'] {
    cursor: progress;
    opacity: 0.6;
  }
  select:focus-visible,
  button:focus-visible,
  input:focus-visible {
    outline: var(--_focus);
    outline-offset: 2px;
  }
  [part~='error'],
  [part~='period-error'] {
    color: var(--_error);
  }
  [part~='offline'] {
    color: var(--_warning);
    font-weight: 600;
  }
  [part~='status'] {
    color: var(--_muted);
  }
  [part~='figures'][aria-busy='true'] {
    opacity: 0.6;
  }
  [part~='chart'] {
    margin: 0 0 var(--_l);
  }
  figcaption {
    font-weight: 600;
    margin-block-end: var(--_s);
  }
  [part~='chart-svg'] {
    display: block;
    width: 100%;
    max-width: 60rem;
    height: auto;
  }
  [part~='chart-svg'] text {
    fill: var(--_text);
    font-size: 12px;
  }
  .grid {
    stroke: var(--_border);
    stroke-opacity: 0.35;
  }
  .axis {
    stroke: var(--_text);
  }
  .line {
    fill: none;
    stroke-width: 2;
  }
  .mark {
    stroke-width: 1.5;
  }
  .mark-cross {
    fill: none;
    stroke-width: 2.5;
  }
  .series-0 {
    stroke: var(--_c0);
    fill: var(--_c0);
  }
  .series-1 {
    stroke: var(--_c1);
    fill: var(--_c1);
  }
  .series-1 .line {
    stroke-dasharray: 8 4;
  }
  .series-2 {
    stroke: var(--_c2);
    fill: var(--_c2);
  }
  .series-2 .line {
    stroke-dasharray: 2 3;
  }
  .series-3 {
    stroke: var(--_c3);
    fill: var(--_c3);
  }
  .series-3 .line {
    stroke-dasharray: 10 3 2 3;
  }
  .series-4 {
    stroke: var(--_c4);
    fill: var(--_c4);
  }
  .series-4 .line {
    stroke-dasharray: 4 2;
  }
  .series .line {
    fill: none;
  }
  [part~='legend'] {
    list-style: none;
    display: flex;
    flex-wrap: wrap;
    gap: var(--_s) var(--_l);
    padding: 0;
    margin: var(--_s) 0;
  }
  [part~='legend'] li {
    display: flex;
    align-items: center;
    gap: var(--_s);
  }
  .legend-mark {
    width: 28px;
    height: 12px;
  }
  [part~='table-wrap'] {
    overflow-x: auto;
  }
  [part~='table-wrap']:focus-visible {
    outline: var(--_focus);
    outline-offset: 2px;
  }
  [part~='table'] {
    border-collapse: collapse;
    font-variant-numeric: tabular-nums;
  }
  [part~='table'] caption {
    text-align: start;
    font-weight: 600;
    margin-block-end: var(--_s);
  }
  [part~='table'] th,
  [part~='table'] td {
    border: 1px solid var(--_border);
    padding: var(--_s) var(--_m);
  }
  [part~='table'] td {
    text-align: end;
  }
  [part~='table'] thead th {
    background: var(--_surface);
    vertical-align: bottom;
  }
  [part~='table'] th[scope='row'] {
    text-align: start;
    font-weight: normal;
    white-space: nowrap;
  }
  [part~='table'] tfoot th,
  [part~='table'] tfoot td {
    font-weight: 600;
  }
  [part~='generated-at'] {
    color: var(--_muted);
    font-size: 0.9em;
  }
`;
