// The professional of the offline mode: Dr Camille LEFORT of the PSC emulator's test users
// (packages/psc-emulator/src/users.ts), as the backend's /auth/session would describe her.
// Fictitious person, valid identifiers.
export const DR_LEFORT_SESSION = {
  professional: {
    idNatPs: '810209801199',
    givenName: 'Camille',
    familyName: 'LEFORT',
    roles: ['10^1.2.250.1.213.1.1.5.5'],
    activities: [
      {
        id: 'finess-492805973-10',
        structureId: '492805973',
        structureIdType: 'FINESS' as const,
        structureName: "Institut de Cancérologie de l'Ouest (ICO) – site Paul Papin",
        professionCode: '10',
        specialtyCode: 'SM36',
        modeCode: 'S',
      },
      {
        id: 'siret-49231874600012-10',
        structureId: '49231874600012',
        structureIdType: 'SIRET' as const,
        structureName: 'Cabinet du Dr Camille LEFORT',
        professionCode: '10',
        specialtyCode: 'SM36',
        modeCode: 'L',
      },
    ],
  },
  expiresAt: new Date(Date.now() + 8 * 3600_000).toISOString(),
};
