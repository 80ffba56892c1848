/* global document */
// <dcc-dashboard>: one story per state, each backed by the platform API mocked by msw
// (support/indicators-handlers.js, GET /indicators of the indicators contract): 12 months of
// figures, the channel view of the Fiche RCP, one establishment, many establishments, empty,
// error (with « Réessayer »), loading (an answer that never comes), English.
import { html } from 'lit';
import { createDccClient } from '@dcc-kit/sdk';
import '@dcc-kit/dashboard/dashboard.js';
import { SAMPLE_ESTABLISHMENTS, manyEstablishments, sampleRows } from '@dcc-kit/dashboard/testing';
import { MOCK_API_BASE } from './support/platform-handlers.js';
import { indicatorsHandlers } from './support/indicators-handlers.js';
import { shownIn } from './support/shown.js';

const FROM = '2026-01';
const TO = '2026-12';
const ROWS = sampleRows(FROM, TO);

/** The SDK's client over the mocked platform API (its `indicators.get`/`.csv`). */
function storyClient() {
  return createDccClient({ baseUrl: new URL(MOCK_API_BASE, document.baseURI).href });
}

/** Waits until the element shows `selector` (its figures, its empty or error message…). */
const shown = (canvasElement, selector) => shownIn(canvasElement, 'dcc-dashboard', selector);

const story = (scenario, waitFor = '[part~="figures"]', args = {}) => ({
  parameters: { mockApi: indicatorsHandlers(scenario) },
  args,
  play: async ({ canvasElement }) => {
    await shown(canvasElement, waitFor);
  },
});

/** @type {import('@storybook/web-components-vite').Meta} */
export default {
  title: 'Elements/dcc-dashboard',
  component: 'dcc-dashboard',
  tags: ['autodocs'],
  args: { lang: 'fr', fromMonth: FROM, toMonth: TO, volet: 'pps', view: 'production', finess: '', center3c: '' },
  argTypes: {
    lang: { control: 'inline-radio', options: ['fr', 'en'] },
    volet: { control: 'inline-radio', options: ['pps', 'frcp'] },
    view: { control: 'inline-radio', options: ['production', 'channel'] },
  },
  render: (args) => html`<div lang=${args.lang}>
    <dcc-dashboard .client=${storyClient()} from-month=${args.fromMonth} to-month=${args.toMonth} volet=${args.volet} view=${args.view} finess=${args.finess} center3c=${args.center3c}></dcc-dashboard>
  </div>`,
};

/** Twelve months of PPS: created, validated, signed, deposited, refused — the chart and the table of the same figures. */
export const TwelveMonths = story({ rows: ROWS });

/** The Fiche RCP by creation channel: an ESA's connector vs the web editors. */
export const ChannelView = story({ rows: ROWS }, '[part~="figures"]', { volet: 'frcp', view: 'channel' });

/** One establishment in the data, and the filter set on it. */
export const OneEstablishment = story(
  { rows: sampleRows(FROM, TO, [SAMPLE_ESTABLISHMENTS[0]]), establishments: [SAMPLE_ESTABLISHMENTS[0]] },
  '[part~="figures"]',
  { finess: SAMPLE_ESTABLISHMENTS[0].finess },
);

const MANY = manyEstablishments(60);
/** Sixty establishments over four 3Cs: every one offered in the filters. */
export const ManyEstablishments = story({ rows: sampleRows(FROM, TO, MANY), establishments: MANY, centers: [1, 2, 3, 4].map((n) => ({ id: `3c-fictif-${n}`, name: `3C fictif n° ${n}` })) });

/** Nothing in the period for these filters. */
export const Empty = story({ rows: [] }, '[part~="empty"]');

/** The platform failed: the problem in French with its status, and « Réessayer ». */
export const ErrorWithRetry = story({ error: { status: 503, title: 'Service Unavailable', detail: 'La base de données ne répond pas.' } }, '[part~="retry"]');

/** The answer has not come yet. */
export const Loading = story({ never: true }, '[part~="status"]');

/** In English. */
export const English = story({ rows: ROWS }, '[part~="figures"]', { lang: 'en' });
