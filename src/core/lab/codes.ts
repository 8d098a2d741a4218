/**
 * Sample and pool codes printed on labels and typed by keyboard-wedge scanners: a letter, the record id
 * zero-padded to eight digits, and a check digit (Luhn) so that a mistyped or misread code is refused
 * instead of registering someone else's sample.
 */

export type CodeKind = 'sample' | 'pool';

const prefixOf: Record<CodeKind, string> = { sample: 'S', pool: 'P' };

/** Luhn check digit of a string of digits. */
export function luhnDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    // Double every second digit counting from the right, the check digit's neighbour first.
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) {
        digit -= 9;
      }
    }
    sum += digit;
  }
  return (10 - (sum % 10)) % 10;
}

export function codeOf(kind: CodeKind, id: number): string {
  const digits = String(id).padStart(8, '0');
  return `${prefixOf[kind]}${digits}${luhnDigit(digits)}`;
}

export const sampleCode = (id: number): string => codeOf('sample', id);
export const poolCode = (id: number): string => codeOf('pool', id);

/** The kind and id a scanned code names, or null when it is not a code saolei printed. */
export function parseCode(raw: string): { kind: CodeKind; id: number } | null {
  const code = raw.trim().toUpperCase();
  const match = /^([SP])(\d{8,})(\d)$/.exec(code);
  if (!match) {
    return null;
  }
  const [, letter = '', digits = '', check = ''] = match;
  if (luhnDigit(digits) !== Number(check)) {
    return null;
  }
  const id = Number(digits);
  if (!Number.isSafeInteger(id) || id <= 0) {
    return null;
  }
  return { kind: letter === 'P' ? 'pool' : 'sample', id };
}
