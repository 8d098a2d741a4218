import { Breadcrumb, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

type RecordHeaderProps = {
  /** The list the record belongs to: the breadcrumb's link back. */
  list: { to: string; title: string };
  /** The record's name in the breadcrumb. */
  crumb: string;
  title: string;
  titleTestId: string;
  /** Tags and buttons shown on the title's line, after it. */
  children?: ReactNode;
};

/** The top of one record's page: the breadcrumb back to its list, then its title with tags and actions. */
export function RecordHeader({ list, crumb, title, titleTestId, children }: RecordHeaderProps) {
  return (
    <>
      <Breadcrumb items={[{ title: <Link to={list.to}>{list.title}</Link> }, { title: crumb }]} />
      <Space align="center" wrap style={{ margin: '12px 0' }}>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid={titleTestId}>
          {title}
        </Typography.Title>
        {children}
      </Space>
    </>
  );
}
