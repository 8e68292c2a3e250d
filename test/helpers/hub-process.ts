/**
 * Starts `switchyard up` as its own process on free loopback ports and a temporary data directory,
 * and reads the addresses it prints. Used by end-to-end tests.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';

export const CLI = resolve(import.meta.dirname, '../../packages/hub/bin/switchyard.js');

export interface HubProcess {
  api: string;
  otlpHttp: string;
  otlpGrpc: string;
  dataDir: string;
  child: ChildProcess;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function startHubProcess(extraArgs: string[] = [], dataDir?: string): Promise<HubProcess> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'sy-hub-'));
  const child = spawn(
    process.execPath,
    [
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
      ...extraArgs,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } },
  );
  let out = '';
  child.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr!.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const exited = new Promise<number | null>((res) => child.once('exit', (code) => res(code)));
  const started = Date.now();
  while (!/OTLP\/gRPC receiver\s+\S+/.test(out)) {
    if (child.exitCode !== null) throw new Error(`hub exited early (${child.exitCode}):\n${out}`);
    if (Date.now() - started > 30_000) {
      child.kill('SIGKILL');
      throw new Error(`hub did not start within 30 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const grab = (label: RegExp): string => label.exec(out)![1]!;
  return {
    api: grab(/HTTP API \+ health\s+(\S+)/),
    otlpHttp: grab(/OTLP\/HTTP receiver\s+(\S+)/),
    otlpGrpc: grab(/OTLP\/gRPC receiver\s+(\S+)/),
    dataDir: dir,
    child,
    output: () => out,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      const code = await exited;
      clearTimeout(timer);
      if (!dataDir) rmSync(dir, { recursive: true, force: true });
      return code;
    },
  };
}

/**
 * One hub for a whole test file: started before its tests, stopped after them (exiting 0). Returns the
 * running hub (call it inside tests and hooks).
 */
export function useHubProcess(): () => HubProcess {
  let hub: HubProcess | undefined;
  beforeAll(async () => {
    hub = await startHubProcess();
  }, 60_000);
  afterAll(async () => {
    const code = await hub?.stop();
    expect(code).toBe(0);
  });
  return () => {
    if (!hub) throw new Error('the hub did not start (see beforeAll)');
    return hub;
  };
}

export async function getJson(url: string): Promise<{ status: number; body: any }> {
  const res = await fetch(url);
  return { status: res.status, body: await res.json() };
}

/** Polls until `check` returns a value (not undefined) or the timeout passes. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}
