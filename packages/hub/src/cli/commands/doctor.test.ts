import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const CLI = resolve(import.meta.dirname, '../../../bin/switchyard.js');
let server: Server;
let port = 0;
const seen: { url: string | undefined; type: string | undefined; auth: string | undefined }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ url: req.url, type: req.headers['content-type'], auth: req.headers.authorization });
    req.resume();
    req.on('end', () => {
      if (req.url?.startsWith('/secure') && req.headers.authorization !== 'Bearer good')
        res.writeHead(401).end();
      else res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => server.close());

describe('switchyard doctor', () => {
  it('reports each exporter and exits 1 when one is unreachable or rejects its credentials', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sy-doctor-')), 'switchyard.yaml');
    writeFileSync(
      file,
      [
        'exporters:',
        `  good: { type: otlp_http, endpoint: "http://127.0.0.1:${port}" }`,
        `  badauth: { type: otlp_http, endpoint: "http://127.0.0.1:${port}/secure", headers: { Authorization: "Bearer wrong" } }`,
        '  dead: { type: otlp_http, endpoint: "http://127.0.0.1:1" }',
        '',
      ].join('\n'),
    );
    const r = await run(process.execPath, [CLI, 'doctor', '--config', file, '--format', 'json']).catch(
      (e: any) => e,
    );
    expect(r.code).toBe(1);
    const reports = JSON.parse(r.stdout);
    const by = Object.fromEntries(reports.map((x: any) => [x.name, x]));
    expect(by.good).toMatchObject({ dns: 'ok', connect: 'ok', request: 'ok' });
    expect(by.badauth.request).toBe('fail');
    expect(by.badauth.detail).toContain('authentication rejected');
    expect(by.dead.connect).toBe('fail');
    expect(r.stderr).toContain('2 of 3 exporter(s) failed');
    expect(seen.find((s) => s.url === '/v1/traces')?.type).toBe('application/x-protobuf');
  });
});
