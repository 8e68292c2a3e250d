/**
 * Disk-full test at hub level: the real hub process forwards traces through a durable `otlp_http` exporter
 * whose queue directory is a 2 MiB tmpfs, most of it taken by a filler file, while the backend is down.
 * Once the queue's disk is full, OTLP/HTTP senders get 503 + Retry-After, the refusals are counted on
 * /metrics and /api/pipeline, and the hub keeps running. Then the filler is deleted and the backend comes
 * up: every span that got a 200 arrives, no record is corrupt (also after a restart), and the queue's disk
 * use shrinks.
 *
 * Mounting needs root (which this project's test machines and CI have): under CI a failed mount fails the
 * test; elsewhere the test is skipped with the reason.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeRequest } from '@switchyard/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OtlpTestServer } from '../../packages/pipeline/src/exporters/testing/otlp-test-server.js';
import { spanBatch, spanIds } from '../../packages/pipeline/src/exporters/testing/spans.js';
import { eventually, getJson, type HubProcess, startHubProcess } from '../helpers/hub-process.js';
import { freePort } from '../helpers/prometheus-binary.js';

const dir = mkdtempSync(join(tmpdir(), 'sy-diskfull-'));
const dataDir = join(dir, 'data');
const queues = join(dataDir, 'queues'); // the hub keeps exporter queues under <dataDir>/queues/<name>/
const queueDir = join(queues, 'upstream');
const filler = join(queues, 'filler.bin');

function mountTmpfs(): string | undefined {
  try {
    mkdirSync(queues, { recursive: true });
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', queues], { stdio: 'pipe' });
    return undefined;
  } catch (err) {
    return `cannot mount a tmpfs (needs root): ${err instanceof Error ? err.message : String(err)}`;
  }
}

const mountError = mountTmpfs();
const mustRun = Boolean(process.env.CI);
if (mountError && !mustRun) {
  console.warn(`skipping the hub disk-full test: ${mountError}`);
  rmSync(dir, { recursive: true, force: true });
}

const backend = new OtlpTestServer();
const hubs: HubProcess[] = [];

/** Bytes of the queue's segment files. */
function queueDiskBytes(): number {
  return readdirSync(queueDir)
    .filter((f) => f.startsWith('segment-'))
    .reduce((sum, f) => sum + statSync(join(queueDir, f)).size, 0);
}

function metricValue(text: string, name: string, exporter: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && l.includes(`exporter="${exporter}"`));
  return line ? Number(line.split(' ').at(-1)) : Number.NaN;
}

async function metrics(hub: HubProcess): Promise<string> {
  return (await fetch(`${hub.api}/metrics`)).text();
}

describe.skipIf(Boolean(mountError) && !mustRun)('hub durable queue on a full disk', () => {
  beforeAll(() => {
    if (mountError) throw new Error(mountError); // only reached under CI: the test must not silently skip
    // Leaves ≈ 512 KiB of the 2 MiB for the queue.
    writeFileSync(filler, Buffer.alloc(1536 * 1024, 1));
  });

  afterAll(async () => {
    for (const h of hubs) await h.stop('SIGKILL');
    await backend.stop().catch(() => {});
    if (!mountError) execFileSync('umount', ['-l', queues]); // lazy: still-open files must not fail clean-up
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses with 503 + Retry-After when the queue disk is full, then delivers every acknowledged span', async () => {
    const port = await freePort(); // the backend's address, with nothing listening until it "comes up"
    const cfg = join(dir, 'switchyard.yaml');
    writeFileSync(
      cfg,
      [
        'exporters:',
        '  upstream:',
        '    type: otlp_http',
        `    endpoint: http://127.0.0.1:${port}`,
        '    durable: true',
        '    queue: { segmentBytes: 65536 }',
        '    retry: { initialIntervalMs: 50, maxIntervalMs: 300, maxElapsedMs: 600000 }',
        '    circuitBreaker: { coolDownMs: 500 }',
        'routes:',
        '  - { signals: [traces], exporters: [upstream] }',
        '',
      ].join('\n'),
    );
    const hub = await startHubProcess(['--config', cfg], dataDir);
    hubs.push(hub);

    // Plain OTLP/HTTP protobuf posts of 50 spans (≈ 5 KB) until the queue's disk has refused 20 of them.
    const acknowledged = new Set<string>();
    const refusals: { status: number; retryAfter: string | null }[] = [];
    let n = 0;
    while (refusals.length < 20 && n < 2000) {
      const batch = spanBatch(1 + n * 50, 50);
      n++;
      const res = await fetch(`${hub.otlpHttp}/v1/traces`, {
        method: 'POST',
        body: encodeRequest(batch, 'protobuf'),
        headers: { 'content-type': 'application/x-protobuf' },
      });
      await res.arrayBuffer();
      if (res.status === 200) for (const id of spanIds(batch)) acknowledged.add(id);
      else refusals.push({ status: res.status, retryAfter: res.headers.get('retry-after') });
    }
    expect(acknowledged.size).toBeGreaterThan(0);
    expect(refusals).toHaveLength(20);
    for (const r of refusals) {
      expect([429, 503]).toContain(r.status);
      expect(Number(r.retryAfter)).toBeGreaterThan(0);
    }
    expect(refusals.some((r) => r.status === 503)).toBe(true);
    expect(acknowledged.size + refusals.length * 50).toBe(n * 50);

    // Counted where operators look, and the hub is still up.
    const refusedOnMetrics = metricValue(
      await metrics(hub),
      'switchyard_queue_refused_requests_total',
      'upstream',
    );
    expect(refusedOnMetrics).toBeGreaterThanOrEqual(refusals.filter((r) => r.status === 503).length);
    const pipeline = await getJson(`${hub.api}/api/pipeline`);
    const family = (
      pipeline.body.metrics as { name: string; series: { labels: Record<string, string>; value: number }[] }[]
    ).find((f) => f.name === 'switchyard_queue_refused_requests_total');
    expect(family?.series.find((s) => s.labels.exporter === 'upstream')?.value).toBe(refusedOnMetrics);
    expect(hub.child.exitCode).toBeNull();
    expect((await fetch(`${hub.api}/healthz`)).status).toBe(200);
    const fullBytes = queueDiskBytes();

    // Space returns and the backend comes up.
    rmSync(filler);
    await backend.start(port);
    const delivered = (): Set<string> => new Set(backend.delivered.flatMap((d) => spanIds(d.batch)));
    await eventually(async () => {
      const got = delivered();
      return [...acknowledged].every((id) => got.has(id)) ? true : undefined;
    }, 60_000);
    expect([...acknowledged].filter((id) => !delivered().has(id))).toEqual([]);

    // Delivered segments are deleted (off the event loop, so give it a moment): disk use shrinks.
    const shrunk = await eventually(async () => {
      const bytes = queueDiskBytes();
      return bytes < fullBytes / 2 ? bytes : undefined;
    }, 15_000);
    expect(shrunk).toBeLessThan(fullBytes / 2);
    expect(metricValue(await metrics(hub), 'switchyard_queue_corrupt_records_total', 'upstream')).toBe(0);
    expect(await hub.stop()).toBe(0);

    // Recovery on restart reads every remaining segment and checks every CRC: still nothing corrupt.
    const again = await startHubProcess(['--config', cfg], dataDir);
    hubs.push(again);
    const text = await metrics(again);
    expect(metricValue(text, 'switchyard_queue_corrupt_records_total', 'upstream')).toBe(0);
    expect(metricValue(text, 'switchyard_queue_items', 'upstream')).toBe(0);
    expect(await again.stop()).toBe(0);
  }, 120_000);
});
