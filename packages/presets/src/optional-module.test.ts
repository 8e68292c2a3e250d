import { ConfigError } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { importOptional, once, reportOnce } from './optional-module.js';

describe('importOptional', () => {
  it('turns a missing package into a ConfigError with the given key path and the npm install command', async () => {
    const missing = importOptional(
      () => import('@switchyard/package-that-does-not-exist' as string),
      'aws',
      '@smithy/signature-v4@5 @aws-sdk/credential-provider-node@3',
      'exporters.aws',
    );
    await expect(missing).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      path: 'exporters.aws',
      message: expect.stringContaining('@smithy/signature-v4 and @aws-sdk/credential-provider-node'),
      hint: 'npm install @smithy/signature-v4@5 @aws-sdk/credential-provider-node@3',
    });
  });
});

describe('once', () => {
  it('runs the loader once and shares its promise', async () => {
    let calls = 0;
    const load = once(async () => ++calls);
    expect(await Promise.all([load(), load()])).toEqual([1, 1]);
    expect(calls).toBe(1);
  });
});

describe('reportOnce', () => {
  it('passes only the first error on and returns every error it is given', () => {
    const seen: ConfigError[] = [];
    const report = reportOnce((e) => seen.push(e));
    const first = new ConfigError('first', { path: 'exporters.aws' });
    const second = new ConfigError('second', { path: 'exporters.aws' });
    expect([report(first), report(second)]).toEqual([first, second]);
    expect(seen).toEqual([first]);
  });
});
