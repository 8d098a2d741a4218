import type { MessageKey } from '../../i18n/messages.ts';

export const classificationColours: Record<string, string> = {
  confirmed: '#cf1322',
  asymptomatic: '#fa8c16',
  suspected: '#fadb14',
  excluded: '#8c8c8c',
  close: '#1677ff',
  secondary: '#69b1ff',
  general: '#bfbfbf',
};

const classificationKeys: Record<string, MessageKey> = {
  confirmed: 'dashboard.cls.confirmed',
  asymptomatic: 'dashboard.cls.asymptomatic',
  suspected: 'dashboard.cls.suspected',
  excluded: 'dashboard.cls.excluded',
  close: 'dashboard.cls.close',
  secondary: 'dashboard.cls.secondary',
  general: 'dashboard.cls.general',
};

/** A case or contact classification in the UI language (the code itself when unknown). */
export function classificationName(t: (key: MessageKey) => string, classification: string): string {
  const key = classificationKeys[classification];
  return key === undefined ? classification : t(key);
}
