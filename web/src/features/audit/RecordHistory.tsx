import { Button, Empty, Spin, Timeline, Typography } from 'antd';
import { formatInstant } from '../../app/format.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { ChangeList } from './ChangeList.tsx';
import { useAuditEvents } from './queries.ts';

/** The audit trail of one record (any entity), newest first. Reusable on every record page. */
export function RecordHistory({ entity, entityId }: { entity: string; entityId: string | number }) {
  const { t } = useI18n();
  const events = useAuditEvents({ entity, entityId: String(entityId) });
  if (events.isPending) {
    return <Spin />;
  }
  if (events.isError) {
    return <Typography.Text type="danger">{events.error.message}</Typography.Text>;
  }
  const items = events.data.pages.flatMap((page) => page.items);
  if (items.length === 0) {
    return <Empty description={t('history.empty')} />;
  }
  return (
    <>
      <Timeline
        data-testid="record-history"
        items={items.map((event) => ({
          key: event.seq,
          children: (
            <>
              <Typography.Text strong>{event.action}</Typography.Text>{' '}
              <Typography.Text type="secondary">
                {formatInstant(event.at, true)} · {event.actorUsername ?? '—'}
              </Typography.Text>
              <ChangeList changes={event.changes} />
            </>
          ),
        }))}
      />
      {events.hasNextPage ? (
        <Button onClick={() => void events.fetchNextPage()} loading={events.isFetchingNextPage}>
          {t('common.loadMore')}
        </Button>
      ) : null}
    </>
  );
}
