// Realistic spans for the ingest benchmark: ~20 attributes of mixed types, 3 events, 100 spans per request.
const hex = (n, len) => n.toString(16).padStart(len, '0').slice(-len);

export function makeTraceData(requestIndex, spansPerRequest = 100) {
  const spans = [];
  const base = 1_700_000_000_000_000_000n + BigInt(requestIndex) * 1_000_000_000n;
  for (let i = 0; i < spansPerRequest; i++) {
    const traceNo = requestIndex * 10 + Math.floor(i / 10);
    const start = base + BigInt(i) * 1_000_000n;
    spans.push({
      traceId: hex(traceNo * 2654435761 + 12345, 16) + hex(traceNo, 16),
      spanId: hex(requestIndex * 1000 + i + 1, 16),
      traceState: '',
      parentSpanId: i % 10 === 0 ? '' : hex(requestIndex * 1000 + i - (i % 10) + 1, 16),
      flags: 1,
      name: i % 10 === 0 ? 'GET /api/orders/{id}' : `SELECT orders ${i % 3}`,
      kind: i % 10 === 0 ? 2 : 3,
      startTimeUnixNano: start,
      endTimeUnixNano: start + BigInt(1_000_000 + (i % 17) * 250_000),
      attributes: {
        'http.request.method': 'GET',
        'http.route': '/api/orders/{id}',
        'http.response.status_code': 200n,
        'url.full': `https://shop.example.com/api/orders/${requestIndex}-${i}`,
        'server.address': 'shop.example.com',
        'server.port': 443n,
        'client.address': `10.0.${i % 256}.${requestIndex % 256}`,
        'user_agent.original': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36',
        'db.system.name': 'postgresql',
        'db.query.text': 'SELECT * FROM orders WHERE id = $1 AND tenant = $2',
        'db.operation.name': 'SELECT',
        'network.peer.address': '10.1.2.3',
        'network.peer.port': 5432n,
        'app.tenant': `tenant-${i % 7}`,
        'app.order.id': BigInt(requestIndex * 100 + i),
        'app.cart.total': 123.45 + i,
        'app.cache.hit': i % 2 === 0,
        'app.feature.flags': ['new-checkout', 'fast-path'],
        'thread.id': BigInt(i % 8),
        'code.function.name': 'OrderRepository.findById',
      },
      droppedAttributesCount: 0,
      events: [0, 1, 2].map((e) => ({
        timeUnixNano: start + BigInt(e * 100_000),
        name: ['cache.lookup', 'db.acquire', 'serialize'][e],
        attributes: { 'event.seq': BigInt(e), 'event.detail': `step ${e} of request ${requestIndex}` },
        droppedAttributesCount: 0,
      })),
      droppedEventsCount: 0,
      links: [],
      droppedLinksCount: 0,
      status: { code: i % 50 === 49 ? 2 : 0, message: i % 50 === 49 ? 'timeout' : '' },
    });
  }
  return {
    resourceSpans: [
      {
        resource: {
          attributes: {
            'service.name': `bench-svc-${requestIndex % 5}`,
            'service.version': '1.0.0',
            'host.name': 'bench-host',
            'deployment.environment.name': 'bench',
          },
          droppedAttributesCount: 0,
        },
        schemaUrl: '',
        scopeSpans: [
          {
            scope: {
              name: '@opentelemetry/instrumentation-http',
              version: '0.200.0',
              attributes: {},
              droppedAttributesCount: 0,
            },
            schemaUrl: '',
            spans,
          },
        ],
      },
    ],
  };
}
