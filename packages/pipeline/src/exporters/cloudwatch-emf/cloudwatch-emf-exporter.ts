/**
 * @module CloudWatch metrics through the Embedded Metric Format (`type: cloudwatch_emf`): metric points become
 * EMF JSON log events (emf-events.ts) sent with CloudWatch Logs PutLogEvents (`POST https://logs.<region>.
 * amazonaws.com/`, `X-Amz-Target: Logs_20140328.PutLogEvents`, SigV4 service `logs`), split within the API's
 * limits (put-log-events-batches.ts). A missing log stream (ResourceNotFoundException) is created once and the
 * call repeated when `createLogStream` is on. Metrics only; traces and logs are ignored.
 *
 *   exporters:
 *     cw: { type: cloudwatch_emf, region: eu-west-1, logGroup: /switchyard/metrics, logStream: hub-1,
 *           namespace: MyApp }
 */
import type { TelemetryBatch } from '@switchyard/core';
import { ConfigError, parseRetryAfterMs } from '@switchyard/core';
import { type Authorizer, createSigV4Authorizer } from '@switchyard/presets';
import { z } from 'zod';
import { type ExportResult, permanent, retryable, SUCCESS } from '../../component/export-result.js';
import type { Exporter } from '../../component/exporter.js';
import type { ComponentFactory } from '../../component/factory.js';
import { CumulativeToDelta } from '../../processors/cumulative-to-delta.js';
import type { Log } from '../../queue/log.js';
import type { SelfMetrics } from '../../self/self-metrics.js';
import { bodySnippet, HttpPoster, type HttpResponse } from '../http-post.js';
import { connectionFailureResult } from '../http-result.js';
import type { ExporterContext } from '../otlp-exporter-config.js';
import { type LogEvent, MAX_DIMENSIONS, toEmfEvents } from './emf-events.js';
import { toPutLogEventsBatches } from './put-log-events-batches.js';

export const cloudWatchEmfExporterConfigSchema = z.strictObject({
  type: z.literal('cloudwatch_emf'),
  /** Falls back to AWS_REGION, then AWS_DEFAULT_REGION. */
  region: z.string().min(1).optional(),
  logGroup: z.string().min(1).max(512),
  logStream: z.string().min(1).max(512),
  namespace: z.string().min(1).max(255),
  /** Attributes (point first, then resource) that become CloudWatch dimensions. */
  dimensionKeys: z.array(z.string().min(1)).max(MAX_DIMENSIONS).default(['service.name']),
  /** Create the log stream when PutLogEvents says it does not exist (the log group must exist). */
  createLogStream: z.boolean().default(true),
  /** Overrides https://logs.<region>.amazonaws.com (VPC endpoints, tests). */
  endpoint: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
  timeoutMs: z.number().int().positive().default(10_000),
});
export type CloudWatchEmfExporterConfig = z.infer<typeof cloudWatchEmfExporterConfigSchema>;

export interface CloudWatchEmfOptions
  extends Omit<CloudWatchEmfExporterConfig, 'type' | 'region' | 'timeoutMs'> {
  region?: string;
  timeoutMs?: number;
  /**
   * Signs each call; returns the headers to add. Defaults to the shared SigV4 authorizer of
   * @switchyard/presets on the AWS default credential chain (tests inject one with static credentials).
   */
  signer?: Authorizer;
  env?: NodeJS.ProcessEnv;
  metrics?: SelfMetrics;
  log?: Log;
}

const TARGET = 'Logs_20140328';

export function resolveRegion(configured: string | undefined, env: NodeJS.ProcessEnv, path: string): string {
  const region = configured ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (!region) {
    throw new ConfigError('no AWS region for CloudWatch Logs', {
      path,
      hint: `set ${path} or AWS_REGION (e.g. eu-west-1)`,
    });
  }
  return region;
}

/** The AWS JSON protocol error name ("com.amazonaws…#ResourceNotFoundException" → the part after '#'). */
function awsErrorType(res: HttpResponse): string {
  const header = res.headers['x-amzn-errortype'];
  let type = typeof header === 'string' ? header : '';
  if (!type) {
    try {
      type = String((JSON.parse(res.body.toString()) as { __type?: unknown }).__type ?? '');
    } catch {
      type = '';
    }
  }
  return type.split(':')[0]!.split('#').pop() ?? '';
}

const RETRYABLE_ERRORS = new Set(['ThrottlingException', 'ServiceUnavailableException', 'RequestTimeout']);

export function putLogEventsResult(res: HttpResponse): ExportResult {
  if (res.status >= 200 && res.status < 300) return SUCCESS;
  const type = awsErrorType(res);
  const message = `CloudWatch Logs HTTP ${res.status}${type ? ` ${type}` : ''}: ${bodySnippet(res.body)}`;
  if (res.status >= 500 || res.status === 429 || RETRYABLE_ERRORS.has(type)) {
    return retryable(message, parseRetryAfterMs(res.headers['retry-after'] as string | undefined));
  }
  return permanent(message);
}

export class CloudWatchEmfExporter implements Exporter {
  private readonly http = new HttpPoster();
  /** The CloudWatch Logs endpoint requests go to. */
  readonly url: URL;
  private readonly signer: Authorizer;
  private readonly deltas: CumulativeToDelta;
  private readonly rejected: (by?: number) => void;

  constructor(
    readonly name: string,
    private readonly options: CloudWatchEmfOptions,
  ) {
    const region = resolveRegion(options.region, options.env ?? process.env, `exporters.${name}.region`);
    this.url = new URL(options.endpoint ?? `https://logs.${region}.amazonaws.com/`);
    this.signer =
      options.signer ??
      createSigV4Authorizer(
        { exporter: name, configPath: `exporters.${name}` },
        { type: 'sigv4', region },
        'logs',
        (e) => options.log?.(`${e.message}${e.hint ? ` (${e.hint})` : ''}`),
      );
    // CloudWatch aggregates what it receives: cumulative counters and histograms go as deltas; up-down
    // counters stay cumulative and are sent as their current value.
    this.deltas = new CumulativeToDelta(
      { type: 'cumulative_to_delta', maxSeries: 100_000 },
      `${name}/cumulative_to_delta`,
      options.metrics,
      { monotonicSumsOnly: true },
    );
    this.rejected =
      options.metrics?.counter(
        'switchyard_exporter_dropped_points_total',
        'Data points an exporter could not represent in its destination format',
        { exporter: name, reason: 'outside_time_window' },
      ) ?? (() => {});
  }

  async push(batch: TelemetryBatch, signal?: AbortSignal): Promise<ExportResult> {
    if (batch.signal !== 'metrics') return SUCCESS;
    const converted = this.deltas.process(batch);
    if (converted?.signal !== 'metrics') return SUCCESS;
    const events = toEmfEvents(converted.data, this.options);
    const { batches, rejected } = toPutLogEventsBatches(events);
    if (rejected > 0) this.rejected(rejected);
    for (const logEvents of batches) {
      const result = await this.putWithStream(logEvents, signal);
      if (result.kind !== 'success') return result;
    }
    return SUCCESS;
  }

  private async putWithStream(logEvents: LogEvent[], signal?: AbortSignal): Promise<ExportResult> {
    const body = {
      logGroupName: this.options.logGroup,
      logStreamName: this.options.logStream,
      logEvents,
    };
    try {
      let res = await this.call('PutLogEvents', body, signal);
      if (
        this.options.createLogStream &&
        res.status === 400 &&
        awsErrorType(res) === 'ResourceNotFoundException'
      ) {
        const created = await this.call(
          'CreateLogStream',
          { logGroupName: this.options.logGroup, logStreamName: this.options.logStream },
          signal,
        );
        if (created.status !== 200 && awsErrorType(created) !== 'ResourceAlreadyExistsException') {
          return putLogEventsResult(created);
        }
        res = await this.call('PutLogEvents', body, signal);
      }
      const result = putLogEventsResult(res);
      if (result.kind === 'success') this.warnRejected(res);
      return result;
    } catch (err) {
      return connectionFailureResult(err);
    }
  }

  private warnRejected(res: HttpResponse): void {
    try {
      const info = (JSON.parse(res.body.toString() || '{}') as { rejectedLogEventsInfo?: unknown })
        .rejectedLogEventsInfo;
      if (info)
        this.options.log?.(`exporter ${this.name}: CloudWatch rejected events ${JSON.stringify(info)}`);
    } catch {
      // A 200 without a JSON body carries no rejection info.
    }
  }

  private async call(action: string, payload: unknown, signal?: AbortSignal): Promise<HttpResponse> {
    const body = Buffer.from(JSON.stringify(payload));
    const unsigned = {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `${TARGET}.${action}`,
    };
    const signed = await this.signer({ method: 'POST', url: this.url, headers: unsigned, body });
    const headers = { ...unsigned, ...signed };
    const timeout = AbortSignal.timeout(this.options.timeoutMs ?? 10_000);
    return this.http.post(this.url, headers, body, signal ? AbortSignal.any([signal, timeout]) : timeout);
  }

  /**
   * For `switchyard doctor`: a signed, read-only DescribeLogStreams — checks the credentials, the permission
   * and that the log group (and the stream, unless the exporter creates it) exist. Sends no data.
   */
  async checkDestination(signal?: AbortSignal): Promise<{ ok: boolean; detail: string }> {
    const { logGroup, logStream } = this.options;
    try {
      const res = await this.call(
        'DescribeLogStreams',
        { logGroupName: logGroup, logStreamNamePrefix: logStream, limit: 1 },
        signal,
      );
      if (res.status !== 200) {
        const type = awsErrorType(res);
        const hint =
          type === 'ResourceNotFoundException'
            ? `: log group ${logGroup} does not exist (create it; the exporter creates streams, not groups)`
            : res.status === 403 || /Signature|Unrecognized|AccessDenied/.test(type)
              ? ': check the credentials and the logs:DescribeLogStreams / logs:PutLogEvents permissions'
              : '';
        return { ok: false, detail: `DescribeLogStreams answered HTTP ${res.status} ${type}${hint}`.trim() };
      }
      const found = (
        (JSON.parse(res.body.toString() || '{}') as { logStreams?: { logStreamName?: string }[] })
          .logStreams ?? []
      ).some((s) => s.logStreamName === logStream);
      if (found) return { ok: true, detail: `log group ${logGroup} and stream ${logStream} found` };
      return this.options.createLogStream
        ? { ok: true, detail: `log group ${logGroup} found; stream ${logStream} will be created` }
        : {
            ok: false,
            detail: `log stream ${logStream} does not exist in ${logGroup} and createLogStream is off`,
          };
    } catch (err) {
      return { ok: false, detail: err instanceof Error ? err.message : String(err) };
    }
  }

  async shutdown(): Promise<void> {
    this.http.destroy();
  }
}

export const cloudWatchEmfExporterFactory: ComponentFactory<
  CloudWatchEmfExporterConfig,
  Exporter,
  ExporterContext
> = {
  type: 'cloudwatch_emf',
  kind: 'exporter',
  stability: { metrics: 'alpha' },
  configSchema: cloudWatchEmfExporterConfigSchema,
  createDefaultConfig: () =>
    cloudWatchEmfExporterConfigSchema.parse({
      type: 'cloudwatch_emf',
      logGroup: '/switchyard/metrics',
      logStream: 'switchyard',
      namespace: 'Switchyard',
    }),
  create: (c, { name, metrics, log }) => new CloudWatchEmfExporter(name, { ...c, metrics, log }),
};
