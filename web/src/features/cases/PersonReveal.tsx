import { useMutation } from '@tanstack/react-query';
import { Alert, Button } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import type { Person } from '../../../../src/server/persons/persons.schema.ts';
import { api, errorText } from '../../api/client.ts';
import { formatInstant } from '../../app/format.ts';
import { ReasonModal } from '../../components/ReasonModal.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useCan } from '../auth/queries.ts';

/** Minutes a revealed record stays on screen before it is masked again (docs/decisions/016). */
export const revealMinutes = 5;

type Shown = { id: number; masked: boolean };

/**
 * Break the glass (DESIGN §2): a masked person's full record, for a user who may reveal it, after a
 * written reason that the server writes to the audit log with the reveal. The answer is kept in this
 * component only, never in the query cache, and is masked again after `revealMinutes` or on demand; a new
 * look takes a new reason. Returns the person to show and the notice to put above it.
 */
export function usePersonReveal<P extends Shown>(person: P): { shown: P; notice: ReactNode } {
  const { t } = useI18n();
  const canReveal = useCan('personal:reveal');
  const [asking, setAsking] = useState(false);
  const [revealed, setRevealed] = useState<{ person: Person; until: number } | null>(null);
  const reveal = useMutation({
    mutationFn: (why: string) => api<Person>('POST', `/api/v1/persons/${person.id}/reveal`, { reason: why }),
    onSuccess: (full) => {
      setRevealed({ person: full, until: Date.now() + revealMinutes * 60_000 });
      setAsking(false);
    },
  });
  useEffect(() => {
    if (!revealed) {
      return undefined;
    }
    const timer = setTimeout(() => setRevealed(null), Math.max(0, revealed.until - Date.now()));
    return () => clearTimeout(timer);
  }, [revealed]);

  if (!person.masked) {
    return { shown: person, notice: null };
  }
  // Checked by id: another person shown by the same page starts masked.
  if (revealed && revealed.person.id === person.id) {
    const until = formatInstant(new Date(revealed.until).toISOString(), true);
    return {
      shown: { ...person, ...revealed.person, masked: false } as P,
      notice: (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('person.revealedNote', { time: until })}
          data-testid="person-revealed"
          action={
            <Button size="small" onClick={() => setRevealed(null)}>
              {t('person.hideNow')}
            </Button>
          }
        />
      ),
    };
  }
  return {
    shown: person,
    notice: (
      <>
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('person.maskedNote')}
          action={
            canReveal ? (
              <Button size="small" onClick={() => setAsking(true)} data-testid="person-reveal">
                {t('person.reveal')}
              </Button>
            ) : null
          }
        />
        <ReasonModal
          open={asking}
          title={t('person.revealTitle')}
          okText={t('person.reveal')}
          hint={t('person.revealHint', { minutes: revealMinutes })}
          placeholder={t('person.revealReason')}
          minLength={4}
          loading={reveal.isPending}
          error={reveal.error ? errorText(reveal.error) : null}
          testId="reveal-reason"
          onCancel={() => setAsking(false)}
          onSubmit={(reason) => reveal.mutate(reason)}
        />
      </>
    ),
  };
}
