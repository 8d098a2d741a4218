import dayjs from 'dayjs';

const to = (path: string, params: Record<string, string>) =>
  `${path}?${new URLSearchParams(params).toString()}`;

/**
 * The list behind each dashboard number, in the query names the lists read from the URL (the cases list,
 * GET /api/v1/contacts's filters, GET /api/v1/samples's filters). Each link selects what its number counts
 * on the dashboard's day: releases due by that day (its own and the overdue together), results entered that
 * day in the deployment zone, contacts under observation at home or at one site.
 */
export function dashboardLinks(day: string) {
  const daysBefore = (n: number) => dayjs(day).subtract(n, 'day').format('YYYY-MM-DD');
  return {
    newCases: (ago: number) => to('/cases', { reportFrom: daysBefore(ago), reportTo: daysBefore(ago) }),
    confirmed: (division: string | null) =>
      to(
        '/cases',
        division === null ? { classification: 'confirmed' } : { classification: 'confirmed', division },
      ),
    contacts: '/contacts',
    observation: '/quarantine',
    site: (siteId: number) => to('/contacts', { placement: 'site', siteId: String(siteId) }),
    home: to('/contacts', { placement: 'home' }),
    releasesDue: to('/contacts', { releaseDueBy: day }),
    converted: to('/contacts', { status: 'converted' }),
    overdueInvestigations: '/investigations',
    overdueTasks: to('/tasks', { view: 'overdue' }),
    samplesDue: to('/samples/list', { status: 'planned', date: day }),
    samples: (status: 'collected' | 'received') => to('/samples/list', { status }),
    testsDone: to('/samples/list', { testedOn: day }),
    positive: to('/samples/list', { result: 'positive' }),
  };
}
