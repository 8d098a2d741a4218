import { GrowableFloat64 } from './growable.ts';

/** Integer ids below this value are looked up in a flat table instead of a Map. */
const tableLimit = 1 << 25;
const canonicalInteger = /^(0|[1-9]\d{0,14})$/;

/** The integer a text id stands for when written canonically, else undefined (see IdDictionary). */
export function integerId(text: string): number | undefined {
  return canonicalInteger.test(text) ? Number(text) : undefined;
}

/**
 * The order of external ids that `IdDictionary.ranks` gives: integers (written canonically) numerically,
 * then text by code unit.
 */
export function compareExternalIds(a: string, b: string): number {
  const x = integerId(a);
  const y = integerId(b);
  if (x !== undefined && y !== undefined) {
    return x - y;
  }
  if (x !== undefined || y !== undefined) {
    return x !== undefined ? -1 : 1;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A dictionary's ids in dense-id order, to rebuild it in another thread: the value, or NaN and the text. */
export type DictionaryEntries = { values: Float64Array; texts: [number, string][] };

/**
 * Maps external ids (integers or any text) to dense integers in order of first appearance, and back.
 * An id is an integer when written canonically (no sign, no leading zero, at most 15 digits), so "42" and
 * a quoted "42" are the same id while "042" is a different, textual one.
 */
export class IdDictionary {
  private table = new Int32Array(1 << 16);
  private largeIntegers = new Map<number, number>();
  private strings = new Map<string, number>();
  /** Dense id → integer value, or NaN for a textual id (then in `textOf`). */
  private valueOf = new GrowableFloat64();
  private textOf = new Map<number, string>();

  get size(): number {
    return this.valueOf.length;
  }

  /** The dense id of a non-negative integer id. */
  integer(value: number): number {
    if (value < tableLimit) {
      if (value >= this.table.length) {
        this.growTable(value);
      }
      const held = this.table[value] ?? 0;
      if (held !== 0) {
        return held - 1;
      }
      const id = this.append(value);
      this.table[value] = id + 1;
      return id;
    }
    const held = this.largeIntegers.get(value);
    if (held !== undefined) {
      return held;
    }
    const id = this.append(value);
    this.largeIntegers.set(value, id);
    return id;
  }

  /** The dense id of an id read as text. */
  text(value: string): number {
    const integer = integerId(value);
    if (integer !== undefined) {
      return this.integer(integer);
    }
    const held = this.strings.get(value);
    if (held !== undefined) {
      return held;
    }
    const id = this.append(Number.NaN);
    this.strings.set(value, id);
    this.textOf.set(id, value);
    return id;
  }

  /** The external id of a dense id: its integer, or its text. */
  external(id: number): number | string {
    const value = this.valueOf.data[id] ?? Number.NaN;
    return Number.isNaN(value) ? (this.textOf.get(id) ?? '') : value;
  }

  label(id: number): string {
    return String(this.external(id));
  }

  /** Whether every id is an integer (then outputs sort numerically). */
  get allIntegers(): boolean {
    return this.strings.size === 0;
  }

  /**
   * The rank of every dense id when ids are ordered integers first (numerically), then text (by code
   * unit), so that renumbering columns by rank makes numeric order equal external order.
   */
  ranks(): Int32Array {
    const rank = new Int32Array(this.size);
    let next = 0;
    // The table is indexed by value, so walking it yields the small integers already sorted.
    for (let value = 0; value < this.table.length; value++) {
      const held = this.table[value] ?? 0;
      if (held !== 0) {
        rank[held - 1] = next++;
      }
    }
    for (const [, id] of [...this.largeIntegers].sort((a, b) => a[0] - b[0])) {
      rank[id] = next++;
    }
    for (const [, id] of [...this.strings].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
      rank[id] = next++;
    }
    return rank;
  }

  /** A dictionary whose dense ids are the ranks: call after renumbering the columns with `ranks()`. */
  renumbered(rank: Int32Array): IdDictionary {
    const next = new IdDictionary();
    const order = new Int32Array(this.size);
    rank.forEach((r, id) => {
      order[r] = id;
    });
    for (const id of order) {
      const value = this.valueOf.data[id] ?? Number.NaN;
      if (Number.isNaN(value)) {
        next.text(this.textOf.get(id) ?? '');
      } else {
        next.integer(value);
      }
    }
    return next;
  }

  entries(): DictionaryEntries {
    return { values: this.valueOf.data.slice(0, this.size), texts: [...this.textOf] };
  }

  /** The dense id here of each id of another dictionary's entries (adding those not seen yet). */
  translate(entries: DictionaryEntries): Int32Array {
    const texts = new Map(entries.texts);
    const { values } = entries;
    const ids = new Int32Array(values.length);
    for (let id = 0; id < values.length; id++) {
      const value = values[id] ?? Number.NaN;
      ids[id] = Number.isNaN(value) ? this.text(texts.get(id) ?? '') : this.integer(value);
    }
    return ids;
  }

  private append(value: number): number {
    this.valueOf.push(value);
    return this.valueOf.length - 1;
  }

  private growTable(value: number): void {
    let capacity = this.table.length;
    while (capacity <= value) {
      capacity *= 2;
    }
    const next = new Int32Array(Math.min(capacity, tableLimit));
    next.set(this.table);
    this.table = next;
  }
}

/** One dictionary per kind of id, shared by the visit file and the case-visit file so that ids agree. */
export type VisitDictionaries = {
  person: IdDictionary;
  place: IdDictionary;
  cell: IdDictionary;
  caseId: IdDictionary;
};

export function createDictionaries(): VisitDictionaries {
  return {
    person: new IdDictionary(),
    place: new IdDictionary(),
    cell: new IdDictionary(),
    caseId: new IdDictionary(),
  };
}
