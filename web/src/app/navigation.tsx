import {
  AlertOutlined,
  AuditOutlined,
  ClusterOutlined,
  ExperimentOutlined,
  FileTextOutlined,
  FireOutlined,
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
import { CasesPage } from '../features/cases/CasesPage.tsx';
import { ChainsPage } from '../features/chains/ChainsPage.tsx';
import { ContactsPage } from '../features/contacts/ContactsPage.tsx';
import { HomePage } from '../features/home/HomePage.tsx';
import { InvestigationsPage } from '../features/investigations/InvestigationsPage.tsx';
import { OutbreaksPage } from '../features/outbreaks/OutbreaksPage.tsx';
import { PlacesPage } from '../features/places/PlacesPage.tsx';
import { QuarantinePage } from '../features/quarantine/QuarantinePage.tsx';
import { ReportsPage } from '../features/reports/ReportsPage.tsx';
import { SamplesPage } from '../features/samples/SamplesPage.tsx';
import { TasksPage } from '../features/tasks/TasksPage.tsx';
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

/** The capabilities of DESIGN §3 in the order investigators use them. */
export const navigation: NavItem[] = [
  { path: '/', label: 'nav.home', icon: <HomeOutlined />, element: <HomePage /> },
  {
    path: '/outbreaks',
    label: 'nav.outbreaks',
    icon: <FireOutlined />,
    element: <OutbreaksPage />,
    permission: 'outbreaks:read',
  },
  {
    path: '/cases',
    label: 'nav.cases',
    icon: <AlertOutlined />,
    element: <CasesPage />,
  },
  {
    path: '/investigations',
    label: 'nav.investigations',
    icon: <SolutionOutlined />,
    element: <InvestigationsPage />,
  },
  {
    path: '/contacts',
    label: 'nav.contacts',
    icon: <TeamOutlined />,
    element: <ContactsPage />,
  },
  {
    path: '/quarantine',
    label: 'nav.quarantine',
    icon: <ClusterOutlined />,
    element: <QuarantinePage />,
  },
  {
    path: '/samples',
    label: 'nav.samples',
    icon: <ExperimentOutlined />,
    element: <SamplesPage />,
  },
  {
    path: '/places',
    label: 'nav.places',
    icon: <ShopOutlined />,
    element: <PlacesPage />,
  },
  {
    path: '/chains',
    label: 'nav.chains',
    icon: <NodeIndexOutlined />,
    element: <ChainsPage />,
  },
  {
    path: '/reports',
    label: 'nav.reports',
    icon: <FileTextOutlined />,
    element: <ReportsPage />,
  },
  {
    path: '/tasks',
    label: 'nav.tasks',
    icon: <ScheduleOutlined />,
    element: <TasksPage />,
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
