// <dcc-code-picker> is a chunk of @dcc-kit/elements, requested here with the editor's definition
// (without holding it back) and awaited by the form's first update; <dcc-directory-picker> is
// defined by the form when it has a directory to search.
import { defineElement } from '@dcc-kit/elements';
import { PpsEditor } from './pps-editor.component.js';

defineElement('pps-editor', PpsEditor);
void import('@dcc-kit/elements/define/dcc-code-picker.js').catch(() => undefined); // the form retries
