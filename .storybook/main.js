// Storybook 10 for the dcc-kit web components (Lit, Vite builder). Works offline: telemetry
// and update notifications are off, the msw worker is generated locally into
// .storybook/public (`npx msw init .storybook/public --no-save`, done by the `storybook` and
// `build-storybook` scripts), example inputs are served from packages/cda/examples.
/** @type {import('@storybook/web-components-vite').StorybookConfig} */
const config = {
  framework: { name: '@storybook/web-components-vite', options: {} },
  stories: ['../stories/**/*.stories.js'],
  addons: ['@storybook/addon-docs'],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true, enableCrashReports: false },
  staticDirs: ['./public', { from: '../packages/cda/examples', to: '/examples' }],
  docs: { defaultName: 'Documentation' },
};
export default config;
