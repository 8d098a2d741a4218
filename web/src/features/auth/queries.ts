import { useQuery } from '@tanstack/react-query';
import type { Me } from '../../../../src/server/auth/auth.schema.ts';
import { api, ApiError, setCsrfToken } from '../../api/client.ts';
import { setDisplayTimeZone } from '../../app/format.ts';

export const authKeys = { me: ['auth', 'me'] as const };

/** The signed-in user, or null when there is no session. */
export function useMe() {
  return useQuery({
    queryKey: authKeys.me,
    queryFn: async (): Promise<Me | null> => {
      try {
        const me = await api<Me>('GET', '/api/v1/auth/me');
        setCsrfToken(me.csrfToken);
        setDisplayTimeZone(me.timeZone);
        return me;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) {
          setCsrfToken(null);
          return null;
        }
        throw error;
      }
    },
    staleTime: 60_000,
    retry: false,
  });
}

export function useCan(permission: string): boolean {
  const { data } = useMe();
  return data?.user.permissions.includes(permission) ?? false;
}
