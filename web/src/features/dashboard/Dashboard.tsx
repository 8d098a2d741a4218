import { Alert, Card, Col, DatePicker, Row, Segmented, Space, Statistic, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { EpiCurve } from './EpiCurve.tsx';
import { useDashboard } from './queries.ts';
import { classificationNames, useText } from './text.ts';

/** A number that opens the list behind it. */
function Figure({
  title,
  value,
  to,
  testId,
}: {
  title: string;
  value: ReactNode;
  to: string;
  testId: string;
}) {
  return (
    <Link to={to} data-testid={testId}>
      <Statistic
        title={title}
        value={typeof value === 'number' ? value : undefined}
        formatter={() => value}
      />
    </Link>
  );
}

function byClassification(counts: Record<string, number>, language: 'zh-CN' | 'en'): string {
  const entries = Object.entries(counts).filter(([, n]) => n > 0);
  if (entries.length === 0) {
    return '0';
  }
  return entries.map(([c, n]) => `${classificationNames[c]?.[language] ?? c} ${n}`).join(' · ');
}

/** The command office's view of the day (commanders and team leads), each number a link to its list. */
export function Dashboard() {
  const tx = useText();
  const { language } = useI18n();
  const [date, setDate] = useState<string | null>(null);
  const [curve, setCurve] = useState<'onset' | 'report'>('onset');
  const query = useDashboard(date, curve);
  const d = query.data;
  if (query.error) {
    return <Alert type="error" message={query.error.message} />;
  }
  if (!d) {
    return <Card loading />;
  }
  const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
  const day = d.date;
  return (
    <Card
      data-testid="dashboard"
      title={tx('title')}
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
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Figure
            testId="dash-new-today"
            title={tx('newToday')}
            value={<span data-value={total(d.newCases.today)}>{total(d.newCases.today)}</span>}
            to={`/cases?reportFrom=${day}&reportTo=${day}`}
          />
          <Typography.Text type="secondary">{byClassification(d.newCases.today, language)}</Typography.Text>
        </Col>
        <Col xs={12} md={6}>
          <Figure
            testId="dash-new-yesterday"
            title={tx('newYesterday')}
            value={total(d.newCases.yesterday)}
            to={`/cases?reportFrom=${dayjs(day).subtract(1, 'day').format('YYYY-MM-DD')}&reportTo=${dayjs(day).subtract(1, 'day').format('YYYY-MM-DD')}`}
          />
          <Typography.Text type="secondary">
            {byClassification(d.newCases.yesterday, language)}
          </Typography.Text>
        </Col>
        <Col xs={12} md={6}>
          <Figure
            testId="dash-streak"
            title={`${tx('streak')}（${d.zeroStreak.jurisdiction.name}）`}
            value={d.zeroStreak.jurisdiction.days ?? tx('streakNone')}
            to={`/cases?classification=confirmed`}
          />
        </Col>
        <Col xs={12} md={6}>
          <Figure
            testId="dash-observation"
            title={tx('observation')}
            value={d.observation.total}
            to="/quarantine"
          />
        </Col>
        <Col xs={12} md={4}>
          <Figure
            testId="dash-releases-due"
            title={tx('releasesDue')}
            value={d.releases.dueToday}
            to="/contacts?releaseDue=today"
          />
        </Col>
        <Col xs={12} md={4}>
          <Figure
            testId="dash-releases-overdue"
            title={tx('releasesOverdue')}
            value={d.releases.overdue}
            to="/contacts?releaseDue=overdue"
          />
        </Col>
        <Col xs={12} md={4}>
          <Figure testId="dash-tests-due" title={tx('testsDue')} value={d.samples.dueToday} to="/tasks" />
        </Col>
        <Col xs={12} md={4}>
          <Figure
            testId="dash-tests-overdue"
            title={tx('testsOverdue')}
            value={d.samples.pendingOverdue}
            to="/tasks?view=overdue"
          />
        </Col>
        <Col xs={12} md={4}>
          <Figure
            testId="dash-overdue-investigations"
            title={tx('overdueInvestigations')}
            value={d.overdue.investigations}
            to="/investigations"
          />
        </Col>
        <Col xs={12} md={4}>
          <Figure
            testId="dash-overdue-tasks"
            title={tx('overdueTasks')}
            value={d.overdue.tasks}
            to="/tasks?view=overdue"
          />
        </Col>
        <Col xs={12} md={6}>
          <Figure
            testId="dash-contacts-per-case"
            title={tx('contactsPerCase')}
            value={`${d.contacts.perCase.mean === null ? '—' : d.contacts.perCase.mean.toFixed(1)} / ${d.contacts.perCase.median ?? '—'}`}
            to="/contacts"
          />
        </Col>
        <Col xs={12} md={6}>
          <Figure
            testId="dash-became-cases"
            title={tx('becameCases')}
            value={d.contacts.becameCases}
            to="/contacts?status=converted"
          />
        </Col>
        <Col xs={12} md={6}>
          <Figure testId="dash-tests-done" title={tx('testsDone')} value={d.samples.doneToday} to="/tasks" />
        </Col>
        <Col xs={12} md={6}>
          <Figure testId="dash-positive" title={tx('positive')} value={d.samples.positive} to="/tasks" />
        </Col>
      </Row>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {tx('testsNote')}
      </Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Space style={{ marginBottom: 8 }}>
            <Typography.Text strong>{tx('epiCurve')}</Typography.Text>
            <Segmented
              value={curve}
              onChange={(value) => setCurve(value === 'report' ? 'report' : 'onset')}
              options={[
                { value: 'onset', label: tx('byOnset') },
                { value: 'report', label: tx('byReport') },
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
              { title: tx('streak'), dataIndex: 'name' },
              {
                title: tx('days'),
                dataIndex: 'days',
                render: (days: number | null) => (days === null ? tx('streakNone') : days),
              },
            ]}
          />
          <Table
            size="small"
            style={{ marginTop: 12 }}
            pagination={false}
            rowKey={(row) => `${row.kind}-${row.siteId ?? 'none'}`}
            dataSource={d.observation.bySite}
            columns={[
              { title: tx('bySite'), render: (_, row) => row.siteName ?? tx('home') },
              { title: '', dataIndex: 'count' },
            ]}
          />
        </Col>
      </Row>
      <Link to="/chains">{tx('chains')} →</Link>
    </Card>
  );
}
