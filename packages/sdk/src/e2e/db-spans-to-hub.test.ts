/**
 * End to end with real databases: an ESM app run with the register entry queries a real PostgreSQL (`pg`), a
 * real MariaDB (`mysql2`) and a real redis-server (with both `ioredis` and node-redis, the `redis` package)
 * inside one span; the hub shows their db client spans as its children. With
 * OTEL_NODE_DISABLED_INSTRUMENTATIONS=pg,mysql2,redis the same app produces no db span.
 * Needs redis-server, PostgreSQL and MariaDB (skipped with the install command locally, fails under CI); each
 * server is started once for the whole file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HubProcess, startHubProcess } from '../../../../test/helpers/hub-process.js';
import {
  DB_INSTALL,
  type DbServer,
  dbBinaries,
  dbComplete,
  dbRequirement,
  startMariadb,
  startPostgres,
  startRedis,
} from '../test-support/db-servers.js';
import { findSpan, type HubSpan, runInstrumentedApp, spansOf } from '../test-support/instrumented-app.js';

const { available, mustRun } = dbRequirement();

let hub: HubProcess;
let redis: DbServer | undefined;
let postgres: DbServer | undefined;
let mariadb: DbServer | undefined;

const APP = (pgPort: number, redisPort: number, mariadbPort: number): string => `
import { trace } from '@opentelemetry/api';
import pg from 'pg';
import Redis from 'ioredis';
import mysql from 'mysql2/promise';
import { createClient } from 'redis';
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
  const my = await mysql.createConnection({ host: '127.0.0.1', port: ${mariadbPort}, user: 'root' });
  const [myRows] = await my.query('SELECT 2 AS two');
  if (myRows[0].two !== 2) throw new Error('mariadb answered wrong');
  await my.end();
  const nodeRedis = createClient({ url: 'redis://127.0.0.1:${redisPort}' });
  await nodeRedis.connect();
  await nodeRedis.set('node-redis', 'yes');
  if ((await nodeRedis.get('node-redis')) !== 'yes') throw new Error('node-redis answered wrong');
  nodeRedis.destroy();
  span.end();
});
`;

describe.skipIf(!available && !mustRun)(
  'db spans through the hub (real PostgreSQL, MariaDB, redis-server)',
  () => {
    beforeAll(async () => {
      const b = dbBinaries();
      if (!dbComplete(b))
        throw new Error(`redis-server, PostgreSQL or MariaDB is missing (CI is set). Install: ${DB_INSTALL}`);
      [hub, redis, postgres, mariadb] = await Promise.all([
        startHubProcess(),
        startRedis(b.redis),
        startPostgres(b.initdb, b.postgres),
        startMariadb(b.mariadbInstallDb, b.mariadbd),
      ]);
    }, 90_000);

    afterAll(async () => {
      await Promise.all([redis?.stop(), postgres?.stop(), mariadb?.stop()]);
      const code = await hub?.stop();
      expect(code).toBe(0);
    });

    async function run(service: string, env: Record<string, string> = {}) {
      const { code, output } = await runInstrumentedApp(
        APP(postgres!.port, redis!.port, mariadb!.port),
        'mjs',
        {
          OTEL_EXPORTER_OTLP_ENDPOINT: hub.otlpHttp,
          OTEL_SERVICE_NAME: service,
          ...env,
        },
      );
      expect(code, output).toBe(0);
    }

    const system = (s: { attributes: Record<string, unknown> }): unknown =>
      s.attributes['db.system.name'] ?? s.attributes['db.system'];
    const statement = (s: HubSpan): string =>
      String(s.attributes['db.query.text'] ?? s.attributes['db.statement']);
    const fromScope = (spans: HubSpan[], scope: string): HubSpan[] =>
      spans.filter((s) => s.scope?.name === `@opentelemetry/instrumentation-${scope}`);

    /** The instrumented app runs once; every test below reads its spans. */
    let instrumented: Promise<{ spans: HubSpan[]; work: HubSpan }> | undefined;
    function appSpans(): Promise<{ spans: HubSpan[]; work: HubSpan }> {
      instrumented ??= (async () => {
        await run('e2e-db');
        // work + pg (connect, query) + ioredis (set, get) + mysql2 query + node-redis (connect, SET, GET).
        const spans = await spansOf(hub.api, 'e2e-db', 10);
        return { spans, work: findSpan(spans, 'work span', (s) => s.name === 'work') };
      })();
      return instrumented;
    }

    it('pg and ioredis produce db client spans, children of the active span', async () => {
      const { spans, work } = await appSpans();
      const query = findSpan(
        spans,
        'pg query span',
        (s) => system(s) === 'postgresql' && /SELECT 1/.test(statement(s)),
      );
      expect(query.kind).toBe(3);
      expect(query.traceId).toBe(work.traceId);
      const ioredis = fromScope(spans, 'ioredis');
      expect(ioredis.map((s) => s.name)).toEqual(expect.arrayContaining(['set', 'get']));
      for (const s of ioredis.filter((x) => x.name !== 'connect')) {
        expect(system(s)).toBe('redis');
        expect(s.parentSpanId).toBe(work.spanId);
      }
    });

    it('mysql2 against MariaDB: the query is a db client span (mysql, statement) child of the active span', async () => {
      const { spans, work } = await appSpans();
      const query = findSpan(spans, 'mysql2 query span', (s) => system(s) === 'mysql');
      expect(statement(query)).toBe('SELECT 2 AS two');
      expect(query).toMatchObject({ kind: 3, traceId: work.traceId, parentSpanId: work.spanId });
      expect(query.scope?.name).toBe('@opentelemetry/instrumentation-mysql2');
      expect(query.attributes['server.port'] ?? query.attributes['net.peer.port']).toBe(mariadb!.port);
    });

    it('node-redis (the redis package): connect and each command are db client spans under the active span', async () => {
      const { spans, work } = await appSpans();
      const nodeRedis = fromScope(spans, 'redis');
      expect(nodeRedis.map((s) => s.name).sort()).toEqual(['redis-GET', 'redis-SET', 'redis-connect']);
      for (const s of nodeRedis) {
        expect(system(s)).toBe('redis');
        expect(s).toMatchObject({ kind: 3, traceId: work.traceId, parentSpanId: work.spanId });
      }
      const set = findSpan(nodeRedis, 'node-redis SET span', (s) => s.name === 'redis-SET');
      expect(set.attributes['db.operation.name']).toBe('SET');
      expect(statement(set)).toMatch(/^SET node-redis/);
    });

    it('with pg, mysql2 and redis switched off by env the same app produces no db span', async () => {
      await run('e2e-db-off', { OTEL_NODE_DISABLED_INSTRUMENTATIONS: 'pg,mysql2,redis' });
      const spans = await spansOf(hub.api, 'e2e-db-off', 1);
      expect(spans.map((s) => s.name)).toEqual(['work']);
    });
  },
);
