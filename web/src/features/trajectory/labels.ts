import { confidences, evidenceSources, transportKinds } from '../../../../src/core/report/types.ts';
import { placeKinds } from '../../../../src/server/trajectory/trajectory.schema.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { labelKey } from '../cases/labels.ts';

export function useTrajectoryOptions() {
  const { t } = useI18n();
  const options = (group: string, values: readonly string[]) =>
    values.map((value) => ({ value, label: t(labelKey(group, value)) }));
  return {
    placeKind: options('place', placeKinds),
    transportKind: options('transport', transportKinds),
    source: options('source', evidenceSources),
    confidence: options('confidence', confidences),
  };
}
