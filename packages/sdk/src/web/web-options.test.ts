import { describe, expect, it } from 'vitest';
import { startLoopbackOtlpServer } from '../test-support/loopback-otlp-server.js';
import { configureWebObservability } from './configure-web-observability.js';
import { resolveWebOptions, urlPrefixPattern } from './web-options.js';

describe('resolveWebOptions', () => {
  it('sends to the hub traces path and never traces its own exports', () => {
    const r = resolveWebOptions({ serviceName: 'shop-web', endpoint: 'https://hub.example.com:4318/' });
    expect(r.tracesUrl).toBe('https://hub.example.com:4318/v1/traces');
    expect(
      r.ignoreUrls.some((p) => p instanceof RegExp && p.test('https://hub.example.com:4318/v1/traces')),
    ).toBe(true);
    expect(r.resourceAttributes).toMatchObject({
      'service.name': 'shop-web',
      'telemetry.distro.name': '@switchyard/sdk/web',
    });
  });

  it('propagates to listed origins only, matching them as literal prefixes', () => {
    const r = resolveWebOptions({
      serviceName: 's',
      propagateTraceHeaderTo: ['https://api.shop.com', /^https:\/\/cdn\./],
    });
    const [api, cdn] = r.propagateTraceHeaderCorsUrls as RegExp[];
    expect(api!.test('https://api.shop.com/orders')).toBe(true);
    expect(api!.test('https://apixshop.com/orders')).toBe(false); // the dot is literal
    expect(api!.test('https://evil.com/?u=https://api.shop.com')).toBe(false);
    expect(cdn!.test('https://cdn.shop.com/x')).toBe(true);
    expect(urlPrefixPattern('http://a.b').source).toBe('^http:\\/\\/a\\.b');
  });
});

describe('configureWebObservability (Node fetch)', () => {
  it('adds traceparent to a listed origin and exports OTLP/JSON spans to the endpoint', async () => {
    const server = await startLoopbackOtlpServer();
    const handle = configureWebObservability({
      serviceName: 'shop-web',
      endpoint: server.url,
      propagateTraceHeaderTo: [server.url],
      batch: { scheduleDelayMillis: 50 },
    });
    try {
      await (await fetch(`${server.url}/api/orders`)).text();
      const sent = server.requests.find((r) => r.path === '/api/orders')!;
      expect(sent.headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
      const [, traceId] = String(sent.headers.traceparent).split('-');
      // The fetch span ends once the resource timing entry is in (up to ~300 ms).
      for (let i = 0; i < 40 && server.itemsFor('traces') === 0; i++) {
        await new Promise((r) => setTimeout(r, 50));
        await handle.forceFlush();
      }
      const exportReq = server.requests.find((r) => r.signal === 'traces')!;
      expect(exportReq.headers['content-type']).toBe('application/json');
      expect(exportReq.headers.traceparent).toBeUndefined(); // exports are not traced
      const b = exportReq.batch!;
      const rs = b.signal === 'traces' ? b.data.resourceSpans[0]! : undefined;
      expect(rs!.resource.attributes['service.name']).toBe('shop-web');
      expect(rs!.scopeSpans[0]!.spans[0]!.traceId).toBe(traceId);
    } finally {
      await handle.shutdown();
      await server.close();
    }
  });
});
