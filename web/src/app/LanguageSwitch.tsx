import { GlobalOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useI18n } from '../i18n/I18nProvider.tsx';

export function LanguageSwitch() {
  const { language, setLanguage, t } = useI18n();
  return (
    <Button
      type="text"
      icon={<GlobalOutlined />}
      onClick={() => setLanguage(language === 'zh-CN' ? 'en' : 'zh-CN')}
      data-testid="language-switch"
    >
      {t('lang.switch')}
    </Button>
  );
}
