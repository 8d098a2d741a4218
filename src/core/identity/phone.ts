/**
 * Telephone numbers (PROTOCOLS §9): a mobile has 11 digits matching `^1[3-9]\d{9}$` once `+86`/`0086`,
 * spaces and dashes are removed; a fixed line is an area code (0 + 2–3 digits) and a 7–8-digit number,
 * stored as `0358-8221234`.
 */
export type PhoneKind = 'mobile' | 'fixed';

export type Phone = { value: string; kind: PhoneKind };

const mobile = /^1[3-9]\d{9}$/;
/** Two-digit area codes (010 Beijing, 02x the big cities); every other area code has three digits. */
const twoDigitArea = /^0(10|2\d)/;
/** Area codes are 010, 02x or 0 followed by three digits starting 3–9. */
const areaCode = /^0(10|2\d|[3-9]\d{2})/;

/** The normalised number, or null when the input is neither a mobile nor a fixed line. */
export function normalizePhone(input: string): Phone | null {
  const compact = input.replace(/[\s\-()（）]/g, '');
  const international = /^(\+86|0086)/.test(compact);
  const national = international ? compact.replace(/^(\+86|0086)/, '') : compact;
  if (!/^\d+$/.test(national)) {
    return null;
  }
  if (mobile.test(national)) {
    return { value: national, kind: 'mobile' };
  }
  // The international form drops the trunk 0 of the area code (+86 358 8221234).
  const digits = international && !national.startsWith('0') ? `0${national}` : national;
  if (!digits.startsWith('0')) {
    return null;
  }
  if (!areaCode.test(digits)) {
    return null;
  }
  const areaLength = twoDigitArea.test(digits) ? 3 : 4;
  const local = digits.slice(areaLength);
  if (!/^[1-9]\d{6,7}$/.test(local)) {
    return null;
  }
  return { value: `${digits.slice(0, areaLength)}-${local}`, kind: 'fixed' };
}
