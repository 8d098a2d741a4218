/** The typed input of the 疫情日报: what the day's data says, gathered by the server, composed here. */

export type DailyNewCase = {
  caseNumber: string;
  /** Already masked when the author may not read personal data. */
  name: string;
  sex: string | null;
  age: number | null;
  division: string;
  classification: string;
  severity: string | null;
  onsetDate: string | null;
  receivedAt: string;
  discoveryRoute: string;
  hospital: string | null;
  contacts: number;
};

export type DailyReportInput = {
  date: string;
  timeZone: string;
  unit: string;
  jurisdiction: string;
  author: string;
  number: number;
  createdAt: string;
  newCases: { today: Record<string, number>; yesterday: Record<string, number> };
  cumulative: Record<string, number>;
  zeroStreak: {
    jurisdiction: { lastConfirmedOn: string | null; days: number | null };
    divisions: Array<{ name: string; lastConfirmedOn: string | null; days: number | null }>;
  };
  cases: DailyNewCase[];
  contacts: {
    total: number;
    byStatus: Record<string, number>;
    underObservation: Array<{ regime: string; site: string | null; count: number }>;
    releasesDueToday: number;
    releasesOverdue: number;
    becameCases: number;
  };
  /** From the contacts' planned tests until specimens and lab results are recorded on their own. */
  tests: { dueToday: number; doneToday: number; pendingOverdue: number; positive: number };
  measures: string[];
  recommendations: string;
};
