/**
 * Masks for personal fields shown to users who may not see them (DESIGN §6): enough is left to tell two
 * records apart on a list, not enough to identify the person.
 */

/** `142701********1234`: the address code and the last four characters stay. */
export function maskDocumentNumber(value: string): string {
  if (value.length >= 14) {
    return `${value.slice(0, 6)}${'*'.repeat(value.length - 10)}${value.slice(-4)}`;
  }
  if (value.length >= 5) {
    return `${value.slice(0, 1)}${'*'.repeat(value.length - 3)}${value.slice(-2)}`;
  }
  return '*'.repeat(value.length);
}

/** `138****5678` for a mobile, `0358-****234` for a fixed line. */
export function maskPhone(value: string): string {
  const dash = value.indexOf('-');
  if (dash >= 0) {
    const local = value.slice(dash + 1);
    return `${value.slice(0, dash + 1)}${'*'.repeat(Math.max(local.length - 3, 0))}${local.slice(-3)}`;
  }
  if (value.length >= 11) {
    return `${value.slice(0, 3)}${'*'.repeat(value.length - 7)}${value.slice(-4)}`;
  }
  return `${'*'.repeat(Math.max(value.length - 2, 0))}${value.slice(-2)}`;
}

/** `张*三`, `李*`, `欧**锋`; Latin names keep their initials (`J*** S****`). */
export function maskName(value: string): string {
  const trimmed = value.trim();
  if (/^[\p{Script=Latin}\s.'-]+$/u.test(trimmed)) {
    return trimmed
      .split(/\s+/)
      .map((word) => `${word.slice(0, 1)}${'*'.repeat(Math.max(word.length - 1, 0))}`)
      .join(' ');
  }
  const chars = Array.from(trimmed);
  if (chars.length <= 1) {
    return '*';
  }
  if (chars.length === 2) {
    return `${chars[0]}*`;
  }
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars.at(-1)}`;
}

/** The address up to its street, town or township (`…莲花池街道***`); house numbers never show. */
export function maskAddress(value: string): string {
  for (const marker of [/^.*?(街道|镇|乡)/u, /^.*?(路|街|大道|村|社区)/u, /^.*?(区|县|市)/u]) {
    const match = marker.exec(value);
    if (match) {
      return `${match[0]}***`;
    }
  }
  const chars = Array.from(value);
  return `${chars.slice(0, Math.min(3, Math.floor(chars.length / 2))).join('')}***`;
}
