// The directory's content as the backend answers it (GET /directory/practitioners|organizations):
// the simulator's seed turned into its FHIR resources, then mapped by @dcc-kit/annuaire's one
// mapping, the one the backend's client uses. The source of the demo's offline directory and of
// the stories (scripts/write-directory-records.mjs writes it as a browser module at build time).
import { mapOrganization, mapPractitioner, type DirectoryProfessional } from '@dcc-kit/annuaire';
import type { Organization } from '@dcc-kit/annuaire/fhir';
import { defaultSeed, type DirectorySeed } from './seed.js';
import { directoryData } from './simulator.js';
import type { DirectoryRecords } from './offline-directory.js';

/** Every active professional and structure, in the backend's shapes and the seed's order. */
export function directoryRecords(seed: DirectorySeed = defaultSeed()): DirectoryRecords {
  const data = directoryData(seed);
  const organizations = new Map<string, Organization>(data.organizations.map((o) => [o.id as string, o]));
  const practitioners: DirectoryProfessional[] = [];
  for (const practitioner of data.practitioners) {
    if (practitioner.active === false) continue;
    const mapped = mapPractitioner(practitioner, data.roles, organizations);
    if (mapped) practitioners.push(mapped);
  }
  return { practitioners, organizations: data.organizations.filter((o) => o.active !== false).map(mapOrganization) };
}
