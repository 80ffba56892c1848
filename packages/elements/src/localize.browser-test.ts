// The shared catalogues: a default registration bringing no new key changes nothing (each
// element registers its defaults when constructed), one bringing a key adds it without
// overriding what was registered before.
import { registerDefaultTranslation, translationOf, translationsRevision } from './localize.js';
import { assert } from './testing/index.js';

describe('registerDefaultTranslation', () => {
  it('leaves the catalogue, its revision and the elements alone when no key is new; adds a new key under the registered wording', () => {
    registerDefaultTranslation({ $code: 'fr', $name: 'Français', 'test.localize.known': 'Texte par défaut' });
    const catalogue = translationOf('fr');
    const revision = translationsRevision();
    registerDefaultTranslation({ $code: 'fr', $name: 'Français', 'test.localize.known': 'Autre texte par défaut' });
    assert.ok(translationOf('fr') === catalogue, 'the same catalogue object');
    assert.equal(translationsRevision(), revision, 'the label cache built on it stays valid');
    assert.equal(translationOf('fr')?.['test.localize.known'], 'Texte par défaut');
    registerDefaultTranslation({ $code: 'fr', $name: 'Français', 'test.localize.known': 'Encore un autre', 'test.localize.new': 'Nouveau' });
    assert.notEqual(translationsRevision(), revision, 'a new key changes the revision');
    assert.equal(translationOf('fr')?.['test.localize.known'], 'Texte par défaut', 'what was registered wins');
    assert.equal(translationOf('fr')?.['test.localize.new'], 'Nouveau');
  });
});
