/**
 * End to end with real databases: an ESM app run with the register entry queries a real PostgreSQL (`pg`) and
 * a real redis-server (`ioredis`) inside one span; the hub shows the pg and redis client spans as its
 * children. With OTEL_NODE_DISABLED_INSTRUMENTATIONS=pg,redis the same app produces no db span.
 * Needs redis-server and PostgreSQL (skipped with the install command locally, fails under CI).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HubProcess, startHubProcess } from '../../../../test/helpers/hub-process.js';
import {
  type DbServer,
  dbBinaries,
  dbRequirement,
  startPostgres,
  startRedis,
} from '../test-support/db-servers.js';
import { findSpan, runInstrumentedApp, spansOf } from '../test-support/instrumented-app.js';

const { available, mustRun } = dbRequirement();

let hub: HubProcess;
let redis: DbServer | undefined;
let postgres: DbServer | undefined;

const APP = (pgPort: number, redisPort: number): string => `
import { trace } from '@opentelemetry/api';
import pg from 'pg';
import Redis from 'ioredis';
await trace.getTracer('app').startActiveSpan('work', async (span) => {
  const client = new pg.Client({ host: '127.0.0.1', port: ${pgPort}, user: 'postgres', database: 'postgres' });
  await client.connect();
  const { rows } = await client.query('SELECT 1 AS one');
  if (rows[0].one !== 1) throw new Error('pg answered wrong');
  await client.end();
  const redis = new Redis({ host: '127.0.0.1', port: ${redisPort}, lazyConnect: true });
  await redis.connect();
  await redis.set('greeting', 'hi');
  if ((await redis.get('greeting')) !== 'hi') throw new Error('redis answered wrong');
  redis.disconnect();
  span.end();
});
`;

describe.skipIf(!available && !mustRun)('db spans through the hub (real PostgreSQL and redis-server)', () => {
  beforeAll(async () => {
    const b = dbBinaries();
    if (!b.redis || !b.initdb || !b.postgres)
      throw new Error(
        `redis-server or PostgreSQL is missing (CI is set). Install: apt-get install -y redis-server postgresql`,
      );
    [hub, redis, postgres] = await Promise.all([
      startHubProcess(),
      startRedis(b.redis),
      startPostgres(b.initdb, b.postgres),
    ]);
  }, 90_000);

  afterAll(async () => {
    await Promise.all([redis?.stop(), postgres?.stop()]);
    const code = await hub?.stop();
    expect(code).toBe(0);
  });

  async function run(service: string, env: Record<string, string> = {}) {
    const { code, output } = await runInstrumentedApp(APP(postgres!.port, redis!.port), 'mjs', {
      OTEL_EXPORTER_OTLP_ENDPOINT: hub.otlpHttp,
      OTEL_SERVICE_NAME: service,
      ...env,
    });
    expect(code, output).toBe(0);
  }

  const system = (s: { attributes: Record<string, unknown> }): unknown =>
    s.attributes['db.system.name'] ?? s.attributes['db.system'];

  it('pg and ioredis produce db client spans, children of the active span', async () => {
    await run('e2e-db');
    const spans = await spansOf(hub.api, 'e2e-db', 4);
    const work = findSpan(spans, 'work span', (s) => s.name === 'work');
    const query = findSpan(
      spans,
      'pg query span',
      (s) =>
        system(s) === 'postgresql' &&
        /SELECT 1/.test(String(s.attributes['db.query.text'] ?? s.attributes['db.statement'])),
    );
    expect(query.kind).toBe(3);
    expect(query.traceId).toBe(work.traceId);
    const commands = spans.filter((s) => system(s) === 'redis').map((s) => s.name);
    expect(commands).toEqual(expect.arrayContaining(['set', 'get']));
    for (const s of spans.filter((x) => system(x) === 'redis' && x.name !== 'connect'))
      expect(s.parentSpanId).toBe(work.spanId);
  });

  it('with pg and redis switched off by env the same app produces no db span', async () => {
    await run('e2e-db-off', { OTEL_NODE_DISABLED_INSTRUMENTATIONS: 'pg,redis' });
    const spans = await spansOf(hub.api, 'e2e-db-off', 1);
    expect(spans.map((s) => s.name)).toEqual(['work']);
  });
});
