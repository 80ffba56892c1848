// A small but complete PPS input used across the tests (every test gets a fresh copy).
import type { PpsDocument } from '../model/pps.js';

const BASE_PPS: PpsDocument = {
  "document": {
    "id": {
      "root": "1.2.250.1.999.1",
      "extension": "PPS-1"
    },
    "setId": {
      "root": "1.2.250.1.999.2",
      "extension": "PPS"
    },
    "effectiveTime": "2024-03-15T10:30:00+01:00"
  },
  "author": {
    "professional": {
      "idNatPs": "810001045367",
      "profession": {
        "code": "G15_10/SM36"
      },
      "name": {
        "family": "MULLER",
        "given": "Charles",
        "suffix": "DR"
      },
      "organization": {
        "idNatStruct": "1010780054",
        "name": "CHU d'Angers",
        "practiceSetting": {
          "code": "ETABLISSEMENT"
        }
      }
    }
  },
  "custodian": {
    "idNatStruct": "1010780054",
    "name": "CHU d'Angers"
  },
  "encounter": {
    "facilityType": {
      "code": "SA01"
    }
  },
  "patient": {
    "ins": {
      "kind": "NIR",
      "value": "279035121518989",
      "environment": "test"
    },
    "localIds": [
      {
        "root": "1.2.3.4.567.8.9.10",
        "extension": "1234567890121"
      }
    ],
    "birthFamilyName": "PAT-TROIS",
    "birthGivenNames": "DOMINIQUE MARIE-LOUISE",
    "gender": "F",
    "birthDate": "1979-03-28",
    "birthPlace": {
      "cogCode": "51215",
      "city": "DOMPREMY"
    }
  },
  "careNetwork": {
    "coordinationCentre3C": {
      "organization": {
        "name": "3C CHU Angers"
      }
    },
    "generalPractitioner": {}
  },
  "tumours": [
    {
      "topography": {
        "coding": {
          "code": "C50.4"
        }
      },
      "morphology": {
        "coding": {
          "code": "8500/3"
        }
      },
      "diagnosisDate": "2024-01-10",
      "tnm": {
        "t": "T1b",
        "n": "N0",
        "m": "M0",
        "stage": "IA"
      },
      "laterality": {
        "code": "24028007"
      },
      "comment": "Tumeur <unifocale> & \"bien\" limitée"
    }
  ],
  "discovery": {
    "viaScreening": true,
    "date": "2023-12"
  },
  "phase": {
    "phase": "MED-268",
    "date": "2024-01-10",
    "progression": {
      "observed": false
    }
  },
  "therapeuticProgramme": {
    "treatments": [
      {
        "type": {
          "code": "387713003"
        },
        "performed": "done",
        "confirmedPeriod": {
          "start": "2024-02-01",
          "end": "2024-02-01"
        },
        "comment": "Tumorectomie"
      },
      {
        "type": {
          "code": "C15313"
        },
        "performed": "planned",
        "plannedPeriod": {
          "start": "2024-04-01",
          "end": "2024-05-10"
        },
        "rhythm": "5 j / 7",
        "atHome": false,
        "performers": [
          {
            "organization": {
              "name": "Centre Paul Papin"
            }
          }
        ]
      },
      {
        "type": {
          "code": "C15632"
        },
        "performed": "planned",
        "administrationRoute": {
          "code": "20045000"
        },
        "notableSideEffects": "Alopécie\nNausées"
      }
    ]
  },
  "supportiveCare": {
    "supportiveCare": [
      {
        "type": {
          "code": "ORG-036"
        },
        "performed": "planned",
        "weight": {
          "valueKg": 62.5,
          "date": "2024-03-01"
        }
      },
      {
        "type": {
          "code": "MED-562"
        },
        "performed": "planned",
        "habitus": {
          "code": {
            "code": "74011-8"
          },
          "statusText": "Fumeuse active"
        }
      }
    ]
  },
  "status": {
    "rcpDate": "2024-03-05",
    "handover": {
      "date": "2024-03-15",
      "announcementConsultationDate": "2024-03-12"
    }
  },
  "referencedDocuments": [
    {
      "id": {
        "root": "1.2.250.1.999.3",
        "extension": "FRCP-12"
      },
      "label": "Fiche RCP du 05/03/2024"
    }
  ]
};

export function basePps(): PpsDocument {
  return structuredClone(BASE_PPS);
}
