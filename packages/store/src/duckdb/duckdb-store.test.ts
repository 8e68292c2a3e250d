import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SwitchyardError } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { describeTelemetryStoreConformance } from '../telemetry-store.conformance.js';
import { resource, span, spanId, traceId, traces } from '../telemetry-store.fixtures.js';
import { DuckDbStore } from './duckdb-store.js';

describeTelemetryStoreConformance('DuckDbStore', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-store-'));
  let store = new DuckDbStore({ dataDir });
  await store.open();
  return {
    store,
    async reopen() {
      await store.close();
      store = new DuckDbStore({ dataDir });
      await store.open();
      return store;
    },
    async cleanup() {
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
});

describe('DuckDbStore specifics', () => {
  it('rejects the appends of a failed flush and recovers for later ones', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-store-'));
    try {
      let store = new DuckDbStore({ dataDir });
      await store.open();
      rmSync(join(dataDir, 'staging'), { recursive: true }); // the next flush cannot stage its rows
      const failing = [1, 2].map((i) =>
        store.append(traces(resource('new-svc'), [span({ traceId: traceId(i), spanId: spanId(1) })])),
      );
      for (const p of failing) await expect(p).rejects.toMatchObject({ code: 'STORE_WRITE' });
      mkdirSync(join(dataDir, 'staging'));
      await store.append(traces(resource('new-svc'), [span({ traceId: traceId(3), spanId: spanId(1) })]));
      await store.close();
      store = new DuckDbStore({ dataDir });
      await store.open();
      expect(await store.getTrace(traceId(1))).toEqual([]);
      const [s] = await store.getTrace(traceId(3));
      expect(s?.resource.attributes['service.name']).toBe('new-svc');
      await store.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('keeps text equal to the staging format markers, and refuses only an oversized item', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-store-'));
    const store = new DuckDbStore({ dataDir });
    try {
      await store.open();
      const odd = span({
        traceId: traceId(1),
        spanId: spanId(1),
        name: '\u0003',
        status: { code: 2, message: '\u0002\u001f\n' },
      });
      const fine = store.append(traces(resource('api'), [odd]));
      const huge = span({
        traceId: traceId(2),
        spanId: spanId(1),
        attributes: { blob: 'x'.repeat(33 * 1024 * 1024) },
      });
      await expect(store.append(traces(resource('api'), [huge]))).rejects.toMatchObject({
        code: 'STORE_ROW_TOO_LARGE',
      });
      await fine;
      const [s] = await store.getTrace(traceId(1));
      expect(s?.name).toBe('\u0003');
      expect(s?.status.message).toBe('\u0002\u001f\n');
      expect(await store.getTrace(traceId(2))).toEqual([]);
    } finally {
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('commits a group as soon as maxPendingRows are pending, without waiting for the interval', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-store-'));
    const store = new DuckDbStore({ dataDir, flushIntervalMs: 60_000, maxPendingRows: 3 });
    try {
      await store.open();
      const spans = [1, 2, 3].map((i) => span({ traceId: traceId(1), spanId: spanId(i) }));
      await store.append(traces(resource('api'), spans));
      expect(await store.getTrace(traceId(1))).toHaveLength(3);
    } finally {
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('flushes pending appends on close, and refuses use before open or after close', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-store-'));
    try {
      const store = new DuckDbStore({ dataDir, flushIntervalMs: 60_000 });
      expect(() => store.append(traces(resource('api'), []))).toThrow(SwitchyardError);
      await store.open();
      const pending = store.append(
        traces(resource('api'), [span({ traceId: traceId(1), spanId: spanId(1) })]),
      );
      await store.close();
      await pending;
      await expect(store.findTraces({ limit: 1 })).rejects.toMatchObject({ code: 'STORE_STATE' });
      const again = new DuckDbStore({ dataDir });
      await again.open();
      expect(await again.getTrace(traceId(1))).toHaveLength(1);
      await again.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('uses an ART index on trace ids when asked, with the same results', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-store-'));
    const store = new DuckDbStore({ dataDir, traceIdIndex: true });
    try {
      await store.open();
      await store.append(traces(resource('api'), [span({ traceId: traceId(5), spanId: spanId(1) })]));
      expect(await store.getTrace(traceId(5))).toHaveLength(1);
    } finally {
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
