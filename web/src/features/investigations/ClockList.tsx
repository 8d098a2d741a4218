import { Space, Statistic, Tag, Typography } from 'antd';
import type { Clock } from '../../../../src/core/investigations/clocks.ts';
import { formatInstant } from '../../app/format.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { labelKey } from '../cases/labels.ts';

/**
 * The investigation clocks as the server computed them: a live countdown to each running deadline, the time
 * past it once the server says it is overdue, and when each finished clock was met.
 */
export function ClockList({ clocks, onDeadline }: { clocks: Clock[]; onDeadline?: () => void }) {
  const { t } = useI18n();
  return (
    <Space wrap size="large">
      {clocks.map((clock) => {
        const title = t(labelKey('clock', clock.name));
        if (clock.doneAt !== null) {
          return (
            <div key={clock.name} data-testid={`clock-${clock.name}`}>
              <Typography.Text type="secondary">{title}</Typography.Text>
              <div>
                <Tag color={clock.late ? 'red' : 'green'}>
                  {clock.late ? t('clock.late') : t('clock.met')}
                </Tag>
                {formatInstant(clock.doneAt)}
              </div>
            </div>
          );
        }
        const deadline = Date.parse(clock.deadline);
        return (
          <div
            key={clock.name}
            className={clock.overdue ? 'clock-overdue' : undefined}
            data-testid={`clock-${clock.name}`}
          >
            <Statistic.Timer
              type={clock.overdue ? 'countup' : 'countdown'}
              title={clock.overdue ? `${title} · ${t('clock.overdue')}` : title}
              value={deadline}
              format="HH:mm:ss"
              valueStyle={clock.overdue ? { color: '#cf1322' } : undefined}
              onFinish={onDeadline}
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('clock.deadline', { at: formatInstant(clock.deadline) })}
            </Typography.Text>
          </div>
        );
      })}
    </Space>
  );
}
