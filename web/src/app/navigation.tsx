import {
  AlertOutlined,
  AuditOutlined,
  ClusterOutlined,
  ExperimentOutlined,
  FileTextOutlined,
  HomeOutlined,
  NodeIndexOutlined,
  ScheduleOutlined,
  ShopOutlined,
  SolutionOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { MessageKey } from '../i18n/messages.ts';
import { AuditPage } from '../features/audit/AuditPage.tsx';
import { HomePage } from '../features/home/HomePage.tsx';
import { ComingSoon } from '../features/modules/ComingSoon.tsx';
import { UsersPage } from '../features/users/UsersPage.tsx';

export type NavItem = {
  path: string;
  label: MessageKey;
  icon: ReactNode;
  element: ReactNode;
  /** Shown only to users holding this permission. */
  permission?: string;
  group?: 'admin';
};

/** The capabilities of DESIGN §3 in the order investigators use them. A feature replaces its ComingSoon here. */
export const navigation: NavItem[] = [
  { path: '/', label: 'nav.home', icon: <HomeOutlined />, element: <HomePage /> },
  {
    path: '/cases',
    label: 'nav.cases',
    icon: <AlertOutlined />,
    element: <ComingSoon module="nav.cases" what="module.cases" />,
  },
  {
    path: '/investigations',
    label: 'nav.investigations',
    icon: <SolutionOutlined />,
    element: <ComingSoon module="nav.investigations" what="module.investigations" />,
  },
  {
    path: '/contacts',
    label: 'nav.contacts',
    icon: <TeamOutlined />,
    element: <ComingSoon module="nav.contacts" what="module.contacts" />,
  },
  {
    path: '/quarantine',
    label: 'nav.quarantine',
    icon: <ClusterOutlined />,
    element: <ComingSoon module="nav.quarantine" what="module.quarantine" />,
  },
  {
    path: '/samples',
    label: 'nav.samples',
    icon: <ExperimentOutlined />,
    element: <ComingSoon module="nav.samples" what="module.samples" />,
  },
  {
    path: '/places',
    label: 'nav.places',
    icon: <ShopOutlined />,
    element: <ComingSoon module="nav.places" what="module.places" />,
  },
  {
    path: '/chains',
    label: 'nav.chains',
    icon: <NodeIndexOutlined />,
    element: <ComingSoon module="nav.chains" what="module.chains" />,
  },
  {
    path: '/reports',
    label: 'nav.reports',
    icon: <FileTextOutlined />,
    element: <ComingSoon module="nav.reports" what="module.reports" />,
  },
  {
    path: '/tasks',
    label: 'nav.tasks',
    icon: <ScheduleOutlined />,
    element: <ComingSoon module="nav.tasks" what="module.tasks" />,
  },
  {
    path: '/admin/users',
    label: 'nav.users',
    icon: <UserOutlined />,
    element: <UsersPage />,
    permission: 'users:read',
    group: 'admin',
  },
  {
    path: '/admin/audit',
    label: 'nav.audit',
    icon: <AuditOutlined />,
    element: <AuditPage />,
    permission: 'audit:read',
    group: 'admin',
  },
];
