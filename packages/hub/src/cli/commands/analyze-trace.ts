/**
 * @module `switchyard analyze trace TRACE_ID --hub URL` or `--file trace.json`: critical path, bottleneck,
 * error origin, N+1/fan-out patterns and a text waterfall for one trace.
 */
import { readFileSync } from 'node:fs';
import { type AnalysisSpan, analyzeTrace, renderWaterfall, toAnalysisSpan } from '@switchyard/analysis';
import { decodeTracesJson, ParameterError, SwitchyardError } from '@switchyard/core';
import { Command } from 'commander';
import { DEFAULT_HUB, hubGet } from '../hub-client.js';
import { parseChoice, parseInteger, parseUrl } from '../options.js';

interface ApiSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  status: { code: number; message: string };
  attributes: Record<string, unknown>;
  events: { name: string; attributes: Record<string, unknown> }[];
  resource: { attributes: Record<string, unknown> };
}

/** Converts the hub API's span JSON (docs/api.md) to the analysis input. */
export function apiSpanToAnalysisSpan(s: ApiSpan): AnalysisSpan {
  const { 'service.name': service, ...resourceAttributes } = s.resource.attributes;
  return {
    traceId: s.traceId,
    spanId: s.spanId,
    parentSpanId: s.parentSpanId,
    name: s.name,
    service: typeof service === 'string' ? service : 'unknown_service',
    kind: s.kind,
    startTimeUnixNano: BigInt(s.startTimeUnixNano),
    endTimeUnixNano: BigInt(s.endTimeUnixNano),
    status: s.status,
    attributes: s.attributes,
    resourceAttributes,
    events: s.events,
  };
}

/** Reads an OTLP/JSON ExportTraceServiceRequest file; picks `traceId` when the file holds several traces. */
export function spansFromOtlpJsonFile(file: string, traceId: string | undefined): AnalysisSpan[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ParameterError('--file', `cannot read ${file}: ${(err as Error).message}`);
  }
  const data = decodeTracesJson(text);
  const spans: AnalysisSpan[] = [];
  for (const rs of data.resourceSpans)
    for (const ss of rs.scopeSpans)
      for (const s of ss.spans) spans.push(toAnalysisSpan({ ...s, resource: rs.resource }));
  const ids = [...new Set(spans.map((s) => s.traceId))];
  if (spans.length === 0) throw new ParameterError('--file', `${file} holds no spans`);
  const wanted = traceId ?? (ids.length === 1 ? ids[0] : undefined);
  if (wanted === undefined)
    throw new ParameterError(
      'TRACE_ID',
      `${file} holds ${ids.length} traces; name one`,
      `e.g. ${ids.slice(0, 3).join(', ')}`,
    );
  const picked = spans.filter((s) => s.traceId === wanted);
  if (picked.length === 0) throw new ParameterError('TRACE_ID', `trace ${wanted} is not in ${file}`);
  return picked;
}

export function analyzeTraceCommand(): Command {
  return new Command('trace')
    .description('Critical path, bottleneck, error origin and a waterfall for one trace')
    .argument('[traceId]', 'trace id (hex); optional with --file when it holds one trace')
    .option('--hub <url>', 'hub API address', parseUrl, DEFAULT_HUB)
    .option('--file <trace.json>', 'OTLP/JSON ExportTraceServiceRequest file instead of the hub')
    .option('--format <format>', 'text or json', parseChoice(['text', 'json'] as const), 'text')
    .option('--width <n>', 'waterfall width in characters', parseInteger, 120)
    .action(
      async (
        traceId: string | undefined,
        o: { hub: string; file?: string; format: 'text' | 'json'; width: number },
      ) => {
        if (traceId !== undefined && !/^[0-9a-fA-F]{32}$/.test(traceId))
          throw new ParameterError('TRACE_ID', `'${traceId}' is not a 32-character hex trace id`);
        let spans: AnalysisSpan[];
        if (o.file) spans = spansFromOtlpJsonFile(o.file, traceId?.toLowerCase());
        else {
          if (!traceId) throw new ParameterError('TRACE_ID', 'is required without --file');
          const body = (await hubGet(o.hub, `/api/traces/${traceId.toLowerCase()}`, {})) as {
            spans: ApiSpan[];
          };
          spans = body.spans.map(apiSpanToAnalysisSpan);
        }
        if (spans.length === 0) throw new SwitchyardError('TRACE_EMPTY', 'the trace has no spans');
        const analysis = analyzeTrace(spans);
        if (o.format === 'json') {
          const { spans: _perSpan, ...summary } = analysis;
          process.stdout.write(
            `${JSON.stringify(summary, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2)}\n`,
          );
          return;
        }
        process.stdout.write(`${renderWaterfall(spans, analysis, { width: Math.max(60, o.width) })}\n`);
      },
    );
}
