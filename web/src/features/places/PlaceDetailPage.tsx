import { DownloadOutlined, InboxOutlined, UndoOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Place, PlaceExposureWindow } from '../../../../src/server/places/places.schema.ts';
import { formatInstant } from '../../app/format.ts';
import { ReasonModal } from '../../components/ReasonModal.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { useCan } from '../auth/queries.ts';
import { MeasuresCard } from './MeasuresCard.tsx';
import { useArchivePlace } from './mutations.ts';
import { placeTypeLabel } from './PlaceListPage.tsx';
import { useExposureWindows, usePlace } from './queries.ts';

/**
 * Archives the place with a written reason, or restores an archived one. An archived place keeps its
 * visits, windows and measures; it leaves the lists and the pickers.
 */
function ArchivePlace({ place }: { place: Place }) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const archive = useArchivePlace(place);
  if (place.archived) {
    return (
      <Button icon={<UndoOutlined />} loading={archive.isPending} onClick={() => archive.mutate(undefined)}>
        {t('places.restore')}
      </Button>
    );
  }
  return (
    <>
      <Button icon={<InboxOutlined />} onClick={() => setAsking(true)} data-testid="place-archive">
        {t('places.archive')}
      </Button>
      <ReasonModal
        open={asking}
        title={t('places.archive')}
        placeholder={t('places.archiveReason')}
        okText={t('places.archive')}
        danger
        minLength={2}
        loading={archive.isPending}
        error={archive.error?.message ?? null}
        testId="place-archive-reason"
        onCancel={() => setAsking(false)}
        onSubmit={(reason) => archive.mutate(reason, { onSuccess: () => setAsking(false) })}
      />
    </>
  );
}

export function PlaceDetailPage() {
  const { t } = useI18n();
  const id = Number(useParams().id);
  const place = usePlace(id);
  const windows = useExposureWindows(id);
  const canWrite = useCan('places:write');
  if (place.isError) {
    return <Alert type="error" showIcon title={place.error.message} />;
  }
  const data = place.data;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3}>
        <Link to="/places">{t('places.title')}</Link> / {data?.name ?? ''}
      </Typography.Title>
      {data?.archived ? (
        <Alert
          type="warning"
          showIcon
          title={t('places.archivedBecause', { reason: data.archivedReason ?? '' })}
          data-testid="place-archived"
        />
      ) : null}
      <Card loading={place.isPending} extra={data && canWrite ? <ArchivePlace place={data} /> : null}>
        {data ? (
          <Descriptions column={2} size="small">
            <Descriptions.Item label={t('places.type')}>
              <Tag>{t(placeTypeLabel(data.type))}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('places.venueCode')}>{data.venueCode ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('places.address')}>{data.address ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('places.division')}>{data.divisionCode}</Descriptions.Item>
          </Descriptions>
        ) : null}
      </Card>
      <Card
        title={t('places.windows')}
        extra={
          <Button
            icon={<DownloadOutlined />}
            href={`/api/v1/places/${id}/notice.xlsx`}
            data-testid="notice-export"
          >
            {t('places.notice')}
          </Button>
        }
      >
        <Table<PlaceExposureWindow>
          rowKey="entryId"
          size="small"
          pagination={false}
          loading={windows.isPending}
          dataSource={windows.data?.items ?? []}
          data-testid="exposure-windows"
          columns={[
            {
              title: t('places.case'),
              dataIndex: 'caseNumber',
              render: (n: string, w) => <Link to={`/cases/${w.caseId}`}>{n}</Link>,
            },
            {
              title: t('places.classification'),
              dataIndex: 'classification',
              render: (c: string) => <Tag>{t(`cls.${c}` as MessageKey)}</Tag>,
            },
            { title: t('places.windowStart'), dataIndex: 'start', render: (v: string) => formatInstant(v) },
            { title: t('places.windowEnd'), dataIndex: 'end', render: (v: string) => formatInstant(v) },
          ]}
        />
      </Card>
      <MeasuresCard placeId={id} />
    </Space>
  );
}
