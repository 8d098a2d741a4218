const isoWithOffset =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}(?::?\d{2})?)$/;

/**
 * Unix seconds from an ISO 8601 instant that carries its offset (`Z`, `+08:00`, `+0800`, `+08`);
 * fractions of a second are dropped. NaN when the text is not such an instant or names an impossible date.
 */
export function parseIsoSeconds(text: string): number {
  const match = isoWithOffset.exec(text);
  if (!match) {
    return Number.NaN;
  }
  const [, y, mo, d, h, mi, s, zone] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s ?? '0');
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) {
    return Number.NaN;
  }
  const utc = Date.UTC(year, month - 1, day, hour, minute, second);
  // Date.UTC rolls 31 February over into March: refuse instead.
  if (new Date(utc).getUTCDate() !== day) {
    return Number.NaN;
  }
  return utc / 1000 - offsetSeconds(zone ?? 'Z');
}

function offsetSeconds(zone: string): number {
  if (zone === 'Z') {
    return 0;
  }
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 3600 + Number(digits.slice(2) || '0') * 60);
}

/** Unix seconds from text that is either an integer number of seconds or an ISO 8601 instant with offset. */
export function parseSeconds(text: string): number {
  if (/^-?\d{1,15}$/.test(text)) {
    return Number(text);
  }
  return parseIsoSeconds(text);
}
