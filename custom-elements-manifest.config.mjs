// Custom elements manifest (https://github.com/webcomponents/custom-elements-manifest) of the
// dcc-kit elements, generated from the TypeScript sources and their JSDoc (@summary, @event,
// @csspart, @cssproperty, @cssstate…): the API contract read by Storybook's docs, IDEs and
// wrapper generators. Output: custom-elements.json at the repository root (generated, not
// committed). Run: `npx cem analyze --config custom-elements-manifest.config.mjs`.
export default {
  globs: ['packages/elements/src/**/*.ts', 'packages/pps-editor/src/**/*.ts', 'packages/rcp-form/src/**/*.ts', 'packages/dmp-status/src/**/*.ts', 'packages/dashboard/src/**/*.ts'],
  exclude: ['**/*.test.ts', '**/*.browser-test.ts', '**/testing/**', '**/*.d.ts', '**/bench/**'],
  outdir: '.',
  litelement: true,
  // Keep private and #-prefixed members out of the public contract.
  plugins: [
    {
      name: 'dcc-kit:drop-private-members',
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules ?? []) {
          for (const declaration of mod.declarations ?? []) {
            if (!declaration.members) continue;
            declaration.members = declaration.members.filter((m) => m.privacy !== 'private' && !String(m.name).startsWith('#'));
          }
        }
      },
    },
  ],
};
