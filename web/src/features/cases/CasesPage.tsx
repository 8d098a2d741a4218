import { Route, Routes } from 'react-router';
import './cases.css';
import { CaseDetailPage } from './CaseDetailPage.tsx';
import { CaseListPage } from './CaseListPage.tsx';
import { ReportCasePage } from './ReportCasePage.tsx';

/** The cases module: list, report form and one page per case. */
export function CasesPage() {
  return (
    <Routes>
      <Route index element={<CaseListPage />} />
      <Route path="new" element={<ReportCasePage />} />
      <Route path=":id" element={<CaseDetailPage />} />
    </Routes>
  );
}
