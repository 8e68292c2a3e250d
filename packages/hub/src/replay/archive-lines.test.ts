import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OtlpDecodeError } from '@switchyard/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ArchiveLine, parseArchiveLine, readArchive } from './archive-lines.js';

const TRACES = JSON.stringify({
  resourceSpans: [
    {
      resource: { attributes: [] },
      scopeSpans: [
        {
          spans: [
            {
              traceId: 'ab'.repeat(16),
              spanId: 'cd'.repeat(8),
              name: 'a',
              startTimeUnixNano: '1',
              endTimeUnixNano: '2',
            },
            {
              traceId: 'ab'.repeat(16),
              spanId: 'ce'.repeat(8),
              name: 'b',
              startTimeUnixNano: '1',
              endTimeUnixNano: '2',
            },
          ],
        },
      ],
    },
  ],
});
const LOGS = JSON.stringify({
  resourceLogs: [{ scopeLogs: [{ logRecords: [{ timeUnixNano: '1', body: { stringValue: 'hi' } }] }] }],
});

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sy-archive-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function all(file: string): Promise<ArchiveLine[]> {
  const out: ArchiveLine[] = [];
  for await (const l of readArchive(file)) out.push(l);
  return out;
}

describe('readArchive', () => {
  it('yields each request with its signal, item count and 1-based line number, skipping blank lines', async () => {
    const f = join(dir, 'a.jsonl');
    writeFileSync(f, `${TRACES}\n\n${LOGS}\n`);
    const lines = await all(f);
    expect(lines.map((l) => [l.line, l.signal, l.items])).toEqual([
      [1, 'traces', 2],
      [3, 'logs', 1],
    ]);
    expect(lines[0]!.body.toString()).toBe(TRACES);
  });

  it('names the file and line of a line that is not JSON', async () => {
    const f = join(dir, 'bad.jsonl');
    writeFileSync(f, `${TRACES}\n${LOGS}\n{"resourceSpans": [\n`);
    const err = await all(f).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OtlpDecodeError);
    expect((err as OtlpDecodeError).message).toContain(`line 3 of ${f}`);
    expect((err as OtlpDecodeError).path).toBe(`${f}:3`);
  });
});

describe('parseArchiveLine', () => {
  it('rejects JSON that is not an OTLP export request', () => {
    expect(() => parseArchiveLine('x', 7, '{"hello": 1}')).toThrow(/line 7 of x .*no resourceSpans/);
    expect(() => parseArchiveLine('x', 2, '[1,2]')).toThrow(/expected a JSON object/);
  });

  it('rejects a request whose content the OTLP decoder refuses', () => {
    const bad = JSON.stringify({
      resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: 'zz', spanId: 'x' }] }] }],
    });
    expect(() => parseArchiveLine('x', 4, bad)).toThrow(OtlpDecodeError);
  });
});
