/**
 * @module OTLP/gRPC exporter on @grpc/grpc-js: a raw-bytes unary client for the three collector services
 * (the body is encoded by the core codec, no generated stubs), optional gzip, cancelled via the AbortSignal.
 */
import {
  ChannelCredentials,
  Client,
  compressionAlgorithms,
  Metadata,
  type ServiceError,
} from '@grpc/grpc-js';
import { encodeRequest, type Signal, type TelemetryBatch } from '@switchyard/core';
import { type ExportResult, retryable, SUCCESS } from '../component/export-result.js';
import type { Exporter } from '../component/exporter.js';
import { type Log, stderrLog } from '../queue/log.js';
import type { SelfMetrics } from '../self/self-metrics.js';
import { grpcFailureResult } from './grpc-result.js';
import { PartialSuccessCounter } from './partial-success.js';

export const OTLP_GRPC_METHODS: Record<Signal, string> = {
  traces: '/opentelemetry.proto.collector.trace.v1.TraceService/Export',
  metrics: '/opentelemetry.proto.collector.metrics.v1.MetricsService/Export',
  logs: '/opentelemetry.proto.collector.logs.v1.LogsService/Export',
};

export interface OtlpGrpcExporterOptions {
  name: string;
  /** `http://host:port` (plaintext) or `https://host:port` (TLS); a bare `host:port` is plaintext. */
  endpoint: string;
  compression: 'none' | 'gzip';
  /** Sent as gRPC metadata (lower-cased keys). */
  headers: Record<string, string>;
  maxMessageBytes?: number;
  metrics?: SelfMetrics;
  log?: Log;
}

const identity = (b: Buffer): Buffer => b;

export class OtlpGrpcExporter implements Exporter {
  readonly name: string;
  private readonly client: Client;
  private readonly partial: PartialSuccessCounter;

  constructor(private readonly options: OtlpGrpcExporterOptions) {
    this.name = options.name;
    const tls = options.endpoint.startsWith('https://');
    const target = options.endpoint.replace(/^[a-z]+:\/\//, '').replace(/\/+$/, '');
    const channelOptions: Record<string, number> = {
      'grpc.max_send_message_length': options.maxMessageBytes ?? 16 * 1024 * 1024,
    };
    if (options.compression === 'gzip') {
      channelOptions['grpc.default_compression_algorithm'] = compressionAlgorithms.gzip;
    }
    this.client = new Client(
      target,
      tls ? ChannelCredentials.createSsl() : ChannelCredentials.createInsecure(),
      channelOptions,
    );
    this.partial = new PartialSuccessCounter(options.name, options.metrics, options.log ?? stderrLog);
  }

  push(batch: TelemetryBatch, signal?: AbortSignal): Promise<ExportResult> {
    if (signal?.aborted) return Promise.resolve(retryable('request aborted (timeout or shutdown)'));
    const body = encodeRequest(batch, 'protobuf');
    const metadata = new Metadata();
    for (const [k, v] of Object.entries(this.options.headers)) metadata.set(k.toLowerCase(), v);
    return new Promise((resolve) => {
      const call = this.client.makeUnaryRequest<Buffer, Buffer>(
        OTLP_GRPC_METHODS[batch.signal],
        identity,
        identity,
        Buffer.from(body.buffer, body.byteOffset, body.byteLength),
        metadata,
        {},
        (err: ServiceError | null, response?: Buffer) => {
          signal?.removeEventListener('abort', cancel);
          if (err) {
            resolve(
              grpcFailureResult({
                code: err.code,
                details: err.details,
                statusDetails: err.metadata?.get('grpc-status-details-bin')[0] as Buffer | undefined,
                retryAfter: err.metadata?.get('retry-after')[0]?.toString(),
              }),
            );
            return;
          }
          if (response) this.partial.record(batch.signal, response, 'protobuf');
          resolve(SUCCESS);
        },
      );
      const cancel = (): void => call.cancel();
      signal?.addEventListener('abort', cancel, { once: true });
    });
  }

  async shutdown(): Promise<void> {
    this.client.close();
  }
}
