import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Row, Spin, Steps, Tabs, Tag } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router';
import { formatInstant } from '../../app/format.ts';
import { RecordHeader } from '../../components/RecordHeader.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { RecordHistory } from '../audit/RecordHistory.tsx';
import { useCan } from '../auth/queries.ts';
import { labelKey } from '../cases/labels.ts';
import { usePersonReveal } from '../cases/PersonReveal.tsx';
import { ContactActions } from './ContactActions.tsx';
import { ExposuresPanel } from './ExposuresPanel.tsx';
import { FollowUpsPanel } from './FollowUpsPanel.tsx';
import { classificationColors, contactLabel, statusColors } from './labels.ts';
import { PlanPanel } from './PlanPanel.tsx';
import { useContact, type ContactDetail } from './queries.ts';
import { SecondaryPanel } from './SecondaryPanel.tsx';
import { TracingPanel } from './TracingPanel.tsx';

const mainPath = ['identified', 'notified', 'placed', 'home_monitoring', 'released'] as const;

function Workflow({ contact }: { contact: ContactDetail }) {
  const { t } = useI18n();
  const off = contact.status === 'converted' || contact.status === 'lost';
  // A contact who left the path is shown stopped at the last step they reached.
  const reached = contact.placedOn ? 2 : contact.notifiedAt ? 1 : 0;
  const index = off ? reached : mainPath.findIndex((s) => s === contact.status);
  return (
    <Steps
      size="small"
      style={{ marginBottom: 16 }}
      current={index}
      status={off ? 'error' : index === mainPath.length - 1 ? 'finish' : 'process'}
      items={mainPath.map((s) => ({ title: t(contactLabel('cstatus', s)) }))}
      data-testid="contact-steps"
    />
  );
}

function Overview({ contact }: { contact: ContactDetail }) {
  const { t } = useI18n();
  const { shown: p, notice } = usePersonReveal(contact.person);
  return (
    <Card size="small" title={t('contact.person')} style={{ marginBottom: 16 }}>
      {notice}
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} data-testid="contact-overview">
        <Descriptions.Item label={t('person.name')}>{p.name}</Descriptions.Item>
        <Descriptions.Item label={t('person.sex')}>
          {p.sex ? t(labelKey('sex', p.sex)) : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('person.documentNumber')}>
          {p.documentType ? `${t(labelKey('doc', p.documentType))} ${p.documentNumber ?? ''}` : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('person.phone')}>{p.phone ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('person.currentAddress')} span={2}>
          {[p.currentAddress, p.divisionCode && `(${p.divisionCode})`].filter(Boolean).join(' ') || '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('contacts.sourceCase')}>
          <Link to={`/cases/${contact.sourceCaseId}?tab=contacts`}>#{contact.sourceCaseId}</Link>
          {contact.sourceContactId ? (
            <>
              {' · '}
              <Link to={`/contacts/${contact.sourceContactId}`}>
                {t('contact.viaContact', { id: contact.sourceContactId })}
              </Link>
            </>
          ) : null}
        </Descriptions.Item>
        <Descriptions.Item label={t('contacts.lastExposure')}>
          {formatInstant(contact.lastExposureAt)}
        </Descriptions.Item>
        <Descriptions.Item label={t('contacts.observationEnd')}>
          <span data-testid="observation-end">{contact.observationEnd ?? t('contact.notDetermined')}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('contact.notifiedAt')}>
          {formatInstant(contact.notifiedAt)}
        </Descriptions.Item>
        <Descriptions.Item label={t('contact.placedOn')}>{contact.placedOn ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('contact.releasedOn')}>{contact.releasedOn ?? '—'}</Descriptions.Item>
        {contact.releaseReason ? (
          <Descriptions.Item label={t('contact.releaseReason')}>{contact.releaseReason}</Descriptions.Item>
        ) : null}
        {contact.lostReason ? (
          <Descriptions.Item label={t('contact.lostReason')}>{contact.lostReason}</Descriptions.Item>
        ) : null}
        <Descriptions.Item label={t('contact.protocol')}>
          {[contact.protocol.presetId, contact.protocol.overlayId].filter(Boolean).join(' + ')}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

/** One contact: who, how exposed, the plan, the workflow, calls, health checks, secondary contacts, history. */
export function ContactDetailPage() {
  const { t } = useI18n();
  const id = Number(useParams().id);
  const contact = useContact(id);
  const canAudit = useCan('audit:read');
  const [search, setSearch] = useSearchParams();
  if (contact.isPending) {
    return <Spin />;
  }
  if (contact.isError) {
    return <Alert type="error" showIcon title={contact.error.message} />;
  }
  const c = contact.data;
  const placement = c.placements.find((p) => p.checkOutAt === null);
  return (
    <>
      <RecordHeader
        list={{ to: '/contacts', title: t('contacts.title') }}
        crumb={c.person.name}
        title={c.person.name}
        titleTestId="contact-title"
      >
        <Tag color={classificationColors[c.classification]}>
          {t(contactLabel('cclass', c.classification))}
        </Tag>
        <Tag color={statusColors[c.status]} data-testid="contact-status">
          {t(contactLabel('cstatus', c.status))}
        </Tag>
        {placement ? (
          <Tag data-testid="contact-placement">
            {placement.kind === 'site'
              ? `${placement.siteName ?? ''} ${placement.roomNumber ?? ''}`
              : t('contact.homeAt', { address: placement.address ?? '' })}
          </Tag>
        ) : null}
        {c.status === 'released' ? (
          <Button
            size="small"
            icon={<DownloadOutlined />}
            href={`/api/v1/contacts/${c.id}/release-certificate`}
            data-testid="release-certificate"
          >
            {t('contact.certificate')}
          </Button>
        ) : null}
      </RecordHeader>
      {c.convertedCaseId ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 8 }}
          data-testid="converted-alert"
          title={
            <span>
              {t('contact.convertedNote')}{' '}
              <Link to={`/cases/${c.convertedCaseId}`} data-testid="converted-case-link">
                {t('contact.openCase', { id: c.convertedCaseId })}
              </Link>
            </span>
          }
        />
      ) : null}
      <Workflow contact={c} />
      <ContactActions contact={c} />
      <Tabs
        activeKey={search.get('tab') ?? 'overview'}
        onChange={(tab) => setSearch({ tab }, { replace: true })}
        items={[
          {
            key: 'overview',
            label: t('contact.overviewTab'),
            children: (
              <Row gutter={16}>
                <Col xs={24} xl={14}>
                  <Overview contact={c} />
                  <ExposuresPanel contact={c} />
                </Col>
                <Col xs={24} xl={10}>
                  <PlanPanel contact={c} />
                </Col>
              </Row>
            ),
          },
          {
            key: 'follow-ups',
            label: (
              <span data-testid="tab-follow-ups">
                {t('contact.followUpsTab')}
                {c.alerts.some((a) => a.status !== 'closed') ? (
                  <Tag color="red" style={{ marginLeft: 6 }}>
                    {c.alerts.filter((a) => a.status !== 'closed').length}
                  </Tag>
                ) : null}
              </span>
            ),
            children: <FollowUpsPanel contact={c} />,
          },
          { key: 'tracing', label: t('contact.tracingTab'), children: <TracingPanel contact={c} /> },
          { key: 'secondary', label: t('contact.secondaryTab'), children: <SecondaryPanel contact={c} /> },
          ...(canAudit
            ? [
                {
                  key: 'history',
                  label: t('contact.historyTab'),
                  children: <RecordHistory entity="contact" entityId={c.id} />,
                },
              ]
            : []),
        ]}
      />
    </>
  );
}
