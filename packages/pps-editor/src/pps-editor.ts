import '@dcc-kit/elements/define/dcc-code-picker.js';
// <dcc-directory-picker> is defined by the form when it has a directory to search (a lazy chunk).
import { defineElement } from '@dcc-kit/elements';
import { PpsEditor } from './pps-editor.component.js';

defineElement('pps-editor', PpsEditor);
