import { Button, Form, Input, Select, Space, Switch } from 'antd';
import { useEffect } from 'react';
import { roles } from '../../../../src/server/access/roles.ts';
import type { User } from '../../../../src/server/users/users.schema.ts';
import { fieldErrors } from '../../api/client.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { useCreateUser, useUpdateUser } from './mutations.ts';

const fields = ['username', 'displayName', 'role', 'jurisdictionCode', 'password', 'active'] as const;

type Values = {
  username: string;
  displayName: string;
  role: User['role'];
  jurisdictionCode: string;
  password?: string;
  active?: boolean;
};

/** Creates a user, or edits one (sending the version it was read at, so a concurrent edit gets 409). */
export function UserForm({ user, onDone }: { user: User | null; onDone: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const create = useCreateUser();
  const update = useUpdateUser();
  const mutation = user ? update : create;

  useEffect(() => {
    form.resetFields();
    if (user) {
      form.setFieldsValue({ ...user });
    }
  }, [user, form]);

  useEffect(() => {
    if (mutation.error) {
      form.setFields(fieldErrors(mutation.error, fields));
    }
  }, [mutation.error, form]);

  const submit = (values: Values) => {
    const done = { onSuccess: onDone };
    if (user) {
      update.mutate(
        {
          id: user.id,
          version: user.version,
          displayName: values.displayName,
          role: values.role,
          jurisdictionCode: values.jurisdictionCode,
          active: values.active,
        },
        done,
      );
      return;
    }
    create.mutate(
      {
        username: values.username,
        displayName: values.displayName,
        role: values.role,
        jurisdictionCode: values.jurisdictionCode,
        password: values.password ?? '',
      },
      done,
    );
  };

  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={{ jurisdictionCode: '141102', role: 'investigator', active: true }}
    >
      <Form.Item name="username" label={t('users.username')} rules={[{ required: true }]}>
        <Input disabled={user !== null} autoComplete="off" />
      </Form.Item>
      <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: true }]}>
        <Input />
      </Form.Item>
      <Form.Item name="role" label={t('users.role')} rules={[{ required: true }]}>
        <Select options={roles.map((role) => ({ value: role, label: t(`role.${role}` as MessageKey) }))} />
      </Form.Item>
      <Form.Item name="jurisdictionCode" label={t('users.jurisdiction')} rules={[{ required: true }]}>
        <Input />
      </Form.Item>
      {user ? (
        <Form.Item name="active" label={t('users.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      ) : (
        <Form.Item
          name="password"
          label={t('users.password')}
          extra={t('users.passwordHint')}
          rules={[{ required: true, min: 12 }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      )}
      {mutation.error && fieldErrors(mutation.error, fields).length === 0 ? (
        <div className="ant-form-item-explain-error" style={{ marginBottom: 12 }}>
          {mutation.error.message}
        </div>
      ) : null}
      <Space>
        <Button type="primary" htmlType="submit" loading={mutation.isPending}>
          {t('common.save')}
        </Button>
        <Button onClick={onDone}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}
