import { defineElement } from '@dcc-kit/elements';
import { DmpStatus } from './dmp-status.component.js';

defineElement('dmp-status', DmpStatus);
