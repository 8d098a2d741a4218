/**
 * Jurisdiction scopes. A GB/T 2260 code read at its level's significant length is a prefix of every code
 * beneath it (141102 → 141102001 → 141102001001), so "inside the user's jurisdiction" is a prefix test that
 * an index serves (docs/decisions/002-jurisdiction-scope.md).
 */
export type DivisionLevel = 'province' | 'city' | 'county' | 'township' | 'village';

const significantLength: Record<DivisionLevel, number> = {
  province: 2,
  city: 4,
  county: 6,
  township: 9,
  village: 12,
};

export const divisionCodePattern = /^(\d{6}|\d{12})$/;

/** The level of a 6- or 12-digit division code, read from its trailing zero groups. */
export function levelOf(code: string): DivisionLevel {
  if (code.length === 12) {
    if (code.endsWith('000')) {
      return code.slice(6, 9) === '000' ? levelOf(code.slice(0, 6)) : 'township';
    }
    return 'village';
  }
  if (code.endsWith('0000')) {
    return 'province';
  }
  if (code.endsWith('00')) {
    return 'city';
  }
  return 'county';
}

export function scopeOf(code: string): string {
  if (code === '000000') {
    return '';
  }
  return code.slice(0, significantLength[levelOf(code)]);
}

/**
 * The codes of the divisions whose scope holds `scope`: the division itself and those above it, each in
 * the forms a code can take (an upper level also as 12 digits), and the national 000000. With
 * `isWithin`, a query can select "above or below the user" by an IN list and a prefix, which an index
 * serves.
 */
export function codesHolding(scope: string): string[] {
  const codes = ['000000'];
  for (const level of ['province', 'city', 'county'] as const) {
    const length = significantLength[level];
    if (scope.length >= length) {
      const code = scope.slice(0, length).padEnd(6, '0');
      codes.push(code, `${code}000000`);
    }
  }
  if (scope.length >= significantLength.township) {
    codes.push(`${scope.slice(0, significantLength.township)}000`);
  }
  if (scope.length >= significantLength.village) {
    codes.push(scope.slice(0, significantLength.village));
  }
  return codes;
}

export function isWithin(scope: string, code: string | null | undefined): boolean {
  if (scope === '') {
    return true;
  }
  return typeof code === 'string' && code.startsWith(scope);
}

/** The parent's code at its own level, as the tree stores it: 6 digits above township, 12 below. */
export function parentCodeOf(code: string): string | null {
  const level = levelOf(code);
  switch (level) {
    case 'province':
      return null;
    case 'city':
      return `${code.slice(0, 2)}0000`;
    case 'county':
      return `${code.slice(0, 4)}00`;
    case 'township':
      return code.slice(0, 6);
    case 'village':
      return `${code.slice(0, 9)}000`;
  }
}
