// The chart of <dcc-dashboard>, drawn as SVG by the element itself (no chart library; why in the
// README): one line per series over the months, each series with its own marker shape and dash
// pattern besides its colour (WCAG 1.4.1: colour is not the only cue), a value axis with round
// ticks. Every mark carries `data-series`, `data-month` and `data-value`, the figures the table
// shows (the tests compare them). The SVG is one image for assistive technologies
// (`role="img"`, named by the figure's caption, described by the text summary); the table is
// the accessible source of the figures. Colours come from CSS classes and --dcc-chart-* tokens:
// no style attribute (strict CSP).
import { svg, html, type SVGTemplateResult, type TemplateResult } from 'lit';
import { valueScale, type ChartSeries } from './dashboard-model.js';

export const CHART_WIDTH = 720;
export const CHART_HEIGHT = 300;
const M = { left: 52, right: 28, top: 16, bottom: 48 };
const MARKERS = ['circle', 'square', 'triangle', 'diamond', 'cross'] as const;
export type MarkerShape = (typeof MARKERS)[number];

/** The marker of the i-th series of a view. */
export function markerOf(index: number): MarkerShape {
  return MARKERS[index % MARKERS.length]!;
}

/** An SVG path of a marker centred on (x, y). */
function markerPath(shape: MarkerShape, x: number, y: number, r = 4.5): string {
  switch (shape) {
    case 'circle':
      return `M${x - r},${y}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0Z`;
    case 'square':
      return `M${x - r},${y - r}h${2 * r}v${2 * r}h${-2 * r}Z`;
    case 'triangle':
      return `M${x},${y - r * 1.2}L${x + r * 1.1},${y + r * 0.8}L${x - r * 1.1},${y + r * 0.8}Z`;
    case 'diamond':
      return `M${x},${y - r * 1.3}L${x + r * 1.1},${y}L${x},${y + r * 1.3}L${x - r * 1.1},${y}Z`;
    case 'cross':
      return `M${x - r},${y - r}L${x + r},${y + r}M${x + r},${y - r}L${x - r},${y + r}`;
  }
}

export interface ChartTexts {
  /** A month's short name on the axis (« janv. »); the year goes on a second line under the first month and each January. */
  monthShort(month: string): string;
  /** A mark's tooltip (« janvier 2026 — créés : 12 »). */
  markTitle(month: string, key: string, value: number): string;
  number(value: number): string;
}

/** The SVG of `series` (all of the same months). `labelledBy` / `describedBy`: ids of the caption and the summary. */
export function renderChart(series: readonly ChartSeries[], texts: ChartTexts, labelledBy: string, describedBy: string): TemplateResult {
  const months = series[0]?.points.map((p) => p.month) ?? [];
  const n = months.length;
  const max = Math.max(0, ...series.flatMap((s) => s.points.map((p) => p.value)));
  const { top, ticks } = valueScale(max);
  const plotW = CHART_WIDTH - M.left - M.right;
  const plotH = CHART_HEIGHT - M.top - M.bottom;
  const x = (i: number) => M.left + (n <= 1 ? plotW / 2 : (i * plotW) / (n - 1));
  const y = (v: number) => M.top + plotH * (1 - v / top);
  // At most ~12 month labels on the axis, whatever the period's length.
  const every = Math.max(1, Math.ceil(n / 12));
  const grid: SVGTemplateResult[] = ticks.map(
    (t) => svg`<line class="grid" x1=${M.left} x2=${CHART_WIDTH - M.right} y1=${y(t)} y2=${y(t)}></line>
      <text class="tick" x=${M.left - 6} y=${y(t)} text-anchor="end" dominant-baseline="middle">${texts.number(t)}</text>`,
  );
  const axis: SVGTemplateResult[] = months.map((month, i) =>
    i % every === 0 || i === n - 1
      ? svg`<text class="tick month" x=${x(i)} y=${CHART_HEIGHT - M.bottom + 18} text-anchor="middle">${texts.monthShort(month)}</text>
          ${i === 0 || month.endsWith('-01') ? svg`<text class="tick year" x=${x(i)} y=${CHART_HEIGHT - M.bottom + 34} text-anchor="middle">${month.slice(0, 4)}</text>` : svg``}`
      : svg``,
  );
  const lines = series.map((s, index) => {
    const shape = markerOf(index);
    const points = s.points.map((p, i) => `${x(i)},${y(p.value)}`).join(' ');
    return svg`<g class="series series-${index}" data-series=${s.key}>
      <polyline class="line" points=${points}></polyline>
      ${s.points.map(
        (p, i) => svg`<path class="mark mark-${shape}" d=${markerPath(shape, x(i), y(p.value))} data-series=${s.key} data-month=${p.month} data-value=${p.value}>
          <title>${texts.markTitle(p.month, s.key, p.value)}</title>
        </path>`,
      )}
    </g>`;
  });
  return html`<svg
    part="chart-svg"
    role="img"
    aria-labelledby=${labelledBy}
    aria-describedby=${describedBy}
    viewBox="0 0 ${CHART_WIDTH} ${CHART_HEIGHT}"
    preserveAspectRatio="xMidYMid meet"
    focusable="false"
  >
    ${grid}
    <line class="axis" x1=${M.left} x2=${CHART_WIDTH - M.right} y1=${y(0)} y2=${y(0)}></line>
    ${axis} ${lines}
  </svg>`;
}

/** A legend marker: the series' shape and dash on a short line, decorative (the label says it). */
export function legendMarker(index: number): TemplateResult {
  const shape = markerOf(index);
  return html`<svg class="legend-mark" viewBox="0 0 28 12" aria-hidden="true" focusable="false">
    <g class="series series-${index}">
      <line class="line" x1="1" x2="27" y1="6" y2="6"></line>
      <path class="mark mark-${shape}" d=${markerPath(shape, 14, 6, 4)}></path>
    </g>
  </svg>`;
}
