import { Tabs } from 'antd';
import { Route, Routes, useLocation, useNavigate } from 'react-router';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { useCan } from '../auth/queries.ts';
import { DayListPage } from './DayListPage.tsx';
import { LabPage } from './LabPage.tsx';
import { RegisterPage } from './RegisterPage.tsx';
import { SampleListPage } from './SampleListPage.tsx';
import { SuggestionsPage } from './SuggestionsPage.tsx';
import './samples.css';

const sections: Array<{ path: string; label: MessageKey; permission?: string }> = [
  { path: '', label: 'samples.tab.dayList' },
  { path: 'register', label: 'samples.tab.register', permission: 'samples:write' },
  { path: 'lab', label: 'samples.tab.lab', permission: 'lab-results:write' },
  { path: 'suggestions', label: 'samples.tab.suggestions' },
  { path: 'list', label: 'samples.tab.list' },
];

/** Sampling and lab: the day list, registration by scan, the lab bench, suggestions and the sample list. */
export function SamplesPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const canWrite = useCan('samples:write');
  const canLab = useCan('lab-results:write');
  const allowed = (permission?: string) =>
    permission === undefined || (permission === 'samples:write' ? canWrite : canLab);
  const active = location.pathname.replace(/^\/samples\/?/, '').split('/')[0] ?? '';
  return (
    <>
      <Tabs
        className="samples-tabs"
        activeKey={active}
        onChange={(key) => void navigate(key === '' ? '/samples' : `/samples/${key}`)}
        items={sections
          .filter((s) => allowed(s.permission))
          .map((s) => ({
            key: s.path,
            label: <span data-testid={`samples-tab-${s.path || 'day'}`}>{t(s.label)}</span>,
          }))}
      />
      <Routes>
        <Route index element={<DayListPage />} />
        <Route path="register" element={<RegisterPage />} />
        <Route path="lab" element={<LabPage />} />
        <Route path="suggestions" element={<SuggestionsPage />} />
        <Route path="list" element={<SampleListPage />} />
      </Routes>
    </>
  );
}
