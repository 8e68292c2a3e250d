/**
 * @module A minimal protobuf wire reader for the few small messages exporters must read from responses:
 * google.rpc.Status (OTLP/HTTP error bodies, grpc-status-details-bin) and google.rpc.RetryInfo.
 * Hand-written to keep the pipeline free of generated code for three tiny messages.
 */
export interface ProtoField {
  field: number;
  wire: number;
  /** Varint value (wire 0) or fixed value (wires 1, 5). */
  num: number;
  /** Payload of a length-delimited field (wire 2). */
  bytes: Uint8Array;
}

const EMPTY = new Uint8Array(0);

function varint(b: Uint8Array, pos: number): [number, number] {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 10; i++) {
    const byte = b[pos++];
    if (byte === undefined) throw new Error('truncated varint');
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) return [value, pos];
    scale *= 128;
  }
  throw new Error('varint too long');
}

/** Splits a message into its top-level fields. Throws on malformed input. */
export function readFields(b: Uint8Array): ProtoField[] {
  const out: ProtoField[] = [];
  let pos = 0;
  while (pos < b.length) {
    const [tag, p] = varint(b, pos);
    pos = p;
    const field = Math.floor(tag / 8);
    const wire = tag & 7;
    if (wire === 0) {
      const [v, q] = varint(b, pos);
      out.push({ field, wire, num: v, bytes: EMPTY });
      pos = q;
    } else if (wire === 2) {
      const [len, q] = varint(b, pos);
      if (q + len > b.length) throw new Error('truncated field');
      out.push({ field, wire, num: 0, bytes: b.subarray(q, q + len) });
      pos = q + len;
    } else if (wire === 1 || wire === 5) {
      const size = wire === 1 ? 8 : 4;
      if (pos + size > b.length) throw new Error('truncated fixed field');
      out.push({ field, wire, num: 0, bytes: b.subarray(pos, pos + size) });
      pos += size;
    } else {
      throw new Error(`unsupported wire type ${wire}`);
    }
  }
  return out;
}
