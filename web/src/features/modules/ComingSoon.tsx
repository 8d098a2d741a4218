import { Result } from 'antd';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../i18n/messages.ts';

/** An empty module says what is coming; nothing on it pretends to work. */
export function ComingSoon({ module, what }: { module: MessageKey; what: MessageKey }) {
  const { t } = useI18n();
  return (
    <Result
      status="info"
      title={`${t(module)} · ${t('module.coming')}`}
      subTitle={t('module.comingDetail', { module: t(module), what: t(what) })}
    />
  );
}
