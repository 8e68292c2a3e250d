/**
 * The MCP server as assistants use it: the official MCP SDK client connects to a hub running the demo
 * over stdio (`switchyard mcp --hub URL`) and over streamable HTTP (`<api>/mcp`), lists the tools and
 * calls every one with valid arguments (meaningful answers) and invalid ones (an error result, and the
 * server keeps answering). Also: bearer token and Origin checks, tool groups switched off by flag, and
 * secrets in attacker-controlled log bodies redacted before they reach the assistant.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, eventually, type HubProcess, startHubProcess } from '../helpers/hub-process.js';

const TOKEN = 'e2e-token-0123456789abcdef';
const ALLOWED_ORIGIN = 'http://assistant.example';
const DEMO_SERVICES = ['frontend', 'checkout-api', 'inventory', 'payment', 'user-service'];
const TOOL_NAMES = [
  'list_services',
  'query_metrics',
  'query_logs',
  'query_traces',
  'get_trace',
  'find_log_patterns',
  'detect_anomalies',
  'analyze_trace',
  'compare_traces',
  'get_change_events',
  'ask',
];

let hub: HubProcess;
let configDir: string;

beforeAll(async () => {
  configDir = mkdtempSync(join(tmpdir(), 'sy-mcp-'));
  const config = join(configDir, 'switchyard.yaml');
  writeFileSync(config, `mcp:\n  bearerToken: ${TOKEN}\n  allowedOrigins: ['${ALLOWED_ORIGIN}']\n`);
  hub = await startHubProcess(['--demo', '--seed', '11', '--config', config]);
  // Wait for the demo's services, then add a change event and a log full of secrets.
  await eventually(async () => {
    const r = await fetch(`${hub.api}/api/services`);
    const { services } = (await r.json()) as { services: { name: string; spanCount: number }[] };
    return services.filter((s) => s.spanCount > 0).length >= 5 ? true : undefined;
  }, 60_000);
  await eventually(async () => {
    const r = await fetch(`${hub.api}/api/metrics/names`);
    const { metrics } = (await r.json()) as { metrics: { name: string }[] };
    const names = metrics.map((m) => m.name);
    return names.includes('http.server.requests') && names.includes('http.server.request.duration')
      ? true
      : undefined;
  }, 60_000);
  const event = await fetch(`${hub.api}/api/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      kind: 'deployment',
      service: 'inventory',
      description: 'inventory v2.3.1 rolled out',
    }),
  });
  expect(event.status).toBe(201);
  const nowNs = `${BigInt(Date.now()) * 1_000_000n}`;
  const secretLog = {
    resourceLogs: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'redaction-probe' } }] },
        scopeLogs: [
          {
            logRecords: [
              {
                timeUnixNano: nowNs,
                severityNumber: 17,
                severityText: 'ERROR',
                body: {
                  stringValue:
                    'login failed for mallory@example.com password=hunter2 via postgres://app:s3cr3t@db:5432/x Authorization: Bearer abcdef0123456789 card 4111 1111 1111 1111 key AKIAIOSFODNN7EXAMPLE',
                },
                attributes: [{ key: 'api_key', value: { stringValue: 'sk-attr-value-should-vanish' } }],
              },
            ],
          },
        ],
      },
    ],
  };
  const posted = await fetch(`${hub.otlpHttp}/v1/logs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(secretLog),
  });
  expect(posted.status).toBe(200);
}, 90_000);

afterAll(async () => {
  expect(await hub?.stop('SIGINT')).toBe(0);
  rmSync(configDir, { recursive: true, force: true });
});

function stdioClientTransport(extraArgs: string[] = []): StdioClientTransport {
  return new StdioClientTransport({
    command: process.execPath,
    args: [CLI, 'mcp', '--hub', hub.api, ...extraArgs],
    env: { ...(process.env as Record<string, string>), NODE_OPTIONS: '' },
    stderr: 'pipe',
  });
}

function httpClientTransport(
  headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` },
): StreamableHTTPClientTransport {
  return new StreamableHTTPClientTransport(new URL(`${hub.api}/mcp`), { requestInit: { headers } });
}

async function connect(transport: StdioClientTransport | StreamableHTTPClientTransport): Promise<Client> {
  const client = new Client({ name: 'switchyard-e2e', version: '1.0.0' });
  await client.connect(transport);
  return client;
}

async function call(client: Client, name: string, args: Record<string, unknown>): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

function text(r: CallToolResult): string {
  const first = r.content[0];
  return first?.type === 'text' ? first.text : '';
}

function data(r: CallToolResult): any {
  return r.structuredContent;
}

/** Calls every tool with valid arguments and checks each answer carries the demo's data. */
async function exerciseAllTools(client: Client): Promise<void> {
  const { tools } = await client.listTools();
  expect(tools.map((t) => t.name).sort()).toEqual([...TOOL_NAMES].sort());
  for (const t of tools) {
    expect(t.annotations?.readOnlyHint).toBe(true);
    expect(t.description?.length).toBeGreaterThan(40);
  }

  const services = await call(client, 'list_services', {});
  expect(services.isError).toBeFalsy();
  expect(data(services).services.map((s: { name: string }) => s.name)).toEqual(
    expect.arrayContaining(DEMO_SERVICES),
  );
  for (const s of DEMO_SERVICES) expect(text(services)).toContain(s);
  expect(data(services).link).toBe(`${hub.api}/api/services`);

  const names = await call(client, 'query_metrics', {});
  expect(data(names).metrics.map((m: { name: string }) => m.name)).toContain('http.server.request.duration');
  const latency = await eventually(async () => {
    const r = await call(client, 'query_metrics', {
      name: 'http.server.request.duration',
      service: 'frontend',
      start: 'now-10m',
    });
    return data(r).series?.length > 0 ? r : undefined;
  }, 30_000);
  expect(data(latency).agg).toBe('p95');
  expect(data(latency).series[0].labels.service).toBe('frontend');
  expect(data(latency).series[0].summary.max).toBeGreaterThan(0);
  expect(text(latency)).toMatch(/current .* avg .* min .* max/);

  const logs = await call(client, 'query_logs', { limit: 5 });
  expect(data(logs).logs).toHaveLength(5);
  expect(data(logs).hasMore).toBe(true);
  expect(text(logs)).toContain('By severity');

  // Traces that ended a few seconds ago are complete: no more spans arrive between the calls below.
  const traces = await eventually(async () => {
    const r = await call(client, 'query_traces', { service: 'frontend', end: 'now-5s', limit: 5 });
    return data(r).traces.length > 0 ? r : undefined;
  });
  const traceId: string =
    data(traces).traces.find((t: { spanCount: number }) => t.spanCount > 1)?.traceId ??
    data(traces).traces[0].traceId;
  expect(traceId).toMatch(/^[0-9a-f]{32}$/);

  const trace = await call(client, 'get_trace', { traceId });
  expect(data(trace).traceId).toBe(traceId);
  expect(data(trace).spans.length).toBeGreaterThan(0);
  expect(text(trace)).toContain(`Trace ${traceId}`);

  const patterns = await call(client, 'find_log_patterns', { service: 'frontend' });
  expect(data(patterns).patterns.length).toBeGreaterThan(0);
  expect(data(patterns).recordsMined).toBeGreaterThan(data(patterns).patterns.length);

  const anomalies = await call(client, 'detect_anomalies', {
    name: 'http.server.requests',
    start: 'now-15m',
    step: '5s',
  });
  expect(anomalies.isError).toBeFalsy();
  expect(data(anomalies).agg).toBe('rate');
  expect(data(anomalies).seriesScanned).toBeGreaterThan(0);
  expect(Array.isArray(data(anomalies).events)).toBe(true);

  const analysis = await call(client, 'analyze_trace', { traceId });
  expect(data(analysis).spanCount).toBe(data(trace).spanCount);
  expect(data(analysis).bottleneck.service).toEqual(expect.any(String));
  expect(text(analysis)).toContain('Bottleneck:');
  expect(text(analysis)).toContain('critical path');

  const compared = await call(client, 'compare_traces', { by: 'slow', sampleSize: 60 });
  expect(data(compared).sampledTraces).toBeGreaterThan(10);
  expect(data(compared).selectionCount).toBeGreaterThan(0);
  expect(data(compared).differences.length).toBeGreaterThan(0);

  const events = await call(client, 'get_change_events', { service: 'inventory' });
  expect(data(events).events.map((e: { description: string }) => e.description)).toContain(
    'inventory v2.3.1 rolled out',
  );

  const asked = await call(client, 'ask', { question: 'p95 latency of checkout-api in the last 10 minutes' });
  expect(asked.isError).toBeFalsy();
  expect(text(asked)).toContain('Understood as: p95 latency of checkout-api');
  expect(data(asked).signal).toBe('metrics');
}

/** Every tool with invalid arguments: an error result naming the problem; the server keeps answering. */
async function exerciseInvalidArguments(client: Client): Promise<void> {
  const invalid: [string, Record<string, unknown>, RegExp][] = [
    ['list_services', { limit: 0 }, /limit/],
    ['query_metrics', { maxSeries: 'ten' }, /maxSeries/],
    ['query_logs', { severity: 'loud' }, /severity/],
    ['query_traces', { limit: 1001 }, /limit/],
    ['get_trace', { traceId: 'not-a-trace' }, /32 hex/],
    ['find_log_patterns', { maxLogs: 5 }, /maxLogs/],
    ['detect_anomalies', {}, /name/],
    ['analyze_trace', { traceId: 42 }, /traceId/],
    ['compare_traces', { by: 'colour' }, /by/],
    ['get_change_events', { start: 'the day before' }, /start/],
    ['ask', { question: 'hm' }, /question/],
    ['get_trace', { traceId: '0123456789abcdef0123456789abcdef' }, /not found/],
    ['ask', { question: 'tell me a joke' }, /could not tell/],
    ['no_such_tool', {}, /not found/],
  ];
  for (const [name, args, message] of invalid) {
    const r = await call(client, name, args);
    expect(r.isError, `${name} ${JSON.stringify(args)}`).toBe(true);
    expect(text(r)).toMatch(message);
  }
  const still = await call(client, 'list_services', { limit: 1 });
  expect(still.isError).toBeFalsy();
  expect(data(still).services).toHaveLength(1);
}

async function expectRedacted(client: Client): Promise<void> {
  const r = await eventually(async () => {
    const x = await call(client, 'query_logs', { service: 'redaction-probe', detail: 'full' });
    return data(x).logs?.length > 0 ? x : undefined;
  });
  const everything = JSON.stringify(r);
  for (const secret of [
    'mallory@example.com',
    'hunter2',
    's3cr3t',
    'abcdef0123456789',
    '4111 1111 1111 1111',
    'AKIAIOSFODNN7EXAMPLE',
    'sk-attr-value-should-vanish',
  ])
    expect(everything).not.toContain(secret);
  expect(text(r)).toContain('login failed for [REDACTED_EMAIL] password=[REDACTED]');
  expect(data(r).logs[0].attributes.api_key).toBe('[REDACTED]');
}

describe('switchyard mcp over stdio', () => {
  let client: Client;
  beforeAll(async () => {
    client = await connect(stdioClientTransport());
  });
  afterAll(async () => {
    await client?.close();
  });

  it('lists the tools and answers every one with the demo data', async () => {
    await exerciseAllTools(client);
  }, 90_000);

  it('answers invalid arguments with error results and keeps serving', async () => {
    await exerciseInvalidArguments(client);
  }, 30_000);

  it('redacts secrets from log bodies and attributes', async () => {
    await expectRedacted(client);
  });

  it('leaves out disabled tool groups, and ask will not answer for them', async () => {
    const limited = await connect(stdioClientTransport(['--disabled-tools', 'logs,analysis']));
    try {
      const { tools } = await limited.listTools();
      expect(tools.map((t) => t.name).sort()).toEqual([
        'ask',
        'get_change_events',
        'get_trace',
        'list_services',
        'query_metrics',
        'query_traces',
      ]);
      const r = await call(limited, 'ask', { question: 'error logs in the last hour' });
      expect(r.isError).toBe(true);
      expect(text(r)).toContain('query_logs tool is disabled');
    } finally {
      await limited.close();
    }
  });
});

describe('MCP over streamable HTTP at /mcp', () => {
  let client: Client;
  beforeAll(async () => {
    client = await connect(httpClientTransport());
  });
  afterAll(async () => {
    await client?.close();
  });

  it('lists the tools and answers every one with the demo data', async () => {
    await exerciseAllTools(client);
  }, 90_000);

  it('answers invalid arguments with error results and keeps serving', async () => {
    await exerciseInvalidArguments(client);
  }, 30_000);

  it('redacts secrets from log bodies and attributes', async () => {
    await expectRedacted(client);
  });

  it('refuses a missing or wrong bearer token with 401', async () => {
    const init = { jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} };
    const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
    const none = await fetch(`${hub.api}/mcp`, { method: 'POST', headers, body: JSON.stringify(init) });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toContain('Bearer');
    const wrong = await fetch(`${hub.api}/mcp`, {
      method: 'POST',
      headers: { ...headers, authorization: 'Bearer nope' },
      body: JSON.stringify(init),
    });
    expect(wrong.status).toBe(401);
    await expect(connect(httpClientTransport({}))).rejects.toThrow();
    // Stateless server: no standalone SSE stream to open with GET.
    const get = await fetch(`${hub.api}/mcp`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(get.status).toBe(405);
  });

  it('refuses a foreign Origin with 403 and accepts an allowed one', async () => {
    const foreign = await connect(
      httpClientTransport({ authorization: `Bearer ${TOKEN}`, origin: 'http://evil.example' }),
    ).catch((e: Error) => e);
    expect(foreign).toBeInstanceOf(Error);
    const raw = await fetch(`${hub.api}/mcp`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${TOKEN}`,
        origin: 'http://evil.example',
      },
      body: '{}',
    });
    expect(raw.status).toBe(403);
    const allowed = await connect(
      httpClientTransport({ authorization: `Bearer ${TOKEN}`, origin: ALLOWED_ORIGIN }),
    );
    try {
      const r = await call(allowed, 'list_services', {});
      expect(data(r).services.length).toBeGreaterThanOrEqual(5);
    } finally {
      await allowed.close();
    }
  });
});
