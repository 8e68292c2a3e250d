/**
 * @module OTLP/gRPC receiver: the three collector services (TraceService, MetricsService, LogsService)
 * on @grpc/grpc-js. Messages arrive as raw bytes (gzip handled by grpc-js) and are decoded by our codec so
 * malformed input maps to INVALID_ARGUMENT with a precise message; load maps to UNAVAILABLE (retryable).
 */

import {
  Metadata,
  Server,
  ServerCredentials,
  type ServerUnaryCall,
  type ServiceDefinition,
  type sendUnaryData,
  status,
} from '@grpc/grpc-js';
import type { Signal } from '@switchyard/core';
import { encodeExportResponse } from '@switchyard/core';
import type { OtlpIngest } from './otlp-ingest.js';

export interface OtlpGrpcReceiverOptions {
  host: string;
  port: number;
  maxMessageBytes: number;
}

const SERVICES: Record<Signal, string> = {
  traces: '/opentelemetry.proto.collector.trace.v1.TraceService/Export',
  metrics: '/opentelemetry.proto.collector.metrics.v1.MetricsService/Export',
  logs: '/opentelemetry.proto.collector.logs.v1.LogsService/Export',
};

function serviceFor(signal: Signal): ServiceDefinition {
  return {
    Export: {
      path: SERVICES[signal],
      requestStream: false,
      responseStream: false,
      requestSerialize: (b: Buffer) => b,
      requestDeserialize: (b: Buffer) => b,
      responseSerialize: (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength),
      responseDeserialize: (b: Buffer) => b,
      originalName: 'export',
    },
  } as ServiceDefinition;
}

export class OtlpGrpcReceiver {
  private server: Server | undefined;

  constructor(
    private readonly options: OtlpGrpcReceiverOptions,
    private readonly ingest: OtlpIngest,
  ) {}

  async start(): Promise<number> {
    const server = new Server({
      'grpc.max_receive_message_length': this.options.maxMessageBytes,
      'grpc.max_send_message_length': 4 * 1024 * 1024,
    });
    for (const signal of ['traces', 'metrics', 'logs'] as const) {
      server.addService(serviceFor(signal), {
        Export: (call: ServerUnaryCall<Buffer, Uint8Array>, callback: sendUnaryData<Uint8Array>) => {
          this.handle(signal, call.request, callback).catch((err: unknown) =>
            callback({ code: status.INTERNAL, details: `unexpected receiver error: ${String(err)}` }),
          );
        },
      });
    }
    this.server = server;
    return new Promise((resolve, reject) => {
      server.bindAsync(
        `${this.options.host}:${this.options.port}`,
        ServerCredentials.createInsecure(),
        (err, port) => (err ? reject(err) : resolve(port)),
      );
    });
  }

  private async handle(signal: Signal, body: Buffer, callback: sendUnaryData<Uint8Array>): Promise<void> {
    const outcome = await this.ingest.ingest(signal, body, 'protobuf', 'grpc');
    switch (outcome.kind) {
      case 'ok': {
        const partial =
          outcome.rejected > 0 ? { rejected: outcome.rejected, errorMessage: outcome.message } : undefined;
        callback(null, encodeExportResponse(signal, partial, 'protobuf'));
        return;
      }
      case 'invalid':
        callback({ code: status.INVALID_ARGUMENT, details: outcome.message });
        return;
      case 'refused': {
        const md = new Metadata();
        md.set('retry-after', String(Math.ceil(outcome.retryAfterMs / 1000)));
        callback({ code: status.UNAVAILABLE, details: outcome.reason, metadata: md });
        return;
      }
      case 'failed':
        callback({ code: status.UNAVAILABLE, details: `could not store the data: ${outcome.message}` });
        return;
    }
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => {
        server.forceShutdown();
        resolve();
      }, 5000);
      server.tryShutdown(() => {
        clearTimeout(force);
        resolve();
      });
    });
  }
}
