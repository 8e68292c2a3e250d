/**
 * @module Clock-skew correction. Each clock domain (a service, or a service
 * instance when spans carry `service.instance.id` / `host.name`) gets one
 * offset, so siblings from one skewed service keep their order and spacing.
 *
 * A domain's offset comes from the edges into it from domains already placed
 * (the root's domain has offset 0): a child must not start before its parent,
 * and on a synchronous edge a child that fits must also end before its parent
 * does. The offset is 0 when that already holds, otherwise the middle of the
 * range of offsets satisfying every edge (one edge: the child is centred in its
 * parent, as Jaeger does); if no offset satisfies them all, the smallest one
 * that keeps every child from starting before its parent. Messaging edges
 * (PRODUCER parent or CONSUMER child) are async: only their start counts. A
 * child in its parent's domain shares its clock, so one that outlives its
 * parent is async work and is left alone.
 */
import { SpanKind } from '@switchyard/core';
import type { AnalysisSpan } from './analysis-span.js';

export interface ClockSkewAdjustment {
  service: string;
  /** `service.instance.id` or `host.name` of the shifted clock domain, '' when spans carry neither. */
  instance: string;
  /** Nanoseconds added to the times of every span of the domain; may be negative. */
  shiftNs: number;
  /** Spans of the domain that were shifted. */
  spanCount: number;
  /** The first child that violated its parent, and how. */
  spanId: string;
  parentSpanId: string;
  parentService: string;
  reason: 'starts_before_parent' | 'ends_after_parent';
}

/**
 * Shifts `start`/`end` in place. `topDown` must list every span after its parent
 * (a breadth-first order). Returns one entry per shifted clock domain.
 */
export function adjustClockSkew(
  spans: readonly AnalysisSpan[],
  start: Float64Array,
  end: Float64Array,
  parent: Int32Array,
  topDown: readonly number[],
): ClockSkewAdjustment[] {
  const domainOf = spans.map(clockDomainOf);
  const edgesInto = new Map<string, number[]>();
  for (const i of topDown) {
    const p = parent[i]!;
    if (p < 0 || domainOf[i] === domainOf[p]) continue;
    const list = edgesInto.get(domainOf[i]!);
    if (list) list.push(i);
    else edgesInto.set(domainOf[i]!, [i]);
  }

  const offset = new Map<string, number>();
  const reports = new Map<string, ClockSkewAdjustment>();
  for (const i of topDown) {
    const domain = domainOf[i]!;
    let shift = offset.get(domain);
    if (shift === undefined) {
      const placed = placeDomain(spans, start, end, parent, domainOf, offset, edgesInto.get(domain) ?? []);
      shift = placed.shift;
      offset.set(domain, shift);
      if (shift !== 0 && placed.witness >= 0) {
        const w = placed.witness;
        const p = parent[w]!;
        reports.set(domain, {
          service: spans[w]!.service,
          instance: instanceOf(spans[w]!),
          shiftNs: shift,
          spanCount: 0,
          spanId: spans[w]!.spanId,
          parentSpanId: spans[p]!.spanId,
          parentService: spans[p]!.service,
          reason: placed.reason,
        });
      }
    }
    if (shift !== 0) {
      start[i] = start[i]! + shift;
      end[i] = end[i]! + shift;
      const report = reports.get(domain);
      if (report) report.spanCount++;
    }
  }
  return [...reports.values()];
}

interface Placement {
  shift: number;
  /** First edge that needed the shift, -1 if none. */
  witness: number;
  reason: ClockSkewAdjustment['reason'];
}

function placeDomain(
  spans: readonly AnalysisSpan[],
  start: Float64Array,
  end: Float64Array,
  parent: Int32Array,
  domainOf: readonly string[],
  offset: ReadonlyMap<string, number>,
  edges: readonly number[],
): Placement {
  let lo = Number.NEGATIVE_INFINITY;
  let hi = Number.POSITIVE_INFINITY;
  let witness = -1;
  let reason: Placement['reason'] = 'starts_before_parent';
  for (const c of edges) {
    const p = parent[c]!;
    const parentShift = offset.get(domainOf[p]!);
    if (parentShift === undefined) continue;
    const ps = start[p]! + parentShift;
    const pe = end[p]! + parentShift;
    const cs = start[c]!;
    const ce = end[c]!;
    const asyncEdge = spans[c]!.kind === SpanKind.CONSUMER || spans[p]!.kind === SpanKind.PRODUCER;
    lo = Math.max(lo, ps - cs);
    if (witness < 0 && cs < ps) witness = c;
    if (!asyncEdge && ce - cs <= pe - ps) {
      hi = Math.min(hi, pe - ce);
      if (witness < 0 && ce > pe) {
        witness = c;
        reason = 'ends_after_parent';
      }
    }
  }
  if (witness < 0) return { shift: 0, witness, reason };
  if (lo > hi || hi === Number.POSITIVE_INFINITY) return { shift: Math.max(0, lo), witness, reason };
  if (lo === Number.NEGATIVE_INFINITY) return { shift: Math.min(0, hi), witness, reason };
  return { shift: Math.round((lo + hi) / 2), witness, reason };
}

function instanceOf(span: AnalysisSpan): string {
  const r = span.resourceAttributes;
  const id = r?.['service.instance.id'] ?? r?.['host.name'];
  return typeof id === 'string' ? id : '';
}

function clockDomainOf(span: AnalysisSpan): string {
  return `${span.service}\u0000${instanceOf(span)}`;
}
