import { decode, readQuoted, readRecord } from './csv-record.ts';
import type { Translation, VisitDictionaries } from './id-dictionary.ts';
import { ParsedColumns } from './parsed-columns.ts';
import { ReachFilter, type ReachSpec } from './reach-filter.ts';
import { parseSeconds } from './time.ts';
import type { CaseVisitColumns, VisitColumns } from './types.ts';

export type VisitFileKind = 'visits' | 'case-visits';

/** A row left out of the columns, with the reason; rows are never dropped without one of these. */
export type BadRow = { line: number; field: string; reason: string };

export type VisitCsvOptions = {
  kind: VisitFileKind;
  dictionaries: VisitDictionaries;
  /** Seconds a visit with an empty end_ts lasts (a venue scan has no exit time); default 1800. */
  dwell?: number;
  /** Refuse rows without a cell_id (companions need one). */
  requireCell?: boolean;
  /**
   * Keep only the visits that can meet one of these case visits (a one-off match reads the log for one
   * query); the others are counted in `unreachable`, their ids never numbered. Bad rows are still reported.
   */
  reach?: ReachSpec;
};

// Roles of the columns; a row's values are kept in a small array indexed by role.
const ignored = 0;
const person = 1;
const place = 2;
const cell = 3;
const caseId = 4;
const start = 5;
const end = 6;
const columnOf = ['', 'person_id', 'place_id', 'cell_id', 'case_id', 'start_ts', 'end_ts'];

// Field states per role.
const absent = 0;
const valid = 1;
const empty = 2;
const invalid = 3;

const comma = 44;
const newline = 10;
const carriageReturn = 13;
const quote = 34;

/** Integer ids up to this are stored as read and numbered after the chunk (see ParsedColumns). */
const maxRawId = 0x7fffffff;

/** The file does not have the columns it needs; nothing can be read. */
export class VisitHeaderError extends Error {}

/**
 * A streaming parser of visit CSV bytes into typed-array columns. Feed it consecutive byte ranges with
 * `parse`; it consumes whole records and returns where the first incomplete one starts, so the caller keeps
 * those bytes for the next call. Unquoted integer fields are converted while they are scanned; only quoted
 * fields, textual ids and ISO times go through strings.
 */
export class VisitCsvParser {
  readonly bad: BadRow[] = [];
  /** Physical line number of the next record (the header is line 1). */
  private line = 1;
  private roles: Int8Array | undefined;
  private readonly dwell: number;
  private readonly values = new Float64Array(7);
  private readonly states = new Uint8Array(7);
  /** Why a field is invalid; read only for fields whose state was set to invalid in the same row. */
  private readonly reasons: string[] = [];
  private needed: number[] = [];
  private names: string[] = [];
  private readonly columns = new ParsedColumns();
  private hasCell = false;
  private hasEnd = false;
  private readonly reach: ReachFilter | undefined;
  private readonly reachRole: number;
  private passedOver = 0;

  constructor(private readonly options: VisitCsvOptions) {
    this.dwell = options.dwell ?? 1800;
    this.reach = options.reach && new ReachFilter(options.reach);
    this.reachRole = options.reach?.location === 'cell' ? cell : place;
  }

  /** Rows kept in the columns. */
  get rows(): number {
    return this.columns.length;
  }

  /** Valid rows left out because they cannot meet a case visit (see VisitCsvOptions.reach). */
  get unreachable(): number {
    return this.passedOver;
  }

  /** Valid rows read: those kept and those that cannot meet a case visit. */
  get rowsRead(): number {
    return this.columns.length + this.passedOver;
  }

  /** Physical line number of the next record. */
  get nextLine(): number {
    return this.line;
  }

  /** Sizes the columns for an expected row count, sparing the copies of doubling. */
  reserve(rows: number): void {
    this.columns.reserve(rows);
  }

  /**
   * Parses the records in bytes[from, to). With `final` the range ends the file; otherwise a record
   * reaching `to` is left for the next call. Returns the index of the first byte not consumed.
   */
  parse(bytes: Uint8Array, from: number, to: number, final: boolean): number {
    const rows = this.rows;
    const next = this.parseRecords(bytes, from, to, final);
    this.columns.numberIds(rows, this.options.dictionaries);
    return next;
  }

  private parseRecords(bytes: Uint8Array, from: number, to: number, final: boolean): number {
    let pos = from;
    if (!this.roles) {
      const header = readRecord(bytes, pos, to, final);
      if (!header) {
        return from;
      }
      this.readHeader(header.fields);
      this.line += header.newlines;
      pos = header.next;
    }
    const roles = this.roles;
    if (!roles) {
      return pos;
    }
    const { values, states } = this;
    const roleCount = roles.length;
    while (pos < to) {
      const rowStart = pos;
      const rowLine = this.line;
      let extraLines = 0;
      let field = 0;
      // A field with text after its closing quote makes the whole row's field boundaries doubtful.
      let malformed = -1;
      const first = bytes[pos];
      if (first === newline || first === carriageReturn) {
        // A blank line holds no record.
        if (first === carriageReturn && pos + 1 === to && !final) {
          return pos;
        }
        pos += first === carriageReturn && bytes[pos + 1] === newline ? 2 : 1;
        this.line++;
        continue;
      }
      for (let role = 1; role < states.length; role++) {
        states[role] = absent;
      }
      for (;;) {
        const role = field < roleCount ? (roles[field] ?? ignored) : ignored;
        if (pos < to && bytes[pos] === quote) {
          const quoted = readQuoted(bytes, pos, to, final);
          if (quoted.kind === 'incomplete') {
            return rowStart;
          }
          if (quoted.kind === 'unterminated') {
            this.bad.push({ line: rowLine, field: this.nameOf(field), reason: 'unterminated quote' });
            this.line = rowLine + 1;
            return to;
          }
          pos = quoted.next;
          extraLines += quoted.newlines;
          if (quoted.trailing) {
            malformed = field;
            while (pos < to && bytes[pos] !== comma && bytes[pos] !== newline) {
              pos++;
            }
          } else if (role !== ignored) {
            this.setText(role, quoted.text);
          }
          if (pos === to && !final) {
            return rowStart;
          }
        } else {
          const fieldStart = pos;
          let value = 0;
          let digitsOnly = true;
          // Digits first: they are nearly every byte of a visit log.
          while (pos < to) {
            const digit = (bytes[pos] ?? 0) - 48;
            if (digit >= 0 && digit <= 9) {
              value = value * 10 + digit;
              pos++;
              continue;
            }
            const b = digit + 48;
            if (b === comma || b === newline || b === carriageReturn) {
              break;
            }
            digitsOnly = false;
            pos++;
          }
          if (pos === to && !final) {
            return rowStart;
          }
          if (role !== ignored) {
            const length = pos - fieldStart;
            if (length === 0) {
              states[role] = empty;
            } else if (digitsOnly && length <= 15 && (length === 1 || bytes[fieldStart] !== 48)) {
              this.setInteger(role, value);
            } else {
              this.setText(role, decode(bytes, fieldStart, pos));
            }
          }
        }
        if (pos < to && bytes[pos] === comma) {
          pos++;
          field++;
          continue;
        }
        if (pos < to && bytes[pos] === carriageReturn) {
          pos++;
          if (pos === to && !final) {
            return rowStart;
          }
        }
        if (pos < to && bytes[pos] === newline) {
          pos++;
        }
        break;
      }
      this.line += 1 + extraLines;
      if (malformed >= 0) {
        this.bad.push({ line: rowLine, field: this.nameOf(malformed), reason: 'text after a closing quote' });
        continue;
      }
      this.finishRow(rowLine, values, states);
    }
    return pos;
  }

  /** See ParsedColumns.appendTranslated. */
  appendTranslated(rows: VisitColumns, translations: Record<'person' | 'place' | 'cell', Translation>): void {
    this.columns.appendTranslated(rows, translations);
  }

  /** The columns read so far; warm-up.ts builds objects of the same shape (keys in this order). */
  visitColumns(): VisitColumns {
    const { columns } = this;
    return {
      length: this.rows,
      person: columns.person.data,
      place: columns.place.data,
      cell: this.hasCell ? columns.cell.data : undefined,
      start: columns.start.data,
      end: columns.end.data,
    };
  }

  caseVisitColumns(): CaseVisitColumns {
    return { ...this.visitColumns(), caseId: this.columns.caseId.data };
  }

  private readHeader(fields: string[]): void {
    const names = fields.map((name, i) =>
      (i === 0 ? name.replace(/^\uFEFF/, '') : name).trim().toLowerCase(),
    );
    const roles = new Int8Array(names.length);
    names.forEach((name, i) => {
      roles[i] = Math.max(columnOf.indexOf(name), ignored);
    });
    const required = ['person_id', 'place_id', 'start_ts'];
    if (this.options.kind === 'case-visits') {
      required.unshift('case_id');
    }
    if (this.options.requireCell) {
      required.push('cell_id');
    }
    const missing = required.filter((name) => !names.includes(name));
    if (missing.length > 0) {
      throw new VisitHeaderError(`the header lacks ${missing.join(', ')} (it has: ${names.join(', ')})`);
    }
    if (this.options.kind === 'visits') {
      roles.forEach((role, i) => {
        roles[i] = role === caseId ? ignored : role;
      });
    }
    this.needed = required.map((name) => columnOf.indexOf(name));
    this.hasCell = names.includes('cell_id');
    this.hasEnd = names.includes('end_ts');
    this.roles = roles;
    this.names = names;
  }

  private nameOf(field: number): string {
    return this.names[field] ?? `column ${field + 1}`;
  }

  /** An id that fits the Int32 column is kept as read, a larger one held; both are numbered after the chunk. */
  private setInteger(role: number, value: number): void {
    this.states[role] = valid;
    this.values[role] = role >= start || value <= maxRawId ? value : this.columns.hold(value);
  }

  private setText(role: number, text: string): void {
    const trimmed = text.trim();
    if (trimmed === '') {
      this.states[role] = empty;
      return;
    }
    if (role < start) {
      this.states[role] = valid;
      this.values[role] = this.columns.hold(trimmed);
      return;
    }
    const seconds = parseSeconds(trimmed);
    if (Number.isNaN(seconds)) {
      this.setInvalid(
        role,
        `not unix seconds or an ISO 8601 time with offset: ${JSON.stringify(trimmed.slice(0, 40))}`,
      );
      return;
    }
    this.states[role] = valid;
    this.values[role] = seconds;
  }

  private setInvalid(role: number, reason: string): void {
    if (role !== ignored) {
      this.states[role] = invalid;
      this.reasons[role] = reason;
    }
  }

  private finishRow(line: number, values: Float64Array, states: Uint8Array): void {
    const { needed } = this;
    for (let r = 0; r < needed.length; r++) {
      const role = needed[r] ?? ignored;
      if (states[role] !== valid) {
        this.reject(line, role, states[role] ?? absent);
        return;
      }
    }
    const endState = states[end] ?? absent;
    if (endState === invalid || (endState === absent && this.hasEnd)) {
      this.reject(line, end, endState);
      return;
    }
    if (this.hasCell && states[cell] === invalid) {
      this.reject(line, cell, invalid);
      return;
    }
    const startTs = values[start] ?? 0;
    const endTs = endState === valid ? (values[end] ?? 0) : startTs + this.dwell;
    if (endTs < startTs) {
      this.bad.push({ line, field: 'end_ts', reason: 'end_ts is before start_ts' });
      return;
    }
    if (this.reach && !this.reachesCase(values, states, startTs, endTs)) {
      this.passedOver++;
      return;
    }
    const { columns } = this;
    columns.person.push(values[person] ?? 0);
    columns.place.push(values[place] ?? 0);
    columns.cell.push(states[cell] === valid ? (values[cell] ?? 0) : -1);
    columns.caseId.push(states[caseId] === valid ? (values[caseId] ?? 0) : -1);
    columns.start.push(startTs);
    columns.end.push(endTs);
  }

  /** Whether the row's location (as read: an integer id or a held one) and times meet the reach filter. */
  private reachesCase(values: Float64Array, states: Uint8Array, startTs: number, endTs: number): boolean {
    const reach = this.reach;
    const role = this.reachRole;
    if (!reach || states[role] !== valid) {
      return false;
    }
    const value = values[role] ?? -1;
    const id = value >= 0 ? value : this.columns.heldId(value);
    const slot = typeof id === 'number' ? reach.slotOfInteger(id) : reach.slotOfText(id);
    return reach.reaches(slot, startTs, endTs);
  }

  private reject(line: number, role: number, state: number): void {
    const reason =
      state === absent
        ? 'missing (the row has too few fields)'
        : state === empty
          ? 'empty'
          : (this.reasons[role] ?? 'invalid');
    this.bad.push({ line, field: columnOf[role] ?? '', reason });
  }
}
