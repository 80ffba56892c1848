// Importing the code picker's class module registers nothing (no module side effect): its texts
// are registered by its constructor, without overriding the wording a host registered first.
import { html } from 'lit';
import { registerTranslation, translationOf } from '../localize.js';
import { DccCodePicker } from './dcc-code-picker.component.js';
import { assert, fixture } from '../testing/index.js';

describe('<dcc-code-picker> texts', () => {
  it('registers its texts on first construction, host wording first', async () => {
    assert.equal(translationOf('fr')?.['dccCodePicker.loadFailed'], undefined, 'importing the module registered nothing');
    registerTranslation({ $code: 'fr', $name: 'Français', 'dccCodePicker.loadFailed': 'Codes indisponibles (texte du logiciel hôte).' });
    if (!customElements.get('dcc-code-picker')) customElements.define('dcc-code-picker', DccCodePicker);
    await fixture(html`<dcc-code-picker label="Sexe"></dcc-code-picker>`);
    assert.equal(translationOf('fr')?.['dccCodePicker.loadFailed'], 'Codes indisponibles (texte du logiciel hôte).', 'the host keeps its wording');
    assert.equal(typeof translationOf('fr')?.['dccCodePicker.moreResults'], 'function', 'the other texts are there once constructed');
    assert.equal(typeof translationOf('en')?.['dccCodePicker.showOptions'], 'string');
  });
});
