import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeRequest } from '@switchyard/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spanBatch, spanIds } from '../testing/spans.js';
import { FileExporter } from './file-exporter.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sy-file-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Every span id in the archive files, oldest file first, decoded with the OTLP JSON codec. */
function archivedIds(files: string[]): string[] {
  return files.flatMap((f) =>
    readFileSync(join(dir, f), 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .flatMap((l) => spanIds(decodeRequest('traces', Buffer.from(l), 'json'))),
  );
}

describe('FileExporter', () => {
  it('writes one OTLP JSON line per batch that the OTLP decoder reads back', async () => {
    const path = join(dir, 'sub', 'out.jsonl');
    const e = new FileExporter('f', { path, maxBytes: 1e9, maxFiles: 2, fsync: true });
    await Promise.all([e.push(spanBatch(1, 3)), e.push(spanBatch(4, 2))]);
    await e.shutdown();
    const lines = readFileSync(path, 'utf8').split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]!.startsWith('{"resourceSpans":')).toBe(true);
    expect(archivedIds(['sub/out.jsonl'])).toEqual(spanIds(spanBatch(1, 5)));
  });

  it('rotates by size and keeps at most maxFiles archives, each under the size bound', async () => {
    const path = join(dir, 'out.jsonl');
    const maxBytes = 3000;
    const e = new FileExporter('f', { path, maxBytes, maxFiles: 2, fsync: false });
    for (let i = 0; i < 40; i++) expect(await e.push(spanBatch(i * 2, 2))).toEqual({ kind: 'success' });
    await e.shutdown();
    const files = readdirSync(dir).sort();
    expect(files).toEqual(['out.jsonl', 'out.jsonl.1', 'out.jsonl.2']);
    for (const f of files) expect(statSync(join(dir, f)).size).toBeLessThanOrEqual(maxBytes);
    // The newest data survives, in order, across the kept files.
    const ids = archivedIds(['out.jsonl.2', 'out.jsonl.1', 'out.jsonl']);
    expect(ids.at(-1)).toBe(spanIds(spanBatch(79, 1))[0]);
    expect(ids).toEqual([...ids].sort());
  });

  it('reports an unwritable path as a permanent failure', async () => {
    const e = new FileExporter('f', { path: dir, maxBytes: 1000, maxFiles: 1, fsync: false });
    expect((await e.push(spanBatch(1, 1))).kind).toBe('permanent');
    await e.shutdown();
  });
});
