/**
 * @module What `switchyard ask`, `query` and `mcp` share for external sources: the sources named by
 * `--config FILE` (its `sources:`) plus `--source TYPE=URL` flags, their adapters, and how a normalised
 * result is shown (rows for table/CSV, a one-line summary, the native query that ran).
 */
import { ParameterError } from '@switchyard/core';
import {
  createAdapter,
  type NativeLanguage,
  parseSourceFlag,
  type QueryAdapter,
  type QueryResult,
  type QuerySignal,
  type SourcesConfig,
  type SourceType,
} from '@switchyard/query';
import { loadHubConfigFile } from '../../config/hub-config.js';
import type { Row } from '../format.js';

export interface SourceFlags {
  /** `--source TYPE=URL` (repeatable). */
  source: string[];
  /** `--config FILE`: a switchyard.yaml whose `sources:` are used. */
  config?: string;
}

/** Collects a repeatable string flag. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** The configured sources (`--config`) followed by the `--source` flags; a clashing name gets `-2`, `-3`, … */
export function sourcesFrom(flags: SourceFlags): SourcesConfig {
  const out: SourcesConfig = { ...(flags.config ? loadHubConfigFile(flags.config).sources : {}) };
  for (const text of flags.source) {
    const { name, config } = parseSourceFlag(text);
    let unique = name;
    for (let i = 2; unique in out; i++) unique = `${name}-${i}`;
    out[unique] = config;
  }
  return out;
}

export function adaptersOf(sources: SourcesConfig): QueryAdapter[] {
  return Object.entries(sources).map(([name, config]) => createAdapter(name, config));
}

/** Source types that run each native language (Grafana proxies to its Prometheus/Loki/Tempo data sources). */
const NATIVE_RUNNERS: Record<NativeLanguage, readonly SourceType[]> = {
  promql: ['prometheus', 'grafana'],
  logql: ['loki', 'grafana'],
  traceql: ['tempo', 'grafana'],
  nrql: ['newrelic'],
  datadog: ['datadog'],
};

/** The adapters that can answer `signal` (and run `native`, when given); none is a ParameterError. */
export function adaptersFor(
  adapters: readonly QueryAdapter[],
  signal: QuerySignal,
  native?: NativeLanguage,
): QueryAdapter[] {
  const fit = adapters.filter(
    (a) =>
      a.signals.includes(signal) && (native === undefined || NATIVE_RUNNERS[native].includes(a.source.type)),
  );
  if (fit.length === 0) {
    const have = adapters.map((a) => `${a.source.name} (${a.source.type})`).join(', ');
    const want = native ? `runs ${native}` : `holds ${signal}`;
    throw new ParameterError(
      'source',
      `none of the sources ${want}: ${have}`,
      native
        ? `${native} runs on ${NATIVE_RUNNERS[native].join(' or ')} sources`
        : 'add one with --source TYPE=URL',
    );
  }
  return fit;
}

/** A result's rows and columns for table/CSV output. */
export function rowsOf(r: QueryResult): { rows: Row[]; columns: string[] } {
  switch (r.signal) {
    case 'metrics':
      return {
        columns: ['time', 'series', 'value'],
        rows: r.series.flatMap((s) => {
          const series = Object.entries(s.labels)
            .map(([k, v]) => `${k}=${v}`)
            .join(',');
          return s.points.map(([t, v]) => ({ time: new Date(t).toISOString(), series, value: v }));
        }),
      };
    case 'logs':
      return {
        columns: ['time', 'service', 'severity', 'body', 'traceId'],
        rows: r.records.map((l) => ({
          time: new Date(l.timeMs).toISOString(),
          service: l.service,
          severity: l.severity,
          body: l.body,
          traceId: l.traceId ?? '',
        })),
      };
    case 'traces':
      return {
        columns: ['time', 'traceId', 'service', 'operation', 'durationMs', 'spans', 'errors'],
        rows: r.traces.map((t) => ({
          time: new Date(t.startMs).toISOString(),
          traceId: t.traceId,
          service: t.rootService,
          operation: t.rootName,
          durationMs: Math.round(t.durationMs * 100) / 100,
          spans: t.spanCount,
          errors: t.errorCount,
        })),
      };
  }
}

/** One line saying what the result holds: current/average/min/max/trend, record or trace counts. */
export function summaryLine(r: QueryResult): string {
  switch (r.signal) {
    case 'metrics': {
      const s = r.summary;
      if (s.current === null) return 'no data points in this range';
      const unit = r.unit ? ` ${r.unit}` : '';
      const f = (v: number | null) => (v === null ? '-' : Number(v.toPrecision(4)).toString());
      return `current ${f(s.current)}${unit}, average ${f(s.average)}, min ${f(s.min)}, max ${f(s.max)}, trend ${s.trend}${s.anomalyDetected ? ', ANOMALY detected' : ''}`;
    }
    case 'logs':
      return `${r.summary.total} records`;
    case 'traces': {
      const b = r.analysis.bottleneck;
      return `${r.analysis.count} traces${b ? `; bottleneck ${b.service} ${b.name} (${Math.round(b.share * 100)}%)` : ''}`;
    }
  }
}

/** The header printed above a result's rows: which source answered, the native query, warnings. */
export function resultHeader(r: QueryResult): string[] {
  return [
    `${r.source.name} (${r.source.type}) ran: ${r.nativeQuery}`,
    summaryLine(r),
    ...(r.truncated ? ['truncated: a size cap cut the result'] : []),
    ...r.warnings.map((w) => `warning: ${w}`),
  ];
}
