import '@dcc-kit/elements/define/dcc-code-picker.js';
// <dcc-directory-picker> is defined by the form when it has a directory to search (a lazy chunk).
import { defineElement } from '@dcc-kit/elements';
import { RcpForm } from './rcp-form.component.js';

defineElement('rcp-form', RcpForm);
