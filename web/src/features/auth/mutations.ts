import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Me } from '../../../../src/server/auth/auth.schema.ts';
import { api, setCsrfToken } from '../../api/client.ts';
import { setDisplayTimeZone } from '../../app/format.ts';
import { authKeys } from './queries.ts';

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { username: string; password: string }) =>
      api<Me>('POST', '/api/v1/auth/login', input),
    onSuccess: (me) => {
      setCsrfToken(me.csrfToken);
      setDisplayTimeZone(me.timeZone);
      queryClient.setQueryData(authKeys.me, me);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('POST', '/api/v1/auth/logout'),
    onSettled: () => {
      setCsrfToken(null);
      queryClient.clear();
      queryClient.setQueryData(authKeys.me, null);
    },
  });
}
