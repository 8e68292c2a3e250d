/**
 * @module Translates the hub's routing config into an OpenTelemetry Collector (contrib) config, for fleets
 * that outgrow one hub. Everything with a Collector equivalent is emitted; the rest is listed in `unsupported`
 * so nobody is surprised by a silent difference.
 */
import type { Signal } from '@switchyard/core';
import { type ExporterEntry, isVendorExporterEntry, type VendorExporterType } from '@switchyard/pipeline';
import { collectorPolicy, collectorTransforms, ms } from './collector-processors.js';
import { vendorCollectorExporters } from './collector-vendor-exporters.js';
import type { HubConfig } from './hub-config.js';

export interface CollectorConfigResult {
  config: Record<string, unknown>;
  /** Things the hub does that the generated Collector config does not. */
  unsupported: string[];
}

const SIGNALS: Signal[] = ['traces', 'metrics', 'logs'];

function queueAndRetry(e: ExporterEntry): Record<string, unknown> {
  return {
    timeout: ms(e.timeoutMs),
    sending_queue: {
      enabled: true,
      num_consumers: e.queue.concurrency,
      ...(e.durable && { storage: 'file_storage/queues' }),
    },
    retry_on_failure: {
      enabled: e.retry.enabled,
      initial_interval: ms(e.retry.initialIntervalMs),
      max_interval: ms(e.retry.maxIntervalMs),
      max_elapsed_time: ms(e.retry.maxElapsedMs),
      multiplier: e.retry.multiplier,
    },
  };
}

/** Collector exporter id and config for one hub exporter, or a reason it has none. */
function exporterFor(
  name: string,
  e: Exclude<ExporterEntry, { type: VendorExporterType }>,
): { id: string; config: Record<string, unknown> } | string {
  const common = queueAndRetry(e);
  switch (e.type) {
    case 'otlp_http':
      return {
        id: `otlphttp/${name}`,
        config: {
          endpoint: e.endpoint,
          encoding: e.encoding === 'json' ? 'json' : 'proto',
          compression: e.compression === 'gzip' ? 'gzip' : 'none',
          ...(Object.keys(e.headers).length > 0 && { headers: e.headers }),
          ...common,
        },
      };
    case 'otlp_grpc':
      return {
        id: `otlp/${name}`,
        config: {
          endpoint: e.endpoint,
          compression: e.compression === 'gzip' ? 'gzip' : 'none',
          ...(Object.keys(e.headers).length > 0 && { headers: e.headers }),
          ...common,
        },
      };
    case 'prometheus_remote_write':
      return {
        id: `prometheusremotewrite/${name}`,
        config: {
          endpoint: e.endpoint,
          ...(Object.keys(e.headers).length > 0 && { headers: e.headers }),
          timeout: ms(e.timeoutMs),
          resource_to_telemetry_conversion: { enabled: false },
        },
      };
    case 'prometheus':
      // The Collector's scrape exporter always serves /metrics (no path option).
      return {
        id: `prometheus/${name}`,
        config: {
          endpoint: `${e.host}:${e.port}`,
          metric_expiration: ms(e.expireAfterMs),
          resource_to_telemetry_conversion: { enabled: false },
        },
      };
    case 'zipkin':
      return { id: `zipkin/${name}`, config: { endpoint: e.endpoint, ...common } };
    case 'splunk_hec':
      return {
        id: `splunk_hec/${name}`,
        config: {
          endpoint: e.endpoint,
          token: e.token,
          ...(e.index && { index: e.index }),
          ...(e.source && { source: e.source }),
          ...(e.sourcetype && { sourcetype: e.sourcetype }),
          ...common,
        },
      };
    case 'elasticsearch':
      return {
        id: `elasticsearch/${name}`,
        config: {
          endpoints: [e.endpoint],
          logs_index: e.logsIndex,
          traces_index: e.tracesIndex,
          ...(e.apiKey && { api_key: e.apiKey }),
          ...(e.username && { auth: { authenticator: 'basicauth/es' } }),
        },
      };
    case 'file':
      return {
        id: `file/${name}`,
        config: {
          path: e.path,
          rotation: { max_megabytes: Math.ceil(e.maxBytes / 1048576), max_backups: e.maxFiles },
        },
      };
    case 'azure_monitor':
      return {
        id: `azuremonitor/${name}`,
        config: {
          connection_string: e.connectionString ?? `\${env:APPLICATIONINSIGHTS_CONNECTION_STRING}`,
          sending_queue: common.sending_queue,
        },
      };
    case 'cloudwatch_emf':
      return {
        id: `awsemf/${name}`,
        config: {
          ...(e.region && { region: e.region }),
          ...(e.endpoint && { endpoint: e.endpoint }),
          log_group_name: e.logGroup,
          log_stream_name: e.logStream,
          namespace: e.namespace,
          dimension_rollup_option: 'NoDimensionRollup',
          resource_to_telemetry_conversion: { enabled: true },
          metric_declarations: [{ dimensions: [e.dimensionKeys], metric_name_selectors: ['.*'] }],
        },
      };
    case 'loki':
      return `exporter '${name}' (loki push API): the Collector's loki exporter is deprecated — use otlphttp to Loki 3's /otlp endpoint`;
  }
}

function routeCondition(r: HubConfig['routes'][number]): string | undefined {
  const parts: string[] = [];
  if (r.services) {
    const svc = r.services.map((s) =>
      s.includes('*')
        ? `IsMatch(resource.attributes["service.name"], "^${s.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$")`
        : `resource.attributes["service.name"] == "${s}"`,
    );
    parts.push(svc.length === 1 ? svc[0]! : `(${svc.join(' or ')})`);
  }
  for (const [k, v] of Object.entries(r.resourceAttributes ?? {})) {
    const values = Array.isArray(v) ? v : [v];
    const eq = values.map((x) => `resource.attributes["${k}"] == "${x}"`);
    parts.push(eq.length === 1 ? eq[0]! : `(${eq.join(' or ')})`);
  }
  return parts.length > 0 ? parts.join(' and ') : undefined;
}

export function toCollectorConfig(hub: HubConfig): CollectorConfigResult {
  const unsupported: string[] = [
    'the embedded DuckDB store (keep a hub, or add the clickhouse exporter for a queryable copy)',
    'the HTTP query API, analysis and MCP server (they read the store)',
  ];
  const http = hub.receivers.otlp.http;
  const grpc = hub.receivers.otlp.grpc;
  const receivers: Record<string, unknown> = {
    otlp: {
      protocols: {
        ...(grpc.enabled && {
          grpc: {
            endpoint: `${hub.host}:${grpc.port}`,
            max_recv_msg_size_mib: Math.ceil(grpc.maxMessageBytes / 1048576),
          },
        }),
        ...(http.enabled && {
          http: {
            endpoint: `${hub.host}:${http.port}`,
            ...(http.cors.allowedOrigins.length > 0 && {
              cors: { allowed_origins: http.cors.allowedOrigins, allowed_headers: http.cors.allowedHeaders },
            }),
          },
        }),
      },
    },
  };
  const processors: Record<string, unknown> = {
    memory_limiter: {
      check_interval: ms(hub.processors.memoryLimiter.checkIntervalMs),
      limit_mib: hub.processors.memoryLimiter.maxHeapMiB,
    },
    batch: {
      send_batch_size: hub.processors.batch.sendBatchSize,
      timeout: ms(Math.max(1, hub.processors.batch.timeoutMs)),
    },
  };
  const transforms = collectorTransforms(hub.processors.transforms);
  Object.assign(processors, transforms.processors);
  unsupported.push(...transforms.unsupported);
  const chain = ['memory_limiter', ...transforms.chain];
  const sampling = hub.processors.tailSampling;
  if (sampling.enabled) {
    processors.tail_sampling = {
      decision_wait: ms(sampling.decisionWaitMs),
      num_traces: sampling.maxTraces,
      policies: sampling.policies.map(collectorPolicy),
    };
    unsupported.push(
      'processors.tailSampling.maxBytes: the Collector bounds tail sampling by trace count (num_traces) only',
    );
  }
  const exporters: Record<string, unknown> = {};
  const ids = new Map<string, string>();
  // Vendor exporters may have one Collector exporter per signal (AWS: one SigV4 service each).
  const signalIds = new Map<string, Partial<Record<Signal, string>>>();
  const vendorExtensions: Record<string, unknown> = {};
  for (const [name, e] of Object.entries(hub.exporters)) {
    if (isVendorExporterEntry(e)) {
      const v = vendorCollectorExporters(name, e, queueAndRetry(e));
      Object.assign(exporters, v.exporters);
      Object.assign(vendorExtensions, v.extensions);
      unsupported.push(...v.unsupported);
      signalIds.set(name, v.ids);
    } else {
      const r = exporterFor(name, e);
      if (typeof r === 'string') unsupported.push(r);
      else {
        exporters[r.id] = r.config;
        ids.set(name, r.id);
      }
    }
    if (e.queue.full === 'drop_oldest')
      unsupported.push(
        `exporters.${name}.queue.full: drop_oldest (the Collector's queue refuses new data when full)`,
      );
  }
  const connectors: Record<string, unknown> = {};
  for (const [group, g] of Object.entries(hub.failover)) {
    const primary = ids.get(g.exporters[0]!);
    if (primary) ids.set(group, primary);
    const primarySignals = signalIds.get(g.exporters[0]!);
    if (primarySignals) signalIds.set(group, primarySignals);
    unsupported.push(
      `failover.${group}: routed to its first member (${g.exporters[0]}); use the Collector's failover connector for automatic switching`,
    );
  }
  const service: { pipelines: Record<string, unknown>; extensions?: string[] } = { pipelines: {} };
  for (const signal of SIGNALS) {
    const idFor = (e: string): string | undefined =>
      signalIds.has(e) ? signalIds.get(e)![signal] : ids.get(e);
    const routes = hub.routes.filter((r) => !r.signals || r.signals.includes(signal));
    const conditional = routes.filter((r) => routeCondition(r) !== undefined);
    if (conditional.length > 0) {
      const id = `routing/${signal}`;
      connectors[id] = {
        table: conditional.map((r) => ({
          statement: `route() where ${routeCondition(r)}`,
          pipelines: r.exporters.filter((e) => idFor(e)).map((e) => `${signal}/${e}`),
        })),
        ...(hub.routeMode === 'all' ? {} : { match_once: true }),
      };
      for (const r of conditional)
        for (const e of r.exporters)
          if (idFor(e)) service.pipelines[`${signal}/${e}`] = { receivers: [id], exporters: [idFor(e)!] };
    }
    const direct = routes
      .filter((r) => routeCondition(r) === undefined)
      .flatMap((r) => r.exporters.map(idFor));
    const exportersForSignal = [
      ...new Set([
        ...direct.filter((x): x is string => !!x),
        ...(conditional.length > 0 ? [`routing/${signal}`] : []),
      ]),
    ];
    if (exportersForSignal.length === 0) continue;
    const sample = signal === 'traces' && sampling.enabled ? ['tail_sampling'] : [];
    service.pipelines[signal] = {
      receivers: ['otlp'],
      processors: [...chain, ...sample, 'batch'],
      exporters: exportersForSignal,
    };
  }
  const extensions: Record<string, unknown> = {};
  if (Object.values(hub.exporters).some((e) => e.durable)) {
    extensions['file_storage/queues'] = {
      directory: `${hub.dataDir}/collector-queues`,
      create_directory: true,
    };
    service.extensions = ['file_storage/queues'];
  }
  if (Object.keys(vendorExtensions).length > 0) {
    Object.assign(extensions, vendorExtensions);
    service.extensions = [...(service.extensions ?? []), ...Object.keys(vendorExtensions)];
  }
  if (Object.values(hub.exporters).some((e) => e.type === 'elasticsearch' && e.username))
    unsupported.push('elasticsearch basic auth: add a basicauth/es extension with the username and password');
  if (Object.keys(service.pipelines).length === 0) {
    // No routes: the hub only stores. Keep a valid Collector config that receives and logs a summary.
    exporters.debug = { verbosity: 'basic' };
    for (const signal of SIGNALS)
      service.pipelines[signal] = {
        receivers: ['otlp'],
        processors: [...chain, 'batch'],
        exporters: ['debug'],
      };
  }
  const config: Record<string, unknown> = {
    ...(Object.keys(extensions).length > 0 && { extensions }),
    receivers,
    processors,
    ...(Object.keys(connectors).length > 0 && { connectors }),
    exporters,
    service,
  };
  return { config, unsupported };
}
