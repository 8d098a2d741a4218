import type { InvestigationReportInput } from './types.ts';

/** An input with every section empty; callers fill what they know and the rest prints as 无 / 不详. */
export function blankReportInput(
  header: InvestigationReportInput['header'],
  person: { name: string },
  timeZone = 'Asia/Shanghai',
): InvestigationReportInput {
  return {
    timeZone,
    header,
    discovery: {
      route: null,
      institution: null,
      receivedAt: null,
      dispatchedAt: null,
      arrivedAt: null,
      classification: null,
      severity: null,
      diagnosedAt: null,
    },
    person: {
      name: person.name,
      sex: null,
      birthDate: null,
      age: null,
      ethnicity: null,
      documentNumber: null,
      phone: null,
      occupation: null,
      workplace: null,
      currentAddress: null,
      householdAddress: null,
    },
    health: { underlyingDiseases: [], underlyingNotes: null, pregnancy: null, vaccination: null },
    travel: [],
    exposure: { rows: [], suspectedSource: null, evidenceChain: [] },
    contactHistory: null,
    trajectory: [],
    medicalVisits: [],
    onset: { date: null, approximate: false, symptoms: [], notes: null },
    sampling: [],
    contacts: [],
    measures: [],
    riskAssessment: null,
    recommendations: [],
    signOff: { investigators: [], unit: header.reportingUnit, date: null },
  };
}
