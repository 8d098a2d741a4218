import type { PairRows } from './bucket-sum.ts';

/**
 * Working arrays kept from one call of the engine to the next (it is synchronous and never returns them):
 * fresh arrays of many megabytes cost a page fault per 4 KiB page on first write, which on a virtual
 * machine took longer than the sort that fills them. Each thread has its own (`scratch`); the arrays a
 * helper thread shares are kept in `sharedScratch`, whose buffers are SharedArrayBuffers, since a fresh
 * one per call is not freed in time (V8 does not count it as memory to collect, and the helper holds it
 * until its own collection: decision 013).
 */
class Scratch {
  private readonly arrays = new Map<string, Int32Array | Float64Array>();
  private readonly pairRows = new Map<string, PairRows>();

  constructor(private readonly shared: boolean) {}

  /** An Int32Array of at least `length` entries, zeroed over the first `length` when `zeroed`. */
  int32(name: string, length: number, zeroed = false): Int32Array {
    let array = this.arrays.get(name);
    if (!(array instanceof Int32Array) || array.length < length) {
      array = new Int32Array(this.buffer(4 * Math.max(length, (array?.length ?? 0) * 2)));
      this.arrays.set(name, array);
    } else if (zeroed) {
      array.fill(0, 0, length);
    }
    return array;
  }

  /** A Float64Array of at least `length` entries. */
  float64(name: string, length: number): Float64Array {
    let array = this.arrays.get(name);
    if (!(array instanceof Float64Array) || array.length < length) {
      array = new Float64Array(this.buffer(8 * Math.max(length, (array?.length ?? 0) * 2)));
      this.arrays.set(name, array);
    }
    return array;
  }

  /** Rows of four 32-bit words (two as one Float64) in one buffer; see PairRows. */
  rows(name: string, length: number): PairRows {
    let held = this.pairRows.get(name);
    if (!held || held.words.length < 4 * length) {
      const rows = this.buffer(Math.max(length, (held?.words.length ?? 0) / 2) * 16);
      held = new HeldRows(new Int32Array(rows), new Float64Array(rows));
      this.pairRows.set(name, held);
    }
    return held;
  }

  private buffer(bytes: number): ArrayBuffer | SharedArrayBuffer {
    return this.shared ? new SharedArrayBuffer(Math.max(bytes, 8)) : new ArrayBuffer(bytes);
  }
}

/**
 * PairRows made by a constructor, not an object literal: V8 widens the recorded field types of a literal's
 * map the second time the literal runs, which throws away code compiled for the narrower ones. Here that
 * second run would come only when a larger query grows the buffer, in the middle of its sum (decision 018).
 */
class HeldRows implements PairRows {
  constructor(
    readonly words: Int32Array,
    readonly times: Float64Array,
  ) {}
}

export const scratch = new Scratch(false);
export const sharedScratch = new Scratch(true);
