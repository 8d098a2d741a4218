/**
 * The typed input of the 流调报告 (PROTOCOLS §10) and the neutral document model it is composed into. The
 * model is what the web preview shows and what the .docx renderer draws, so both say the same thing.
 */

export const reportKinds = ['initial', 'progress', 'closing'] as const;
export type ReportKind = (typeof reportKinds)[number];

export const evidenceSources = [
  'self_report',
  'e_payment',
  'cctv',
  'family_testimony',
  'venue_scan',
  'transit_card',
  'telecom',
  'other',
] as const;
export type EvidenceSource = (typeof evidenceSources)[number];

export const confidences = ['high', 'medium', 'low'] as const;
export type Confidence = (typeof confidences)[number];

export const transportKinds = [
  'walk',
  'bicycle',
  'private_car',
  'taxi',
  'bus',
  'coach',
  'train',
  'subway',
  'aircraft',
  'ship',
  'other',
] as const;
export type TransportKind = (typeof transportKinds)[number];

export const contactKinds = ['close', 'secondary', 'general'] as const;
export type ContactKind = (typeof contactKinds)[number];

/** Text that may be unknown: null or blank prints as 不详 or 无, never as an empty cell. */
export type Maybe<T> = T | null | undefined;

export type ReportEvidence = { source: EvidenceSource; reference: Maybe<string>; confidence: Confidence };

export type ReportTrajectoryEntry = {
  startAt: string;
  endAt: string;
  placeName: string;
  address: Maybe<string>;
  activity: Maybe<string>;
  transportKind: Maybe<TransportKind>;
  vehicleNumber: Maybe<string>;
  seat: Maybe<string>;
  companions: Maybe<string>;
  protection: Maybe<string>;
  evidence: ReportEvidence[];
};

export type InvestigationReportInput = {
  /** Dates and times in the report are written in this IANA zone. */
  timeZone: string;
  header: {
    caseNumber: string;
    reportingUnit: string;
    kind: ReportKind;
    /** The version's number among the case's reports, when it has one. */
    number?: Maybe<number>;
    reportedAt: string;
    recipients: string[];
  };
  discovery: {
    route: Maybe<string>;
    institution: Maybe<string>;
    receivedAt: Maybe<string>;
    dispatchedAt: Maybe<string>;
    arrivedAt: Maybe<string>;
    classification: Maybe<string>;
    severity: Maybe<string>;
    diagnosedAt: Maybe<string>;
  };
  person: {
    name: string;
    sex: Maybe<string>;
    birthDate: Maybe<string>;
    age: Maybe<number>;
    ethnicity: Maybe<string>;
    documentNumber: Maybe<string>;
    phone: Maybe<string>;
    occupation: Maybe<string>;
    workplace: Maybe<string>;
    currentAddress: Maybe<string>;
    householdAddress: Maybe<string>;
  };
  health: {
    underlyingDiseases: string[];
    underlyingNotes: Maybe<string>;
    pregnancy: Maybe<string>;
    vaccination: Maybe<string>;
  };
  travel: Array<{
    from: Maybe<string>;
    to: Maybe<string>;
    place: string;
    purpose: Maybe<string>;
    transport: Maybe<string>;
  }>;
  exposure: {
    /** `from`/`to` are calendar dates (`YYYY-MM-DD`). */
    rows: Array<{ from: Maybe<string>; to: Maybe<string>; setting: Maybe<string>; description: string }>;
    suspectedSource: Maybe<string>;
    evidenceChain: string[];
  };
  contactHistory: Maybe<string>;
  trajectory: ReportTrajectoryEntry[];
  medicalVisits: Array<{
    at: Maybe<string>;
    institution: string;
    department: Maybe<string>;
    diagnosis: Maybe<string>;
    treatment: Maybe<string>;
  }>;
  onset: {
    date: Maybe<string>;
    approximate: boolean;
    symptoms: Array<{ name: string; date: Maybe<string> }>;
    notes: Maybe<string>;
  };
  sampling: Array<{
    sampledAt: Maybe<string>;
    specimen: string;
    test: Maybe<string>;
    result: Maybe<string>;
    lab: Maybe<string>;
  }>;
  contacts: Array<{ kind: ContactKind; identified: number; traced: number; sampled: number; placed: number }>;
  measures: string[];
  riskAssessment: Maybe<string>;
  recommendations: string[];
  signOff: { investigators: string[]; unit: string; date: Maybe<string> };
};

export type DocBlock =
  | { type: 'paragraph'; text: string; label?: string }
  | { type: 'fields'; rows: Array<{ label: string; value: string }> }
  | { type: 'table'; caption?: string; columns: string[]; rows: string[][]; widths?: number[] }
  | { type: 'list'; items: string[] };

export type SectionKey =
  | 'discovery'
  | 'basic'
  | 'health'
  | 'travel'
  | 'exposure'
  | 'contact'
  | 'visits'
  | 'onset'
  | 'sampling'
  | 'contacts'
  | 'measures'
  | 'risk'
  | 'recommendations';

export type ReportSection = { key: SectionKey; title: string; blocks: DocBlock[] };

export type ReportDocument = {
  title: string;
  subtitle: string;
  header: Array<{ label: string; value: string }>;
  sections: ReportSection[];
  signOff: Array<{ label: string; value: string }>;
};
