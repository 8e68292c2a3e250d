import { trace } from '@opentelemetry/api';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { afterEach, describe, expect, it } from 'vitest';
import { configureObservability } from '../configure/configure-observability.js';
import type { ObservabilityHandle } from '../configure/observability-handle.js';
import { installInMemoryTelemetry } from '../test-support/in-memory-telemetry.js';
import { type LoopbackOtlpServer, startLoopbackOtlpServer } from '../test-support/loopback-otlp-server.js';
import { sharedSerializer } from './shared-serializer.js';

let handle: ObservabilityHandle | undefined;
const servers: LoopbackOtlpServer[] = [];
afterEach(async () => {
  await handle?.shutdown();
  handle = undefined;
  for (const s of servers.splice(0)) await s.close();
});

describe('sharedSerializer', () => {
  it('encodes a batch once for every exporter that sends the same spans, and anew when any span differs', async () => {
    const telemetry = installInMemoryTelemetry();
    try {
      const tracer = trace.getTracer('s');
      for (let i = 0; i < 3; i++) tracer.startSpan(`op-${i}`).end();
      const [a, b, c] = telemetry.spans();
      const serializer = sharedSerializer(ProtobufTraceSerializer);
      const first = serializer.serializeRequest([a!, b!, c!]);
      expect(serializer.serializeRequest([a!, b!, c!])).toBe(first); // the same bytes object: not re-encoded
      expect(Buffer.from(first!)).toEqual(
        Buffer.from(ProtobufTraceSerializer.serializeRequest([a!, b!, c!])!),
      );
      const other = serializer.serializeRequest([a!, c!, b!]);
      expect(other).not.toBe(first);
      expect(Buffer.from(other!)).toEqual(
        Buffer.from(ProtobufTraceSerializer.serializeRequest([a!, c!, b!])!),
      );
      expect(serializer.serializeRequest([a!, b!])).not.toBe(first);
    } finally {
      await telemetry.shutdown();
    }
  });

  it('sends byte-identical bodies to three exporters of the same format', async () => {
    const sink = await startLoopbackOtlpServer();
    servers.push(sink);
    handle = configureObservability({
      configFile: false,
      env: {},
      instrumentations: { http: false, undici: false },
      exportTo: {
        hub: { endpoint: sink.url },
        otlp: { endpoint: sink.url },
        jaeger: { vars: { JAEGER_OTLP_ENDPOINT: sink.url }, compression: 'none' },
      },
    });
    for (let i = 0; i < 20; i++) trace.getTracer('s').startSpan(`op-${i}`).end();
    await handle.forceFlush();
    const bodies = sink.requests.filter((r) => r.signal === 'traces').map((r) => r.body.toString('hex'));
    expect(bodies).toHaveLength(3);
    expect(new Set(bodies).size).toBe(1);
    expect(sink.itemsFor('traces')).toBe(60);
  });
});
