/**
 * Routing end to end: hub A keeps a local copy and forwards traces and logs through a durable queue to
 * hub B (a real OTLP/HTTP receiver), which shows them through its own API. The minimal routing config
 * of the issue validates with `switchyard config validate`.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, eventually, getJson, type HubProcess, startHubProcess } from '../helpers/hub-process.js';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'sy-route-'));
let upstream: HubProcess;
let edge: HubProcess;

beforeAll(async () => {
  upstream = await startHubProcess();
  const cfg = join(dir, 'switchyard.yaml');
  writeFileSync(
    cfg,
    [
      'exporters:',
      `  upstream: { type: otlp_http, endpoint: "\${UPSTREAM}", encoding: json, durable: true }`,
      'routes:',
      '  - { signals: [traces, logs], exporters: [upstream] }',
      'processors:',
      '  transforms:',
      '    - { type: redaction }',
      '',
    ].join('\n'),
  );
  process.env.UPSTREAM = upstream.otlpHttp;
  edge = await startHubProcess(['--config', cfg]);
}, 90_000);

afterAll(async () => {
  expect(await edge?.stop()).toBe(0);
  expect(await upstream?.stop()).toBe(0);
  rmSync(dir, { recursive: true, force: true });
});

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';

describe('routing to an upstream OTLP endpoint', () => {
  it('stores locally and forwards through the durable queue', async () => {
    const body = JSON.stringify({
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'routed' } }] },
          scopeSpans: [
            {
              spans: [
                {
                  traceId: TRACE,
                  spanId: '00f067aa0ba902b7',
                  name: 'forward-me',
                  startTimeUnixNano: '1700000000000000007',
                  endTimeUnixNano: '1700000000100000007',
                  attributes: [{ key: 'n', value: { intValue: '42' } }],
                },
              ],
            },
          ],
        },
      ],
    });
    const res = await fetch(`${edge.otlpHttp}/v1/traces`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(200);
    const local = await getJson(`${edge.api}/api/traces/${TRACE}`);
    expect(local.status).toBe(200);
    const remote = await eventually(async () => {
      const r = await getJson(`${upstream.api}/api/traces/${TRACE}`);
      return r.status === 200 ? r : undefined;
    });
    expect(remote.body.spans[0]).toMatchObject({
      name: 'forward-me',
      startTimeUnixNano: '1700000000000000007',
      attributes: { n: 42 },
    });
    const metrics = await (await fetch(`${edge.api}/metrics`)).text();
    expect(metrics).toMatch(/upstream/);
    const pipeline = await getJson(`${edge.api}/api/pipeline`);
    const accepted = pipeline.body.metrics.find(
      (m: any) => m.name === 'switchyard_receiver_accepted_items_total',
    );
    expect(accepted.series.find((s: any) => s.labels.signal === 'traces').value).toBeGreaterThanOrEqual(1);
  });

  it('redacts secrets and PII before storing and forwarding', async () => {
    const body = JSON.stringify({
      resourceLogs: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'leaky' } }] },
          scopeLogs: [
            {
              logRecords: [
                {
                  timeUnixNano: '1700000000000000000',
                  severityNumber: 17,
                  body: { stringValue: 'charge failed for card 4111 1111 1111 1111 owner bob@example.com' },
                  attributes: [
                    { key: 'password', value: { stringValue: 'hunter2' } },
                    { key: 'order.id', value: { intValue: '1234567890123456' } },
                  ],
                },
              ],
            },
          ],
        },
      ],
    });
    const res = await fetch(`${edge.otlpHttp}/v1/logs`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(200);
    const check = async (api: string) => {
      const r = await eventually(async () => {
        const g = await getJson(`${api}/api/logs?service=leaky&start=0`);
        return g.body.logs.length > 0 ? g : undefined;
      });
      const text = JSON.stringify(r.body.logs[0]);
      expect(text).not.toContain('4111 1111 1111 1111');
      expect(text).not.toContain('bob@example.com');
      expect(text).not.toContain('hunter2');
      expect(r.body.logs[0].attributes['order.id']).toBe(1234567890123456);
    };
    await check(edge.api);
    await check(upstream.api);
  });

  it('validates the minimal routing config and rejects a route to an unknown exporter', async () => {
    const good = join(dir, 'good.yaml');
    writeFileSync(
      good,
      [
        'exporters:',
        '  prom: { type: prometheus_remote_write, endpoint: http://127.0.0.1:9090/api/v1/write }',
        '  upstream: { type: otlp_http, endpoint: http://127.0.0.1:4999, encoding: json, durable: true }',
        'routes:',
        '  - { signals: [metrics], exporters: [prom] }',
        '  - { signals: [traces, logs], exporters: [upstream] }',
        '',
      ].join('\n'),
    );
    const ok = await run(process.execPath, [CLI, 'config', 'validate', '--config', good]);
    expect(ok.stdout).toContain('valid');
    const bad = join(dir, 'bad.yaml');
    writeFileSync(
      bad,
      'exporters:\n  up: { type: otlp_http, endpoint: http://x:1 }\nroutes:\n  - { signals: [traces], exporters: [upstraem] }\n',
    );
    const r = await run(process.execPath, [CLI, 'config', 'validate', '--config', bad]).catch((e: any) => e);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('upstraem');
  });

  it('prints the effective config with secrets masked', async () => {
    const file = join(dir, 'secret.yaml');
    writeFileSync(
      file,
      'exporters:\n  up: { type: otlp_http, endpoint: http://x:1, headers: { Authorization: "Bearer abc123secret" } }\nroutes:\n  - { signals: [traces], exporters: [up] }\n',
    );
    const { stdout } = await run(process.execPath, [CLI, 'config', 'print', '--config', file]);
    expect(stdout).not.toContain('abc123secret');
    expect(stdout).toContain('Authorization');
    expect(stdout).toContain('receivers:');
  });
});
