import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  Breadcrumb,
  Button,
  Card,
  Col,
  Descriptions,
  Drawer,
  Empty,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Row,
  Space,
  Spin,
  Statistic,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { formatInstant } from '../../app/format.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useCan } from '../auth/queries.ts';
import { useAddRooms, useCheckOut } from './mutations.ts';
import { useBoard, useSite, type Board } from './queries.ts';
import { parseRooms } from './rooms.ts';
import { SiteForm } from './SiteForm.tsx';
import './quarantine.css';

type Occupant = Board['unassigned'][number];

function OccupantLine({ occupant, today }: { occupant: Occupant; today: string }) {
  const { t } = useI18n();
  const canPlace = useCan('placements:write');
  const checkOut = useCheckOut();
  const due = occupant.plannedEnd !== null && occupant.plannedEnd <= today;
  return (
    <div className="occupant" data-testid={`occupant-${occupant.contactId}`}>
      <Link to={`/contacts/${occupant.contactId}`}>{occupant.person.name}</Link>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {` ${t('board.in')} ${formatInstant(occupant.checkInAt).slice(0, 10)} · ${t('board.until')} ${occupant.plannedEnd ?? '—'}`}
      </Typography.Text>
      {due ? <Tag color="green">{t('board.due')}</Tag> : null}
      {canPlace ? (
        <Popconfirm
          title={t('board.checkOutConfirm')}
          onConfirm={() =>
            checkOut.mutate({ contactId: occupant.contactId, placementId: occupant.placementId })
          }
        >
          <Button size="small" type="link" loading={checkOut.isPending}>
            {t('board.checkOut')}
          </Button>
        </Popconfirm>
      ) : null}
    </div>
  );
}

function AddRooms({ siteId }: { siteId: number }) {
  const { t } = useI18n();
  const add = useAddRooms(siteId);
  const [form] = Form.useForm<{ rooms: string; beds: number }>();
  return (
    <Form
      form={form}
      layout="inline"
      initialValues={{ beds: 1 }}
      onFinish={(v) => add.mutate(parseRooms(v.rooms, v.beds), { onSuccess: () => form.resetFields() })}
    >
      <Form.Item name="rooms" rules={[{ required: true, whitespace: true }]}>
        <Input placeholder={t('site.roomsHint')} style={{ width: 240 }} />
      </Form.Item>
      <Form.Item name="beds" label={t('site.bedsPerRoom')}>
        <InputNumber min={1} max={20} />
      </Form.Item>
      <Button htmlType="submit" icon={<PlusOutlined />} loading={add.isPending}>
        {t('site.addRooms')}
      </Button>
    </Form>
  );
}

/** One site: its details, rooms and the occupancy board (occupants masked per role), with check-out. */
export function SiteDetailPage() {
  const { t } = useI18n();
  const id = Number(useParams().id);
  const site = useSite(id);
  const board = useBoard(id);
  const canWrite = useCan('sites:write');
  const [editing, setEditing] = useState(false);
  if (site.isPending || board.isPending) {
    return <Spin />;
  }
  if (site.isError) {
    return <Alert type="error" showIcon title={site.error.message} />;
  }
  if (board.isError) {
    return <Alert type="error" showIcon title={board.error.message} />;
  }
  const s = site.data;
  const b = board.data;
  return (
    <>
      <Breadcrumb items={[{ title: <Link to="/quarantine">{t('site.title')}</Link> }, { title: s.name }]} />
      <Space align="center" style={{ margin: '12px 0' }}>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="site-title">
          {s.name}
        </Typography.Title>
        {canWrite ? (
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)}>
            {t('common.edit')}
          </Button>
        ) : null}
      </Space>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('site.capacity')} value={s.capacity} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('board.occupied')} value={s.occupied} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t('board.free')}
              value={b.freeBeds}
              valueStyle={{ color: b.freeBeds === 0 ? '#b91c1c' : undefined }}
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('board.dueToday')} value={b.dueReleases.length} />
          </Card>
        </Col>
      </Row>
      <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('site.address')}>{s.address}</Descriptions.Item>
        <Descriptions.Item label={t('site.manager')}>{s.manager ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('person.phone')}>{s.phone ?? '—'}</Descriptions.Item>
      </Descriptions>
      <Card
        size="small"
        title={t('board.title', { today: b.today })}
        extra={canWrite ? <AddRooms siteId={s.id} /> : null}
        data-testid="occupancy-board"
      >
        {b.rooms.length === 0 ? <Empty description={t('board.noRooms')} /> : null}
        <div className="room-grid">
          {b.rooms.map((room) => (
            <div
              key={room.id}
              className={`room-card${room.freeBeds === 0 ? ' room-full' : ''}`}
              data-testid={`room-${room.number}`}
            >
              <div className="room-head">
                <Typography.Text strong>{room.number}</Typography.Text>
                <Tag color={room.freeBeds === 0 ? 'red' : 'green'}>
                  {t('site.freeOf', { free: room.freeBeds, capacity: room.beds })}
                </Tag>
              </div>
              {room.occupants.length === 0 ? (
                <Typography.Text type="secondary">{t('board.empty')}</Typography.Text>
              ) : (
                room.occupants.map((o) => <OccupantLine key={o.placementId} occupant={o} today={b.today} />)
              )}
            </div>
          ))}
        </div>
        {b.unassigned.length > 0 ? (
          <>
            <Typography.Title level={5} style={{ marginTop: 16 }}>
              {t('board.unassigned')}
            </Typography.Title>
            {b.unassigned.map((o) => (
              <OccupantLine key={o.placementId} occupant={o} today={b.today} />
            ))}
          </>
        ) : null}
      </Card>
      <Drawer
        open={editing}
        width={480}
        title={t('site.edit')}
        onClose={() => setEditing(false)}
        destroyOnHidden
      >
        <SiteForm site={s} onDone={() => setEditing(false)} />
      </Drawer>
    </>
  );
}
