import { Route, Routes } from 'react-router';
import { DiscoveryPage } from '../discovery/DiscoveryPage.tsx';
import { PlaceDetailPage } from './PlaceDetailPage.tsx';
import { PlaceListPage } from './PlaceListPage.tsx';
import { VisitImportPage } from './VisitImportPage.tsx';

/** Places, the visit-log import and discovery live under /places. */
export function PlacesPage() {
  return (
    <Routes>
      <Route index element={<PlaceListPage />} />
      <Route path="imports" element={<VisitImportPage />} />
      <Route path="discovery" element={<DiscoveryPage />} />
      <Route path=":id" element={<PlaceDetailPage />} />
    </Routes>
  );
}
