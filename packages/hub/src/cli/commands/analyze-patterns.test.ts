import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { analyzePatterns, analyzePatternsCommand, forEachLine } from './analyze-patterns.js';

const LINES = [
  'user alice logged in',
  'disk sda1 is full',
  'user bob logged in',
  'user carol logged in',
  'disk sdb2 is full',
  'user dave logged in',
];

async function run(lines: string[], opts: Parameters<typeof analyzePatterns>[2]): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await analyzePatterns(Readable.from([lines.join('\n')]), out, opts);
  return Buffer.concat(chunks).toString('utf8');
}

describe('analyze patterns', () => {
  it('--per-line prints one NDJSON object per input line, in order, with the final template', async () => {
    const text = await run(LINES, { perLine: true, format: 'table' });
    const rows = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows.map((r) => r.line)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Object.keys(rows[0]).sort()).toEqual(['line', 'patternId', 'template']);
    // Line 1 was seen before its pattern generalised; it still reports the final template.
    expect(rows[0].template).toBe('user <*> logged in');
    expect(rows[0].patternId).toBe(rows[5].patternId);
    expect(rows[1].template).toBe('disk <*> is full');
  });

  it('--per-line reports the pattern a line ends in after a state word is split back out', async () => {
    const lines = ['risBoot (command 1)', 'halt (command 2)', 'clusterAddMember (command 3)'];
    for (let i = 0; i < 30; i++) lines.push(`boot (command ${i})`, `wait (command ${i})`);
    lines.push('halt (command 4)', 'risBoot (command 5)', 'clusterAddMember (command 6)');
    const rows = (await run(lines, { perLine: true, format: 'table' }))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows[0].template).toBe('risBoot (command <*>)');
    expect(rows[3].template).toBe('boot (command <*>)');
    expect(rows[4].template).toBe('wait (command <*>)');
    expect(rows[0].patternId).toBe(rows[64].patternId);
    expect(new Set(rows.map((r) => r.patternId)).size).toBe(5);
  });

  it('prints a pattern table by default and JSON or CSV on request', async () => {
    const table = await run(LINES, { perLine: false, format: 'table' });
    expect(table.split('\n')[0]).toMatch(/^COUNT\s+SHARE\s+TEMPLATE\s+EXAMPLE/);
    expect(table).toContain('user <*> logged in');
    const json = JSON.parse(await run(LINES, { perLine: false, format: 'json' }));
    expect(json.patterns[0]).toMatchObject({ template: 'user <*> logged in', count: 4 });
    const csv = await run(LINES, { perLine: false, format: 'csv' });
    expect(csv.split('\n')[0]).toBe('id,count,share,template,example');
  });

  it('splits input into lines across chunks, with CRLF and a last line without newline', async () => {
    const got: string[] = [];
    await forEachLine(Readable.from([Buffer.from('a b\r\nc'), Buffer.from('d\n\nlast')]), (l) => got.push(l));
    expect(got).toEqual(['a b', 'cd', '', 'last']);
  });

  it('rejects an unknown --format and an unreadable file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sy-patterns-'));
    const file = join(dir, 'in.log');
    writeFileSync(file, LINES.join('\n'));
    const parse = (args: string[]) =>
      analyzePatternsCommand()
        .exitOverride()
        .configureOutput({ writeErr: () => {} })
        .parseAsync(args, { from: 'user' });
    await expect(parse([file, '--format', 'xml'])).rejects.toBeInstanceOf(CommanderError);
    await expect(parse([file, '--bogus'])).rejects.toBeInstanceOf(CommanderError);
    await expect(parse([join(dir, 'missing.log')])).rejects.toThrow(/cannot read/);
  });
});
