import { defineElement } from '../define.js';
import { DccProvider } from '../provider/dcc-provider.component.js';

defineElement('dcc-provider', DccProvider);
