import { defineElement } from '@dcc-kit/elements';
import { DccDashboard } from './dashboard.component.js';

defineElement('dcc-dashboard', DccDashboard);
