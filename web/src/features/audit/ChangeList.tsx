import { Typography } from 'antd';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { AuditEvent } from './queries.ts';

function show(value: unknown, personal: string): string {
  if (value === '[personal]') {
    return personal;
  }
  if (value === null || value === undefined) {
    return '—';
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The changed fields of one audit event, old value struck through, new value after it. */
export function ChangeList({ changes }: { changes: AuditEvent['changes'] }) {
  const { t } = useI18n();
  const entries = Object.entries(changes);
  if (entries.length === 0) {
    return <Typography.Text type="secondary">—</Typography.Text>;
  }
  return (
    <div>
      {entries.map(([field, change]) => (
        <div key={field}>
          <Typography.Text strong>{field}</Typography.Text>:{' '}
          {'before' in change ? (
            <span className="diff-before">{show(change.before, t('audit.personal'))}</span>
          ) : null}
          {'after' in change ? (
            <span className="diff-after">{show(change.after, t('audit.personal'))}</span>
          ) : null}
        </div>
      ))}
    </div>
  );
}
