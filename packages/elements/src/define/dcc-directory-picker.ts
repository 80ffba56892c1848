import { defineElement } from '../define.js';
import { DccDirectoryPicker } from '../directory-picker/dcc-directory-picker.component.js';

defineElement('dcc-directory-picker', DccDirectoryPicker);
