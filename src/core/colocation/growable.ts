/**
 * A typed-array column that doubles when full; `reserve` avoids the copies when the row count is foreseen.
 */
export class GrowableInt32 {
  data: Int32Array;
  length = 0;

  constructor(capacity = 1024) {
    this.data = new Int32Array(new ArrayBuffer(capacity * 4));
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      this.reserve(this.length * 2);
    }
    this.data[this.length++] = value;
  }

  reserve(capacity: number): void {
    if (capacity > this.data.length) {
      const next = new Int32Array(new ArrayBuffer(capacity * 4));
      next.set(this.data.subarray(0, this.length));
      this.data = next;
    }
  }
}

export class GrowableFloat64 {
  data: Float64Array;
  length = 0;

  constructor(capacity = 1024) {
    this.data = new Float64Array(new ArrayBuffer(capacity * 8));
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      this.reserve(this.length * 2);
    }
    this.data[this.length++] = value;
  }

  reserve(capacity: number): void {
    if (capacity > this.data.length) {
      const next = new Float64Array(new ArrayBuffer(capacity * 8));
      next.set(this.data.subarray(0, this.length));
      this.data = next;
    }
  }
}
