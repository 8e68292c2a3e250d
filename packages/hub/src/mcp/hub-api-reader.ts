/**
 * @module TelemetryReader over the hub's HTTP API (docs/api.md): builds the query string, checks the
 * answer, and converts JSON back to the store's model (decimal-string timestamps → bigint, plain JSON
 * attributes → typed attributes, integral numbers → bigint ints).
 */
import { type Attributes, type AttrValue, SwitchyardError } from '@switchyard/core';
import type {
  ChangeEvent,
  ChangeEventQuery,
  LogQuery,
  MetricDescriptor,
  MetricQuery,
  MetricSeries,
  ServiceSummary,
  StoredLog,
  StoredSpan,
  TraceQuery,
  TraceSummary,
} from '@switchyard/store';
import type { TelemetryReader } from './telemetry-reader.js';

type Json = Record<string, unknown>;
type QueryParams = Record<string, string | number | bigint | undefined>;

const MS = 1_000_000n;

export interface HubApiReaderOptions {
  /** Per-request timeout (default 30 s). */
  timeoutMs?: number;
  /** Sent as `Authorization: Bearer …` when set. */
  bearerToken?: string;
}

export class HubApiReader implements TelemetryReader {
  readonly base: string;
  private readonly timeoutMs: number;

  constructor(
    hubUrl: string,
    private readonly opts: HubApiReaderOptions = {},
  ) {
    this.base = hubUrl.replace(/\/+$/, '');
    this.timeoutMs = opts.timeoutMs ?? 30_000;
  }

  async services(): Promise<ServiceSummary[]> {
    const body = await this.get('/api/services', {});
    return arrayField(body, 'services').map((s) => ({
      name: str(s.name),
      spanCount: num(s.spanCount),
      errorCount: num(s.errorCount),
      logCount: num(s.logCount),
      lastSeenUnixNano: nanos(s.lastSeenUnixNano),
    }));
  }

  async getTrace(traceId: string): Promise<StoredSpan[]> {
    const body = await this.request(`/api/traces/${encodeURIComponent(traceId)}`, {}, true);
    if (body === undefined) return [];
    return arrayField(body, 'spans').map(spanFromJson);
  }

  async findTraces(q: TraceQuery): Promise<TraceSummary[]> {
    const params: QueryParams = {
      service: q.service,
      operation: q.operation,
      status: q.status,
      minDurationMs: q.minDurationNs === undefined ? undefined : nsToMsText(q.minDurationNs),
      maxDurationMs: q.maxDurationNs === undefined ? undefined : nsToMsText(q.maxDurationNs),
      ...rangeParams(q.startNs, q.endNs),
      limit: q.limit,
    };
    for (const [k, v] of Object.entries(q.attributes ?? {})) params[`attr.${k}`] = v;
    const body = await this.get('/api/traces', params);
    return arrayField(body, 'traces').map((t) => ({
      traceId: str(t.traceId),
      rootService: str(t.rootService),
      rootName: str(t.rootName),
      startTimeUnixNano: nanos(t.startTimeUnixNano),
      durationNs: BigInt(Math.round(num(t.durationMs) * 1e6)),
      spanCount: num(t.spanCount),
      errorCount: num(t.errorCount),
      services: Array.isArray(t.services) ? t.services.map(str) : [],
    }));
  }

  async findLogs(q: LogQuery): Promise<StoredLog[]> {
    const body = await this.get('/api/logs', {
      service: q.service,
      severity: q.minSeverity,
      q: q.text,
      traceId: q.traceId,
      ...rangeParams(q.startNs, q.endNs),
      limit: q.limit,
    });
    return arrayField(body, 'logs').map(logFromJson);
  }

  async queryMetrics(q: MetricQuery): Promise<MetricSeries[]> {
    const params: QueryParams = {
      name: q.name,
      service: q.service,
      ...rangeParams(q.startNs, q.endNs),
      step: q.stepMs,
      agg: q.agg,
    };
    for (const [k, v] of Object.entries(q.attributes ?? {})) params[`attr.${k}`] = v;
    const body = await this.get('/api/metrics', params);
    return arrayField(body, 'series').map((s) => ({
      name: str(s.name),
      labels: stringRecord(s.labels),
      points: Array.isArray(s.points)
        ? s.points.map((p): [number, number] => {
            const pair = Array.isArray(p) ? p : [];
            return [num(pair[0]), num(pair[1])];
          })
        : [],
    }));
  }

  async metricNames(service?: string): Promise<MetricDescriptor[]> {
    const body = await this.get('/api/metrics/names', { service });
    return arrayField(body, 'metrics').map((m) => ({
      name: str(m.name),
      type: str(m.type) as MetricDescriptor['type'],
      unit: str(m.unit),
      description: str(m.description),
      services: Array.isArray(m.services) ? m.services.map(str) : [],
    }));
  }

  async changeEvents(q: ChangeEventQuery): Promise<ChangeEvent[]> {
    const body = await this.get('/api/events', {
      service: q.service,
      kind: q.kind,
      ...rangeParams(q.startNs, q.endNs),
      limit: q.limit,
    });
    return arrayField(body, 'events').map((e) => ({
      id: str(e.id),
      timeUnixNano: nanos(e.timeUnixNano),
      kind: str(e.kind),
      service: str(e.service),
      description: str(e.description),
      attributes: stringRecord(e.attributes),
    }));
  }

  private async get(path: string, params: QueryParams): Promise<Json> {
    const body = await this.request(path, params, false);
    if (body === undefined)
      throw new SwitchyardError('HUB_BAD_RESPONSE', `hub answered ${path} with nothing`);
    return body;
  }

  /** GETs `path`; with `allow404`, a 404 answers undefined instead of throwing. */
  private async request(path: string, params: QueryParams, allow404: boolean): Promise<Json | undefined> {
    const url = new URL(`${this.base}${path}`);
    for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, String(v));
    let res: Response;
    try {
      res = await fetch(url, {
        signal: AbortSignal.timeout(this.timeoutMs),
        headers: {
          accept: 'application/json',
          ...(this.opts.bearerToken && { authorization: `Bearer ${this.opts.bearerToken}` }),
        },
      });
    } catch (err) {
      throw new SwitchyardError(
        'HUB_UNREACHABLE',
        `cannot reach the hub at ${this.base}: ${(err as Error).message}`,
        {
          hint: 'start one with `switchyard up` or pass --hub URL',
        },
      );
    }
    if (allow404 && res.status === 404) {
      await res.body?.cancel();
      return undefined;
    }
    const text = await res.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new SwitchyardError(
        'HUB_BAD_RESPONSE',
        `hub answered ${res.status} with non-JSON: ${text.slice(0, 200)}`,
      );
    }
    if (!res.ok) {
      const e = isObject(body) && isObject(body.error) ? body.error : {};
      throw new SwitchyardError(
        typeof e.code === 'string' ? e.code : 'HUB_ERROR',
        typeof e.message === 'string' ? e.message : `hub answered ${res.status}`,
        { ...(typeof e.hint === 'string' && { hint: e.hint }) },
      );
    }
    if (!isObject(body))
      throw new SwitchyardError('HUB_BAD_RESPONSE', `hub answered ${path} with a non-object`);
    return body;
  }
}

function rangeParams(startNs: bigint | undefined, endNs: bigint | undefined): QueryParams {
  // The API takes epoch milliseconds; ns precision below a millisecond is not needed for ranges.
  return {
    start: startNs === undefined ? undefined : startNs / MS,
    end: endNs === undefined ? undefined : (endNs + MS - 1n) / MS,
  };
}

function nsToMsText(ns: bigint): string {
  return (Number(ns) / 1e6).toString();
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function arrayField(body: Json, key: string): Json[] {
  const v = body[key];
  if (!Array.isArray(v)) throw new SwitchyardError('HUB_BAD_RESPONSE', `hub answer lacks the '${key}' array`);
  return v.filter(isObject);
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
}

function num(v: unknown): number {
  return typeof v === 'number' ? v : Number(v ?? 0);
}

function nanos(v: unknown): bigint {
  if (typeof v === 'string' && /^-?\d+$/.test(v)) return BigInt(v);
  if (typeof v === 'number' && Number.isFinite(v)) return BigInt(Math.trunc(v));
  return 0n;
}

function stringRecord(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isObject(v)) for (const [k, x] of Object.entries(v)) out[k] = str(x);
  return out;
}

/** Plain JSON (as the API writes attributes) → typed value: integral numbers become int64 (bigint). */
export function attrValueFromPlain(v: unknown): AttrValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v) : v;
  if (Array.isArray(v)) return v.map(attrValueFromPlain);
  if (isObject(v)) return attributesFromPlain(v);
  return String(v);
}

export function attributesFromPlain(v: unknown): Attributes {
  const out: Attributes = {};
  if (isObject(v))
    for (const [k, x] of Object.entries(v))
      Object.defineProperty(out, k, {
        value: attrValueFromPlain(x),
        enumerable: true,
        writable: true,
        configurable: true,
      });
  return out;
}

function resourceOf(v: unknown): StoredSpan['resource'] {
  return {
    attributes: attributesFromPlain(isObject(v) ? v.attributes : undefined),
    droppedAttributesCount: 0,
  };
}

function scopeOf(v: unknown): StoredSpan['scope'] {
  const o = isObject(v) ? v : {};
  return { name: str(o.name), version: str(o.version), attributes: {}, droppedAttributesCount: 0 };
}

function spanFromJson(s: Json): StoredSpan {
  const status = isObject(s.status) ? s.status : {};
  const code = num(status.code);
  return {
    traceId: str(s.traceId),
    spanId: str(s.spanId),
    traceState: str(s.traceState),
    parentSpanId: str(s.parentSpanId),
    flags: 0,
    name: str(s.name),
    kind: num(s.kind) as StoredSpan['kind'],
    startTimeUnixNano: nanos(s.startTimeUnixNano),
    endTimeUnixNano: nanos(s.endTimeUnixNano),
    attributes: attributesFromPlain(s.attributes),
    droppedAttributesCount: 0,
    events: (Array.isArray(s.events) ? s.events.filter(isObject) : []).map((e) => ({
      timeUnixNano: nanos(e.timeUnixNano),
      name: str(e.name),
      attributes: attributesFromPlain(e.attributes),
      droppedAttributesCount: 0,
    })),
    droppedEventsCount: 0,
    links: (Array.isArray(s.links) ? s.links.filter(isObject) : []).map((l) => ({
      traceId: str(l.traceId),
      spanId: str(l.spanId),
      traceState: str(l.traceState),
      attributes: attributesFromPlain(l.attributes),
      droppedAttributesCount: 0,
      flags: 0,
    })),
    droppedLinksCount: 0,
    status: {
      code: (code === 1 || code === 2 ? code : 0) as StoredSpan['status']['code'],
      message: str(status.message),
    },
    resource: resourceOf(s.resource),
    scope: scopeOf(s.scope),
  };
}

function logFromJson(l: Json): StoredLog {
  return {
    timeUnixNano: nanos(l.timeUnixNano),
    observedTimeUnixNano: nanos(l.observedTimeUnixNano),
    severityNumber: num(l.severityNumber),
    severityText: str(l.severityText),
    body: attrValueFromPlain(l.body),
    attributes: attributesFromPlain(l.attributes),
    droppedAttributesCount: 0,
    flags: 0,
    traceId: str(l.traceId),
    spanId: str(l.spanId),
    eventName: str(l.eventName),
    resource: resourceOf(l.resource),
    scope: scopeOf(l.scope),
  };
}
