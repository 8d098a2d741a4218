import { Route, Routes } from 'react-router';
import { ContactDetailPage } from './ContactDetailPage.tsx';
import { ContactImportPage } from './ContactImportPage.tsx';
import { ContactListPage } from './ContactListPage.tsx';

/** The contacts list, the .xlsx import and one contact live under /contacts. */
export function ContactsPage() {
  return (
    <Routes>
      <Route index element={<ContactListPage />} />
      <Route path="import" element={<ContactImportPage />} />
      <Route path=":id" element={<ContactDetailPage />} />
    </Routes>
  );
}
