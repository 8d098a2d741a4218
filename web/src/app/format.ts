/** Times are instants on the wire and shown in the deployment time zone (docs/decisions/001). */
let zone = 'Asia/Shanghai';

export function setDisplayTimeZone(value: string): void {
  zone = value;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(withSeconds: boolean): Intl.DateTimeFormat {
  const key = `${zone}|${withSeconds}`;
  let existing = formatters.get(key);
  if (!existing) {
    existing = new Intl.DateTimeFormat('sv-SE', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      ...(withSeconds ? { second: '2-digit' } : {}),
    });
    formatters.set(key, existing);
  }
  return existing;
}

/** `2020-01-25 03:00` in the deployment time zone; '—' for no time. */
export function formatInstant(value: string | null | undefined, withSeconds = false): string {
  if (!value) {
    return '—';
  }
  return formatter(withSeconds).format(new Date(value));
}
