// The kit locator lives in kit/locate.mjs (plain JavaScript, so the cda build scripts can run it
// before tsc); this module keeps it part of the `@dcc-kit/conformance/node` API.
export { DEFAULT_KIT_DIR, KIT_DIR_ENV, KitNotFoundError, resolveKitDir, type KitDirSource } from '@dcc-kit/conformance/kit';
