import { Card, Empty, Table, Tag, Timeline, Typography } from 'antd';
import type { PlannedTest } from '../../../../src/server/contacts/contacts.schema.ts';
import { formatInstant } from '../../app/format.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { contactLabel } from './labels.ts';
import type { ContactDetail } from './queries.ts';

const testColors: Record<string, string> = { pending: 'blue', done: 'green', cancelled: 'default' };

/** The phases counted from the last exposure and the dated tests, done or pending. */
export function PlanPanel({ contact }: { contact: ContactDetail }) {
  const { t } = useI18n();
  const { plan } = contact;
  return (
    <Card size="small" title={t('plan.title')} style={{ marginBottom: 16 }} data-testid="plan-card">
      {!plan.determined ? (
        <Empty description={t('plan.undetermined')} />
      ) : (
        <>
          <Timeline
            style={{ marginTop: 8 }}
            items={plan.phases.map((phase) => ({
              color: 'blue',
              content: (
                <>
                  <Typography.Text strong>{t(contactLabel('phase', phase.type))}</Typography.Text>
                  <div>{`${phase.start} – ${phase.end}`}</div>
                </>
              ),
            }))}
          />
          <Table<PlannedTest>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={plan.tests}
            data-testid="plan-tests"
            columns={[
              {
                title: t('plan.test'),
                key: 'test',
                render: (_, test) =>
                  t('plan.dayOf', { phase: t(contactLabel('phase', test.phase)), day: test.dayOfPhase }),
              },
              {
                title: t('plan.due'),
                key: 'due',
                render: (_, test) =>
                  test.dueDate === test.plannedDate
                    ? test.dueDate
                    : `${test.dueDate}（${t('plan.planned')} ${test.plannedDate}）`,
              },
              {
                title: t('plan.state'),
                key: 'state',
                render: (_, test) => (
                  <>
                    <Tag color={testColors[test.status]}>{t(contactLabel('testStatus', test.status))}</Tag>
                    {test.result ? (
                      <Tag color={test.result === 'positive' ? 'red' : 'green'}>
                        {t(contactLabel('testResult', test.result))}
                      </Tag>
                    ) : null}
                    {test.doneAt ? (
                      <Typography.Text type="secondary">{formatInstant(test.doneAt)}</Typography.Text>
                    ) : null}
                  </>
                ),
              },
            ]}
          />
        </>
      )}
      {contact.placements.length > 0 ? (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('plan.placements')}
          </Typography.Title>
          <Timeline
            items={contact.placements.map((p) => ({
              color: p.checkOutAt ? 'gray' : 'green',
              content: (
                <>
                  <Typography.Text strong>
                    {p.kind === 'site'
                      ? `${p.siteName ?? ''} ${p.roomNumber ?? ''}`
                      : t('contact.homeAt', { address: p.address ?? '' })}
                  </Typography.Text>
                  <div>
                    {`${formatInstant(p.checkInAt)} → ${p.checkOutAt ? formatInstant(p.checkOutAt) : t('plan.plannedEnd', { end: p.plannedEnd ?? '—' })}`}
                  </div>
                </>
              ),
            }))}
          />
        </>
      ) : null}
    </Card>
  );
}
