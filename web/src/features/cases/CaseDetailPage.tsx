import { Alert, Button, Card, Col, Descriptions, Drawer, Row, Spin, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import type { Case } from '../../../../src/server/cases/cases.schema.ts';
import { formatInstant } from '../../app/format.ts';
import { RecordHeader } from '../../components/RecordHeader.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { RecordHistory } from '../audit/RecordHistory.tsx';
import { useCan } from '../auth/queries.ts';
import { CaseContactsTab } from '../contacts/CaseContactsTab.tsx';
import { CaseFormTab } from '../investigations/CaseFormTab.tsx';
import { InvestigationPanel } from '../investigations/InvestigationPanel.tsx';
import { ReportPanel } from '../reports/ReportPanel.tsx';
import { DischargeFollowUpCard } from '../samples/DischargeFollowUpCard.tsx';
import { TrajectoryPanel } from '../trajectory/TrajectoryPanel.tsx';
import { CaseEditForm } from './CaseEditForm.tsx';
import { ClassificationCard } from './ClassificationCard.tsx';
import { classificationColors, labelKey } from './labels.ts';
import { usePersonReveal } from './PersonReveal.tsx';
import { useCase } from './queries.ts';

function BasicInfo({ record, editable }: { record: Case; editable: boolean }) {
  const { t } = useI18n();
  const [editing, setEditing] = useState(false);
  const { shown: p, notice } = usePersonReveal(record.person);
  const yesNo = (value: boolean) => (value ? t('common.yes') : t('common.no'));
  return (
    <Card
      size="small"
      title={t('cases.basicInfo')}
      style={{ marginBottom: 16 }}
      extra={
        editable ? (
          <Button size="small" onClick={() => setEditing(true)} data-testid="edit-case">
            {t('common.edit')}
          </Button>
        ) : null
      }
    >
      {notice}
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} data-testid="case-basic">
        <Descriptions.Item label={t('person.name')}>{p.name}</Descriptions.Item>
        <Descriptions.Item label={t('person.sex')}>
          {p.sex ? t(labelKey('sex', p.sex)) : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('person.birthDate')}>{p.birthDate ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('person.documentNumber')}>
          {p.documentType ? `${t(labelKey('doc', p.documentType))} ${p.documentNumber ?? ''}` : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('person.phone')}>{p.phone ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('person.workplace')}>{p.workplace ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('person.currentAddress')} span={2}>
          {[p.currentAddress, p.divisionCode && `(${p.divisionCode})`].filter(Boolean).join(' ') || '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('person.householdAddress')}>
          {p.householdAddress ?? '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('cases.receivedAt')}>
          {formatInstant(record.receivedAt)}
        </Descriptions.Item>
        <Descriptions.Item label={t('cases.reportingInstitution')}>
          {record.reportingInstitution}
        </Descriptions.Item>
        <Descriptions.Item label={t('cases.discoveryRoute')}>
          {t(labelKey('route', record.discoveryRoute))}
        </Descriptions.Item>
        <Descriptions.Item label={t('cases.severity')}>
          {record.severity ? t(labelKey('severity', record.severity)) : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('cases.onsetDate')}>
          {record.onsetDate
            ? `${record.onsetDate}${record.onsetApproximate ? ` (${t('cases.approximate')})` : ''}`
            : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('cases.diagnosedAt')}>
          {formatInstant(record.diagnosedAt)}
        </Descriptions.Item>
        <Descriptions.Item label={t('cases.hospital')}>{record.hospital ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('cases.status')}>
          {t(labelKey('status', record.status))}
        </Descriptions.Item>
        <Descriptions.Item label={t('cases.imported')}>{yesNo(record.imported)}</Descriptions.Item>
        <Descriptions.Item label={t('cases.importRelated')}>{yesNo(record.importRelated)}</Descriptions.Item>
        <Descriptions.Item label={t('cases.division')}>{record.divisionCode}</Descriptions.Item>
      </Descriptions>
      <Drawer open={editing} title={t('cases.edit')} onClose={() => setEditing(false)} destroyOnHidden>
        <CaseEditForm record={record} onDone={() => setEditing(false)} />
      </Drawer>
    </Card>
  );
}

/** One case: basic information, classification, the investigation with its clocks, form, trajectory and report. */
export function CaseDetailPage() {
  const { t } = useI18n();
  const id = Number(useParams().id);
  const record = useCase(id);
  const canWrite = useCan('cases:write');
  const canTrace = useCan('trajectories:write');
  const [search, setSearch] = useSearchParams();
  if (record.isPending) {
    return <Spin />;
  }
  if (record.isError) {
    return <Alert type="error" showIcon title={record.error.message} />;
  }
  const c = record.data;
  return (
    <>
      <RecordHeader
        list={{ to: '/cases', title: t('cases.title') }}
        crumb={c.caseNumber}
        title={`${c.caseNumber} · ${c.person.name}`}
        titleTestId="case-title"
      >
        <Tag color={classificationColors[c.classification]}>{t(labelKey('cls', c.classification))}</Tag>
      </RecordHeader>
      <Tabs
        activeKey={search.get('tab') ?? 'overview'}
        onChange={(tab) => setSearch({ tab }, { replace: true })}
        items={[
          {
            key: 'overview',
            label: t('cases.overview'),
            children: (
              <Row gutter={16}>
                <Col xs={24} xl={16}>
                  <BasicInfo record={c} editable={canWrite} />
                  <InvestigationPanel record={c} />
                </Col>
                <Col xs={24} xl={8}>
                  <ClassificationCard record={c} editable={canWrite} />
                  <DischargeFollowUpCard caseId={c.id} />
                </Col>
              </Row>
            ),
          },
          { key: 'form', label: t('cases.formTab'), children: <CaseFormTab caseId={c.id} /> },
          {
            key: 'trajectory',
            label: t('cases.trajectoryTab'),
            children: <TrajectoryPanel caseId={c.id} editable={canTrace} />,
          },
          { key: 'report', label: t('cases.reportTab'), children: <ReportPanel record={c} /> },
          { key: 'contacts', label: t('contacts.caseTab'), children: <CaseContactsTab caseId={c.id} /> },
          {
            key: 'history',
            label: t('cases.historyTab'),
            children: <RecordHistory entity="case" entityId={c.id} />,
          },
        ]}
      />
    </>
  );
}
