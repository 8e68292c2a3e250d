import { deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ReceiverError } from './http-errors.js';
import { decompress, parseContentEncoding } from './read-body.js';

describe('decompress', () => {
  it('inflates gzip and deflate bodies under the limit', async () => {
    const data = Buffer.from('hello '.repeat(1000));
    expect((await decompress(gzipSync(data), 'gzip', 1 << 20)).equals(data)).toBe(true);
    expect((await decompress(deflateSync(data), 'deflate', 1 << 20)).equals(data)).toBe(true);
  });

  it('stops a gzip bomb at the limit with a 413 error', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024));
    const before = process.memoryUsage().arrayBuffers;
    const err = await decompress(bomb, 'gzip', 1024 * 1024).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReceiverError);
    expect((err as ReceiverError).status).toBe(413);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(32 * 1024 * 1024);
  });

  it('rejects corrupt compressed data with 400', async () => {
    const err = await decompress(Buffer.from('not gzip'), 'gzip', 1024).catch((e: unknown) => e);
    expect((err as ReceiverError).status).toBe(400);
  });
});

describe('parseContentEncoding', () => {
  it('accepts identity, gzip, deflate and rejects others with 415', () => {
    expect(parseContentEncoding(undefined)).toBe('identity');
    expect(parseContentEncoding('GZIP')).toBe('gzip');
    expect(parseContentEncoding('deflate')).toBe('deflate');
    expect(() => parseContentEncoding('br')).toThrow(/unsupported Content-Encoding 'br'/);
  });
});
