// The OTLP protobuf requests the hub benchmark sends, generated identically in the load generator and in
// the sink (which recognises them byte for byte), plus the matcher that proves pass-through.
import { crc32 } from 'node:zlib';
import { encodeRequest } from '../../packages/core/dist/index.js';
import { spanBatch } from '../../packages/pipeline/dist/exporters/testing/spans.js';

/** Throughput load: 64 distinct requests of 100 spans, cycled (from span 1: span id 0 is invalid, the hub rejects it). */
export function loadPayloads() {
  return Array.from({ length: 64 }, (_, i) => encodeRequest(spanBatch(1 + i * 100, 100), 'protobuf'));
}

/** Delay probes: request i carries 10 spans no other request has, so its arrival at the sink is its own. */
export function probePayload(i) {
  return encodeRequest(spanBatch(1_000_000 + i * 10, 10), 'protobuf');
}

const key = (bytes) => `${bytes.byteLength}:${crc32(bytes)}`;

/**
 * Recognises a body as one sent request or a concatenation of several (the hub's batch processor merges
 * protobuf requests by concatenation, which is the merged message). Returns the indexes, or undefined when
 * any part is not byte-identical to a sent request (the hub re-encoded it).
 */
export class PayloadMatcher {
  constructor(payloads) {
    this.index = new Map(payloads.map((p, i) => [key(p), i]));
    this.lengths = [...new Set(payloads.map((p) => p.byteLength))].sort((a, b) => b - a);
  }

  match(body) {
    const found = [];
    let pos = 0;
    while (pos < body.length) {
      let next;
      for (const len of this.lengths) {
        if (pos + len > body.length) continue;
        const i = this.index.get(key(body.subarray(pos, pos + len)));
        if (i !== undefined) {
          next = i;
          pos += len;
          break;
        }
      }
      if (next === undefined) return undefined;
      found.push(next);
    }
    return found;
  }
}
