import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Space, Table, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import type { PlaceExposureWindow } from '../../../../src/server/places/places.schema.ts';
import { formatInstant } from '../../app/format.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { MeasuresCard } from './MeasuresCard.tsx';
import { placeTypeLabel } from './PlaceListPage.tsx';
import { useExposureWindows, usePlace } from './queries.ts';

export function PlaceDetailPage() {
  const { t } = useI18n();
  const id = Number(useParams().id);
  const place = usePlace(id);
  const windows = useExposureWindows(id);
  if (place.isError) {
    return <Alert type="error" showIcon title={place.error.message} />;
  }
  const data = place.data;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3}>
        <Link to="/places">{t('places.title')}</Link> / {data?.name ?? ''}
      </Typography.Title>
      <Card loading={place.isPending}>
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
