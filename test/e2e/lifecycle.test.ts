/**
 * Hub lifecycle: data acknowledged before SIGTERM survives a restart; a second hub on the same data
 * directory is refused with a clear error; bad flags and config exit with 2 and a precise message.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, getJson, startHubProcess } from '../helpers/hub-process.js';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'sy-life-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TRACE = '0af7651916cd43dd8448eb211c80319c';

function oneSpan(): string {
  return JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'life' } }] },
        scopeSpans: [
          {
            spans: [
              {
                traceId: TRACE,
                spanId: 'b7ad6b7169203331',
                name: 'persist-me',
                startTimeUnixNano: '1700000000000000001',
                endTimeUnixNano: '1700000000000000002',
              },
            ],
          },
        ],
      },
    ],
  });
}

describe('hub lifecycle', () => {
  it('keeps acknowledged data across a SIGTERM restart and refuses a second hub on the same directory', async () => {
    const first = await startHubProcess([], dir);
    const res = await fetch(`${first.otlpHttp}/v1/traces`, {
      method: 'POST',
      body: oneSpan(),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(200);

    const second = await run(process.execPath, [
      CLI,
      'up',
      '--data-dir',
      dir,
      '--port',
      '0',
      '--otlp-http-port',
      '0',
      '--otlp-grpc-port',
      '0',
    ]).catch((e: any) => e);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/STORE_LOCKED/);
    expect(second.stderr).toContain(String(first.child.pid));

    expect(await first.stop('SIGTERM')).toBe(0);
    const restarted = await startHubProcess([], dir);
    const trace = await getJson(`${restarted.api}/api/traces/${TRACE}`);
    expect(trace.status).toBe(200);
    expect(trace.body.spans[0].name).toBe('persist-me');
    expect(trace.body.spans[0].startTimeUnixNano).toBe('1700000000000000001');
    const added = await run(process.execPath, [
      CLI,
      'event',
      'add',
      '--kind',
      'deployment',
      '--service',
      'life',
      '--description',
      'v2 rollout',
      '--attr',
      'service.version=2.0.0',
      '--hub',
      restarted.api,
      '--format',
      'json',
    ]);
    expect(JSON.parse(added.stdout)).toMatchObject({
      kind: 'deployment',
      service: 'life',
      attributes: { 'service.version': '2.0.0' },
    });
    const listed = await run(process.execPath, [
      CLI,
      'event',
      'list',
      '--service',
      'life',
      '--hub',
      restarted.api,
      '--format',
      'csv',
    ]);
    expect(listed.stdout.split('\n')[0]).toBe('time,kind,service,description,attributes,id');
    expect(listed.stdout).toContain('v2 rollout');
    expect(await restarted.stop('SIGINT')).toBe(0);
  }, 90_000);

  it('exits 2 with the key path for an invalid config file', async () => {
    const cfg = join(dir, 'bad.yaml');
    writeFileSync(cfg, 'receivers:\n  otlp:\n    htp:\n      port: 1\n');
    const r = await run(process.execPath, [CLI, 'up', '--config', cfg]).catch((e: any) => e);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("receivers.otlp.htp: unknown key (did you mean 'http'?)");
  });

  it('exits 2 for a bad port flag', async () => {
    const r = await run(process.execPath, [CLI, 'up', '--port', '70000']).catch((e: any) => e);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('not a valid port');
  });
});
