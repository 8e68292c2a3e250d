/**
 * Failover at hub level: the preferred backend is down, so after its circuit opens the hub delivers to the
 * secondary (a second hub); every span that got a 200 arrives somewhere, nothing is lost in the switch.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, getJson, type HubProcess, startHubProcess } from '../helpers/hub-process.js';

const dir = mkdtempSync(join(tmpdir(), 'sy-failover-'));
let secondary: HubProcess;
let edge: HubProcess;

beforeAll(async () => {
  secondary = await startHubProcess();
  const cfg = join(dir, 'switchyard.yaml');
  writeFileSync(
    cfg,
    [
      'exporters:',
      '  primary:',
      '    type: otlp_http',
      '    endpoint: http://127.0.0.1:1',
      '    circuitBreaker: { failureThreshold: 2, coolDownMs: 60000 }',
      '    retry: { initialIntervalMs: 20, maxIntervalMs: 50 }',
      '  backup:',
      '    type: otlp_http',
      `    endpoint: "${secondary.otlpHttp}"`,
      'failover:',
      '  primary-or-backup: { exporters: [primary, backup], durable: true }',
      'routes:',
      '  - { signals: [traces], exporters: [primary-or-backup] }',
      '',
    ].join('\n'),
  );
  edge = await startHubProcess(['--config', cfg]);
}, 90_000);

afterAll(async () => {
  expect(await edge?.stop()).toBe(0);
  expect(await secondary?.stop()).toBe(0);
  rmSync(dir, { recursive: true, force: true });
});

function request(n: number): string {
  const traceId = n.toString(16).padStart(32, 'a');
  return JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'failover' } }] },
        scopeSpans: [
          {
            spans: [
              {
                traceId,
                spanId: n.toString(16).padStart(16, 'b'),
                name: `op-${n}`,
                startTimeUnixNano: '1',
                endTimeUnixNano: '2',
              },
            ],
          },
        ],
      },
    ],
  });
}

describe('failover group', () => {
  it('delivers every acknowledged span to the secondary while the primary is down', async () => {
    const acked: string[] = [];
    for (let n = 1; n <= 20; n++) {
      const res = await fetch(`${edge.otlpHttp}/v1/traces`, {
        method: 'POST',
        body: request(n),
        headers: { 'content-type': 'application/json' },
      });
      if (res.status === 200) acked.push(n.toString(16).padStart(32, 'a'));
    }
    expect(acked).toHaveLength(20);
    await eventually(async () => {
      for (const id of acked)
        if ((await getJson(`${secondary.api}/api/traces/${id}`)).status !== 200) return undefined;
      return true;
    }, 30_000);
    const metrics = await (await fetch(`${edge.api}/metrics`)).text();
    expect(metrics).toMatch(
      /switchyard_exporter_circuit_transitions_total\{exporter="primary",to="open"\} [1-9]/,
    );
  }, 60_000);
});
