const quote = 34;
const comma = 44;
const newline = 10;
const carriageReturn = 13;

const decoder = new TextDecoder();

export function decode(bytes: Uint8Array, from: number, to: number): string {
  return decoder.decode(bytes.subarray(from, to));
}

export type QuotedField =
  | { kind: 'complete'; text: string; next: number; newlines: number; trailing: boolean }
  | { kind: 'incomplete' }
  | { kind: 'unterminated' };

/**
 * A quoted field starting at `from` (a `"`): doubled quotes stand for one, commas and line breaks inside
 * are data. `next` is the index after the closing quote; `trailing` says that bytes other than a delimiter
 * follow it (`"ab"c`), which makes the field malformed.
 */
export function readQuoted(bytes: Uint8Array, from: number, to: number, final: boolean): QuotedField {
  let pos = from + 1;
  let newlines = 0;
  let doubled = false;
  for (;;) {
    while (pos < to && bytes[pos] !== quote) {
      if (bytes[pos] === newline) {
        newlines++;
      }
      pos++;
    }
    if (pos >= to) {
      return final ? { kind: 'unterminated' } : { kind: 'incomplete' };
    }
    // A quote as the last byte of a chunk may be the first of a doubled pair.
    if (pos + 1 === to && !final) {
      return { kind: 'incomplete' };
    }
    if (bytes[pos + 1] === quote) {
      doubled = true;
      pos += 2;
      continue;
    }
    const raw = decode(bytes, from + 1, pos);
    const after = pos + 1 < to ? bytes[pos + 1] : newline;
    return {
      kind: 'complete',
      text: doubled ? raw.replaceAll('""', '"') : raw,
      next: pos + 1,
      newlines,
      trailing: after !== comma && after !== newline && after !== carriageReturn,
    };
  }
}

/** One whole record as strings (used for the header), or undefined when it is not complete yet. */
export function readRecord(
  bytes: Uint8Array,
  from: number,
  to: number,
  final: boolean,
): { fields: string[]; next: number; newlines: number } | undefined {
  const fields: string[] = [];
  let pos = from;
  let newlines = 0;
  for (;;) {
    if (bytes[pos] === quote) {
      const field = readQuoted(bytes, pos, to, final);
      if (field.kind === 'incomplete') {
        return undefined;
      }
      if (field.kind === 'unterminated') {
        fields.push(decode(bytes, pos + 1, to));
        return { fields, next: to, newlines };
      }
      fields.push(field.text);
      newlines += field.newlines;
      pos = field.next;
    } else {
      const start = pos;
      while (pos < to && bytes[pos] !== comma && bytes[pos] !== newline && bytes[pos] !== carriageReturn) {
        pos++;
      }
      if (pos === to && !final) {
        return undefined;
      }
      fields.push(decode(bytes, start, pos));
    }
    while (pos < to && bytes[pos] !== comma && bytes[pos] !== newline) {
      pos++;
    }
    if (pos < to && bytes[pos] === comma) {
      pos++;
      continue;
    }
    if (pos === to && !final) {
      return undefined;
    }
    return { fields, next: Math.min(pos + 1, to), newlines: newlines + (pos < to ? 1 : 0) };
  }
}
