/**
 * `switchyard up --demo` as users run it: within a minute the demo's services are visible through the API,
 * with traces crossing services, logs correlated with traces, RED metrics — and the CLI can query them.
 */
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, eventually, getJson, type HubProcess, startHubProcess } from '../helpers/hub-process.js';

const run = promisify(execFile);
let hub: HubProcess;

beforeAll(async () => {
  hub = await startHubProcess(['--demo', '--seed', '7']);
}, 60_000);

afterAll(async () => {
  expect(await hub?.stop('SIGINT')).toBe(0);
});

describe('switchyard up --demo', () => {
  it('shows at least five services with spans within a minute', async () => {
    const services = await eventually(async () => {
      const r = await getJson(`${hub.api}/api/services`);
      const withSpans = r.body.services.filter((s: any) => s.spanCount > 0);
      return withSpans.length >= 5 ? withSpans : undefined;
    }, 60_000);
    expect(services.map((s: any) => s.name)).toEqual(
      expect.arrayContaining(['frontend', 'checkout-api', 'inventory', 'payment', 'user-service']),
    );
  }, 70_000);

  it('records traces that cross services, with logs correlated to them', async () => {
    const { traces } = (await getJson(`${hub.api}/api/traces?service=frontend&limit=50&start=now-10m`)).body;
    const crossing = traces.find((t: any) => t.services.length >= 2);
    expect(crossing).toBeDefined();
    const trace = await getJson(`${hub.api}/api/traces/${crossing.traceId}`);
    const services = new Set(trace.body.spans.map((s: any) => s.resource.attributes['service.name']));
    expect(services.size).toBeGreaterThanOrEqual(2);
    const logs = await eventually(async () => {
      const r = await getJson(`${hub.api}/api/logs?limit=200&start=now-10m`);
      const correlated = r.body.logs.filter((l: any) => l.traceId !== '');
      return correlated.length > 0 ? correlated : undefined;
    });
    const someTrace = await getJson(`${hub.api}/api/traces/${logs[0].traceId}`);
    expect(someTrace.status).toBe(200);
  });

  it('exports RED metrics that can be queried as a p99 latency', async () => {
    const series = await eventually(async () => {
      const r = await getJson(
        `${hub.api}/api/metrics?name=http.server.request.duration&agg=p99&step=60s&start=now-10m`,
      );
      return r.status === 200 && r.body.series.length > 0 ? r.body.series : undefined;
    }, 30_000);
    const values = series.flatMap((s: any) => s.points.map((p: [number, number]) => p[1]));
    expect(values.some((v: number) => v > 0)).toBe(true);
  }, 40_000);

  it('answers plain-language questions with the query it ran, and suggests a service for a typo', async () => {
    const { stdout } = await run(process.execPath, [
      CLI,
      'ask',
      'p95 latency of frontend in the last 10 minutes',
      '--hub',
      hub.api,
      '--show-query',
    ]);
    expect(stdout).toMatch(/understood as: .*latency.*frontend/i);
    expect(stdout).toMatch(/ran: /);
    const json = JSON.parse(
      (
        await run(process.execPath, [
          CLI,
          'ask',
          'error logs of payment in the last hour',
          '--hub',
          hub.api,
          '--format',
          'json',
        ])
      ).stdout,
    );
    expect(json[0].result.signal).toBe('logs');
    expect(json[0].result.records.every((r: any) => r.service === 'payment')).toBe(true);
    const typo = await run(process.execPath, [
      CLI,
      'ask',
      'error rate of frontnd in the last hour',
      '--hub',
      hub.api,
    ]).catch((e: any) => e);
    expect(typo.code).not.toBe(0);
    expect(typo.stderr).toContain('frontend');
  });

  it('falls back to an OpenAI-compatible LLM for questions the rules cannot parse, validating and showing its answer', async () => {
    const requests: any[] = [];
    const llm = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        requests.push({ url: req.url, auth: req.headers.authorization, body: JSON.parse(body) });
        const content = JSON.stringify({ signal: 'logs', service: 'payment', severity: 'warn' });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ choices: [{ message: { role: 'assistant', content } }] }));
      });
    });
    await new Promise<void>((r) => llm.listen(0, '127.0.0.1', r));
    const port = (llm.address() as AddressInfo).port;
    try {
      const env = {
        ...process.env,
        SWITCHYARD_LLM_URL: `http://127.0.0.1:${port}/v1`,
        SWITCHYARD_LLM_MODEL: 'test-model',
        SWITCHYARD_LLM_API_KEY: 'sk-test',
      };
      const { stdout } = await run(
        process.execPath,
        [CLI, 'ask', 'anything odd going on with money stuff?', '--hub', hub.api],
        { env },
      );
      expect(stdout).toContain('LLM test-model proposed');
      expect(stdout).toContain('"service":"payment"');
      expect(requests[0].url).toBe('/v1/chat/completions');
      expect(requests[0].auth).toBe('Bearer sk-test');
      expect(requests[0].body.messages.at(-1).content).toContain('money stuff');
      // Without the env var the same question is refused by the rules, not sent anywhere.
      const off = await run(process.execPath, [
        CLI,
        'ask',
        'anything odd going on with money stuff?',
        '--hub',
        hub.api,
      ]).catch((e: any) => e);
      expect(off.code).not.toBe(0);
      expect(requests).toHaveLength(1);
    } finally {
      llm.close();
    }
  });

  it('analyzes a demo trace from the hub as a waterfall', async () => {
    const { traces } = (await getJson(`${hub.api}/api/traces?service=frontend&limit=5&start=now-10m`)).body;
    const { stdout } = await run(process.execPath, [
      CLI,
      'analyze',
      'trace',
      traces[0].traceId,
      '--hub',
      hub.api,
    ]);
    expect(stdout).toContain('frontend');
    expect(stdout.toLowerCase()).toContain('bottleneck');
  });

  it('answers the CLI: query traces as CSV and a bad flag with exit code 2', async () => {
    const { stdout } = await run(process.execPath, [
      CLI,
      'query',
      'traces',
      '--hub',
      hub.api,
      '--format',
      'csv',
      '--limit',
      '5',
    ]);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toBe('time,traceId,service,operation,durationMs,spans,errors');
    expect(lines.length).toBeGreaterThan(1);
    const bad = await run(process.execPath, [CLI, 'query', 'traces', '--limit', 'many']).catch((e: any) => e);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("'many' is not an integer");
  });
});
