/**
 * @module A protobuf writer over one reusable scratch buffer, for the span encoder (otlp-trace-encoder).
 *
 * Hot path (every exported span goes through it): one pass, no size-estimation pass. A length-delimited
 * field reserves the bytes its length is expected to need and moves the body only when the guess was
 * wrong, so the output is canonical (shortest varints) and byte-identical to OpenTelemetry's serializer.
 * `take()` hands the finished message over and starts a new buffer of the same size.
 */

/** Nibble value of a hex digit's char code (0-9, a-f, A-F). */
const HEX = new Uint8Array(128);
for (let i = 0; i < 10; i++) HEX[48 + i] = i;
for (let i = 0; i < 6; i++) {
  HEX[97 + i] = 10 + i;
  HEX[65 + i] = 10 + i;
}

const INITIAL_SIZE = 16 * 1024;
/** The next buffer is sized after the last message, but not beyond this (it still grows when needed). */
const KEEP_AT_MOST = 4 * 1024 * 1024;

export function varintSize(v: number): number {
  return v < 0x80 ? 1 : v < 0x4000 ? 2 : v < 0x200000 ? 3 : v < 0x10000000 ? 4 : 5;
}

export class ScratchWriter {
  buf: Buffer = Buffer.allocUnsafe(INITIAL_SIZE);
  pos = 0;

  ensure(n: number): void {
    const needed = this.pos + n;
    if (needed <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < needed) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  /**
   * The finished message. It is handed over, not copied: the writer continues on a fresh buffer (not
   * zero-filled, so cheaper than copying the message out) sized for a message twice this one's size.
   */
  take(): Uint8Array {
    const out = this.buf.subarray(0, this.pos);
    this.buf = Buffer.allocUnsafe(Math.min(KEEP_AT_MOST, Math.max(INITIAL_SIZE, this.pos * 2)));
    this.pos = 0;
    return out;
  }

  /** Varint of a uint32 (tags, lengths, counts). */
  u32(v: number): void {
    this.ensure(5);
    const b = this.buf;
    let p = this.pos;
    let x = v >>> 0;
    while (x > 0x7f) {
      b[p++] = (x & 0x7f) | 0x80;
      x >>>= 7;
    }
    b[p++] = x;
    this.pos = p;
  }

  /** Varint of an integral number in int64 range (negative: ten-byte two's complement), as OpenTelemetry does. */
  int64(value: number): void {
    if (value >= 0 && value <= 0xffffffff) {
      this.u32(value);
      return;
    }
    this.ensure(10);
    let low: number;
    let high: number;
    const abs = Math.abs(value);
    low = abs >>> 0;
    high = (abs / 0x100000000) >>> 0;
    if (value < 0) {
      low = ~low >>> 0;
      high = ~high >>> 0;
      low = (low + 1) >>> 0;
      if (low === 0) high = (high + 1) >>> 0;
    }
    const b = this.buf;
    let p = this.pos;
    while (high > 0 || low > 0x7f) {
      b[p++] = (low & 0x7f) | 0x80;
      low = ((low >>> 7) | (high << 25)) >>> 0;
      high >>>= 7;
    }
    b[p++] = low & 0x7f;
    this.pos = p;
  }

  fixed32(v: number): void {
    this.ensure(4);
    this.buf.writeUInt32LE(v >>> 0, this.pos);
    this.pos += 4;
  }

  fixed64(low: number, high: number): void {
    this.ensure(8);
    this.buf.writeUInt32LE(low >>> 0, this.pos);
    this.buf.writeUInt32LE(high >>> 0, this.pos + 4);
    this.pos += 8;
  }

  double(v: number): void {
    this.ensure(8);
    this.buf.writeDoubleLE(v, this.pos);
    this.pos += 8;
  }

  /** Length-prefixed UTF-8 string (lone surrogates become U+FFFD, as with TextEncoder). */
  string(s: string): void {
    const n = s.length;
    if (n < 43) {
      // At most 3 bytes per UTF-16 unit: fewer than 128 bytes, so the length takes one byte. ASCII is copied
      // by hand (short strings: cheaper than a call into the UTF-8 encoder); anything else goes to it.
      this.ensure(1 + n * 3);
      const b = this.buf;
      const lenPos = this.pos;
      let p = lenPos + 1;
      for (let i = 0; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c >= 0x80) {
          p = lenPos + 1 + b.write(s, lenPos + 1, 'utf8');
          break;
        }
        b[p++] = c;
      }
      b[lenPos] = p - lenPos - 1;
      this.pos = p;
      return;
    }
    const bytes = Buffer.byteLength(s, 'utf8');
    this.u32(bytes);
    this.ensure(bytes);
    this.pos += this.buf.write(s, this.pos, 'utf8');
  }

  bytes(v: Uint8Array): void {
    this.u32(v.length);
    this.copy(v);
  }

  /** Raw bytes, already encoded (cached fields). */
  copy(v: Uint8Array): void {
    const n = v.length;
    this.ensure(n);
    const b = this.buf;
    let p = this.pos;
    if (n < 48) for (let i = 0; i < n; i++) b[p++] = v[i]!;
    else {
      b.set(v, p);
      p += n;
    }
    this.pos = p;
  }

  /** A hex id (trace/span id) as bytes, decoded straight into the buffer. */
  hexId(hex: string): void {
    const n = hex.length >>> 1;
    this.u32(n);
    this.ensure(n);
    const b = this.buf;
    let p = this.pos;
    for (let i = 0; i < hex.length; i += 2)
      b[p++] = (HEX[hex.charCodeAt(i) & 0x7f]! << 4) | HEX[hex.charCodeAt(i + 1) & 0x7f]!;
    this.pos = p;
  }

  /** Starts a length-delimited body, reserving `reserve` bytes for its length; returns the mark for `end`. */
  begin(reserve: number): number {
    this.ensure(reserve);
    const mark = this.pos;
    this.pos += reserve;
    return mark;
  }

  /** Writes the body's length at `mark` (reserved `reserve` bytes), moving the body if that guess was off. */
  end(mark: number, reserve: number): void {
    const start = mark + reserve;
    const len = this.pos - start;
    const size = varintSize(len);
    if (size !== reserve) {
      this.ensure(size - reserve);
      this.buf.copyWithin(mark + size, start, this.pos);
      this.pos += size - reserve;
    }
    const b = this.buf;
    let p = mark;
    let x = len;
    while (x > 0x7f) {
      b[p++] = (x & 0x7f) | 0x80;
      x >>>= 7;
    }
    b[p] = x;
  }
}
