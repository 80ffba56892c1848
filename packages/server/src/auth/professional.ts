// PSC userinfo (scope_all) → the professional the server works with (identity-auth.md §3.6).

export interface Activity {
  id: string;
  structureId: string;
  structureIdType: 'FINESS' | 'SIRET' | 'TECHNICAL';
  structureName: string | null;
  professionCode: string | null;
  specialtyCode: string | null;
  modeCode: string | null;
}

export interface Professional {
  idNatPs: string;
  givenName: string | null;
  familyName: string | null;
  roles: string[];
  activities: Activity[];
}

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

export class ClaimsError extends Error {}

export function professionalFromUserInfo(userinfo: Record<string, unknown>): Professional {
  const idNatPs = text(userinfo.SubjectNameID) ?? text(userinfo.preferred_username);
  if (!idNatPs) throw new ClaimsError('userinfo has no SubjectNameID');
  const roles = Array.isArray(userinfo.SubjectRole) ? userinfo.SubjectRole.filter((r): r is string => typeof r === 'string') : [];
  const activities: Activity[] = [];
  const refPro = userinfo.SubjectRefPro as { exercices?: unknown } | undefined;
  const exercices = Array.isArray(refPro?.exercices) ? (refPro.exercices as Array<Record<string, unknown>>) : [];
  const seen = new Map<string, number>();
  for (const exercice of exercices) {
    const list = Array.isArray(exercice.activities) ? (exercice.activities as Array<Record<string, unknown>>) : [];
    for (const a of list) {
      const finess = text(a.numeroFinessSite);
      const siret = text(a.numeroSiretSite);
      const technical = text(a.identifiantTechniqueDeLaStructure);
      const structureId = finess ?? siret ?? technical;
      if (!structureId) continue;
      const structureIdType = finess ? 'FINESS' : siret ? 'SIRET' : 'TECHNICAL';
      // Stable across logins: the same structure and profession give the same id.
      const base = `${structureIdType.toLowerCase()}-${structureId}-${text(exercice.codeProfession) ?? 'x'}`;
      const count = (seen.get(base) ?? 0) + 1;
      seen.set(base, count);
      activities.push({
        id: count === 1 ? base : `${base}-${count}`,
        structureId,
        structureIdType,
        structureName: text(a.raisonSocialeSite) ?? text(a.enseigneCommercialeSite),
        professionCode: text(exercice.codeProfession),
        specialtyCode: text(exercice.codeSavoirFaire),
        modeCode: text(a.codeModeExercice),
      });
    }
  }
  return { idNatPs, givenName: text(userinfo.given_name), familyName: text(userinfo.family_name), roles, activities };
}
