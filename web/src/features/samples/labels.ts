import { useI18n } from '../../i18n/I18nProvider.tsx';
import { messages, type MessageKey } from '../../i18n/messages.ts';

const isMessageKey = (key: string): key is MessageKey => key in messages['zh-CN'];

/** The words for an enum value of samples (`specimen`, `status`, `result`, `kind`, `state`), or the value itself. */
export function useSampleLabel(): (group: string, value: string | null | undefined) => string {
  const { t } = useI18n();
  return (group, value) => {
    if (value === null || value === undefined) {
      return '—';
    }
    const key = `samples.${group}.${value}`;
    return isMessageKey(key) ? t(key) : value;
  };
}

export const statusColors: Record<string, string> = {
  planned: 'default',
  collected: 'blue',
  received: 'cyan',
  tested: 'green',
  cancelled: 'default',
};

export const resultColors: Record<string, string> = {
  positive: 'red',
  negative: 'green',
  inconclusive: 'orange',
};

/** Today in the browser's calendar (the deployment zone for the people using it). */
export function today(): string {
  return new Intl.DateTimeFormat('sv-SE').format(new Date());
}
