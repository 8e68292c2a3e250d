/**
 * Crash test: a hub forwards traces through a durable `otlp_http` exporter whose backend is down, answers
 * 200 for each request, and is killed with SIGKILL. A new hub on the same data directory, whose exporter now
 * points at a live backend (a loopback OTLP server recording span ids), delivers every span that got a 200.
 * Duplicates are allowed; losses are not.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OtlpTestServer } from '../../packages/pipeline/src/exporters/testing/otlp-test-server.js';
import { eventually, type HubProcess, startHubProcess } from '../helpers/hub-process.js';

const dir = mkdtempSync(join(tmpdir(), 'sy-crash-'));
const dataDir = join(dir, 'data');
const backend = new OtlpTestServer();
const hubs: HubProcess[] = [];

afterAll(async () => {
  for (const h of hubs) await h.stop('SIGKILL');
  await backend.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A loopback port with nothing listening on it. */
async function deadPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

function spanHex(n: number): string {
  return n.toString(16).padStart(16, '0');
}

function request(first: number, count: number): string {
  const spans = Array.from({ length: count }, (_, i) => ({
    traceId: `c0ffee${spanHex(first + i)}`.padEnd(32, '0'),
    spanId: spanHex(first + i),
    name: 'checkout',
    startTimeUnixNano: '1700000000000000000',
    endTimeUnixNano: '1700000000100000000',
    attributes: [{ key: 'seq', value: { intValue: String(first + i) } }],
  }));
  return JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'crashy' } }] },
        scopeSpans: [{ spans }],
      },
    ],
  });
}

describe('durable routing across kill -9', () => {
  it('delivers every span that got a 200 after the hub is killed and restarted', async () => {
    const cfg = join(dir, 'switchyard.yaml');
    writeFileSync(
      cfg,
      [
        'exporters:',
        '  upstream:',
        '    type: otlp_http',
        '    endpoint: "${UPSTREAM}"',
        '    durable: true',
        '    retry: { initialIntervalMs: 50, maxIntervalMs: 500, maxElapsedMs: 600000 }',
        'routes:',
        '  - { signals: [traces], exporters: [upstream] }',
        '',
      ].join('\n'),
    );
    process.env.UPSTREAM = `http://127.0.0.1:${await deadPort()}`;
    const first = await startHubProcess(['--config', cfg], dataDir);
    hubs.push(first);

    const REQUESTS = 200;
    const PER_REQUEST = 5;
    const acknowledged = new Set<string>();
    let refused = 0;
    for (let r = 0; r < REQUESTS; r += 10) {
      await Promise.all(
        Array.from({ length: 10 }, async (_, k) => {
          const base = (r + k) * PER_REQUEST + 1;
          const res = await fetch(`${first.otlpHttp}/v1/traces`, {
            method: 'POST',
            body: request(base, PER_REQUEST),
            headers: { 'content-type': 'application/json' },
          });
          await res.arrayBuffer();
          if (res.status === 200) for (let i = 0; i < PER_REQUEST; i++) acknowledged.add(spanHex(base + i));
          else refused++;
        }),
      );
    }
    expect(acknowledged.size).toBeGreaterThan(0);
    expect(acknowledged.size + refused * PER_REQUEST).toBe(REQUESTS * PER_REQUEST);

    // No clean shutdown: nothing is drained or flushed.
    expect(await first.stop('SIGKILL')).toBeNull();
    expect(first.child.signalCode).toBe('SIGKILL');
    expect(backend.requests).toHaveLength(0);

    process.env.UPSTREAM = await backend.start();
    const second = await startHubProcess(['--config', cfg], dataDir);
    hubs.push(second);
    const delivered = (): Set<string> =>
      new Set(
        backend.delivered.flatMap((d) =>
          d.batch.signal === 'traces'
            ? d.batch.data.resourceSpans.flatMap((rs) =>
                rs.scopeSpans.flatMap((ss) => ss.spans.map((s) => s.spanId)),
              )
            : [],
        ),
      );
    await eventually(async () => {
      const got = delivered();
      return [...acknowledged].every((id) => got.has(id)) ? true : undefined;
    }, 60_000);
    const got = delivered();
    const missing = [...acknowledged].filter((id) => !got.has(id));
    expect(missing).toEqual([]);
    expect(await second.stop()).toBe(0);
  }, 120_000);
});
