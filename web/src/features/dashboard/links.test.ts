import { describe, expect, it } from 'vitest';
import { dashboardLinks } from './links.ts';

const params = (link: string) => Object.fromEntries(new URL(link, 'http://x').searchParams);

describe('dashboard links', () => {
  it('select what each number counts on the dashboard’s day', () => {
    const links = dashboardLinks('2020-02-03');
    // A site's figure counts contacts under observation placed there, not every open placement.
    expect(params(links.site(7))).toEqual({ placement: 'site', siteId: '7' });
    expect(params(links.home)).toEqual({ placement: 'home' });
    expect(params(links.releasesDue)).toEqual({ releaseDueBy: '2020-02-03' });
    expect(params(links.testsDone)).toEqual({ testedOn: '2020-02-03' });
    expect(params(links.newCases(1))).toEqual({ reportFrom: '2020-02-02', reportTo: '2020-02-02' });
  });
});
