import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { contactDetailSchema } from '../../../../src/server/contacts/contact-detail.schema.ts';
import type { Contact } from '../../../../src/server/contacts/contacts.schema.ts';
import { api } from '../../api/client.ts';

export type ContactDetail = z.infer<typeof contactDetailSchema>;

/** The list's filters under the API's own query names, so that a link from the dashboard works as is. */
export const contactFilterNames = [
  'caseId',
  'status',
  'classification',
  'siteId',
  'placement',
  'dueToday',
  'releaseDue',
  'releaseDueBy',
  'divisionCode',
  'q',
] as const;
export type ContactFilterName = (typeof contactFilterNames)[number];
export type ContactFilter = Partial<Record<ContactFilterName, string>>;

export function filterParams(filter: ContactFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const name of contactFilterNames) {
    const value = filter[name];
    if (value !== undefined && value !== '') {
      params.set(name, value);
    }
  }
  return params;
}

export const contactKeys = {
  all: ['contacts'] as const,
  list: (filter: ContactFilter) => ['contacts', 'list', filter] as const,
  one: (id: number) => ['contacts', 'one', id] as const,
};

export function useContacts(filter: ContactFilter, pageSize = 50) {
  return useInfiniteQuery({
    queryKey: [...contactKeys.list(filter), pageSize],
    queryFn: ({ pageParam }) => {
      const params = filterParams(filter);
      params.set('limit', String(pageSize));
      if (pageParam) {
        params.set('cursor', pageParam);
      }
      return api<{ items: Contact[]; nextCursor: string | null }>(
        'GET',
        `/api/v1/contacts?${params.toString()}`,
      );
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useContact(id: number) {
  return useQuery({
    queryKey: contactKeys.one(id),
    queryFn: () => api<ContactDetail>('GET', `/api/v1/contacts/${id}`),
  });
}
