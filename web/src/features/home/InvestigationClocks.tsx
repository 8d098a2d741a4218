import { Alert, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import '../cases/cases.css';
import type { ClockItem } from '../../../../src/server/investigations/investigations.schema.ts';
import { formatInstant } from '../../app/format.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useMe } from '../auth/queries.ts';
import { classificationColors, labelKey } from '../cases/labels.ts';
import { ClockList } from '../investigations/ClockList.tsx';
import { investigationKeys, useOpenInvestigations } from '../investigations/queries.ts';

function Row({ item }: { item: ClockItem }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  return (
    <List.Item>
      <div style={{ width: '100%' }}>
        <Space wrap style={{ marginBottom: 8 }}>
          <Link to={`/cases/${item.caseId}`}>
            <strong>{item.caseNumber}</strong>
          </Link>
          <Tag color={classificationColors[item.classification]}>
            {t(labelKey('cls', item.classification))}
          </Tag>
          <Tag>{t(labelKey('state', item.state))}</Tag>
          <Typography.Text type="secondary">
            {t('home.receivedAt', { at: formatInstant(item.receivedAt) })}
          </Typography.Text>
        </Space>
        <div>
          <ClockList
            clocks={item.clocks.filter((clock) => clock.doneAt === null)}
            onDeadline={() => void queryClient.invalidateQueries({ queryKey: investigationKeys.all })}
          />
        </div>
      </div>
    </List.Item>
  );
}

/**
 * The work against the clock: overdue investigations (as the server judges them), highlighted for leads and
 * commanders who must act on them, and live countdowns of every open investigation.
 */
export function InvestigationClocks() {
  const { t } = useI18n();
  const me = useMe();
  const overdue = useOpenInvestigations(true);
  const open = useOpenInvestigations(false);
  const role = me.data?.user.role;
  const escalate = role === 'lead' || role === 'commander';
  const overdueItems = overdue.data?.items ?? [];
  const openItems = (open.data?.items ?? []).filter((item) => !item.overdue);

  return (
    <div className="home-clocks">
      <Card
        size="small"
        title={t('home.overdue', { count: overdueItems.length })}
        className={escalate && overdueItems.length > 0 ? 'overdue-card escalated' : 'overdue-card'}
        data-testid="overdue-list"
      >
        {overdue.isError ? <Alert type="error" showIcon title={overdue.error.message} /> : null}
        {escalate && overdueItems.length > 0 ? (
          <Alert type="error" showIcon style={{ marginBottom: 8 }} title={t('home.overdueEscalated')} />
        ) : null}
        {overdueItems.length === 0 && !overdue.isPending ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.noOverdue')} />
        ) : (
          <List
            loading={overdue.isPending}
            dataSource={overdueItems}
            renderItem={(item) => <Row item={item} />}
          />
        )}
      </Card>
      <Card size="small" title={t('home.openClocks', { count: openItems.length })} data-testid="open-clocks">
        {open.isError ? <Alert type="error" showIcon title={open.error.message} /> : null}
        {openItems.length === 0 && !open.isPending ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.noOpen')} />
        ) : (
          <List loading={open.isPending} dataSource={openItems} renderItem={(item) => <Row item={item} />} />
        )}
      </Card>
    </div>
  );
}
