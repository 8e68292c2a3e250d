/**
 * `switchyard replay` end to end: an archive written (and rotated) by the file exporter is re-sent to a hub
 * process, which then serves the spans and logs through its API; a throttling endpoint is retried after its
 * Retry-After; a malformed line exits 2 naming the line and sends nothing.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Span, TelemetryBatch } from '@switchyard/core';
import { FileExporter } from '@switchyard/pipeline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OtlpTestServer } from '../../packages/pipeline/src/exporters/testing/otlp-test-server.js';
import { CLI, getJson, type HubProcess, startHubProcess } from '../helpers/hub-process.js';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'sy-replay-'));
const archive = join(dir, 'archive.jsonl');
let hub: HubProcess;

const TRACES = 12;

function span(trace: number, n: number): Span {
  return {
    traceId: `feed${trace.toString(16).padStart(28, '0')}`,
    spanId: `${trace.toString(16).padStart(8, '0')}${n.toString(16).padStart(8, '0')}`,
    traceState: '',
    parentSpanId: '',
    flags: 1,
    name: `step-${n}`,
    kind: 2,
    startTimeUnixNano: 1_700_000_000_000_000_000n + BigInt(n),
    endTimeUnixNano: 1_700_000_000_100_000_000n,
    attributes: { n: BigInt(n) },
    droppedAttributesCount: 0,
    events: [],
    droppedEventsCount: 0,
    links: [],
    droppedLinksCount: 0,
    status: { code: 0, message: '' },
  };
}

function traceBatch(trace: number): TelemetryBatch {
  return {
    signal: 'traces',
    data: {
      resourceSpans: [
        {
          resource: { attributes: { 'service.name': 'archived' }, droppedAttributesCount: 0 },
          scopeSpans: [
            {
              scope: { name: 't', version: '', attributes: {}, droppedAttributesCount: 0 },
              spans: [span(trace, 1), span(trace, 2), span(trace, 3)],
              schemaUrl: '',
            },
          ],
          schemaUrl: '',
        },
      ],
    },
  };
}

const logBatch: TelemetryBatch = {
  signal: 'logs',
  data: {
    resourceLogs: [
      {
        resource: { attributes: { 'service.name': 'archived' }, droppedAttributesCount: 0 },
        scopeLogs: [
          {
            scope: { name: 't', version: '', attributes: {}, droppedAttributesCount: 0 },
            logRecords: [
              {
                timeUnixNano: 1_700_000_000_000_000_000n,
                observedTimeUnixNano: 1_700_000_000_000_000_000n,
                severityNumber: 17,
                severityText: 'ERROR',
                body: 'replayed log line',
                attributes: {},
                droppedAttributesCount: 0,
                flags: 0,
                traceId: '',
                spanId: '',
                eventName: '',
              },
            ],
            schemaUrl: '',
          },
        ],
        schemaUrl: '',
      },
    ],
  },
};

/** The archive files, oldest rotation first. */
function archiveFiles(): string[] {
  return readdirSync(dir)
    .filter((f) => f.startsWith('archive.jsonl'))
    .sort((a, b) => (Number(b.split('.')[2] ?? 0) || 0) - (Number(a.split('.')[2] ?? 0) || 0))
    .map((f) => join(dir, f));
}

beforeAll(async () => {
  const fileExporter = new FileExporter('archive', {
    path: archive,
    maxBytes: 4000,
    maxFiles: 10,
    fsync: false,
  });
  for (let t = 1; t <= TRACES; t++) expect((await fileExporter.push(traceBatch(t))).kind).toBe('success');
  expect((await fileExporter.push(logBatch)).kind).toBe('success');
  await fileExporter.shutdown();
  hub = await startHubProcess();
}, 60_000);

afterAll(async () => {
  expect(await hub?.stop()).toBe(0);
  rmSync(dir, { recursive: true, force: true });
});

describe('switchyard replay', () => {
  it('re-sends a rotated archive to a hub, which then serves every span and log', async () => {
    const files = archiveFiles();
    expect(files.length).toBeGreaterThan(1);
    const r = await run(process.execPath, [CLI, 'replay', ...files, '--hub', hub.otlpHttp]);
    expect(r.stdout).toMatch(
      new RegExp(
        `replayed ${TRACES + 1} requests \\(${TRACES * 3} spans, 1 log records\\) from ${files.length} files`,
      ),
    );
    expect(r.stderr).toContain(`replay: ${TRACES + 1}/${TRACES + 1} requests`);
    for (let t = 1; t <= TRACES; t++) {
      const id = span(t, 1).traceId;
      const got = await getJson(`${hub.api}/api/traces/${id}`);
      expect(got.status).toBe(200);
      expect(got.body.spans.map((s: { spanId: string }) => s.spanId).sort()).toEqual(
        [span(t, 1).spanId, span(t, 2).spanId, span(t, 3).spanId].sort(),
      );
    }
    const logs = await getJson(`${hub.api}/api/logs?service=archived&start=0`);
    expect(logs.body.logs.map((l: { body: string }) => l.body)).toEqual(['replayed log line']);
  });

  it('retries an endpoint that answers 429 and 503 with Retry-After, losing nothing', async () => {
    const backend = new OtlpTestServer();
    backend.responder = (_req, n) =>
      n === 0
        ? { status: 429, headers: { 'retry-after': '1' } }
        : n === 3
          ? { status: 503, headers: { 'retry-after': '1' } }
          : { status: 200 };
    const url = await backend.start();
    try {
      const started = Date.now();
      const r = await run(process.execPath, [CLI, 'replay', ...archiveFiles(), '--to', url]);
      expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
      expect(r.stderr).toContain(`replay: 429 from ${url}, retrying in 1.0 s`);
      expect(r.stdout).toContain('2 retries');
      const ids = new Set(
        backend.delivered.flatMap((d) =>
          d.batch.signal === 'traces'
            ? d.batch.data.resourceSpans.flatMap((rs) =>
                rs.scopeSpans.flatMap((ss) => ss.spans.map((s) => s.spanId)),
              )
            : [],
        ),
      );
      expect(ids.size).toBe(TRACES * 3);
    } finally {
      await backend.stop();
    }
  });

  it('exits 2 naming the malformed line, and sends nothing', async () => {
    const backend = new OtlpTestServer();
    const url = await backend.start();
    const bad = join(dir, 'bad.jsonl');
    const good = JSON.stringify({ resourceLogs: [] });
    writeFileSync(bad, `${good}\n${good}\n{"resourceSpans": [{"scopeSpans": [}\n${good}\n`);
    try {
      const err = await run(process.execPath, [CLI, 'replay', bad, '--to', url]).catch(
        (e: { code: number; stderr: string }) => e,
      );
      expect(err).toMatchObject({ code: 2 });
      expect((err as { stderr: string }).stderr).toContain(
        `line 3 of ${bad} is not an OTLP/JSON export request`,
      );
      expect((err as { stderr: string }).stderr).toContain('nothing was sent');
      expect(backend.requests).toHaveLength(0);
    } finally {
      await backend.stop();
    }
  });

  it('exits 2 for a missing file and for --to with --hub', async () => {
    const missing = await run(process.execPath, [CLI, 'replay', join(dir, 'nope.jsonl')]).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(missing).toMatchObject({ code: 2 });
    expect((missing as { stderr: string }).stderr).toContain('cannot read');
    const both = await run(process.execPath, [
      CLI,
      'replay',
      archive,
      '--to',
      'http://127.0.0.1:1',
      '--hub',
      'http://127.0.0.1:2',
    ]).catch((e: { code: number; stderr: string }) => e);
    expect(both).toMatchObject({ code: 2 });
    expect((both as { stderr: string }).stderr).toContain('not both');
  });
});
