/**
 * @module Connectivity checks for one configured exporter: DNS, TCP, TLS (certificate validity), and a
 * minimal request where the protocol allows one without side effects (an empty OTLP export is a valid no-op;
 * CloudWatch EMF: a signed DescribeLogStreams; Azure Monitor: none exists, so only the connection is checked).
 */
import { lookup } from 'node:dns/promises';
import { connect as tcpConnect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { TelemetryBatch } from '@switchyard/core';
import {
  CloudWatchEmfExporter,
  type ExporterEntry,
  isVendorExporterEntry,
  resolveConnectionString,
  resolveVendorSettings,
  type VendorExporterConfig,
  vendorExporterFactory,
} from '@switchyard/pipeline';

export type StepStatus = 'ok' | 'fail' | 'skip';

export interface EndpointReport {
  name: string;
  type: string;
  endpoint: string;
  dns: StepStatus;
  connect: StepStatus;
  tls: StepStatus;
  request: StepStatus;
  detail: string;
}

const TIMEOUT_MS = 5000;

function endpointOf(name: string, e: ExporterEntry): string | undefined {
  if (e.type === 'azure_monitor') {
    const { ingestionEndpoint } = resolveConnectionString(
      e.connectionString,
      process.env,
      `exporters.${name}.connectionString`,
    ).parsed;
    return `${ingestionEndpoint.replace(/\/+$/, '')}/v2.1/track`;
  }
  if (isVendorExporterEntry(e)) {
    const signals = resolveVendorSettings(e, process.env).signals;
    return (signals.traces ?? signals.metrics ?? signals.logs)?.url;
  }
  return 'endpoint' in e ? e.endpoint : undefined;
}

function cloudWatch(name: string, e: Extract<ExporterEntry, { type: 'cloudwatch_emf' }>) {
  return new CloudWatchEmfExporter(name, { ...e, log: () => {} });
}

const EMPTY: Record<'traces' | 'metrics' | 'logs', TelemetryBatch> = {
  traces: { signal: 'traces', data: { resourceSpans: [] } },
  metrics: { signal: 'metrics', data: { resourceMetrics: [] } },
  logs: { signal: 'logs', data: { resourceLogs: [] } },
};

/** Vendor exporters: an empty export through the exporter itself, so headers and request signing are the real ones. */
async function probeVendor(
  name: string,
  e: VendorExporterConfig,
): Promise<{ status: StepStatus; detail: string }> {
  const signals = resolveVendorSettings(e, process.env).signals;
  const signal = signals.traces ? 'traces' : signals.metrics ? 'metrics' : 'logs';
  const exporter = vendorExporterFactory.create(e, { name });
  try {
    const r = await exporter.push(EMPTY[signal], AbortSignal.timeout(TIMEOUT_MS));
    if (r.kind === 'success') return { status: 'ok', detail: `empty ${signal} export accepted` };
    const auth = /HTTP 40[13]\b/.test(r.message) ? ': check the credentials' : '';
    return { status: 'fail', detail: `empty ${signal} export failed: ${r.message}${auth}` };
  } finally {
    await exporter.shutdown();
  }
}

function withTimeout<T>(p: Promise<T>, what: string): Promise<T> {
  return Promise.race([
    p,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`${what} timed out after ${TIMEOUT_MS} ms`)), TIMEOUT_MS).unref(),
    ),
  ]);
}

function tcp(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const s = tcpConnect({ host, port });
    s.once('connect', () => {
      s.destroy();
      resolve();
    });
    s.once('error', reject);
  });
}

function tls(host: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = tlsConnect({ host, port, servername: host });
    s.once('secureConnect', () => {
      const cert = s.getPeerCertificate();
      s.destroy();
      const days = cert.valid_to
        ? Math.floor((Date.parse(cert.valid_to) - Date.now()) / 86_400_000)
        : Number.NaN;
      resolve(Number.isNaN(days) ? 'certificate ok' : `certificate valid for ${days} more days`);
    });
    s.once('error', reject);
  });
}

/** A request that changes nothing: an empty OTLP export for OTLP exporters, else a GET of the endpoint. */
async function probe(e: ExporterEntry, url: URL): Promise<{ status: StepStatus; detail: string }> {
  const headers: Record<string, string> = { ...('headers' in e ? e.headers : {}) };
  let res: Response;
  if (e.type === 'otlp_http') {
    const json = e.encoding === 'json';
    const target = new URL(`${url.pathname.replace(/\/$/, '')}/v1/traces`, url);
    res = await fetch(target, {
      method: 'POST',
      body: json ? '{}' : new Uint8Array(0),
      headers: { ...headers, 'content-type': json ? 'application/json' : 'application/x-protobuf' },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } else {
    res = await fetch(url, { method: 'GET', headers, signal: AbortSignal.timeout(TIMEOUT_MS) });
  }
  await res.arrayBuffer();
  if (res.status === 401 || res.status === 403)
    return { status: 'fail', detail: `authentication rejected (HTTP ${res.status}): check the credentials` };
  if (e.type === 'otlp_http' && !res.ok)
    return { status: 'fail', detail: `empty export answered HTTP ${res.status}` };
  return { status: 'ok', detail: `HTTP ${res.status}` };
}

export async function checkExporter(name: string, e: ExporterEntry): Promise<EndpointReport> {
  const report: EndpointReport = {
    name,
    type: e.type,
    endpoint: '',
    dns: 'skip',
    connect: 'skip',
    tls: 'skip',
    request: 'skip',
    detail: '',
  };
  let endpoint: string;
  // The CloudWatch exporter is built once: it knows its endpoint and runs the doctor's request.
  let cw: CloudWatchEmfExporter | undefined;
  try {
    cw = e.type === 'cloudwatch_emf' ? cloudWatch(name, e) : undefined;
    endpoint = cw?.url.href ?? endpointOf(name, e) ?? ('path' in e ? `file:${e.path}` : '');
  } catch (err) {
    // A setting the exporter needs is missing (connection string, region): nothing to connect to.
    report.request = 'fail';
    report.detail =
      err instanceof Error ? `${err.message}${'hint' in err ? ` (${err.hint})` : ''}` : String(err);
    return report;
  }
  try {
    return await checkReachable(name, e, endpoint, report, cw);
  } finally {
    await cw?.shutdown();
  }
}

/** DNS, TCP, TLS and the no-op request against a resolved endpoint. */
async function checkReachable(
  name: string,
  e: ExporterEntry,
  endpoint: string,
  report: EndpointReport,
  cw: CloudWatchEmfExporter | undefined,
): Promise<EndpointReport> {
  report.endpoint = endpoint;
  const missing = isVendorExporterEntry(e) ? resolveVendorSettings(e, process.env).missing : [];
  if (missing.length > 0 || (isVendorExporterEntry(e) && !endpoint)) {
    report.request = 'fail';
    report.endpoint = '';
    report.detail = missing.length > 0 ? `missing settings: ${missing.join(', ')}` : 'no signal to send';
    return report;
  }
  if (!endpoint || endpoint.startsWith('file:')) {
    report.detail = 'no network endpoint';
    return report;
  }
  const url = new URL(endpoint);
  const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const notes: string[] = [];
  try {
    await withTimeout(lookup(host), 'DNS lookup');
    report.dns = 'ok';
    await withTimeout(tcp(host, port), 'TCP connect');
    report.connect = 'ok';
    if (url.protocol === 'https:') {
      notes.push(await withTimeout(tls(host, port), 'TLS handshake'));
      report.tls = 'ok';
    }
    if (e.type === 'otlp_grpc') {
      notes.push('gRPC: connection checked, no test request sent');
    } else if (e.type === 'azure_monitor') {
      notes.push('Application Insights has no side-effect-free request: connection checked, nothing sent');
    } else if (cw) {
      const p = await cw.checkDestination(AbortSignal.timeout(TIMEOUT_MS));
      report.request = p.ok ? 'ok' : 'fail';
      notes.push(p.detail);
    } else if (isVendorExporterEntry(e)) {
      const p = await probeVendor(name, e);
      report.request = p.status;
      notes.push(p.detail);
    } else {
      const p = await probe(e, url);
      report.request = p.status;
      notes.push(p.detail);
    }
  } catch (err) {
    const step =
      report.dns === 'skip'
        ? 'dns'
        : report.connect === 'skip'
          ? 'connect'
          : url.protocol === 'https:' && report.tls === 'skip'
            ? 'tls'
            : 'request';
    report[step] = 'fail';
    notes.push(err instanceof Error ? err.message : String(err));
  }
  report.detail = notes.join('; ');
  return report;
}

/** True when no step failed. */
export function healthy(r: EndpointReport): boolean {
  return r.dns !== 'fail' && r.connect !== 'fail' && r.tls !== 'fail' && r.request !== 'fail';
}
