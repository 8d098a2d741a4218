import { classifications, severities } from '../../../../src/core/cases/classification.ts';
import { documentTypes } from '../../../../src/core/identity/documents.ts';
import { caseStatuses, discoveryRoutes } from '../../../../src/server/cases/cases.schema.ts';
import { populationCategories } from '../../../../src/server/persons/persons.schema.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { messages, type MessageKey } from '../../i18n/messages.ts';

/** The i18n key of an enum value: `cls.suspected`, `status.in_hospital`, … */
export function labelKey(group: string, value: string): MessageKey {
  return `${group}.${value}` as MessageKey;
}

export const classificationColors: Record<string, string> = {
  suspected: 'orange',
  confirmed: 'red',
  asymptomatic: 'purple',
  excluded: 'default',
};

/** Select options for the enums of cases and persons, labelled in the user's language. */
export function useCaseOptions() {
  const { t } = useI18n();
  const options = (group: string, values: readonly string[]) =>
    values.map((value) => ({ value, label: t(labelKey(group, value)) }));
  return {
    classification: options('cls', classifications),
    severity: options('severity', severities),
    status: options('status', caseStatuses),
    discoveryRoute: options('route', discoveryRoutes),
    documentType: options('doc', documentTypes),
    sex: options('sex', ['male', 'female', 'unknown']),
    // The 18 report-card categories carry their official Chinese names; English shows the code's words.
    populationCategory: Object.entries(populationCategories).map(([value, zh]) => ({
      value,
      label: t('common.bilingual', { zh, en: value.replaceAll('_', ' ') }),
    })),
  };
}

/** Labels a value of an open-ended set (task types, priorities): unknown values show as they are. */
export function useOpenLabel() {
  const { t } = useI18n();
  return (group: string, value: string) => {
    const key = `${group}.${value}`;
    return key in messages['zh-CN'] ? t(labelKey(group, value)) : value;
  };
}
