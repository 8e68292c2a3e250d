import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { ParameterError, SwitchyardError } from '@switchyard/core';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { analyzeAnomaliesCommand, analyzeAnomalyCsv } from './analyze-anomalies.js';

function sink(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      chunks.push(String(chunk));
      cb();
    },
  });
  return { stream, text: () => chunks.join('') };
}

async function run(csv: string, events = false): Promise<string> {
  const out = sink();
  await analyzeAnomalyCsv(Readable.from([csv]), out.stream, {
    sensitivity: 'medium',
    events,
    source: 'in.csv',
  });
  return out.text();
}

function rows(n: number, spikeAt = -1): string {
  const lines = ['timestamp,value'];
  for (let i = 0; i < n; i++) {
    const t = new Date(Date.UTC(2014, 3, 1) + i * 300_000).toISOString().replace('T', ' ').slice(0, 19);
    lines.push(`${t},${i === spikeAt ? 500 : 10 + (i % 5)}`);
  }
  return `${lines.join('\n')}\n`;
}

async function failure(csv: string): Promise<SwitchyardError> {
  try {
    await run(csv);
  } catch (err) {
    if (err instanceof SwitchyardError) return err;
    throw err;
  }
  throw new Error('expected the CSV to be rejected');
}

describe('analyze anomalies CSV', () => {
  it('prints one score row per input row, timestamps echoed as given', async () => {
    const out = (await run(rows(300, 250))).trim().split('\n');
    expect(out[0]).toBe('timestamp,value,anomaly_score');
    expect(out).toHaveLength(301);
    expect(out[1]).toBe('2014-04-01 00:00:00,10,0');
    const spike = out[251]!.split(',');
    expect(spike[1]).toBe('500');
    expect(Number(spike[2])).toBeGreaterThan(0.5);
  });

  it('accepts CRLF line ends, extra columns and epoch timestamps', async () => {
    const csv = 'host,value,timestamp\r\na,1,1396310400\r\na,2,1396310700\r\n';
    const out = (await run(csv)).trim().split('\n');
    expect(out.slice(1)).toEqual(['1396310400,1,0', '1396310700,2,0']);
  });

  it('prints the events as JSON with --events', async () => {
    const events = JSON.parse(await run(rows(300, 250), true)) as { kind: string; peak: { time: string } }[];
    expect(events.some((e) => e.kind === 'spike' && e.peak.time === '2014-04-01T20:50:00.000Z')).toBe(true);
  });

  it('rejects a header without a value column, naming line 1', async () => {
    const err = await failure('timestamp,count\n2014-04-01 00:00:00,1\n');
    expect(err.code).toBe('INPUT_INVALID');
    expect(err.path).toBe('in.csv:1');
  });

  it('rejects an unparsable number, naming its line', async () => {
    const err = await failure('timestamp,value\n2014-04-01 00:00:00,1\n2014-04-01 00:05:00,twelve\n');
    expect(err.path).toBe('in.csv:3');
    expect(err.message).toContain("'twelve'");
  });

  it('rejects an empty value and an unparsable timestamp', async () => {
    expect((await failure('timestamp,value\n2014-04-01 00:00:00,\n')).path).toBe('in.csv:2');
    expect((await failure('timestamp,value\nnot-a-time,1\n')).message).toContain('timestamp');
  });

  it('rejects unsorted timestamps but accepts repeated ones', async () => {
    const err = await failure(
      'timestamp,value\n2014-04-01 00:05:00,1\n2014-04-01 00:05:00,2\n2014-04-01 00:00:00,3\n',
    );
    expect(err.path).toBe('in.csv:4');
    expect(err.hint).toContain('sort');
  });

  it('rejects an empty file', async () => {
    expect((await failure('')).code).toBe('INPUT_INVALID');
  });
});

describe('switchyard analyze anomalies', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sy-anomalies-'));

  function program(): Command {
    return new Command('switchyard').exitOverride().addCommand(analyzeAnomaliesCommand());
  }

  it('fails with a ParameterError (exit 2) for a missing file', async () => {
    await expect(
      program().parseAsync(['node', 'sy', 'anomalies', join(dir, 'nope.csv')]),
    ).rejects.toBeInstanceOf(ParameterError);
  });

  it('fails with an INPUT_INVALID error (exit 1) naming file and line for bad rows', async () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'timestamp,value\n2014-04-01 00:00:00,x\n');
    await expect(program().parseAsync(['node', 'sy', 'anomalies', file])).rejects.toMatchObject({
      code: 'INPUT_INVALID',
      path: `${file}:2`,
    });
  });

  it('rejects an unknown sensitivity', async () => {
    const file = join(dir, 'ok.csv');
    writeFileSync(file, rows(10));
    const p = program();
    p.commands[0]!.exitOverride().configureOutput({ writeErr: () => {} });
    await expect(p.parseAsync(['node', 'sy', 'anomalies', file, '--sensitivity', 'extreme'])).rejects.toThrow(
      /sensitivity|extreme/,
    );
  });
});
