import {
  contactClassifications,
  contactStatuses,
  exposureKinds,
  proximities,
  tracingOutcomes,
} from '../../../../src/server/contacts/contacts.schema.ts';
import { followUpSymptoms } from '../../../../src/server/follow-ups/follow-ups.schema.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../i18n/messages.ts';

/** The i18n key of an enum value of contacts: `cstatus.placed`, `ekind.household`, … */
export function contactLabel(group: string, value: string): MessageKey {
  return `${group}.${value}` as MessageKey;
}

export const statusColors: Record<string, string> = {
  identified: 'default',
  notified: 'blue',
  placed: 'orange',
  home_monitoring: 'gold',
  released: 'green',
  converted: 'red',
  lost: 'magenta',
};

export const classificationColors: Record<string, string> = {
  close: 'volcano',
  secondary: 'purple',
  general: 'default',
};

/** Select options for the contact enums, labelled in the user's language. */
export function useContactOptions() {
  const { t } = useI18n();
  const options = (group: string, values: readonly string[]) =>
    values.map((value) => ({ value, label: t(contactLabel(group, value)) }));
  return {
    status: options('cstatus', contactStatuses),
    classification: options('cclass', contactClassifications),
    kind: options('ekind', exposureKinds),
    proximity: options('proximity', proximities),
    outcome: options('tracing', tracingOutcomes),
    symptom: options('fsymptom', followUpSymptoms),
  };
}
