import { useQuery } from '@tanstack/react-query';
import { Alert, Button } from 'antd';
import { useNavigate } from 'react-router';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { taskKeys, type Task } from './queries.ts';

/** Counted up to this many; more show as "100+". */
const shown = 100;

/**
 * Escalation (DESIGN §3.11) on a lead's or commander's home page: the open tasks of their jurisdiction past
 * due by more than the escalation limit, with the way to the board's escalated view. Nothing when none.
 */
export function EscalatedTasks() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const escalated = useQuery({
    queryKey: [...taskKeys.list('escalated'), 'count'],
    queryFn: () =>
      api<{ items: Task[]; nextCursor: string | null }>(
        'GET',
        `/api/v1/tasks?escalated=true&status=open&limit=${shown}`,
      ),
  });
  const items = escalated.data?.items ?? [];
  if (items.length === 0) {
    return null;
  }
  const n = escalated.data?.nextCursor ? `${shown}+` : String(items.length);
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      title={t('tasks.escalatedNote', { n })}
      data-testid="escalated-tasks"
      action={
        <Button size="small" onClick={() => void navigate('/tasks?view=escalated')}>
          {t('tasks.escalatedOpen')}
        </Button>
      }
    />
  );
}
