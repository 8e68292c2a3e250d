import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { encodeTracesJson, type Span, type TraceData } from '@switchyard/core';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const CLI = resolve(import.meta.dirname, '../../../bin/switchyard.js');
const TRACE = 'aa'.repeat(16);
const T0 = 1_700_000_000_000_000_000n;
const MS = 1_000_000n;

function span(id: string, parent: string, name: string, startMs: number, endMs: number, error = false): Span {
  return {
    traceId: TRACE,
    spanId: id.padStart(16, '0'),
    parentSpanId: parent ? parent.padStart(16, '0') : '',
    traceState: '',
    flags: 0,
    name,
    kind: 2,
    startTimeUnixNano: T0 + BigInt(startMs) * MS,
    endTimeUnixNano: T0 + BigInt(endMs) * MS,
    attributes: {},
    droppedAttributesCount: 0,
    events: [],
    droppedEventsCount: 0,
    links: [],
    droppedLinksCount: 0,
    status: { code: error ? 2 : 0, message: error ? 'boom' : '' },
  };
}

function traceFile(): string {
  const data: TraceData = {
    resourceSpans: [
      {
        resource: { attributes: { 'service.name': 'checkout' }, droppedAttributesCount: 0 },
        schemaUrl: '',
        scopeSpans: [
          {
            scope: { name: 's', version: '', attributes: {}, droppedAttributesCount: 0 },
            schemaUrl: '',
            spans: [
              span('1', '', 'POST /checkout', 0, 100),
              span('2', '1', 'SELECT stock', 5, 85, true),
              span('3', '1', 'render', 86, 95),
            ],
          },
        ],
      },
    ],
  };
  const dir = mkdtempSync(join(tmpdir(), 'sy-trace-'));
  const file = join(dir, 'trace.json');
  writeFileSync(file, encodeTracesJson(data));
  return file;
}

describe('switchyard analyze trace --file', () => {
  it('prints a waterfall naming the bottleneck and the error origin', async () => {
    const { stdout } = await run(process.execPath, [CLI, 'analyze', 'trace', '--file', traceFile()]);
    expect(stdout).toContain('SELECT stock');
    expect(stdout.toLowerCase()).toContain('bottleneck');
    expect(stdout).toContain('boom');
  });

  it('prints the analysis as JSON with the bottleneck share', async () => {
    const { stdout } = await run(process.execPath, [
      CLI,
      'analyze',
      'trace',
      TRACE,
      '--file',
      traceFile(),
      '--format',
      'json',
    ]);
    const a = JSON.parse(stdout);
    expect(a.bottleneck.name).toBe('SELECT stock');
    expect(a.bottleneck.share).toBeGreaterThan(0.7);
    expect(a.errorOrigin.spanId).toBe('0000000000000002');
  });

  it('exits 2 for a malformed trace id', async () => {
    const r = await run(process.execPath, [CLI, 'analyze', 'trace', 'xyz', '--file', traceFile()]).catch(
      (e: any) => e,
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('TRACE_ID');
  });
});
