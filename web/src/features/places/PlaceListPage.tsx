import { CloudUploadOutlined, PlusOutlined, RadarChartOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Drawer, Form, Input, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  placeTypes,
  type CreatePlaceInput,
  type Place,
} from '../../../../src/server/places/places.schema.ts';
import { fieldErrors } from '../../api/client.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { useCan } from '../auth/queries.ts';
import { useCreatePlace } from './mutations.ts';
import { usePlaces, type PlaceFilter } from './queries.ts';

export const placeTypeLabel = (type: string): MessageKey => `placeType.${type}` as MessageKey;

export function PlaceListPage() {
  const { t } = useI18n();
  const [filter, setFilter] = useState<PlaceFilter>({});
  const places = usePlaces(filter);
  const canWrite = useCan('places:write');
  const canImport = useCan('visits:import');
  const canDiscover = useCan('discovery:run');
  const [creating, setCreating] = useState(false);
  const create = useCreatePlace();
  const [form] = Form.useForm<CreatePlaceInput>();
  const rows = places.data?.pages.flatMap((page) => page.items) ?? [];

  const submit = (values: CreatePlaceInput) => {
    create.mutate(values, {
      onSuccess: () => {
        setCreating(false);
        form.resetFields();
      },
      onError: (error) =>
        form.setFields(fieldErrors(error, ['name', 'type', 'divisionCode', 'venueCode'] as const)),
    });
  };

  return (
    <>
      <Typography.Title level={3}>{t('places.title')}</Typography.Title>
      <div className="page-toolbar">
        <Input.Search
          allowClear
          placeholder={t('places.search')}
          style={{ width: 260 }}
          onSearch={(q) => setFilter((f) => ({ ...f, q }))}
        />
        <Select
          allowClear
          placeholder={t('places.type')}
          style={{ width: 160 }}
          options={placeTypes.map((type) => ({ value: type, label: t(placeTypeLabel(type)) }))}
          onChange={(type?: string) => setFilter((f) => ({ ...f, type }))}
        />
        <Checkbox
          checked={filter.archived === true}
          onChange={(e) => setFilter((f) => ({ ...f, archived: e.target.checked }))}
          data-testid="places-archived"
        >
          {t('places.showArchived')}
        </Checkbox>
        {canWrite ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('places.create')}
          </Button>
        ) : null}
        {canImport ? (
          <Link to="/places/imports">
            <Button icon={<CloudUploadOutlined />}>{t('imports.title')}</Button>
          </Link>
        ) : null}
        {canDiscover ? (
          <Link to="/places/discovery">
            <Button icon={<RadarChartOutlined />}>{t('discovery.title')}</Button>
          </Link>
        ) : null}
      </div>
      {places.isError ? <Alert type="error" showIcon title={places.error.message} /> : null}
      <Table<Place>
        rowKey="id"
        size="middle"
        loading={places.isPending}
        dataSource={rows}
        pagination={false}
        data-testid="places-table"
        columns={[
          {
            title: t('places.name'),
            dataIndex: 'name',
            render: (name: string, place) => (
              <>
                <Link to={`/places/${place.id}`}>{name}</Link>
                {place.archived ? <Tag style={{ marginLeft: 6 }}>{t('places.archived')}</Tag> : null}
              </>
            ),
          },
          {
            title: t('places.type'),
            dataIndex: 'type',
            render: (type: string) => <Tag>{t(placeTypeLabel(type))}</Tag>,
          },
          { title: t('places.address'), dataIndex: 'address' },
          { title: t('places.venueCode'), dataIndex: 'venueCode' },
          { title: t('places.division'), dataIndex: 'divisionCode' },
        ]}
      />
      {places.hasNextPage ? (
        <Button style={{ marginTop: 12 }} onClick={() => void places.fetchNextPage()}>
          {t('common.loadMore')}
        </Button>
      ) : null}
      <Drawer open={creating} title={t('places.create')} onClose={() => setCreating(false)}>
        <Form
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ type: 'other', divisionCode: '141102' }}
        >
          <Form.Item name="name" label={t('places.name')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="type" label={t('places.type')} rules={[{ required: true }]}>
            <Select options={placeTypes.map((type) => ({ value: type, label: t(placeTypeLabel(type)) }))} />
          </Form.Item>
          <Form.Item name="address" label={t('places.address')}>
            <Input />
          </Form.Item>
          <Form.Item name="divisionCode" label={t('places.division')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="venueCode" label={t('places.venueCode')}>
            <Input />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={create.isPending}>
            {t('common.save')}
          </Button>
        </Form>
      </Drawer>
    </>
  );
}
