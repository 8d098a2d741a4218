import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { Dashboard } from './queries.ts';
import { classificationColours, classificationName } from './text.ts';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const order = ['confirmed', 'asymptomatic', 'suspected', 'excluded'];

/**
 * Cases per day stacked by classification over the 90 days up to the dashboard's date; days without cases
 * are drawn as gaps, not skipped.
 */
export function EpiCurve({ days: all, until }: { days: Dashboard['epiCurve']['days']; until: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const { language, t } = useI18n();
  useEffect(() => {
    const element = ref.current;
    if (!element) {
      return undefined;
    }
    const chart = echarts.init(element);
    const start = new Date(`${until}T00:00:00Z`);
    start.setUTCDate(start.getUTCDate() - 89);
    const since = start.toISOString().slice(0, 10);
    const days = all.filter((d) => d.date >= since && d.date <= until);
    const first = days[0]?.date;
    const last = days.at(-1)?.date;
    const dates: string[] = [];
    if (first && last) {
      for (
        let d = new Date(`${first}T00:00:00Z`);
        d.toISOString().slice(0, 10) <= last;
        d.setUTCDate(d.getUTCDate() + 1)
      ) {
        dates.push(d.toISOString().slice(0, 10));
      }
    }
    const byDate = new Map(days.map((d) => [d.date, d.counts]));
    const present = order.filter((c) => days.some((d) => (d.counts[c] ?? 0) > 0));
    chart.setOption({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 32, bottom: 40 },
      xAxis: { type: 'category', data: dates.map((d) => d.slice(5)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: present.map((c) => ({
        name: classificationName(t, c),
        type: 'bar',
        stack: 'cases',
        itemStyle: { color: classificationColours[c] },
        data: dates.map((d) => byDate.get(d)?.[c] ?? 0),
      })),
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [all, until, language, t]);
  return <div ref={ref} style={{ height: 280, width: '100%' }} data-testid="epi-curve" />;
}
