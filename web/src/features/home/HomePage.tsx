import { Card, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { visibleNavigation } from '../../app/AppLayout.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useCan, useMe } from '../auth/queries.ts';
import { InvestigationClocks } from './InvestigationClocks.tsx';
import { Dashboard } from '../dashboard/Dashboard.tsx';
import { EscalatedTasks } from '../tasks/EscalatedTasks.tsx';

export function HomePage() {
  const { t } = useI18n();
  const me = useMe();
  const canSeeClocks = useCan('investigations:read');
  const canSeeTasks = useCan('tasks:read');
  const navigate = useNavigate();
  if (!me.data) {
    return null;
  }
  // Leads and the command office see the dashboard and the escalated tasks of their jurisdiction.
  const supervises = me.data.user.role === 'commander' || me.data.user.role === 'lead';
  const modules = visibleNavigation(me.data).filter((item) => item.path !== '/');
  return (
    <>
      <Typography.Title level={3} data-testid="home-title">
        {t('home.welcome', { name: me.data.user.displayName })}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('home.intro', { jurisdiction: me.data.user.jurisdictionName })}
      </Typography.Paragraph>
      {supervises && canSeeTasks ? <EscalatedTasks /> : null}
      {supervises ? <Dashboard /> : null}
      {canSeeClocks ? <InvestigationClocks /> : null}
      <Typography.Title level={5}>{t('home.modules')}</Typography.Title>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(200px, 1fr))', gap: 12 }}>
        {modules.map((item) => (
          <Card key={item.path} hoverable size="small" onClick={() => void navigate(item.path)}>
            <Card.Meta avatar={item.icon} title={t(item.label)} />
          </Card>
        ))}
      </div>
    </>
  );
}
