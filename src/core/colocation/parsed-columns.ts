import { GrowableFloat64, GrowableInt32 } from './growable.ts';
import {
  translateIds,
  type IdDictionary,
  type Translation,
  type VisitDictionaries,
} from './id-dictionary.ts';
import type { VisitColumns } from './types.ts';

/**
 * The columns a visit CSV parser fills. While a chunk is parsed, an id column holds an integer id as read
 * (≥ 0), −1 for none, or −2 − k for the k-th id held for the chunk (a text, or an integer too large for
 * the column); `numberIds` then gives every id its dense id.
 */
export class ParsedColumns {
  readonly person = new GrowableInt32();
  readonly place = new GrowableInt32();
  readonly cell = new GrowableInt32();
  readonly caseId = new GrowableInt32();
  readonly start = new GrowableFloat64();
  readonly end = new GrowableFloat64();
  private readonly held: (string | number)[] = [];

  get length(): number {
    return this.start.length;
  }

  /** Sizes the columns for an expected row count, sparing the copies of doubling. */
  reserve(rows: number): void {
    for (const column of this.all()) {
      column.reserve(rows);
    }
  }

  /** Holds an id until numberIds; returns the column value that points at it. */
  hold(id: string | number): number {
    this.held.push(id);
    return -1 - this.held.length;
  }

  /** The id a negative column value (below −1) points at. */
  heldId(value: number): string | number {
    return this.held[-2 - value] ?? '';
  }

  /**
   * Numbers the ids of the rows from `first` on, in row order, with one tight loop per column, so that
   * the dictionaries' table reads (a random read per row into megabytes for a million persons) overlap
   * instead of stalling the byte loop between them. Only kept rows reach the columns, so only their ids
   * are numbered, in order of first appearance, whatever the chunking.
   */
  numberIds(first: number, dictionaries: VisitDictionaries): void {
    const last = this.length;
    const idColumns: [GrowableInt32, IdDictionary][] = [
      [this.person, dictionaries.person],
      [this.place, dictionaries.place],
      [this.cell, dictionaries.cell],
      [this.caseId, dictionaries.caseId],
    ];
    for (const [column, dictionary] of idColumns) {
      const { data } = column;
      for (let i = first; i < last; i++) {
        const value = data[i] ?? -1;
        if (value >= 0) {
          data[i] = dictionary.integer(value);
        } else if (value < -1) {
          const id = this.heldId(value);
          data[i] = typeof id === 'number' ? dictionary.integer(id) : dictionary.text(id);
        }
      }
    }
    this.held.length = 0;
  }

  /**
   * Appends rows parsed elsewhere (another thread's parser, with its own dictionaries), translating their
   * ids into those of this parser's dictionaries.
   */
  appendTranslated(rows: VisitColumns, translations: Record<'person' | 'place' | 'cell', Translation>): void {
    const from = this.length;
    const length = from + rows.length;
    this.reserve(length);
    const copy = (column: GrowableInt32, source: Int32Array | undefined, translation: Translation) => {
      if (source) {
        column.data.set(source.subarray(0, rows.length), from);
        translateIds(column.data, translation, from, length);
      } else {
        column.data.fill(-1, from, length);
      }
    };
    copy(this.person, rows.person, translations.person);
    copy(this.place, rows.place, translations.place);
    copy(this.cell, rows.cell, translations.cell);
    this.caseId.data.fill(-1, from, length);
    this.start.data.set(rows.start.subarray(0, rows.length), from);
    this.end.data.set(rows.end.subarray(0, rows.length), from);
    for (const column of this.all()) {
      column.length = length;
    }
  }

  private all(): (GrowableInt32 | GrowableFloat64)[] {
    return [this.person, this.place, this.cell, this.caseId, this.start, this.end];
  }
}
