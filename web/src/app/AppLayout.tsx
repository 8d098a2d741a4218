import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Dropdown, Layout, Menu, Space, Spin, Tag, Typography } from 'antd';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import type { Me } from '../../../src/server/auth/auth.schema.ts';
import { useLogout } from '../features/auth/mutations.ts';
import { useMe } from '../features/auth/queries.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { navigation } from './navigation.tsx';

export function visibleNavigation(me: Me) {
  return navigation.filter((item) => !item.permission || me.user.permissions.includes(item.permission));
}

/** Layout of every signed-in page; without a session it sends the user to the login page. */
export function AppLayout() {
  const { t } = useI18n();
  const me = useMe();
  const logout = useLogout();
  const location = useLocation();
  const navigate = useNavigate();
  if (me.isPending) {
    return <Spin fullscreen />;
  }
  if (!me.data) {
    return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  }
  const items = visibleNavigation(me.data);
  const toMenu = (group: 'admin' | undefined) =>
    items
      .filter((item) => item.group === group)
      .map((item) => ({ key: item.path, icon: item.icon, label: t(item.label) }));
  const adminItems = toMenu('admin');
  const menuItems = [
    ...toMenu(undefined),
    ...(adminItems.length > 0
      ? [{ type: 'group' as const, key: 'admin', label: t('nav.admin'), children: adminItems }]
      : []),
  ];
  const selected = items
    .map((item) => item.path)
    .filter((path) => (path === '/' ? location.pathname === '/' : location.pathname.startsWith(path)))
    .sort((a, b) => b.length - a.length)[0];
  const { user } = me.data;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider breakpoint="lg" collapsedWidth={0} theme="dark" width={208}>
        <div className="brand">
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-sub">{t('app.subtitle')}</span>
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={selected ? [selected] : []}
          items={menuItems}
          onClick={({ key }) => void navigate(key)}
          data-testid="main-nav"
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="app-header">
          <Space size="middle">
            <LanguageSwitch />
            <Dropdown
              menu={{
                items: [{ key: 'logout', icon: <LogoutOutlined />, label: t('user.logout') }],
                onClick: () => logout.mutate(),
              }}
            >
              <Space className="user-menu" data-testid="user-menu">
                <Avatar size="small" icon={<UserOutlined />} />
                <Typography.Text>{user.displayName}</Typography.Text>
                <Tag color="blue">{t(`role.${user.role}` as MessageKey)}</Tag>
                <Typography.Text type="secondary">{user.jurisdictionName}</Typography.Text>
              </Space>
            </Dropdown>
          </Space>
        </Layout.Header>
        <Layout.Content className="app-content">
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
