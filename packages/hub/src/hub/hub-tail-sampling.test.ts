import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hubConfigSchema } from '../config/hub-config.js';
import { Hub } from './hub.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function startHub(decisionWaitMs: number, dataDir = mkdtempSync(join(tmpdir(), 'sy-tail-'))): Hub {
  dirs.push(dataDir);
  const config = hubConfigSchema.parse({
    dataDir,
    api: { port: 0 },
    receivers: { otlp: { http: { port: 0 }, grpc: { enabled: false } } },
    mcp: { enabled: false },
    processors: { tailSampling: { enabled: true, decisionWaitMs, policies: [{ type: 'errors' }] } },
  });
  return new Hub(config, () => {});
}

function traceBody(traceId: string, error: boolean): string {
  return JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'sampled' } }] },
        scopeSpans: [
          {
            spans: [
              {
                traceId,
                spanId: `${traceId.slice(0, 15)}1`,
                name: 'op',
                startTimeUnixNano: '1700000000000000000',
                endTimeUnixNano: '1700000000100000000',
                status: error ? { code: 2 } : {},
              },
            ],
          },
        ],
      },
    ],
  });
}

async function send(otlp: string, traceId: string, error: boolean): Promise<number> {
  const res = await fetch(`${otlp}/v1/traces`, {
    method: 'POST',
    body: traceBody(traceId, error),
    headers: { 'content-type': 'application/json' },
  });
  return res.status;
}

const ERR = 'aa'.repeat(16);
const OK = 'bb'.repeat(16);

describe('hub with tail sampling', () => {
  it('stores error traces after the decision wait and drops the others', async () => {
    const hub = startHub(300);
    const a = await hub.start();
    try {
      expect(await send(a.otlpHttp!, ERR, true)).toBe(200);
      expect(await send(a.otlpHttp!, OK, false)).toBe(200);
      // Held, not yet stored.
      expect((await fetch(`${a.api}/api/traces/${ERR}`)).status).toBe(404);
      await new Promise((r) => setTimeout(r, 800));
      expect((await fetch(`${a.api}/api/traces/${ERR}`)).status).toBe(200);
      expect((await fetch(`${a.api}/api/traces/${OK}`)).status).toBe(404);
      const metrics = await (await fetch(`${a.api}/metrics`)).text();
      expect(metrics).toContain('switchyard_tail_sampling_traces_total{decision="kept",policy="errors"} 1');
    } finally {
      await hub.stop();
    }
  });

  it('decides and stores the held error traces on shutdown', async () => {
    const hub = startHub(600_000);
    const a = await hub.start();
    expect(await send(a.otlpHttp!, ERR, true)).toBe(200);
    await hub.stop();
    // A fresh hub on the same data directory finds the trace the first one stored while stopping.
    const again = startHub(600_000, hub.config.dataDir);
    const b = await again.start();
    try {
      expect((await fetch(`${b.api}/api/traces/${ERR}`)).status).toBe(200);
    } finally {
      await again.stop();
    }
  });
});
