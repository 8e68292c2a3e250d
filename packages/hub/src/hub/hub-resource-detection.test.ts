import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hubConfigSchema } from '../config/hub-config.js';
import { Hub } from './hub.js';
import { detectHubResource } from './resource-detection.js';

const dirs: string[] = [];
const savedEnv = process.env.OTEL_RESOURCE_ATTRIBUTES;
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  if (savedEnv === undefined) delete process.env.OTEL_RESOURCE_ATTRIBUTES;
  else process.env.OTEL_RESOURCE_ATTRIBUTES = savedEnv;
});

const TRACE = 'cd'.repeat(16);

describe('resource detection', () => {
  it('reads OTEL_RESOURCE_ATTRIBUTES (URL-decoded) before the host, and reports malformed entries', async () => {
    const r = await detectHubResource(
      { type: 'resource_detection', detectors: ['env', 'system'], override: false, timeoutMs: 500 },
      { OTEL_RESOURCE_ATTRIBUTES: 'host.name=edge-1,team=a%2Cb,broken' },
    );
    expect(r.attributes['host.name']).toBe('edge-1');
    expect(r.attributes.team).toBe('a,b');
    expect(r.attributes['os.type']).toBe('linux');
    expect(r.notes.join('\n')).toContain("entry 3 'broken' has no '='");
  });

  it('adds the hub host to stored resources without replacing what the sender reported', async () => {
    process.env.OTEL_RESOURCE_ATTRIBUTES = 'deployment.environment.name=prod,service.name=hub-itself';
    const dataDir = mkdtempSync(join(tmpdir(), 'sy-resdet-'));
    dirs.push(dataDir);
    const lines: string[] = [];
    const hub = new Hub(
      hubConfigSchema.parse({
        dataDir,
        api: { port: 0 },
        receivers: { otlp: { http: { port: 0 }, grpc: { enabled: false } } },
        mcp: { enabled: false },
        processors: { transforms: [{ type: 'resource_detection', detectors: ['env', 'system'] }] },
      }),
      (l) => lines.push(l),
    );
    const a = await hub.start();
    try {
      const body = {
        resourceSpans: [
          {
            resource: { attributes: [{ key: 'service.name', value: { stringValue: 'checkout' } }] },
            scopeSpans: [
              {
                spans: [
                  {
                    traceId: TRACE,
                    spanId: 'ab'.repeat(8),
                    name: 'op',
                    startTimeUnixNano: '1700000000000000000',
                    endTimeUnixNano: '1700000000100000000',
                  },
                ],
              },
            ],
          },
        ],
      };
      const res = await fetch(`${a.otlpHttp}/v1/traces`, {
        method: 'POST',
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/json' },
      });
      expect(res.status).toBe(200);
      let text = '';
      for (let i = 0; i < 50 && !text.includes('deployment.environment.name'); i++) {
        const r = await fetch(`${a.api}/api/traces/${TRACE}`);
        text = r.status === 200 ? await r.text() : '';
        if (!text) await new Promise((r) => setTimeout(r, 100));
      }
      const trace = JSON.parse(text);
      const resource = JSON.stringify(trace);
      expect(resource).toContain('"deployment.environment.name":"prod"');
      expect(resource).toContain(`"host.name":"${hostname()}"`);
      expect(resource).toContain('"service.name":"checkout"');
      expect(resource).not.toContain('hub-itself');
      expect(lines.join('\n')).toContain(
        'resource_detection/0: adds deployment.environment.name, service.name',
      );
    } finally {
      await hub.stop();
    }
  });
});
