/**
 * 居民身份证号码 (GB 11643-1999): 6-digit address code, 8-digit birth date, 3-digit sequence (odd = male)
 * and an ISO 7064 MOD 11-2 check character. 15-digit legacy numbers (YYMMDD, no check) are upgraded to 18.
 * The address code is not checked against a list: divisions change and old codes stay valid.
 */
const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const checkCharacters = '10X98765432';

/** Birth years before this are not a living person's (the standard's own example is born in 1880). */
const EARLIEST_BIRTH_YEAR = 1800;

export type Sex = 'male' | 'female';

export type ResidentIdProblem = 'format' | 'birth_date' | 'future_birth_date' | 'checksum';

export type ResidentId = { number: string; birthDate: string; sex: Sex; upgraded: boolean };

export type ResidentIdResult = { ok: true; value: ResidentId } | { ok: false; problem: ResidentIdProblem };

/** The check character of the first 17 digits. */
export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    sum += Number(first17[i]) * (weights[i] ?? 0);
  }
  return checkCharacters[sum % 11] ?? '';
}

/**
 * Validates and normalises a resident ID number: spaces removed, lowercase x stored as X, a 15-digit number
 * upgraded by inserting `19` and computing the check character. `today` (YYYY-MM-DD, in the deployment
 * time zone) bounds the birth date.
 */
export function parseResidentId(input: string, today: string): ResidentIdResult {
  const text = input.replace(/\s+/g, '').toUpperCase();
  let number: string;
  let upgraded = false;
  if (/^\d{15}$/.test(text)) {
    const first17 = `${text.slice(0, 6)}19${text.slice(6)}`;
    number = `${first17}${checkCharacter(first17)}`;
    upgraded = true;
  } else if (/^\d{17}[\dX]$/.test(text)) {
    number = text;
  } else {
    return { ok: false, problem: 'format' };
  }
  const birthDate = `${number.slice(6, 10)}-${number.slice(10, 12)}-${number.slice(12, 14)}`;
  if (!isRealDate(birthDate) || Number(number.slice(6, 10)) < EARLIEST_BIRTH_YEAR) {
    return { ok: false, problem: 'birth_date' };
  }
  if (birthDate > today) {
    return { ok: false, problem: 'future_birth_date' };
  }
  if (!upgraded && checkCharacter(number.slice(0, 17)) !== number[17]) {
    return { ok: false, problem: 'checksum' };
  }
  const sex: Sex = Number(number[16]) % 2 === 1 ? 'male' : 'female';
  return { ok: true, value: { number, birthDate, sex, upgraded } };
}

/** True for a YYYY-MM-DD string naming a day that exists in the Gregorian calendar. */
export function isRealDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return false;
  }
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}
