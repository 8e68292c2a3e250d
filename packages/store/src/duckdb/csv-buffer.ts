/**
 * @module Staging rows as delimiter-separated text for DuckDB's `read_csv`.
 *
 * Hand-written because this is the ingest hot path: the DuckDB Appender costs one native call per
 * value (~0.5 µs each, ~20 per span), so instead rows are written as text into a growing Buffer (spans
 * field by field through the direct writers below, logs and points as one string per row); DuckDB then
 * parses the staged file (CSV parsing is ~1 µs of a span's ~8 µs DuckDB cost, so a binary staging
 * format would not pay off). Field separator is U+001F
 * and rows end in `\n`; a text field holding a control character is quoted with U+0002 (doubled inside),
 * and NULL is written as U+0003. JSON text never holds raw control characters, so it needs no quoting.
 */
import { SwitchyardError } from '@switchyard/core';

export const FIELD_SEP = '\x1f';
export const QUOTE = '\x02';
export const NULL_FIELD = '\x03';

/** Largest row: above the receivers' 16 MiB body limit, so any item a sender can deliver fits. */
export const MAX_ROW_BYTES = 17 * 1024 * 1024;

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const NEEDS_QUOTING = /[\x00-\x1f]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the quote character is U+0002
const QUOTE_ALL = /\x02/g;

/** A text field, quoted when it holds a control character. */
export function textField(s: string): string {
  if (!NEEDS_QUOTING.test(s)) return s;
  return QUOTE + s.replace(QUOTE_ALL, QUOTE + QUOTE) + QUOTE;
}

/** Read options for files written by `CsvBuffer`, as SQL named parameters. */
export function readCsvOptions(columns: readonly (readonly [string, string])[]): string {
  const cols = columns.map(([name, type]) => `'${name}': '${type}'`).join(', ');
  return (
    `delim = '\x1f', quote = '\x02', escape = '\x02', header = false, nullstr = '\x03', allow_quoted_nulls = false, ` +
    // buffer_size defaults to 16 × max_line_size (≈272 MiB), which alone would blow a modest memory_limit.
    `auto_detect = false, max_line_size = ${MAX_ROW_BYTES + 1}, buffer_size = ${2 * (MAX_ROW_BYTES + 1)}, columns = {${cols}}`
  );
}

function rowTooLarge(): SwitchyardError {
  return new SwitchyardError('STORE_ROW_TOO_LARGE', `an item encodes to more than ${MAX_ROW_BYTES} bytes`, {
    hint: 'limit attribute value sizes (e.g. with an attribute-truncation processor)',
  });
}

export class CsvBuffer {
  private buf: Buffer = Buffer.allocUnsafe(1 << 16);
  private used = 0;
  rows = 0;

  /** Appends one row; `row` must already be `FIELD_SEP`-joined, without the trailing newline. */
  push(row: string): void {
    if (row.length * 3 > MAX_ROW_BYTES && Buffer.byteLength(row) > MAX_ROW_BYTES) throw rowTooLarge();
    const need = row.length * 3 + 1;
    if (this.used + need > this.buf.length) this.grow(this.used + need);
    this.used += this.buf.write(row, this.used);
    this.buf[this.used++] = 10;
    this.rows++;
  }

  // Direct field writers: the span encoder writes each field straight into the buffer instead of
  // concatenating a row string first. That skips the intermediate strings (and the garbage collection
  // they cost) and the flattening copy in Buffer.write; it roughly halved span encoding CPU. ASCII is
  // copied by a char-code loop; anything else takes the string path of `push`/`textField`/JSON.stringify,
  // so the bytes are identical to what those produce.

  /** Offset where the next row starts: pass it to `endRow`. */
  startRow(): number {
    return this.used;
  }

  /** Ends a row begun at `start` (refusing it when it exceeds MAX_ROW_BYTES). */
  endRow(start: number): void {
    if (this.used - start > MAX_ROW_BYTES) {
      this.used = start;
      throw rowTooLarge();
    }
    this.ensure(1);
    this.buf[this.used++] = 10;
    this.rows++;
  }

  /** One ASCII character (a separator, bracket or quote). */
  char(code: number): void {
    if (this.used >= this.buf.length) this.grow(this.used + 1);
    this.buf[this.used++] = code;
  }

  /** Text that needs no escaping or quoting here: numbers, hex ids, already-encoded JSON. */
  raw(s: string): void {
    const n = s.length;
    this.ensure(n * 3);
    const buf = this.buf;
    let p = this.used;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) {
        this.used = p + buf.write(s.substring(i), p);
        return;
      }
      buf[p++] = c;
    }
    this.used = p;
  }

  /** A text field, quoted when it holds a control character (as `textField`). */
  text(s: string): void {
    const n = s.length;
    this.ensure(n * 3 + 2);
    const buf = this.buf;
    const start = this.used;
    let p = start;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x20 || c >= 0x80) {
        this.used = start + buf.write(textField(s), start);
        return;
      }
      buf[p++] = c;
    }
    this.used = p;
  }

  /** A JSON string literal (as JSON.stringify). */
  json(s: string): void {
    const n = s.length;
    this.ensure(n + 2);
    const buf = this.buf;
    const start = this.used;
    let p = start;
    buf[p++] = 34;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x20 || c >= 0x80 || c === 34 || c === 92) {
        const lit = JSON.stringify(s);
        this.ensure(lit.length * 3);
        this.used = start + this.buf.write(lit, start);
        return;
      }
      buf[p++] = c;
    }
    buf[p++] = 34;
    this.used = p;
  }

  /** A non-negative small integer (ids, counts, enums). */
  uint(n: number): void {
    if (n >>> 0 === n && n < 10) this.char(48 + n);
    else this.raw(String(n));
  }

  /** Makes room for `n` more bytes. */
  private ensure(n: number): void {
    if (this.used + n > this.buf.length) this.grow(this.used + n);
  }

  /** Position to `truncate` back to if encoding a batch fails halfway. */
  mark(): { used: number; rows: number } {
    return { used: this.used, rows: this.rows };
  }

  truncate(mark: { used: number; rows: number }): void {
    this.used = mark.used;
    this.rows = mark.rows;
  }

  /** Empties the buffer, keeping its capacity for the next group (avoids re-growing and page faults). */
  reset(): void {
    this.used = 0;
    this.rows = 0;
  }

  get bytes(): Buffer {
    return this.buf.subarray(0, this.used);
  }

  private grow(min: number): void {
    const next = Buffer.allocUnsafe(Math.max(min, this.buf.length * 2));
    this.buf.copy(next, 0, 0, this.used);
    this.buf = next;
  }
}
