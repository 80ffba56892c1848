// A new version of a signed document is a replacement (CDA relatedDocument RPLC, dmp-mes.md
// §2.3): same setId, versionNumber + 1, parentDocument/id = the signed CDA's id. The server
// derives these from the signed version; the client gives only the reason (JDV_MotifMiseAJour).
import { documentIdRoot, findConcept } from '@dcc-kit/cda';
import { JDV_MotifMiseAJour_CISIS } from '@dcc-kit/cda/value-sets';
import { issue, problems, type ProblemIssue } from '../http.js';
import type { DocumentType } from '../store/records.js';
import { setIdToInstance } from './document-checker.js';

/** Why a signed version is replaced: a code of JDV_MotifMiseAJour_CISIS and an optional precision. */
export interface ReplacementReason {
  reason: { code: string; codeSystem: string; displayName: string };
  precision?: string;
}

/** What a replacement's CDA must say, taken from the signed version it replaces. */
export interface ReplacementTarget {
  /** The server version replaced (the last signed or submitted one). */
  replacesVersion: number;
  /** Its ClinicalDocument/id (`root` or `root^extension`): this CDA's parentDocument/id. */
  replacesCdaDocumentId: string;
  /** setId shared by every version (`root` or `root^extension`). */
  setId: string;
  /** The versionNumber this CDA carries: the replaced one's + 1. */
  versionNumber: number;
}

type Header = { setId?: unknown; versionNumber?: unknown; replaces?: unknown };
type InstanceId = { root: string; extension?: string };

const asInstance = (v: unknown): InstanceId | undefined =>
  v && typeof v === 'object' && typeof (v as InstanceId).root === 'string' ? (v as InstanceId) : undefined;
/** The string form of an id as the CDA writes it (a UUID root in its 2.25 form). */
const idString = (id: InstanceId): string => (id.extension === undefined ? documentIdRoot(id.root) : `${documentIdRoot(id.root)}^${id.extension}`);

/**
 * The reason as stored: its code checked against JDV_MotifMiseAJour_CISIS and completed
 * (codeSystem, displayName) from it. 422 naming `replacementReason…` when missing or unknown.
 */
export function resolveReason(input: { reason?: { code?: string; codeSystem?: string }; precision?: string } | undefined): ReplacementReason {
  if (!input?.reason?.code)
    throw problems.unprocessable('replacement-reason-required', 'A new version of a signed document replaces it: give the reason (replacementReason).', [
      issue(
        'replacementReason',
        'required',
        'Le document est signé : une nouvelle version le remplace, indiquez le motif de mise à jour (JDV_MotifMiseAJour_CISIS).',
        'The document is signed: a new version replaces it; give the update reason (JDV_MotifMiseAJour_CISIS).',
      ),
    ]);
  const concept = findConcept(JDV_MotifMiseAJour_CISIS, input.reason.code, input.reason.codeSystem);
  if (!concept)
    throw problems.unprocessable('invalid-replacement-reason', 'The replacement reason is not a code of JDV_MotifMiseAJour_CISIS.', [
      issue('replacementReason.reason.code', 'value-set', "Ce motif n'est pas dans le jeu de valeurs JDV_MotifMiseAJour_CISIS.", 'This reason is not in the value set JDV_MotifMiseAJour_CISIS.'),
    ]);
  return {
    reason: { code: concept.code, codeSystem: concept.codeSystem, displayName: concept.displayName },
    ...(input.precision !== undefined ? { precision: input.precision } : {}),
  };
}

/**
 * The model as stored for a replacement: `document.setId`, `versionNumber` and `replaces`
 * from the target, and for a PPS the update reason (`status.updateReason`, the volet's place
 * for it; the FRCP has none, its reason lives on the server version only). A client value that
 * contradicts the target → 422 with the model path of each.
 */
export function replacementModel(type: DocumentType, model: unknown, target: ReplacementTarget, reason: ReplacementReason): unknown {
  const copy = structuredClone(model) as Record<string, unknown>;
  const header = (copy.document ?? {}) as Header & Record<string, unknown>;
  const issues: ProblemIssue[] = [];
  const setId = asInstance(header.setId);
  if (header.setId !== undefined && (!setId || idString(setId) !== target.setId))
    issues.push(mismatch('model.document.setId', 'le setId du document signé', "the signed document's setId"));
  if (header.versionNumber !== undefined && header.versionNumber !== target.versionNumber)
    issues.push(mismatch('model.document.versionNumber', `le numéro de version ${target.versionNumber}`, `version number ${target.versionNumber}`));
  const replaces = asInstance(header.replaces);
  if (header.replaces !== undefined && (!replaces || idString(replaces) !== target.replacesCdaDocumentId))
    issues.push(mismatch('model.document.replaces', "l'identifiant du document signé remplacé", "the id of the signed document it replaces"));
  const id = asInstance(header.id);
  if (id && idString(id) === target.replacesCdaDocumentId)
    issues.push(
      issue('model.document.id', 'replacement-mismatch', "Chaque version a un nouvel identifiant : retirez l'identifiant de la version remplacée.", 'Every version has a new id: remove the id of the replaced version.'),
    );
  let status: Record<string, unknown> | undefined;
  if (type === 'pps') {
    status = (copy.status ?? {}) as Record<string, unknown>;
    const given = status.updateReason as { reason?: { code?: unknown } } | undefined;
    if (given !== undefined && given.reason?.code !== reason.reason.code)
      issues.push(mismatch('model.status.updateReason', 'le motif de remplacement donné (replacementReason)', 'the replacement reason given (replacementReason)'));
  }
  if (issues.length) throw problems.unprocessable('replacement-mismatch', 'The model contradicts the version it replaces; leave these fields out, the server sets them.', issues);
  copy.document = { ...header, setId: setIdToInstance(target.setId), versionNumber: target.versionNumber, replaces: setIdToInstance(target.replacesCdaDocumentId) };
  if (status) {
    if (status.updateReason === undefined) status.updateReason = { reason: { ...reason.reason }, ...(reason.precision !== undefined ? { precision: reason.precision } : {}) };
    copy.status = status;
  }
  return copy;
}

function mismatch(path: string, fr: string, en: string): ProblemIssue {
  return issue(path, 'replacement-mismatch', `Ce champ contredit la version remplacée : attendu ${fr} (laissez-le vide, le serveur le renseigne).`, `This field contradicts the replaced version: expected ${en} (leave it out, the server sets it).`);
}
