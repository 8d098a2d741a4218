import { CloseOutlined, CloudUploadOutlined, DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import type { Contact } from '../../../../src/server/contacts/contacts.schema.ts';
import { formatInstant } from '../../app/format.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useCan } from '../auth/queries.ts';
import { useSites } from '../quarantine/queries.ts';
import { classificationColors, contactLabel, statusColors, useContactOptions } from './labels.ts';
import { contactFilterNames, filterParams, useContacts, type ContactFilter } from './queries.ts';

/** The filter as the URL holds it: the page reads it there, so that a link (the dashboard's) opens it as is. */
function useUrlFilter(): [ContactFilter, (change: ContactFilter) => void] {
  const [search, setSearch] = useSearchParams();
  const filter: ContactFilter = {};
  for (const name of contactFilterNames) {
    const value = search.get(name);
    if (value !== null && value !== '') {
      filter[name] = value;
    }
  }
  const update = (change: ContactFilter) => {
    setSearch(filterParams({ ...filter, ...change }), { replace: true });
  };
  return [filter, update];
}

/** Everyone traced, with the filters a tracer works by at night: due today, release due, lost. */
export function ContactListPage() {
  const { t } = useI18n();
  const [filter, update] = useUrlFilter();
  const contacts = useContacts(filter);
  const sites = useSites();
  const options = useContactOptions();
  const canExport = useCan('exports:write');
  const canWrite = useCan('contacts:write');
  const rows = contacts.data?.pages.flatMap((page) => page.items) ?? [];
  const quick = (name: 'dueToday' | 'releaseDue') => (
    <Button
      type={filter[name] === 'true' ? 'primary' : 'default'}
      onClick={() => update({ [name]: filter[name] === 'true' ? undefined : 'true' })}
      data-testid={`filter-${name}`}
    >
      {t(`contacts.${name}`)}
    </Button>
  );
  // A dated "due for release" (the dashboard's, for the day it shows) replaces today's; one click clears it.
  const releaseDue =
    filter.releaseDueBy === undefined ? (
      quick('releaseDue')
    ) : (
      <Button
        type="primary"
        icon={<CloseOutlined />}
        onClick={() => update({ releaseDue: undefined, releaseDueBy: undefined })}
        data-testid="filter-releaseDueBy"
      >
        {t('contacts.releaseDueBy', { date: filter.releaseDueBy })}
      </Button>
    );

  return (
    <>
      <Typography.Title level={3}>{t('contacts.title')}</Typography.Title>
      <div className="page-toolbar" data-testid="contact-filters">
        <Input.Search
          allowClear
          defaultValue={filter.q}
          placeholder={t('contacts.search')}
          style={{ width: 240 }}
          onSearch={(q) => update({ q })}
          data-testid="contact-search"
        />
        <Select
          allowClear
          placeholder={t('contacts.status')}
          style={{ width: 150 }}
          value={filter.status}
          options={options.status}
          onChange={(status?: string) => update({ status })}
          data-testid="filter-status"
        />
        <Select
          allowClear
          placeholder={t('contacts.classification')}
          style={{ width: 130 }}
          value={filter.classification}
          options={options.classification}
          onChange={(classification?: string) => update({ classification })}
        />
        <Select
          allowClear
          placeholder={t('contacts.site')}
          style={{ width: 200 }}
          value={filter.siteId}
          options={(sites.data?.items ?? []).map((s) => ({ value: String(s.id), label: s.name }))}
          onChange={(siteId?: string) => update({ siteId })}
        />
        <Select
          allowClear
          placeholder={t('contacts.placement')}
          style={{ width: 150 }}
          value={filter.placement}
          options={[
            { value: 'home', label: t('contacts.placementHome') },
            { value: 'site', label: t('contacts.placementSite') },
          ]}
          onChange={(placement?: string) => update({ placement })}
          data-testid="filter-placement"
        />
        <Input.Search
          allowClear
          defaultValue={filter.divisionCode}
          placeholder={t('contacts.division')}
          style={{ width: 180 }}
          onSearch={(divisionCode) => update({ divisionCode })}
        />
        <Input.Search
          allowClear
          defaultValue={filter.caseId}
          placeholder={t('contacts.caseId')}
          style={{ width: 130 }}
          onSearch={(caseId) => update({ caseId: /^\d+$/.test(caseId) ? caseId : undefined })}
        />
        {quick('dueToday')}
        {releaseDue}
        <Button
          type={filter.status === 'lost' ? 'primary' : 'default'}
          onClick={() => update({ status: filter.status === 'lost' ? undefined : 'lost' })}
        >
          {t('cstatus.lost')}
        </Button>
        <Space>
          {canExport ? (
            <Button
              icon={<DownloadOutlined />}
              href={`/api/v1/contacts/export.xlsx?${filterParams(filter).toString()}`}
              data-testid="contacts-export"
            >
              {t('contacts.export')}
            </Button>
          ) : null}
          {canWrite ? (
            <Link to={`/contacts/import${filter.caseId ? `?caseId=${filter.caseId}` : ''}`}>
              <Button icon={<CloudUploadOutlined />}>{t('cimport.title')}</Button>
            </Link>
          ) : null}
        </Space>
      </div>
      {contacts.isError ? <Alert type="error" showIcon title={contacts.error.message} /> : null}
      <ContactTable rows={rows} loading={contacts.isPending} />
      {contacts.hasNextPage ? (
        <Button
          style={{ marginTop: 12 }}
          loading={contacts.isFetchingNextPage}
          onClick={() => void contacts.fetchNextPage()}
          data-testid="contacts-more"
        >
          {t('common.loadMore')}
        </Button>
      ) : null}
    </>
  );
}

/** The contacts table of the list page and of a case's contacts tab. */
export function ContactTable({ rows, loading }: { rows: Contact[]; loading: boolean }) {
  const { t } = useI18n();
  return (
    <Table<Contact>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={rows}
      pagination={false}
      scroll={{ x: 1100 }}
      data-testid="contacts-table"
      columns={[
        {
          title: t('person.name'),
          key: 'name',
          fixed: 'left',
          render: (_, c) => <Link to={`/contacts/${c.id}`}>{c.person.name}</Link>,
        },
        {
          title: t('contacts.classification'),
          dataIndex: 'classification',
          render: (value: string) => (
            <Tag color={classificationColors[value]}>{t(contactLabel('cclass', value))}</Tag>
          ),
        },
        {
          title: t('contacts.status'),
          dataIndex: 'status',
          render: (value: string) => (
            <Tag color={statusColors[value]}>{t(contactLabel('cstatus', value))}</Tag>
          ),
        },
        { title: t('person.phone'), key: 'phone', render: (_, c) => c.person.phone ?? '—' },
        {
          title: t('person.documentNumber'),
          key: 'doc',
          width: 190,
          render: (_, c) => c.person.documentNumber ?? '—',
        },
        { title: t('contacts.division'), dataIndex: 'divisionCode' },
        {
          title: t('contacts.sourceCase'),
          dataIndex: 'sourceCaseId',
          render: (id: number) => <Link to={`/cases/${id}`}>#{id}</Link>,
        },
        {
          title: t('contacts.lastExposure'),
          dataIndex: 'lastExposureAt',
          render: (value: string) => formatInstant(value),
        },
        {
          title: t('contacts.observationEnd'),
          dataIndex: 'observationEnd',
          render: (value: string | null) => value ?? '—',
        },
      ]}
    />
  );
}
