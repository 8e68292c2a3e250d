import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError } from '../errors/switchyard-error.js';
import { didYouMean } from './did-you-mean.js';
import { loadConfigText } from './load-config.js';
import { resolveSecret, substituteString } from './substitute.js';

const schema = z.strictObject({
  server: z
    .strictObject({ port: z.number().int().default(8080), host: z.string().default('127.0.0.1') })
    .default({
      port: 8080,
      host: '127.0.0.1',
    }),
  endpoint: z.string().optional(),
});

function errorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfigText', () => {
  it('substitutes ${VAR} and ${VAR:-default}', () => {
    const cfg = loadConfigText('endpoint: http://${HOST}:${PORT:-4318}\n', schema, { env: { HOST: 'h' } });
    expect(cfg.endpoint).toBe('http://h:4318');
  });

  it('names the unknown key with its path and suggests the nearest valid key', () => {
    const e = errorOf(() => loadConfigText('server:\n  prot: 1\n', schema, { env: {} }));
    expect(e.message).toContain("server.prot: unknown key (did you mean 'port'?)");
    expect(e.path).toBe('server.prot');
  });

  it('reports type errors with the key path', () => {
    const e = errorOf(() => loadConfigText('server:\n  port: abc\n', schema, { env: {} }));
    expect(e.message).toContain('server.port');
  });

  it('suggests the nearest allowed value for a misspelt enum value or union type, and nothing for a far one', () => {
    const typed = z.strictObject({
      mode: z.enum(['adaptive', 'interval']).optional(),
      sink: z
        .discriminatedUnion('type', [
          z.strictObject({ type: z.literal('datadog') }),
          z.strictObject({ type: z.literal('honeycomb') }),
        ])
        .optional(),
    });
    const e = errorOf(() => loadConfigText('mode: adaptiv\n', typed, { env: {} }));
    expect(e.message).toContain(
      'mode: Invalid option: expected one of "adaptive"|"interval" (did you mean \'adaptive\'?)',
    );
    const u = errorOf(() => loadConfigText('sink: { type: datadg }\n', typed, { env: {} }));
    expect(u.message).toContain("(did you mean 'datadog'?)");
    expect(u.path).toBe('sink.type');
    const far = errorOf(() => loadConfigText('mode: zzzzzz\n', typed, { env: {} }));
    expect(far.message).not.toContain('did you mean');
  });

  it('reports YAML syntax errors with a line number', () => {
    const e = errorOf(() => loadConfigText('server: [\n', schema, { env: {} }));
    expect(e.message).toContain('invalid YAML');
    expect(e.path).toMatch(/^line \d+/);
  });

  it('fails on an unset variable without default, naming it', () => {
    const e = errorOf(() => substituteString('${NOPE}', {}, 'a.b'));
    expect(e.message).toContain('NOPE');
    expect(e.path).toBe('a.b');
  });
});

describe('resolveSecret', () => {
  it('reads env: and file: references', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sy-secret-'));
    writeFileSync(join(dir, 'tok'), 's3cret\n');
    expect(resolveSecret('env:TOKEN', { TOKEN: 'abc' }, 'x')).toBe('abc');
    expect(resolveSecret(`file:${join(dir, 'tok')}`, {}, 'x')).toBe('s3cret');
    expect(resolveSecret('literal', {}, 'x')).toBe('literal');
    expect(() => resolveSecret('env:MISSING', {}, 'x')).toThrow(ConfigError);
  });
});

describe('didYouMean', () => {
  it('suggests close names only', () => {
    expect(didYouMean('exporter', ['exporters', 'routes'])).toBe('exporters');
    expect(didYouMean('zzzzzz', ['exporters', 'routes'])).toBeUndefined();
  });
});
