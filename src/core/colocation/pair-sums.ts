/**
 * An open-addressing hash table from (person, group) to a running sum. The engine adds one entry per
 * matching visit pair; a JavaScript Map keyed by a packed number costs several times more per insert, and
 * the scan is dominated by these inserts when a busy place yields many candidates.
 */
export class PairSums {
  private persons: Int32Array;
  private groups: Int32Array;
  private sums: Float64Array;
  private mask: number;
  size = 0;

  constructor(capacity = 1 << 16) {
    this.persons = new Int32Array(capacity).fill(-1);
    this.groups = new Int32Array(capacity);
    this.sums = new Float64Array(capacity);
    this.mask = capacity - 1;
  }

  add(person: number, group: number, value: number): void {
    const mask = this.mask;
    let slot = (Math.imul(person, 0x9e3779b1) ^ Math.imul(group + 1, 0x85ebca6b)) & mask;
    for (;;) {
      const held = this.persons[slot];
      if (held === -1) {
        this.persons[slot] = person;
        this.groups[slot] = group;
        this.sums[slot] = value;
        this.size++;
        if (this.size * 2 > mask) {
          this.grow();
        }
        return;
      }
      if (held === person && this.groups[slot] === group) {
        this.sums[slot] = (this.sums[slot] ?? 0) + value;
        return;
      }
      slot = (slot + 1) & mask;
    }
  }

  /** The sum for (person, group), 0 when absent. */
  get(person: number, group: number): number {
    const mask = this.mask;
    let slot = (Math.imul(person, 0x9e3779b1) ^ Math.imul(group + 1, 0x85ebca6b)) & mask;
    for (;;) {
      const held = this.persons[slot];
      if (held === -1) {
        return 0;
      }
      if (held === person && this.groups[slot] === group) {
        return this.sums[slot] ?? 0;
      }
      slot = (slot + 1) & mask;
    }
  }

  /** Calls `visit` for every entry, in no particular order. */
  forEach(visit: (person: number, group: number, sum: number) => void): void {
    const capacity = this.mask + 1;
    for (let slot = 0; slot < capacity; slot++) {
      const person = this.persons[slot] ?? -1;
      if (person !== -1) {
        visit(person, this.groups[slot] ?? 0, this.sums[slot] ?? 0);
      }
    }
  }

  private grow(): void {
    const { persons, groups, sums } = this;
    const capacity = (this.mask + 1) * 2;
    this.persons = new Int32Array(capacity).fill(-1);
    this.groups = new Int32Array(capacity);
    this.sums = new Float64Array(capacity);
    this.mask = capacity - 1;
    this.size = 0;
    for (let slot = 0; slot < persons.length; slot++) {
      const person = persons[slot] ?? -1;
      if (person !== -1) {
        this.add(person, groups[slot] ?? 0, sums[slot] ?? 0);
      }
    }
  }
}
