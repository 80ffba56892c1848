// Example inputs of @dcc-kit/cda (packages/cda/examples), served at ./examples/ by Storybook
// (staticDirs) and by web-test-runner (middleware in web-test-runner.config.mjs).
const cache = new Map();

/**
 * @param {'pps' | 'frcp'} volet
 * @param {string} fileName
 */
export async function loadExample(volet, fileName) {
  const url = `./examples/${volet}/${fileName}`;
  if (!cache.has(url)) {
    cache.set(
      url,
      fetch(url).then((response) => {
        if (!response.ok) throw new Error(`example ${volet}/${fileName}: HTTP ${response.status}`);
        return response.json();
      }),
    );
  }
  // A fresh copy each time: stories and editors may change what they get.
  return structuredClone(await cache.get(url));
}
