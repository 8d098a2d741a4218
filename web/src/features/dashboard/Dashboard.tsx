import { Alert, Card, Col, DatePicker, Row, Segmented, Space, Statistic, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { EpiCurve } from './EpiCurve.tsx';
import { dashboardLinks } from './links.ts';
import { useDashboard } from './queries.ts';
import { classificationName } from './text.ts';

/** A number that opens the list behind it; `data-value` carries the bare number for tests. */
function Figure({
  title,
  value,
  to,
  testId,
  note,
}: {
  title: string;
  value: number | string;
  to: string;
  testId: string;
  note?: ReactNode;
}) {
  return (
    <div className="dashboard-figure">
      <Link to={to} data-testid={testId} data-value={value}>
        <Statistic title={title} value={value} />
      </Link>
      {note === undefined ? null : (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {note}
        </Typography.Text>
      )}
    </div>
  );
}

function byClassification(counts: Record<string, number>, t: (key: MessageKey) => string): string {
  const entries = Object.entries(counts).filter(([, n]) => n > 0);
  if (entries.length === 0) {
    return '—';
  }
  return entries.map(([c, n]) => `${classificationName(t, c)} ${n}`).join(' · ');
}

const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

/** The command office's view of the day (commanders and team leads), each number a link to its list. */
export function Dashboard() {
  const { t } = useI18n();
  const [date, setDate] = useState<string | null>(null);
  const [curve, setCurve] = useState<'onset' | 'report'>('onset');
  const query = useDashboard(date, curve);
  const d = query.data;
  if (query.error) {
    return <Alert type="error" title={query.error.message} />;
  }
  if (!d) {
    return <Card loading />;
  }
  const day = d.date;
  const links = dashboardLinks(day);
  const section = (key: MessageKey) => (
    <Typography.Text strong type="secondary">
      {t(key)}
    </Typography.Text>
  );
  return (
    <Card
      data-testid="dashboard"
      title={t('dashboard.title')}
      style={{ marginBottom: 16 }}
      extra={
        <DatePicker
          allowClear={false}
          value={dayjs(day)}
          onChange={(value) => setDate(value ? value.format('YYYY-MM-DD') : null)}
          data-testid="dashboard-date"
        />
      }
    >
      {section('dashboard.cases')}
      <Row gutter={[16, 16]} style={{ margin: '8px 0 16px' }}>
        <Col xs={12} md={6}>
          <Figure
            testId="dash-new-today"
            title={t('dashboard.newToday')}
            value={total(d.newCases.today)}
            to={links.newCases(0)}
            note={byClassification(d.newCases.today, t)}
          />
        </Col>
        <Col xs={12} md={6}>
          <Figure
            testId="dash-new-yesterday"
            title={t('dashboard.newYesterday')}
            value={total(d.newCases.yesterday)}
            to={links.newCases(1)}
            note={byClassification(d.newCases.yesterday, t)}
          />
        </Col>
        <Col xs={12} md={6}>
          <Figure
            testId="dash-streak"
            title={`${t('dashboard.streak')}（${d.zeroStreak.jurisdiction.name}）`}
            value={d.zeroStreak.jurisdiction.days ?? t('dashboard.streakNone')}
            to={links.confirmed(null)}
          />
        </Col>
        <Col xs={12} md={6}>
          <Figure
            testId="dash-contacts-per-case"
            title={t('dashboard.contactsPerCase')}
            value={`${d.contacts.perCase.mean === null ? '—' : d.contacts.perCase.mean.toFixed(1)} / ${d.contacts.perCase.median ?? '—'}`}
            to={links.contacts}
          />
        </Col>
      </Row>
      {section('dashboard.contacts')}
      <Row gutter={[16, 16]} style={{ margin: '8px 0 16px' }}>
        <Col xs={12} md={6}>
          <Figure
            testId="dash-observation"
            title={t('dashboard.observation')}
            value={d.observation.total}
            to={links.observation}
          />
        </Col>
        <Col xs={12} md={6}>
          <Figure
            testId="dash-releases-due"
            title={t('dashboard.releasesDue')}
            value={d.releases.dueToday + d.releases.overdue}
            to={links.releasesDue}
            note={t('dashboard.releasesSplit', { today: d.releases.dueToday, overdue: d.releases.overdue })}
          />
        </Col>
        <Col xs={12} md={6}>
          <Figure
            testId="dash-became-cases"
            title={t('dashboard.becameCases')}
            value={d.contacts.becameCases}
            to={links.converted}
          />
        </Col>
        <Col xs={12} md={6}>
          <Figure
            testId="dash-overdue-investigations"
            title={t('dashboard.overdueInvestigations')}
            value={d.overdue.investigations}
            to={links.overdueInvestigations}
            note={
              <Link to={links.overdueTasks} data-testid="dash-overdue-tasks" data-value={d.overdue.tasks}>
                {t('dashboard.overdueTasks')} {d.overdue.tasks}
              </Link>
            }
          />
        </Col>
      </Row>
      {section('dashboard.samples')}
      <Row gutter={[16, 16]} style={{ margin: '8px 0 16px' }}>
        <Col xs={12} md={6} lg={5}>
          <Figure
            testId="dash-samples-due"
            title={t('dashboard.samplesDue')}
            value={d.samples.dueToday}
            to={links.samplesDue}
            note={
              d.samples.pendingOverdue > 0
                ? t('dashboard.samplesOverdue', { n: d.samples.pendingOverdue })
                : undefined
            }
          />
        </Col>
        <Col xs={12} md={6} lg={5}>
          <Figure
            testId="dash-samples-in-transit"
            title={t('dashboard.inTransit')}
            value={d.samples.inTransit}
            to={links.samples('collected')}
          />
        </Col>
        <Col xs={12} md={6} lg={5}>
          <Figure
            testId="dash-samples-awaiting"
            title={t('dashboard.awaitingResults')}
            value={d.samples.awaitingResults}
            to={links.samples('received')}
          />
        </Col>
        <Col xs={12} md={6} lg={5}>
          <Figure
            testId="dash-tests-done"
            title={t('dashboard.testsDone')}
            value={d.samples.doneToday}
            to={links.testsDone}
          />
        </Col>
        <Col xs={12} md={6} lg={4}>
          <Figure
            testId="dash-positive"
            title={t('dashboard.positive')}
            value={d.samples.positive}
            to={links.positive}
          />
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Space style={{ marginBottom: 8 }}>
            <Typography.Text strong>{t('dashboard.epiCurve')}</Typography.Text>
            <Segmented
              value={curve}
              onChange={(value) => setCurve(value === 'report' ? 'report' : 'onset')}
              options={[
                { value: 'onset', label: t('dashboard.byOnset') },
                { value: 'report', label: t('dashboard.byReport') },
              ]}
            />
          </Space>
          <EpiCurve days={d.epiCurve.days} until={day} />
        </Col>
        <Col xs={24} lg={8}>
          <Table
            size="small"
            pagination={false}
            rowKey="code"
            data-testid="dash-streaks"
            dataSource={d.zeroStreak.divisions}
            columns={[
              {
                title: t('dashboard.streak'),
                dataIndex: 'name',
                render: (name: string, row) => <Link to={links.confirmed(row.code)}>{name}</Link>,
              },
              {
                title: t('dashboard.days'),
                dataIndex: 'days',
                render: (days: number | null) => (days === null ? t('dashboard.streakNone') : days),
              },
            ]}
          />
          <Table
            size="small"
            style={{ marginTop: 12 }}
            pagination={false}
            rowKey={(row) => `${row.kind}-${row.siteId ?? 'none'}`}
            dataSource={d.observation.bySite}
            data-testid="dash-by-site"
            columns={[
              {
                title: t('dashboard.bySite'),
                render: (_, row) =>
                  row.siteId === null ? (
                    <Link to={links.home} data-testid="dash-home" data-value={row.count}>
                      {t('dashboard.home')}
                    </Link>
                  ) : (
                    <Link to={links.site(row.siteId)}>{row.siteName ?? row.siteId}</Link>
                  ),
              },
              { title: '', dataIndex: 'count', align: 'right' },
            ]}
          />
        </Col>
      </Row>
      <Link to="/chains">{t('dashboard.chains')} →</Link>
    </Card>
  );
}
