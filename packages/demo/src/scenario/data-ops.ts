import { KAFKA, LATENCY, type LatencySpec, POSTGRES, REDIS } from './catalog.js';
import { newChild } from './http-ops.js';
import { Draft } from './op-builder.js';
import type { ServiceName } from './plan.js';

export interface SqlSpec {
  /** SELECT, INSERT, UPDATE, DELETE. */
  operation: string;
  table: string;
  text: string;
  latency: LatencySpec;
  /** Latency multiplier (incidents). */
  factor?: number;
}

/** A postgres CLIENT span; returns its duration in ms. */
export function sqlQuery(caller: Draft, sql: SqlSpec): number {
  const q = newChild(caller, `${sql.operation} shop.${sql.table}`, 'client', {
    'db.system.name': 'postgresql',
    'db.namespace': 'shop',
    'db.collection.name': sql.table,
    'db.operation.name': sql.operation,
    'db.query.text': sql.text,
    'server.address': POSTGRES.host,
    'server.port': POSTGRES.port,
  });
  const ms = q.work(sql.latency, sql.factor ?? 1);
  q.op.measurement = { kind: 'db', system: 'postgresql', operation: sql.operation, collection: sql.table };
  caller.add(q.end());
  return ms;
}

/** A redis CLIENT span (GET/SET/DEL). */
export function redisCommand(caller: Draft, command: 'GET' | 'SET' | 'DEL', key: string): void {
  const c = newChild(caller, command, 'client', {
    'db.system.name': 'redis',
    'db.namespace': '0',
    'db.operation.name': command,
    'db.query.text': command === 'SET' ? `SET ${key} ? EX 1800` : `${command} ${key}`,
    'server.address': REDIS.host,
    'server.port': REDIS.port,
  });
  c.work(LATENCY.redis);
  c.op.measurement = {
    kind: 'db',
    system: 'redis',
    operation: command,
    collection: key.split(':')[0] ?? key,
  };
  caller.add(c.end());
}

/**
 * Publishes a message to kafka (PRODUCER span) and plans the consumer side in `consumer`
 * as an async child that starts after a queue delay; `process` plans the consumer's work.
 */
export function publishAndConsume(
  producerParent: Draft,
  consumer: ServiceName,
  messageKey: string,
  process: (c: Draft) => void,
): void {
  const p = newChild(producerParent, `send ${KAFKA.topic}`, 'producer', {
    'messaging.system': 'kafka',
    'messaging.destination.name': KAFKA.topic,
    'messaging.operation.type': 'send',
    'messaging.operation.name': 'send',
    'messaging.kafka.message.key': messageKey,
    'server.address': KAFKA.host,
    'server.port': KAFKA.port,
  });
  p.work(LATENCY.kafkaPublish);
  const start = p.cursor + p.b.latency(LATENCY.queueDelay);
  const c = new Draft(p.b, consumer, `process ${KAFKA.topic}`, 'consumer', start, {
    'messaging.system': 'kafka',
    'messaging.destination.name': KAFKA.topic,
    'messaging.operation.type': 'process',
    'messaging.operation.name': 'process',
    'messaging.consumer.group.name': consumer,
    'messaging.kafka.message.key': messageKey,
  });
  process(c);
  p.addAsync(c.end());
  producerParent.add(p.end());
}

/** An INTERNAL span for in-process work (template rendering, password hashing). */
export function internalWork(caller: Draft, name: string, latency: LatencySpec, attrs = {}): void {
  const w = newChild(caller, name, 'internal', attrs);
  w.work(latency);
  caller.add(w.end());
}
