/**
 * Shared setup for tests that run a real Prometheus (the Debian package): finding the binary, the skip-or-fail
 * rule (skip with the install command locally, fail under CI where .ci/run installs it), and free ports.
 */
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:net';

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
