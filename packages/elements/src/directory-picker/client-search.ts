// The directory searches of an @dcc-kit/sdk client (`client.directory.*`, GET /directory/*),
// typed loosely as the rest of the elements' client use: the answers are already in the CDA
// model's shapes (@dcc-kit/annuaire's one mapping), so an entry becomes the value of a
// HealthProfessional or Organization block by picking its parts, without converting them.
import type { DccClientLike } from '../context.js';
import type { DirectoryOption, DirectorySearch } from './dcc-directory-picker.component.js';
import { hasDirectory } from './has-directory.js';

/** The kinds of block the model marks with `x-dcc-directory` (@dcc-kit/cda/metadata). */
export type DirectoryKind = 'practitioner' | 'organization';

type Model = Record<string, unknown>;

interface Structure {
  idNatStruct?: string;
  name?: string;
  address?: Model;
  telecoms?: Model[];
  city?: string;
  finess?: string;
  siret?: string;
}
interface Professional {
  idNatPs: string;
  name: { family: string; given?: string; prefix?: string; suffix?: string };
  authorSpecialty?: { code: string; codeSystem: string; displayName: string };
  specialty?: { display?: string };
  profession?: { display?: string };
  mssante?: string[];
  structures?: Structure[];
}
interface PageCall<T> {
  page(): Promise<{ data: { items: T[] } }>;
}
interface DirectoryApi {
  practitioners(query: { q: string; limit?: number }, options?: { signal?: AbortSignal }): PageCall<Professional>;
  organizations(query: { q: string; limit?: number }, options?: { signal?: AbortSignal }): PageCall<Structure>;
}

/** An Organization block of the model from a structure of the directory. */
export function organizationValue(s: Structure): Model {
  return {
    ...(s.idNatStruct ? { idNatStruct: s.idNatStruct } : {}),
    ...(s.name ? { name: s.name } : {}),
    ...(s.telecoms?.length ? { telecoms: s.telecoms } : {}),
    ...(s.address ? { address: s.address } : {}),
  };
}

/** A HealthProfessional block of the model from a professional of the directory (first structure). */
export function professionalValue(p: Professional): Model {
  const structure = p.structures?.[0];
  const mail = p.mssante?.[0];
  return {
    idNatPs: p.idNatPs,
    name: p.name,
    ...(p.authorSpecialty ? { profession: p.authorSpecialty } : {}),
    ...(mail ? { telecoms: [{ scheme: 'mailto', value: mail, use: 'WP' }] } : {}),
    ...(structure ? { organization: organizationValue(structure) } : {}),
  };
}

const title = (p: Professional) => [p.name.suffix === 'DR' ? 'Dr' : p.name.suffix === 'PR' ? 'Pr' : '', p.name.given ?? '', p.name.family].filter(Boolean).join(' ');

function directoryOf(client: DccClientLike | undefined): DirectoryApi | undefined {
  return hasDirectory(client) ? ((client as { directory: DirectoryApi }).directory) : undefined;
}

/** The search of `kind` through the client's `directory` API; undefined when the client has none. */
export function directorySearchOf(client: DccClientLike | undefined, kind: DirectoryKind, limit = 10): DirectorySearch<Model> | undefined {
  const directory = directoryOf(client);
  if (!directory) return undefined;
  if (kind === 'practitioner')
    return async (text, signal) => {
      const { data } = await directory.practitioners({ q: text, limit }, { signal }).page();
      return data.items.map(
        (p): DirectoryOption<Model> => ({
          key: p.idNatPs,
          label: title(p),
          detail: [p.specialty?.display ?? p.profession?.display, p.structures?.[0]?.name, `RPPS/ADELI ${p.idNatPs.slice(1)}`].filter(Boolean).join(' · '),
          value: professionalValue(p),
        }),
      );
    };
  return async (text, signal) => {
    const { data } = await directory.organizations({ q: text, limit }, { signal }).page();
    return data.items.map(
      (s): DirectoryOption<Model> => ({
        key: s.idNatStruct ?? s.name ?? '',
        label: s.name ?? s.idNatStruct ?? '',
        detail: [s.city, s.finess ? `FINESS ${s.finess}` : s.siret ? `SIRET ${s.siret}` : undefined].filter(Boolean).join(' · '),
        value: organizationValue(s),
      }),
    );
  };
}
