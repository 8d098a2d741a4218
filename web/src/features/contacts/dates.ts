/** Today's calendar date in the deployment time zone (the day a plan's "end" is compared with). */
export function todayIn(timeZone: string): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
}
