/**
 * @module The latest value of every Prometheus series an exporter has received, grouped by metric family, for
 * a scrape endpoint. Metrics are translated by the remote-write converter (metrics-to-prom.ts: same names,
 * labels, `target_info`, delta → cumulative), one OTLP metric at a time so each series knows its family's
 * TYPE and HELP.
 * - a series not updated within `expireAfterMs` is removed (a scrape then stops reporting it, which
 *   Prometheus turns into a staleness marker); a point flagged "no recorded value" removes it at once
 * - at most `maxSeries` series are held: new series beyond that are dropped and counted
 * - exponential histograms have no classic text form: they are skipped and counted
 * - an OTLP metric whose family name is already held with another TYPE is dropped and counted
 */
import type { Metric, MetricsData, ResourceMetrics, ScopeMetrics } from '@switchyard/core';
import type { DeltaAccumulator } from '../prometheus/delta-accumulator.js';
import { metricsToPromSeries } from '../prometheus/metrics-to-prom.js';
import { promMetricName } from '../prometheus/prom-naming.js';
import { STALE, seriesKey } from '../prometheus/prom-series.js';
import { type ExpositionFamily, type FamilyType, seriesPrefix } from './exposition-format.js';

export type ScrapeDropReason = 'exponential_histogram' | 'series_limit' | 'type_conflict';

export interface ScrapeStoreOptions {
  maxSeries: number;
  expireAfterMs: number;
  /** Running totals for delta sums and histograms (shared bound with the store is the caller's choice). */
  deltas: DeltaAccumulator;
  /** Called with the number of data points (or series) dropped. */
  onDrop?: (reason: ScrapeDropReason, count: number) => void;
  onExpire?: (count: number) => void;
  now?: () => number;
}

interface StoredSeries {
  readonly family: StoredFamily;
  readonly key: string;
  readonly prefix: string;
  value: number;
  updatedMs: number;
}

interface StoredFamily {
  readonly name: string;
  readonly type: FamilyType;
  help: string;
  readonly series: Map<string, StoredSeries>;
}

const TARGET_INFO = 'target_info';
const TARGET_INFO_HELP = 'Target metadata';

function familyOf(m: Metric): { name: string; type: FamilyType } | undefined {
  const d = m.data;
  if (d === undefined || d.type === 'exponentialHistogram') return undefined;
  const type: FamilyType =
    d.type === 'sum' ? (d.isMonotonic ? 'counter' : 'gauge') : d.type === 'gauge' ? 'gauge' : d.type;
  return { name: promMetricName(m.name, m.unit, type), type };
}

export class ScrapeStore {
  private readonly families = new Map<string, StoredFamily>();
  /** Every series, least recently updated first (updates re-insert), so expiry stops at the first fresh one. */
  private readonly all = new Map<string, StoredSeries>();
  private readonly now: () => number;
  private lastSweepMs = 0;

  constructor(private readonly options: ScrapeStoreOptions) {
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.all.size;
  }

  /** Stores the latest values of a metrics batch. */
  ingest(data: MetricsData): void {
    const now = this.now();
    if (now - this.lastSweepMs >= this.options.expireAfterMs / 2) this.expire(now);
    for (const rm of data.resourceMetrics) {
      for (const sm of rm.scopeMetrics) {
        for (const m of sm.metrics) this.ingestMetric(rm, sm, m, now);
      }
    }
  }

  private ingestMetric(rm: ResourceMetrics, sm: ScopeMetrics, m: Metric, now: number): void {
    const fam = familyOf(m);
    if (fam === undefined) {
      if (m.data?.type === 'exponentialHistogram')
        this.drop('exponential_histogram', m.data.dataPoints.length);
      return;
    }
    const held = this.families.get(fam.name);
    if (held !== undefined && held.type !== fam.type) {
      this.drop('type_conflict', m.data?.dataPoints.length ?? 0);
      return;
    }
    // One metric per conversion, so every series it yields belongs to `fam` (or is the resource's target_info).
    const one: MetricsData = { resourceMetrics: [{ ...rm, scopeMetrics: [{ ...sm, metrics: [m] }] }] };
    const series = metricsToPromSeries(one, {
      nativeHistograms: false,
      deltas: this.options.deltas,
      onDrop: () => this.drop('exponential_histogram', 1),
    });
    for (const s of series) {
      const name = s.labels.find((l) => l.name === '__name__')?.value;
      const sample = s.samples[s.samples.length - 1];
      if (sample === undefined) continue;
      const key = seriesKey(s.labels);
      if (sample.value === STALE) {
        this.remove(key);
        continue;
      }
      const isInfo = name === TARGET_INFO && fam.name !== TARGET_INFO;
      this.put(
        key,
        isInfo ? TARGET_INFO : fam.name,
        isInfo ? 'gauge' : fam.type,
        isInfo ? TARGET_INFO_HELP : m.description,
        s.labels,
        sample.value,
        now,
      );
    }
  }

  private put(
    key: string,
    familyName: string,
    type: FamilyType,
    help: string,
    labels: Parameters<typeof seriesPrefix>[0],
    value: number,
    now: number,
  ): void {
    const existing = this.all.get(key);
    if (existing !== undefined) {
      existing.value = value;
      existing.updatedMs = now;
      if (help !== '') existing.family.help = help;
      this.all.delete(key);
      this.all.set(key, existing);
      return;
    }
    if (this.all.size >= this.options.maxSeries) {
      this.expire(now);
      if (this.all.size >= this.options.maxSeries) {
        this.drop('series_limit', 1);
        return;
      }
    }
    let family = this.families.get(familyName);
    if (family === undefined) {
      family = { name: familyName, type, help, series: new Map() };
      this.families.set(familyName, family);
    } else if (family.type !== type) {
      this.drop('type_conflict', 1);
      return;
    } else if (help !== '') family.help = help;
    const stored: StoredSeries = { family, key, prefix: seriesPrefix(labels), value, updatedMs: now };
    family.series.set(key, stored);
    this.all.set(key, stored);
  }

  private remove(key: string): void {
    const s = this.all.get(key);
    if (s === undefined) return;
    this.all.delete(key);
    s.family.series.delete(key);
    if (s.family.series.size === 0) this.families.delete(s.family.name);
  }

  /** Removes series not updated within `expireAfterMs`; returns how many. */
  expire(now: number = this.now()): number {
    this.lastSweepMs = now;
    const cutoff = now - this.options.expireAfterMs;
    let removed = 0;
    for (const s of this.all.values()) {
      if (s.updatedMs > cutoff) break;
      this.remove(s.key);
      removed++;
    }
    if (removed > 0) this.options.onExpire?.(removed);
    return removed;
  }

  /** Current families sorted by name (expired series removed first), for `renderExposition`. */
  snapshot(): ExpositionFamily[] {
    this.expire();
    return [...this.families.values()]
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((f) => ({ name: f.name, type: f.type, help: f.help, series: f.series.values() }));
  }

  private drop(reason: ScrapeDropReason, count: number): void {
    if (count > 0) this.options.onDrop?.(reason, count);
  }
}
