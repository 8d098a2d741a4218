import { useQuery } from '@tanstack/react-query';
import type { ReportDocument, ReportKind } from '../../../../src/core/report/types.ts';
import type { ReportVersion } from '../../../../src/server/reports/reports.schema.ts';
import { api } from '../../api/client.ts';

export type { ReportVersion };

export const reportKeys = {
  all: ['reports'] as const,
  ofCase: (caseId: number) => ['reports', 'case', caseId] as const,
  preview: (caseId: number, kind: ReportKind) => ['reports', 'case', caseId, 'preview', kind] as const,
  versions: (caseId: number) => ['reports', 'case', caseId, 'versions'] as const,
};

/** The document model the .docx would be drawn from, composed from the data as it is now. */
export function useReportPreview(caseId: number, kind: ReportKind) {
  return useQuery({
    queryKey: reportKeys.preview(caseId, kind),
    queryFn: () => api<ReportDocument>('GET', `/api/v1/cases/${caseId}/report/preview?kind=${kind}`),
  });
}

export function useReportVersions(caseId: number) {
  return useQuery({
    queryKey: reportKeys.versions(caseId),
    // A case has a few versions: the page shows one page of the newest 500.
    queryFn: () => api<{ items: ReportVersion[] }>('GET', `/api/v1/reports?caseId=${caseId}&limit=500`),
  });
}
