import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Drawer, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { roles } from '../../../../src/server/access/roles.ts';
import type { User } from '../../../../src/server/users/users.schema.ts';
import { formatInstant } from '../../app/format.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { RecordHistory } from '../audit/RecordHistory.tsx';
import { useCan } from '../auth/queries.ts';
import { useResetPassword, useUnlockUser, useUpdateUser } from './mutations.ts';
import { useUsers, type UserFilter } from './queries.ts';
import { UserForm } from './UserForm.tsx';

export function UsersPage() {
  const { t } = useI18n();
  const [filter, setFilter] = useState<UserFilter>({});
  const users = useUsers(filter);
  const canWrite = useCan('users:write');
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [history, setHistory] = useState<User | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const [password, setPassword] = useState('');
  const update = useUpdateUser();
  const unlock = useUnlockUser();
  const reset = useResetPassword();
  const rows = users.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <Typography.Title level={3}>{t('users.title')}</Typography.Title>
      <div className="page-toolbar">
        <Input.Search
          allowClear
          placeholder={`${t('users.username')} / ${t('users.displayName')}`}
          style={{ width: 260 }}
          onSearch={(q) => setFilter((f) => ({ ...f, q }))}
        />
        <Select
          allowClear
          placeholder={t('users.role')}
          style={{ width: 180 }}
          options={roles.map((role) => ({ value: role, label: t(`role.${role}` as MessageKey) }))}
          onChange={(role?: string) => setFilter((f) => ({ ...f, role }))}
        />
        {canWrite ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('users.create')}
          </Button>
        ) : null}
      </div>
      {users.isError ? <Alert type="error" showIcon title={users.error.message} /> : null}
      {update.error || unlock.error || reset.error ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={(update.error ?? unlock.error ?? reset.error)?.message}
        />
      ) : null}
      <Table<User>
        rowKey="id"
        size="middle"
        loading={users.isPending}
        dataSource={rows}
        pagination={false}
        data-testid="users-table"
        columns={[
          { title: t('users.username'), dataIndex: 'username' },
          { title: t('users.displayName'), dataIndex: 'displayName' },
          {
            title: t('users.role'),
            dataIndex: 'role',
            render: (role: string) => <Tag>{t(`role.${role}` as MessageKey)}</Tag>,
          },
          { title: t('users.jurisdiction'), dataIndex: 'jurisdictionCode' },
          {
            title: t('users.active'),
            key: 'state',
            render: (_, user) => (
              <Space>
                <Tag color={user.active ? 'green' : 'default'}>
                  {user.active ? t('common.yes') : t('common.no')}
                </Tag>
                {user.lockedUntil ? (
                  <Tag color="red">{`${t('users.locked')} ${formatInstant(user.lockedUntil)}`}</Tag>
                ) : null}
              </Space>
            ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, user) => (
              <Space wrap size="small">
                {canWrite ? (
                  <>
                    <Button size="small" onClick={() => setEditing(user)}>
                      {t('common.edit')}
                    </Button>
                    <Button size="small" onClick={() => setResetting(user)}>
                      {t('users.resetPassword')}
                    </Button>
                    {user.lockedUntil ? (
                      <Button size="small" onClick={() => unlock.mutate(user.id)}>
                        {t('users.unlock')}
                      </Button>
                    ) : null}
                    <Button
                      size="small"
                      danger={user.active}
                      onClick={() =>
                        update.mutate({ id: user.id, version: user.version, active: !user.active })
                      }
                    >
                      {user.active ? t('users.disable') : t('users.enable')}
                    </Button>
                  </>
                ) : null}
                <Button size="small" type="link" onClick={() => setHistory(user)}>
                  {t('users.history')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {users.hasNextPage ? (
        <Button
          style={{ marginTop: 12 }}
          onClick={() => void users.fetchNextPage()}
          loading={users.isFetchingNextPage}
        >
          {t('common.loadMore')}
        </Button>
      ) : null}
      <Drawer
        open={editing !== null}
        title={editing === 'new' ? t('users.create') : t('users.edit')}
        onClose={() => setEditing(null)}
        size="default"
        destroyOnHidden
      >
        <UserForm user={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
      </Drawer>
      <Drawer
        open={history !== null}
        title={`${t('users.history')} · ${history?.username ?? ''}`}
        onClose={() => setHistory(null)}
        destroyOnHidden
      >
        {history ? <RecordHistory entity="user" entityId={history.id} /> : null}
      </Drawer>
      <Modal
        open={resetting !== null}
        title={`${t('users.resetPassword')} · ${resetting?.username ?? ''}`}
        onCancel={() => setResetting(null)}
        okButtonProps={{ disabled: password.length < 12, loading: reset.isPending }}
        onOk={() =>
          resetting &&
          reset.mutate(
            { id: resetting.id, password },
            {
              onSuccess: () => {
                setResetting(null);
                setPassword('');
              },
            },
          )
        }
        destroyOnHidden
      >
        <Form layout="vertical">
          <Form.Item label={t('users.newPassword')} extra={t('users.passwordHint')}>
            <Input.Password
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              autoComplete="new-password"
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
