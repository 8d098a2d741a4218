import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import type { Task } from '../../../../src/server/tasks/tasks.schema.ts';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { auditKeys } from '../audit/queries.ts';
import { useMutationError } from '../cases/mutations.ts';
import { taskKeys } from './queries.ts';

export function useCompleteTask() {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { t } = useI18n();
  const onError = useMutationError();
  return useMutation({
    mutationFn: (task: Pick<Task, 'id' | 'version'>) =>
      api<Task>('PATCH', `/api/v1/tasks/${task.id}`, { version: task.version, status: 'done' }),
    onSuccess: () => {
      void message.success(t('tasks.completed'));
      void queryClient.invalidateQueries({ queryKey: taskKeys.all });
      void queryClient.invalidateQueries({ queryKey: auditKeys.all });
    },
    onError,
  });
}
