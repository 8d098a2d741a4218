import { parseOverlay, type Overlay } from './overlay.ts';
import { text } from './preset-parts.ts';

/**
 * 离石区 (the seed's district), 2020: discharged cases are sampled in week 2 and week 4 of the 14-day
 * isolation observation, and once more in the recovery period at day 28 — serum, anal swab and throat swab
 * (PROTOCOLS.md §5, from the newspaper page in seed/). The page names serum, anal and throat swabs once,
 * after the day-28 sampling; saolei reads the week-2 and week-4 samplings as swabs (throat and anal) and
 * keeps serum for the recovery period, where paired serology needs it.
 */
export const lishi2020: Overlay = parseOverlay({
  id: 'lishi-2020',
  name: text('离石区 2020 年出院随访采样', 'Lishi district 2020: post-discharge sampling'),
  description: text(
    '出院病例 14 天隔离观察期间第 2 周、第 4 周采样，第 28 天恢复期采血清、肛拭子和咽拭子',
    'Discharged cases are sampled in week 2 and week 4, and at day 28 of the recovery period (serum, anal swab, throat swab)',
  ),
  jurisdictionCode: '141102',
  certainty: 'local',
  discharge: {
    sampling: [
      {
        fromDay: 8,
        toDay: 14,
        label: text('隔离观察第 2 周采样', 'Week 2 sampling of the isolation observation'),
        specimens: ['throat_swab', 'anal_swab'],
        certainty: 'local',
      },
      {
        fromDay: 22,
        toDay: 28,
        label: text('出院后第 4 周采样', 'Week 4 sampling after discharge'),
        specimens: ['throat_swab', 'anal_swab'],
        certainty: 'local',
      },
      {
        fromDay: 28,
        toDay: 28,
        label: text('第 28 天恢复期采样', 'Recovery-period sampling at day 28'),
        specimens: ['serum', 'anal_swab', 'throat_swab'],
        certainty: 'local',
      },
    ],
  },
});

export const overlays: Readonly<Record<string, Overlay>> = { [lishi2020.id]: lishi2020 };

export function overlayById(id: string): Overlay | null {
  return Object.hasOwn(overlays, id) ? (overlays[id] ?? null) : null;
}
