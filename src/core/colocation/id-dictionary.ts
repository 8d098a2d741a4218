import { GrowableFloat64 } from './growable.ts';

/** Integer ids below this value are looked up in a flat table instead of a Map. */
const tableLimit = 1 << 25;
/** In a direct dictionary, integer ids below this value are their own ids. */
const directLimit = 1 << 22;
const canonicalInteger = /^(0|[1-9]\d{0,14})$/;

/** The integer a text id stands for when written canonically, else undefined (see IdDictionary). */
export function integerId(text: string): number | undefined {
  return canonicalInteger.test(text) ? Number(text) : undefined;
}

/** An external id as it sorts: its integer when written canonically, and its text. */
export type ExternalIdKey = { integer: number | undefined; text: string };

export function externalIdKey(text: string): ExternalIdKey {
  return { integer: integerId(text), text };
}

/**
 * The order of external ids that `IdDictionary.ranks` gives: integers (written canonically) numerically,
 * then text by code unit. Sorting many ids, compare their keys, each made once.
 */
export function compareIdKeys(a: ExternalIdKey, b: ExternalIdKey): number {
  const x = a.integer;
  const y = b.integer;
  if (x !== undefined && y !== undefined) {
    return x - y;
  }
  if (x !== undefined || y !== undefined) {
    return x !== undefined ? -1 : 1;
  }
  return a.text < b.text ? -1 : a.text > b.text ? 1 : 0;
}

/** compareIdKeys of two ids given as text. */
export function compareExternalIds(a: string, b: string): number {
  return compareIdKeys(externalIdKey(a), externalIdKey(b));
}

/**
 * A dictionary's ids, to rebuild it in another thread: the ids below `base` are integers standing for
 * themselves (the largest seen is `maxDirect`), and id `base + k` is `values[k]`, or NaN and a text.
 */
export type DictionaryEntries = {
  base: number;
  maxDirect: number;
  values: Float64Array;
  texts: [number, string][];
};

/**
 * How ids of another dictionary map to this one's: an id below `from` stays as it is, an id `from + k`
 * becomes `to[k]`. An empty `to` is the identity.
 */
export type Translation = { from: number; to: Int32Array };

/** Translates the ids of column[start, end) in place; −1 (no id) stays. */
export function translateIds(
  column: Int32Array,
  { from, to }: Translation,
  start: number,
  end: number,
): void {
  if (to.length === 0) {
    return;
  }
  for (let i = start; i < end; i++) {
    const id = column[i] ?? -1;
    if (id >= from) {
      column[i] = to[id - from] ?? id;
    }
  }
}

/**
 * Maps external ids (integers or any text) to integer ids, and back. An id is an integer when written
 * canonically (no sign, no leading zero, at most 15 digits), so "42" and a quoted "42" are the same id while
 * "042" is a different, textual one.
 *
 * A numbered dictionary (`new IdDictionary()`) gives dense ids in order of first appearance: the visit
 * store keeps them. A direct one (`IdDictionary.direct()`, for a one-off read of files) lets every integer
 * id below 2²² be its own id, so reading a file of such ids numbers nothing and the ids are already in
 * external order; other ids are numbered from 2²² on until `inOrder` moves them behind the largest direct
 * id. Its ids are not dense: the engine sizes its arrays by the largest id, at most 2²² plus the others.
 */
export class IdDictionary {
  private table = new Int32Array(1 << 16);
  private largeIntegers = new Map<number, number>();
  private strings = new Map<string, number>();
  /** Id base + k → integer value, or NaN for a textual id (then in `textOf`). */
  private valueOf = new GrowableFloat64();
  private textOf = new Map<number, string>();
  /** The largest integer id below `base` seen. */
  private maxDirect = -1;

  /** Ids below `base` are the integers themselves; numbered ids start at `base`. */
  constructor(private readonly base = 0) {}

  /** A dictionary in which integer ids below 2²² are their own ids (see the class). */
  static direct(): IdDictionary {
    return new IdDictionary(directLimit);
  }

  /** Whether integer ids below some bound are their own ids (see the class). */
  get direct(): boolean {
    return this.base > 0;
  }

  /** One more than the largest id given. */
  get size(): number {
    return this.valueOf.length > 0 ? this.base + this.valueOf.length : this.maxDirect + 1;
  }

  /** The id of a non-negative integer id. */
  integer(value: number): number {
    if (value < this.base) {
      if (value > this.maxDirect) {
        this.maxDirect = value;
      }
      return value;
    }
    if (value < tableLimit && this.base === 0) {
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

  /** The id of an id read as text. */
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

  /** The external id of an id: its integer, or its text. */
  external(id: number): number | string {
    if (id < this.base) {
      return id;
    }
    const value = this.valueOf.data[id - this.base] ?? Number.NaN;
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
   * The rank of every numbered id when ids are ordered integers first (numerically), then text (by code
   * unit): `rank[id − base]`. Direct ids, all below the numbered ones' values, keep their places.
   */
  ranks(): Int32Array {
    const rank = new Int32Array(this.valueOf.length);
    let next = 0;
    if (this.base === 0) {
      // The table is indexed by value, so walking it yields the small integers already sorted.
      for (let value = 0; value < this.table.length; value++) {
        const held = this.table[value] ?? 0;
        if (held !== 0) {
          rank[held - 1] = next++;
        }
      }
    }
    for (const [, id] of [...this.largeIntegers].sort((a, b) => a[0] - b[0])) {
      rank[id - this.base] = next++;
    }
    for (const [, id] of [...this.strings].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
      rank[id - this.base] = next++;
    }
    return rank;
  }

  /**
   * How to renumber columns so that numeric order of the ids is external order (integers numerically,
   * then text), and the dictionary that labels the new ids; undefined when the ids are in that order
   * already (a direct dictionary that met only small integers). A numbered dictionary becomes dense ranks;
   * a direct one keeps its direct ids and puts the others right after the largest of them.
   */
  inOrder(): { translation: Translation; dictionary: IdDictionary } | undefined {
    if (this.base > 0 && this.valueOf.length === 0) {
      return undefined;
    }
    const rank = this.ranks();
    const next = new IdDictionary(this.base > 0 ? this.maxDirect + 1 : 0);
    next.maxDirect = this.maxDirect;
    const order = new Int32Array(rank.length);
    rank.forEach((r, k) => {
      order[r] = k;
    });
    for (const k of order) {
      const value = this.valueOf.data[k] ?? Number.NaN;
      if (Number.isNaN(value)) {
        next.text(this.textOf.get(k + this.base) ?? '');
      } else {
        next.integer(value);
      }
    }
    return { translation: { from: this.base, to: rank.map((r) => r + next.base) }, dictionary: next };
  }

  entries(): DictionaryEntries {
    return {
      base: this.base,
      maxDirect: this.maxDirect,
      values: this.valueOf.data.slice(0, this.valueOf.length),
      texts: [...this.textOf],
    };
  }

  /**
   * How the ids of another dictionary's entries map to ids here (adding those not seen yet, in the order
   * of their ids there). Both must be of the same kind: direct ids stay as they are.
   */
  translate(entries: DictionaryEntries): Translation {
    const { base, values } = entries;
    if (base !== this.base) {
      throw new RangeError('a numbered and a direct dictionary cannot be merged');
    }
    this.maxDirect = Math.max(this.maxDirect, entries.maxDirect);
    const texts = new Map(entries.texts);
    const to = new Int32Array(values.length);
    for (let k = 0; k < values.length; k++) {
      const value = values[k] ?? Number.NaN;
      to[k] = Number.isNaN(value) ? this.text(texts.get(base + k) ?? '') : this.integer(value);
    }
    return { from: base, to };
  }

  private append(value: number): number {
    this.valueOf.push(value);
    return this.base + this.valueOf.length - 1;
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

/** Numbered dictionaries, or direct ones for a one-off read of files (see IdDictionary). */
export function createDictionaries(options: { direct?: boolean } = {}): VisitDictionaries {
  const create = () => (options.direct ? IdDictionary.direct() : new IdDictionary());
  return { person: create(), place: create(), cell: create(), caseId: create() };
}
