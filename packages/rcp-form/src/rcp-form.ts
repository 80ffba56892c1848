import '@dcc-kit/elements/define/dcc-code-picker.js';
import '@dcc-kit/elements/define/dcc-directory-picker.js';
import { defineElement } from '@dcc-kit/elements';
import { RcpForm } from './rcp-form.component.js';

defineElement('rcp-form', RcpForm);
