import { useI18n } from '../../i18n/I18nProvider.tsx';
import { OpenInvestigationsTable } from '../investigations/InvestigationsPage.tsx';

/** The reports still owed: each open investigation leads to its case's report tab. */
export function ReportsPage() {
  const { t } = useI18n();
  return <OpenInvestigationsTable title={t('reports.owed')} tab="report" />;
}
