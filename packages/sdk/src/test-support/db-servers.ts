/**
 * @module Real database servers for the SDK's db-span e2e test: redis-server, PostgreSQL and MariaDB (Debian
 * packages) on free ports on 127.0.0.1, in temp dirs. The skip-or-fail rule of the other system-binary tests: when a
 * binary is missing the test is skipped with the install command printed, except under CI (where .ci/run
 * installs them), where it fails.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../../../test/helpers/prometheus-binary.js';

export const DB_INSTALL = 'apt-get update && apt-get install -y redis-server postgresql mariadb-server';

export interface DbServer {
  port: number;
  output(): string;
  stop(): Promise<void>;
}

function which(binary: string): string | undefined {
  try {
    return execFileSync('sh', ['-c', `command -v ${binary}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** initdb/postgres are not on PATH with the Debian package: look in /usr/lib/postgresql/<version>/bin. */
function postgresBin(name: 'initdb' | 'postgres'): string | undefined {
  const root = '/usr/lib/postgresql';
  if (existsSync(root))
    for (const v of readdirSync(root).sort().reverse()) {
      const p = join(root, v, 'bin', name);
      if (existsSync(p)) return p;
    }
  return which(name);
}

export interface DbBinaries {
  redis?: string;
  initdb?: string;
  postgres?: string;
  /** MariaDB's server and its datadir initialiser (`/usr/sbin` is not on every PATH). */
  mariadbd?: string;
  mariadbInstallDb?: string;
}

function sbin(name: string): string | undefined {
  return which(name) ?? (existsSync(`/usr/sbin/${name}`) ? `/usr/sbin/${name}` : undefined);
}

export function dbBinaries(): DbBinaries {
  return {
    redis: which('redis-server'),
    initdb: postgresBin('initdb'),
    postgres: postgresBin('postgres'),
    mariadbd: sbin('mariadbd'),
    mariadbInstallDb: which('mariadb-install-db'),
  };
}

/** Every binary the db test needs is installed. */
export function dbComplete(b: DbBinaries): b is Required<DbBinaries> {
  return Boolean(b.redis && b.initdb && b.postgres && b.mariadbd && b.mariadbInstallDb);
}

/** Whether the db test runs; warns with the install command when it is skipped. */
export function dbRequirement(): { available: boolean; mustRun: boolean } {
  const available = dbComplete(dbBinaries());
  const mustRun = Boolean(process.env.CI);
  if (!available && !mustRun)
    console.warn(
      `redis-server, PostgreSQL or MariaDB is not installed: skipping the db-span test. Install: ${DB_INSTALL}`,
    );
  return { available, mustRun };
}

async function waitForPort(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early (${child.exitCode}):\n${output()}`);
    const open = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() - started > 20_000) throw new Error(`server did not listen on ${port}:\n${output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function launch(command: string, args: string[], port: number, cleanup: () => void): Promise<DbServer> {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const server: DbServer = {
    port,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      cleanup();
    },
  };
  return waitForPort(port, child, () => out).then(
    () => server,
    async (error: unknown) => {
      await server.stop();
      throw error;
    },
  );
}

export async function startRedis(binary: string): Promise<DbServer> {
  const port = await freePort();
  return launch(
    binary,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    port,
    () => {},
  );
}

/** initdb (trust auth, user `postgres`) in a temp dir; as root both run as the `postgres` user (runuser). */
export async function startPostgres(initdb: string, postgres: string): Promise<DbServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'sy-pg-'));
  const asRoot = process.getuid?.() === 0;
  const run = (bin: string, args: string[]): [string, string[]] =>
    asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  const [initCmd, initArgs] = run(initdb, ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8']);
  execFileSync(initCmd, initArgs, { stdio: 'pipe' });
  const [cmd, args] = run(postgres, [
    '-D',
    data,
    '-p',
    String(port),
    '-k',
    dir,
    '-c',
    'listen_addresses=127.0.0.1',
  ]);
  return launch(cmd, args, port, () => rmSync(dir, { recursive: true, force: true }));
}

/**
 * MariaDB in a temp datadir (mariadb-install-db, root without a password), TCP on 127.0.0.1 only. As root the
 * server runs as root (`--user=root`) so the temp dir needs no chown; `--no-defaults` keeps /etc/mysql out.
 */
export async function startMariadb(installDb: string, mariadbd: string): Promise<DbServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'sy-mariadb-'));
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0 ? ['--user=root'] : [];
  execFileSync(
    installDb,
    [
      '--no-defaults',
      `--datadir=${data}`,
      '--auth-root-authentication-method=normal',
      '--skip-test-db',
      ...asRoot,
    ],
    { stdio: 'pipe' },
  );
  return launch(
    mariadbd,
    [
      '--no-defaults',
      `--datadir=${data}`,
      `--port=${port}`,
      '--bind-address=127.0.0.1',
      `--socket=${join(dir, 'mariadb.sock')}`,
      `--pid-file=${join(dir, 'mariadb.pid')}`,
      '--skip-log-bin',
      '--innodb-buffer-pool-size=16M',
      ...asRoot,
    ],
    port,
    () => rmSync(dir, { recursive: true, force: true }),
  );
}
