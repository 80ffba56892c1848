// The establishment's identifiers, given once by the host (the `establishment` property of
// <dcc-provider> or of an editor) and never typed by the clinician: the structure keeping the
// documents, its facility type and practice setting, its 3C, its regional cancer network and, for
// the Fiche RCP, the RCP's national ids, place and coordinating physician. `applyEstablishment` fills what a model does
// not say yet; what the model already says is kept (a clinician's correction wins).
import type { Coding, Custodian, HealthProfessional, Organization } from '../model/common.js';
import type { RcpDiscussion, RcpMeeting } from '../model/frcp.js';

/** The parts of the discussion that say what kind of RCP it is. */
const RCP_TYPE_KEYS = ['nature', 'apparatus', 'organs', 'careType', 'isRecourseRcp', 'isPaediatricRcp'] as const;
import type { FrcpStart, PpsStart } from './from-rcp.js';

/** The establishment's identifiers and organisations, as the host knows them. */
export interface EstablishmentContext {
  /** The structure keeping the documents (custodian): IdNat_Struct ("1"+FINESS…), name, address. */
  readonly structure?: Custodian;
  /** Healthcare facility type of the encounter, value set J02 (e.g. SA36 Centre anti-cancer). */
  readonly facilityType?: Coding;
  /** Practice setting of the structure, value set J04 (e.g. ETABLISSEMENT). */
  readonly practiceSetting?: Coding;
  /** The structure as the PPS's reference facility (default: `structure` with `practiceSetting`). */
  readonly referenceFacility?: Organization;
  /** The cancer coordination centre (3C) of the establishment (PPS ORG-190). */
  readonly coordinationCentre3C?: Organization;
  /** The regional cancer network (RRC) (PPS ORG-191). */
  readonly regionalCancerNetwork?: Organization;
  /** The RCP the establishment's Fiches RCP record (their national ids and place). */
  readonly rcp?: {
    /** "Acronyme RRC / Acronyme gestionnaire RCP / dénomination de la RCP". */
    readonly denomination?: string;
    /** National id of the regional cancer network (root 1.2.250.1.161.1.20.1.1). */
    readonly rrcId?: string;
    /** National id of the RCP manager, e.g. the 3C (root 1.2.250.1.161.1.20.2.1). */
    readonly managerId?: string;
    /** National id of the RCP (root 1.2.250.1.161.1.20.3.1). */
    readonly rcpId?: string;
    /** Establishment where the RCP is organised (name and address). */
    readonly facility?: Organization;
    /** The RCP's coordinating physician (médecin coordonnateur), the same at every session of the RCP. */
    readonly coordinator?: RcpMeeting['coordinator'];
    /** The RCP's regular members: offered for the quorum of each session (one key each), never filled in. */
    readonly members?: readonly HealthProfessional[];
    /** What kind of RCP it is (nature, apparatus and organs, or care type; recourse, paediatric): the same at every session. */
    readonly discussionType?: Partial<Pick<RcpDiscussion, (typeof RCP_TYPE_KEYS)[number]>>;
    /** The clinical practice guidelines the RCP works with: offered for each proposal's framework (one key each). */
    readonly guidelines?: readonly { readonly nameAndVersion: string; readonly date?: string }[];
  };
}

/** The model paths an establishment context fills (for a host or an editor that shows them as given). */
export function establishmentPaths(volet: 'pps' | 'frcp', context: EstablishmentContext): string[] {
  const paths: string[] = [];
  if (context.structure) paths.push('custodian');
  if (context.facilityType) paths.push('encounter.facilityType');
  if (volet === 'pps') {
    if (context.structure && context.facilityType) paths.push('encounter.facility');
    if (context.referenceFacility ?? context.structure) paths.push('careNetwork.referenceFacilities');
    if (context.coordinationCentre3C) paths.push('careNetwork.coordinationCentre3C');
    if (context.regionalCancerNetwork) paths.push('careNetwork.regionalCancerNetworks');
  } else if (context.rcp) {
    for (const key of ['denomination', 'rrcId', 'managerId', 'rcpId', 'facility', 'coordinator'] as const)
      if (context.rcp[key] !== undefined) paths.push(`meeting.${key}`);
    for (const key of RCP_TYPE_KEYS) if (context.rcp.discussionType?.[key] !== undefined) paths.push(`discussion.${key}`);
  }
  return paths;
}

const copy = <T>(value: T): T => structuredClone(value);

function structureAsOrganization(context: EstablishmentContext): Organization | undefined {
  if (context.referenceFacility) return copy(context.referenceFacility);
  const s = context.structure;
  if (!s) return undefined;
  return {
    idNatStruct: s.idNatStruct,
    ...(s.name ? { name: s.name } : {}),
    ...(s.telecoms ? { telecoms: copy(s.telecoms) } : {}),
    ...(s.address ? { address: copy(s.address) } : {}),
    ...(context.practiceSetting ? { practiceSetting: copy(context.practiceSetting) } : {}),
  };
}

/** A PPS with the establishment's identifiers filled where the model has none (a new object). */
export function applyEstablishmentToPps(model: PpsStart, context: EstablishmentContext): PpsStart {
  const out = copy(model);
  if (context.structure) out.custodian ??= copy(context.structure);
  if (context.facilityType) {
    const encounter = (out.encounter ??= { facilityType: copy(context.facilityType) });
    encounter.facilityType ??= copy(context.facilityType);
    // The encounter location carries the structure's id, name and address only.
    const s = context.structure;
    if (s)
      encounter.facility ??= {
        idNatStruct: s.idNatStruct,
        ...(s.name ? { name: s.name } : {}),
        ...(s.address ? { address: copy(s.address) } : {}),
      };
  }
  const network = (out.careNetwork ??= {});
  const reference = structureAsOrganization(context);
  if (reference && !network.referenceFacilities?.length) network.referenceFacilities = [{ organization: reference }];
  if (context.coordinationCentre3C) network.coordinationCentre3C ??= { organization: copy(context.coordinationCentre3C) };
  if (context.regionalCancerNetwork && !network.regionalCancerNetworks?.length)
    network.regionalCancerNetworks = [{ organization: copy(context.regionalCancerNetwork) }];
  return out;
}

/** A Fiche RCP with the establishment's identifiers filled where the model has none (a new object). */
export function applyEstablishmentToRcp(model: FrcpStart, context: EstablishmentContext): FrcpStart {
  const out = copy(model);
  if (context.structure) out.custodian ??= copy(context.structure);
  if (context.facilityType) {
    const encounter = (out.encounter ??= { facilityType: copy(context.facilityType) });
    encounter.facilityType ??= copy(context.facilityType);
  }
  const rcp = context.rcp;
  if (rcp) {
    const meeting = (out.meeting ??= {});
    if (rcp.denomination !== undefined) meeting.denomination ??= rcp.denomination;
    if (rcp.rrcId !== undefined) meeting.rrcId ??= rcp.rrcId;
    if (rcp.managerId !== undefined) meeting.managerId ??= rcp.managerId;
    if (rcp.rcpId !== undefined) meeting.rcpId ??= rcp.rcpId;
    if (rcp.facility !== undefined) meeting.facility ??= copy(rcp.facility);
    if (rcp.coordinator !== undefined) meeting.coordinator ??= copy(rcp.coordinator);
    const kind = rcp.discussionType;
    if (kind) {
      const discussion: Record<string, unknown> = (out.discussion ??= {});
      for (const key of RCP_TYPE_KEYS) if (kind[key] !== undefined) discussion[key] ??= copy(kind[key]);
    }
  }
  return out;
}
