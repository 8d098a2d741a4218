import dayjs from 'dayjs';

const to = (path: string, params: Record<string, string>) =>
  `${path}?${new URLSearchParams(params).toString()}`;

/**
 * The list behind each dashboard number, in the query names the lists read from the URL (the cases list,
 * GET /api/v1/contacts's filters, GET /api/v1/samples's filters). The contacts' `releaseDue` is "plan ended
 * by today", so the figure it opens is today's and the overdue together.
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
    site: (siteId: number) => to('/contacts', { siteId: String(siteId) }),
    releasesDue: to('/contacts', { releaseDue: 'true' }),
    converted: to('/contacts', { status: 'converted' }),
    overdueInvestigations: '/investigations',
    overdueTasks: to('/tasks', { view: 'overdue' }),
    samplesDue: to('/samples/list', { status: 'planned', date: day }),
    samples: (status: 'collected' | 'received' | 'tested') => to('/samples/list', { status }),
    positive: to('/samples/list', { result: 'positive' }),
  };
}
