/**
 * @module Reads an archive written by the `file` exporter: one OTLP/JSON export request per line, the signal
 * given by the top-level key (`resourceSpans`, `resourceMetrics`, `resourceLogs`). Each line is decoded with
 * the OTLP codec to check it; a malformed line is an OtlpDecodeError naming the file and line number.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { decodeRequest, itemCount, OtlpDecodeError, type Signal } from '@switchyard/core';

export interface ArchiveLine {
  file: string;
  /** 1-based line number in its file. */
  line: number;
  signal: Signal;
  /** The line's bytes, sent as they are (they are already an OTLP/JSON request). */
  body: Buffer;
  /** Spans, data points or log records in the request. */
  items: number;
}

const SIGNAL_KEYS: [string, Signal][] = [
  ['"resourceSpans"', 'traces'],
  ['"resourceMetrics"', 'metrics'],
  ['"resourceLogs"', 'logs'],
];

/** Checks one line; throws an OtlpDecodeError naming `file` and `line` when it is not an OTLP/JSON request. */
export function parseArchiveLine(file: string, line: number, text: string): ArchiveLine {
  const where = `${file}:${line}`;
  const fail = (why: string, cause?: unknown): never => {
    throw new OtlpDecodeError(`line ${line} of ${file} is not an OTLP/JSON export request: ${why}`, {
      path: where,
      hint: 'the archive must hold one OTLP/JSON request per line, as the file exporter writes it',
      ...(cause !== undefined && { cause }),
    });
  };
  // The file exporter writes the top-level key first; look at the head before parsing the whole line.
  const head = text.slice(0, 64).replace(/^\s*\{\s*/, '');
  const signal = SIGNAL_KEYS.find(([key]) => head.startsWith(key))?.[1] ?? detectSignal(text, fail);
  const body = Buffer.from(text);
  let items: number;
  try {
    items = itemCount(decodeRequest(signal, body, 'json'));
  } catch (err) {
    return fail(err instanceof Error ? err.message : String(err), err);
  }
  return { file, line, signal, body, items };
}

function detectSignal(text: string, fail: (why: string) => never): Signal {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    return fail(`invalid JSON (${(err as Error).message})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    return fail('expected a JSON object');
  if ('resourceSpans' in parsed) return 'traces';
  if ('resourceMetrics' in parsed) return 'metrics';
  if ('resourceLogs' in parsed) return 'logs';
  return fail('no resourceSpans, resourceMetrics or resourceLogs key');
}

/** Every non-blank line of `file`, checked, in order; streams so large archives are not read at once. */
export async function* readArchive(file: string): AsyncGenerator<ArchiveLine> {
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY });
  let n = 0;
  for await (const text of lines) {
    n++;
    if (text.trim() === '') continue;
    yield parseArchiveLine(file, n, text);
  }
}
