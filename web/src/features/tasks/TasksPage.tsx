import { CheckOutlined } from '@ant-design/icons';
import { Alert, Button, Segmented, Table, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { formatInstant } from '../../app/format.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useCan } from '../auth/queries.ts';
import { useOpenLabel } from '../cases/labels.ts';
import '../cases/cases.css';
import { useCompleteTask } from './mutations.ts';
import { useTasks, type Task, type TaskView } from './queries.ts';

const priorityColor: Record<string, string> = {
  urgent: 'red',
  high: 'orange',
  normal: 'blue',
  low: 'default',
};

/** Tasks about a case link to it; other subjects (an investigation names its case in the title) do not yet. */
function subjectLink(task: Task) {
  return task.subjectType === 'case' ? `/cases/${task.subjectId}` : null;
}

/** "My tasks", "overdue" and "escalated": one board for all work, soonest due first. */
export function TasksPage() {
  const { t } = useI18n();
  // The view lives in the URL, so the dashboard's "overdue tasks" opens this page on the overdue view.
  const [params, setParams] = useSearchParams();
  const asked = params.get('view');
  const view: TaskView = asked === 'overdue' || asked === 'escalated' ? asked : 'mine';
  const setView = (next: TaskView) => setParams(next === 'mine' ? {} : { view: next }, { replace: true });
  const tasks = useTasks(view);
  const complete = useCompleteTask();
  const canWrite = useCan('tasks:write');
  const label = useOpenLabel();
  const rows = tasks.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <Typography.Title level={3}>{t('tasks.title')}</Typography.Title>
      <div className="page-toolbar">
        <Segmented<TaskView>
          value={view}
          onChange={setView}
          options={[
            { value: 'mine', label: t('tasks.mine') },
            { value: 'overdue', label: t('tasks.overdue') },
            { value: 'escalated', label: t('tasks.escalated') },
          ]}
        />
      </div>
      {tasks.isError ? <Alert type="error" showIcon title={tasks.error.message} /> : null}
      <Table<Task>
        rowKey="id"
        size="middle"
        loading={tasks.isPending}
        dataSource={rows}
        pagination={false}
        data-testid="tasks-table"
        rowClassName={(task) => (task.overdue ? 'row-overdue' : '')}
        columns={[
          {
            title: t('tasks.task'),
            dataIndex: 'title',
            render: (title: string, task) => {
              const link = subjectLink(task);
              return link ? <Link to={link}>{title}</Link> : title;
            },
          },
          {
            title: t('tasks.type'),
            dataIndex: 'type',
            render: (v: string) => <Tag>{label('taskType', v)}</Tag>,
          },
          {
            title: t('tasks.priority'),
            dataIndex: 'priority',
            render: (v: string) => <Tag color={priorityColor[v]}>{label('priority', v)}</Tag>,
          },
          {
            title: t('tasks.due'),
            dataIndex: 'dueAt',
            render: (v: string | null, task) => (
              <Typography.Text type={task.overdue ? 'danger' : undefined}>
                {formatInstant(v)}
                {task.overdue ? ` · ${t('clock.overdue')}` : ''}
                {task.escalated ? (
                  <Tag color="red" style={{ marginLeft: 6 }}>
                    {t('tasks.escalatedTag')}
                  </Tag>
                ) : null}
              </Typography.Text>
            ),
          },
          { title: t('tasks.status'), dataIndex: 'status', render: (v: string) => label('taskStatus', v) },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, task) =>
              canWrite && task.status === 'open' ? (
                <Button
                  size="small"
                  icon={<CheckOutlined />}
                  loading={complete.isPending}
                  onClick={() => complete.mutate(task)}
                >
                  {t('tasks.markDone')}
                </Button>
              ) : null,
          },
        ]}
      />
      {tasks.hasNextPage ? (
        <Button
          style={{ marginTop: 12 }}
          onClick={() => void tasks.fetchNextPage()}
          loading={tasks.isFetchingNextPage}
        >
          {t('common.loadMore')}
        </Button>
      ) : null}
    </>
  );
}
