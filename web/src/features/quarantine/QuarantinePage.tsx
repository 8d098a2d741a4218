import { Route, Routes } from 'react-router';
import { SiteDetailPage } from './SiteDetailPage.tsx';
import { SiteListPage } from './SiteListPage.tsx';

/** Quarantine sites and their occupancy boards live under /quarantine. */
export function QuarantinePage() {
  return (
    <Routes>
      <Route index element={<SiteListPage />} />
      <Route path=":id" element={<SiteDetailPage />} />
    </Routes>
  );
}
