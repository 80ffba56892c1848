/* global document */
// <dmp-status>: one story per state the issue lists, each backed by @dcc-kit/sdk against the
// platform API mocked by msw (support/dmp-handlers.js, records from @dcc-kit/dmp-status/testing): no DMP, closed, non-qualified identity,
// can feed, queued, sending, retrying at HH:MM, accepted, refused (French reason), parked,
// masked, not visible to the patient (alert), archived (hidden, then shown), old versions, a
// live update from the change feed, English.
import { html } from 'lit';
import { createDccClient } from '@dcc-kit/sdk';
import '@dcc-kit/dmp-status/dmp-status.js';
import { MOCK_API_BASE } from './support/platform-handlers.js';
import { PATIENT_ID, accepted, activeDmp, doc, patient, submission, version } from '@dcc-kit/dmp-status/testing';
import { dmpHandlers } from './support/dmp-handlers.js';
import { shownIn } from './support/shown.js';

const pps = [doc('doc-pps-1', 'pps', 1)];
const ppsV1 = [version('doc-pps-1', 1)];

function scenario(over = {}) {
  return { patient: patient(), dmp: activeDmp(), documents: pps, versions: ppsV1, submissions: [], ...over };
}

/** Waits until the element has read the platform (its patient part or an error shows). */
const loadedIn = (canvasElement, selector = '[part~="patient"]') => shownIn(canvasElement, 'dmp-status', selector);

const story = (s, extra = {}) => ({
  parameters: { mockApi: dmpHandlers(s) },
  play: async ({ canvasElement }) => {
    await loadedIn(canvasElement, extra.waitFor);
  },
  ...extra,
});

/** @type {import('@storybook/web-components-vite').Meta} */
export default {
  title: 'Elements/dmp-status',
  component: 'dmp-status',
  tags: ['autodocs'],
  args: { lang: 'fr', showArchived: false, showOld: false },
  argTypes: { lang: { control: 'inline-radio', options: ['fr', 'en'] } },
  render: (args) => {
    const client = createDccClient({ baseUrl: new URL(MOCK_API_BASE, document.baseURI).href });
    return html`<div lang=${args.lang}>
      <dmp-status .client=${client} patient-id=${PATIENT_ID} ?show-archived=${args.showArchived} ?show-old=${args.showOld}></dmp-status>
    </div>`;
  },
};

/** An open DMP, a qualified INS: « Les documents peuvent être envoyés dans ce DMP » (EX_2.1-1190); one PPS accepted. */
export const CanFeed = story(scenario({ submissions: [accepted('doc-pps-1', 1), submission('doc-pps-1', 1, { channel: 'mss:patient', state: 'accepted' })] }), { waitFor: '[part~="state-accepted"]' });

/** The patient has no DMP (TD0.2 `NF`): nothing can be sent, and the element says why. */
export const NoDmp = story(scenario({ dmp: activeDmp({ dmp: 'none', authorisation: 'NON_EXISTE', canFeed: false }), versions: [version('doc-pps-1', 1, 'signed')] }));

/** A closed DMP, with its closure reason. */
export const ClosedDmp = story(
  scenario({
    dmp: activeDmp({ dmp: 'closed', closureReason: 'FERMETURE_DEMANDE_PATIENT', canFeed: false }),
    submissions: [submission('doc-pps-1', 1, { state: 'parked', stateDetail: 'dmp-closed' })],
  }),
  { waitFor: '[part~="state-parked"]' },
);

/** A provisional identity: only a qualified INS feeds the DMP; the element says so and why. */
export const IdentityNotQualified = story(scenario({ patient: patient('provisional'), versions: [version('doc-pps-1', 1, 'signed')] }));

/** Submitted, waiting in the queue. */
export const Queued = story(scenario({ submissions: [submission('doc-pps-1', 1, { state: 'queued' })] }), { waitFor: '[part~="state-queued"]' });

/** Being sent to the DMP. */
export const Sending = story(scenario({ submissions: [submission('doc-pps-1', 1, { state: 'sending', attempts: 1 })] }), { waitFor: '[part~="state-sending"]' });

/** A transient DMP fault: « nouvel essai à 14:05 » (Europe/Paris time of `nextAttemptAt`). */
export const Retrying = story(
  scenario({
    submissions: [
      submission('doc-pps-1', 1, {
        state: 'retrying',
        attempts: 2,
        nextAttemptAt: '2026-12-01T13:05:00Z',
        reason: { code: 'XDSRegistryBusy', fr: 'Le DMP est momentanément indisponible.', en: 'The DMP is temporarily unavailable.' },
      }),
    ],
  }),
  { waitFor: '[part~="state-retrying"]' },
);

/** Accepted by the DMP and delivered to the patient's mailbox: the actions of an approved entry. */
export const Accepted = CanFeed;

/** Refused by the DMP, with its reason in plain French. */
export const Refused = story(
  scenario({
    submissions: [
      submission('doc-pps-1', 1, {
        state: 'refused',
        reason: { code: 'XDSPatientIdDoesNotMatch', fr: 'L’identité du patient ne correspond pas à celle connue du DMP.', en: 'The patient identity does not match the DMP’s.', field: 'patientId' },
      }),
    ],
  }),
  { waitFor: '[part~="state-refused"]' },
);

/** Parked after the retries ran out: « Renvoyer » puts it back in the queue. */
export const Parked = story(scenario({ submissions: [submission('doc-pps-1', 1, { state: 'parked', stateDetail: 'retries-exhausted', attempts: 8 })] }), { waitFor: '[part~="state-parked"]' });

/** « masqué aux professionnels de santé » (EX_3.1-1080), with « Ne plus masquer ». */
export const MaskedToProfessionals = story(scenario({ submissions: [accepted('doc-pps-1', 1, ['MASQUE_PS'])] }), { waitFor: '[part~="label"]' });

/**
 * Not visible to the patient (before the announcement consultation) nor to the legal
 * representatives: labels, the EX_3.2-1025 alert, and the irreversible actions behind a
 * confirmation dialog (EX_3.3-1045).
 */
export const InvisibleToPatient = story(scenario({ submissions: [accepted('doc-pps-1', 1, ['INVISIBLE_PATIENT', 'INVISIBLE_REPRESENTANTS_LEGAUX'])] }), { waitFor: '[part~="alert"]' });

const withArchived = {
  documents: [doc('doc-pps-1', 'pps', 1), doc('doc-frcp-1', 'frcp', 1)],
  versions: [version('doc-pps-1', 1), version('doc-frcp-1', 1)],
  submissions: [accepted('doc-pps-1', 1), accepted('doc-frcp-1', 1, [], 'Archived')],
};

/** An archived Fiche RCP is hidden by default (EX_3.1-1030)… */
export const ArchivedHidden = story(scenario(withArchived), { waitFor: '[part~="hidden-count"]' });

/** …and shown, labelled « archivé », with « afficher les documents archivés ». */
export const ArchivedShown = { ...story(scenario(withArchived), { waitFor: '[part~="label-archived"]' }), args: { showArchived: true } };

/** Version 2 replaced version 1 in the DMP: « anciennes versions » shows v1, « ancienne version obsolète ». */
export const OldVersions = {
  ...story(
    scenario({
      documents: [doc('doc-pps-1', 'pps', 2)],
      versions: [version('doc-pps-1', 1), version('doc-pps-1', 2)],
      submissions: [accepted('doc-pps-1', 1, [], 'Deprecated'), accepted('doc-pps-1', 2)],
    }),
    { waitFor: '[part~="label-deprecated"]' },
  ),
  args: { showOld: true },
};

/** Live: the change feed moves the PPS from queued to sending, then accepted, without a reload. */
export const LiveUpdate = story(
  scenario({
    submissions: [submission('doc-pps-1', 1, { state: 'queued' })],
    feed: [
      { afterMs: 300, submissionId: 'sub-doc-pps-1-1-dmp', change: { state: 'sending', attempts: 1 } },
      { afterMs: 900, submissionId: 'sub-doc-pps-1-1-dmp', change: { state: 'accepted', dmp: { entryUUID: 'urn:uuid:e-live', logicalId: 'urn:uuid:l-live', metadataVersion: 1, status: 'Approved' } } },
    ],
  }),
  { waitFor: '[part~="state-accepted"]' },
);

/** In English. */
export const English = { ...Retrying, args: { lang: 'en' } };
