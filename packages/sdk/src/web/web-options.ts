/**
 * @module Options of the browser entry and their resolution, kept free of browser APIs so they are tested in
 * Node: where spans go (the hub's OTLP/HTTP JSON endpoint), which cross-origin URLs get `traceparent` (each
 * needs the backend's CORS to allow that header), and which URLs are never traced (the exporter's own).
 */

export interface WebObservabilityOptions {
  serviceName: string;
  serviceVersion?: string;
  environment?: string;
  /** The hub (or any OTLP/HTTP receiver with CORS); `/v1/traces` is appended. Default http://localhost:4318. */
  endpoint?: string;
  /** Extra headers on exports (each must be allowed by the receiver's CORS). */
  headers?: Record<string, string>;
  /**
   * Cross-origin URLs whose requests carry `traceparent`/`tracestate` so the back-end's spans join the
   * browser's trace. Same-origin requests always do. Each backend listed must allow those headers in CORS.
   */
  propagateTraceHeaderTo?: Array<string | RegExp>;
  /** URLs never traced (the exporter's own endpoint is always added). */
  ignoreUrls?: Array<string | RegExp>;
  /** Instrument `fetch` (default true) and `XMLHttpRequest` (default true). */
  fetch?: boolean;
  xhr?: boolean;
  resourceAttributes?: Record<string, string | number | boolean>;
  batch?: { scheduleDelayMillis?: number; maxQueueSize?: number; maxExportBatchSize?: number };
  /** Set false to keep the providers off the global OpenTelemetry API. Default true. */
  registerGlobals?: boolean;
}

export interface ResolvedWebOptions {
  tracesUrl: string;
  headers: Record<string, string>;
  propagateTraceHeaderCorsUrls: Array<string | RegExp>;
  ignoreUrls: Array<string | RegExp>;
  resourceAttributes: Record<string, string | number | boolean>;
  batch: { scheduledDelayMillis: number; maxQueueSize: number; maxExportBatchSize: number };
}

export const DEFAULT_WEB_ENDPOINT = 'http://localhost:4318';
export const WEB_SDK_NAME = '@switchyard/sdk/web';

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Turns an origin or URL prefix into a RegExp matching URLs that start with it. */
export function urlPrefixPattern(prefix: string | RegExp): RegExp {
  return typeof prefix === 'string' ? new RegExp(`^${escapeRegExp(prefix)}`) : prefix;
}

export function resolveWebOptions(options: WebObservabilityOptions): ResolvedWebOptions {
  const endpoint = (options.endpoint ?? DEFAULT_WEB_ENDPOINT).replace(/\/+$/, '');
  const tracesUrl = `${endpoint}/v1/traces`;
  const resourceAttributes: Record<string, string | number | boolean> = {
    ...options.resourceAttributes,
    'service.name': options.serviceName,
    'telemetry.distro.name': WEB_SDK_NAME,
  };
  if (options.serviceVersion) resourceAttributes['service.version'] = options.serviceVersion;
  if (options.environment) resourceAttributes['deployment.environment.name'] = options.environment;
  return {
    tracesUrl,
    headers: { ...options.headers },
    propagateTraceHeaderCorsUrls: (options.propagateTraceHeaderTo ?? []).map(urlPrefixPattern),
    // Never trace the export requests themselves (that would loop: each export creating a span to export).
    ignoreUrls: [urlPrefixPattern(tracesUrl), ...(options.ignoreUrls ?? []).map(urlPrefixPattern)],
    resourceAttributes,
    batch: {
      scheduledDelayMillis: options.batch?.scheduleDelayMillis ?? 1000,
      maxQueueSize: options.batch?.maxQueueSize ?? 2048,
      maxExportBatchSize: options.batch?.maxExportBatchSize ?? 256,
    },
  };
}
