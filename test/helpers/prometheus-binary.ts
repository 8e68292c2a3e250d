/**
 * Shared setup for tests that run a real Prometheus (the Debian package): finding the binary, the skip-or-fail
 * rule (skip with the install command locally, fail under CI where .ci/run installs it), and free ports.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PROMETHEUS_INSTALL = 'apt-get update && apt-get install -y prometheus';

function findPrometheus(): string | undefined {
  try {
    return execFileSync('sh', ['-c', 'command -v prometheus'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** The binary path (or undefined) and whether the test must run anyway (CI); warns when it will be skipped. */
export function prometheusRequirement(what: string): { binary: string | undefined; mustRun: boolean } {
  const binary = findPrometheus();
  const mustRun = Boolean(process.env.CI);
  if (!binary && !mustRun)
    console.warn(
      `prometheus is not installed: skipping the ${what} test. Install it with: ${PROMETHEUS_INSTALL}`,
    );
  return { binary, mustRun };
}

/** A port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** A Prometheus started by a test on loopback, in its own temp dir. */
export interface RunningPrometheus {
  /** http://127.0.0.1:<port> */
  base: string;
  port: number;
  /** Its temp dir; `prometheus.yml` in it is the config file. */
  dir: string;
  /** Everything it printed so far (for failure messages). */
  output(): string;
  /** Rewrites prometheus.yml and sends SIGHUP so it reloads. */
  reload(config: string): void;
  /** Instant query: one entry per vector element; fails the test if the API does not answer success. */
  query(promql: string): Promise<{ metric: Record<string, string>; value: number }[]>;
  /** SIGTERM, wait for exit, remove the temp dir. */
  stop(): Promise<void>;
}

/** Fails with the install command when the binary is missing (only reached when the test must run). */
export function requirePrometheus(binary: string | undefined): string {
  if (!binary)
    throw new Error(
      `prometheus is not on PATH (CI is set, so this fails). Install it: ${PROMETHEUS_INSTALL}`,
    );
  return binary;
}

/**
 * Starts Prometheus with `config` (a function of its own port, for self-scrape configs) and `args`, and waits
 * for /-/ready (30 s at most, failing with its output).
 */
export async function startPrometheus(
  binary: string,
  options: { config: string | ((port: number) => string); args?: string[] },
): Promise<RunningPrometheus> {
  const dir = mkdtempSync(join(tmpdir(), 'sy-prom-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const configFile = join(dir, 'prometheus.yml');
  const write = (config: string) => writeFileSync(configFile, config);
  write(typeof options.config === 'function' ? options.config(port) : options.config);
  let output = '';
  const child: ChildProcess = spawn(
    binary,
    [
      ...(options.args ?? []),
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const collect = (c: Buffer) => {
    output += c.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const end = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(`${base}/-/ready`)).status === 200) break;
    } catch {}
    if (child.exitCode !== null || Date.now() > end) {
      await stop();
      throw new Error(`prometheus did not become ready:\n${output.slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base,
    port,
    dir,
    output: () => output,
    reload(config) {
      write(config);
      child.kill('SIGHUP');
    },
    async query(promql) {
      const res = await fetch(`${base}/api/v1/query?query=${encodeURIComponent(promql)}`);
      const body = (await res.json()) as {
        status: string;
        data: { result: { metric: Record<string, string>; value: [number, string] }[] };
      };
      if (body.status !== 'success') throw new Error(`query ${promql}: ${JSON.stringify(body)}`);
      return body.data.result.map((r) => ({ metric: r.metric, value: Number(r.value[1]) }));
    },
    stop,
  };
}
