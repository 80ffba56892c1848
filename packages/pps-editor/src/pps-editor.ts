import '@dcc-kit/elements/define/dcc-code-picker.js';
import '@dcc-kit/elements/define/dcc-directory-picker.js';
import { defineElement } from '@dcc-kit/elements';
import { PpsEditor } from './pps-editor.component.js';

defineElement('pps-editor', PpsEditor);
