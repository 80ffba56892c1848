// @dcc-kit/cda/start: documents started from what is already known — a PPS from its signed Fiche
// RCP, an RCP from the previous RCP, the establishment's identifiers given once by the host.
// Pure and browser-safe (no parser: give the model, or parse the CDA with `parseFrcp` first).
export { startPpsFromRcp, startRcpFromPreviousRcp, rcpParticipants, rcpReferenceLabel, performanceStatusText, professionalLabel } from './from-rcp.js';
export type { PpsStart, FrcpStart, PpsFromRcp } from './from-rcp.js';
export { FRCP_TO_PPS_ACT, ppsActKindOf } from './treatment-kinds.js';
export type { PpsActKind } from './treatment-kinds.js';
export { applyEstablishmentToPps, applyEstablishmentToRcp, establishmentPaths } from './establishment.js';
export type { EstablishmentContext } from './establishment.js';
