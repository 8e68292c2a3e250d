/**
 * @module Protobuf encoding of prometheus.WriteRequest (prompb, remote write 1.0):
 *   WriteRequest { repeated TimeSeries timeseries = 1; }
 *   TimeSeries { repeated Label labels = 1; repeated Sample samples = 2; repeated Histogram histograms = 4; }
 *   Label { string name = 1; string value = 2; }   Sample { double value = 1; int64 timestamp = 2; }
 *   Histogram { uint64 count_int = 1; double sum = 3; sint32 schema = 4; double zero_threshold = 5;
 *     uint64 zero_count_int = 6; repeated BucketSpan negative_spans = 8; repeated sint64 negative_deltas = 9;
 *     repeated BucketSpan positive_spans = 11; repeated sint64 positive_deltas = 12; ResetHint reset_hint = 14;
 *     int64 timestamp = 15; }
 *   BucketSpan { sint32 offset = 1; uint32 length = 2; }
 * Written directly with protobufjs's Writer: the exporter encodes every metrics batch it sends.
 */
import protobuf from 'protobufjs/minimal.js';
import { type BucketSpan, type NativeHistogram, type PromSeries, STALE } from './prom-series.js';

type Writer = protobuf.Writer;

/** Prometheus's staleness marker, a NaN with a specific bit pattern (0x7ff0000000000002), written raw. */
function writeStaleDouble(w: Writer): void {
  w.fixed32(0x00000002).fixed32(0x7ff00000);
}

function writeSpans(w: Writer, tag: number, spans: readonly BucketSpan[]): void {
  for (const s of spans) {
    w.uint32(tag).fork();
    if (s.offset !== 0) w.uint32(8).sint32(s.offset);
    if (s.length !== 0) w.uint32(16).uint32(s.length);
    w.ldelim();
  }
}

function writeDeltas(w: Writer, tag: number, deltas: readonly number[]): void {
  if (deltas.length === 0) return;
  w.uint32(tag).fork();
  for (const d of deltas) w.sint64(d);
  w.ldelim();
}

function writeHistogram(w: Writer, h: NativeHistogram): void {
  w.uint32(34).fork();
  w.uint32(8).uint64(h.count);
  w.uint32(25).double(h.sum);
  if (h.schema !== 0) w.uint32(32).sint32(h.schema);
  if (h.zeroThreshold !== 0) w.uint32(41).double(h.zeroThreshold);
  w.uint32(48).uint64(h.zeroCount);
  writeSpans(w, 66, h.negativeSpans);
  writeDeltas(w, 74, h.negativeDeltas);
  writeSpans(w, 90, h.positiveSpans);
  writeDeltas(w, 98, h.positiveDeltas);
  if (h.resetHint !== 0) w.uint32(112).int32(h.resetHint);
  w.uint32(120).int64(h.timestampMs);
  w.ldelim();
}

export function encodeWriteRequest(series: readonly PromSeries[]): Uint8Array {
  const w = protobuf.Writer.create();
  for (const s of series) {
    w.uint32(10).fork();
    for (const l of s.labels) {
      w.uint32(10).fork().uint32(10).string(l.name).uint32(18).string(l.value).ldelim();
    }
    for (const sample of s.samples) {
      w.uint32(18).fork().uint32(9);
      if (sample.value === STALE) writeStaleDouble(w);
      else w.double(sample.value);
      w.uint32(16).int64(sample.timestampMs).ldelim();
    }
    for (const h of s.histograms) writeHistogram(w, h);
    w.ldelim();
  }
  return w.finish();
}
