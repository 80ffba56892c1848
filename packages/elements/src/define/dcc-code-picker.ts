import { defineElement } from '../define.js';
import { DccCodePicker } from '../code-picker/dcc-code-picker.component.js';

defineElement('dcc-code-picker', DccCodePicker);
