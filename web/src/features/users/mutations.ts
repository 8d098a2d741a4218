import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import type { CreateUserInput, UpdateUserInput, User } from '../../../../src/server/users/users.schema.ts';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { auditKeys } from '../audit/queries.ts';
import { userKeys } from './queries.ts';

/** One hook per action; each invalidates what it changed and reports one message. */
function useUserMutation<T>(request: (input: T) => Promise<User>) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { t } = useI18n();
  return useMutation({
    mutationFn: request,
    onSuccess: () => {
      void message.success(t('common.saved'));
      void queryClient.invalidateQueries({ queryKey: userKeys.all });
      void queryClient.invalidateQueries({ queryKey: auditKeys.all });
    },
  });
}

export function useCreateUser() {
  return useUserMutation((input: CreateUserInput) => api<User>('POST', '/api/v1/users', input));
}

export function useUpdateUser() {
  return useUserMutation(({ id, ...input }: UpdateUserInput & { id: number }) =>
    api<User>('PATCH', `/api/v1/users/${id}`, input),
  );
}

export function useResetPassword() {
  return useUserMutation(({ id, password }: { id: number; password: string }) =>
    api<User>('POST', `/api/v1/users/${id}/password`, { password }),
  );
}

export function useUnlockUser() {
  return useUserMutation((id: number) => api<User>('POST', `/api/v1/users/${id}/unlock`));
}
