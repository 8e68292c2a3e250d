/**
 * @module Reads a request body with hard limits: the raw body and the decompressed body are both capped,
 * and decompression stops as soon as the cap is reached, so a gzip bomb costs at most `maxBytes` of memory.
 */
import type { IncomingMessage } from 'node:http';
import { promisify } from 'node:util';
import * as zlib from 'node:zlib';
import { ReceiverError } from './http-errors.js';

const gunzip = promisify(zlib.gunzip);
const inflate = promisify(zlib.inflate);

export type ContentEncoding = 'identity' | 'gzip' | 'deflate';

export function parseContentEncoding(header: string | undefined): ContentEncoding {
  const v = (header ?? '').trim().toLowerCase();
  if (v === '' || v === 'identity') return 'identity';
  if (v === 'gzip' || v === 'x-gzip') return 'gzip';
  if (v === 'deflate') return 'deflate';
  throw new ReceiverError(
    'UNSUPPORTED_ENCODING',
    `unsupported Content-Encoding '${header}'`,
    'send identity, gzip or deflate',
  );
}

function tooLarge(maxBytes: number, what: string): ReceiverError {
  return new ReceiverError(
    'BODY_TOO_LARGE',
    `${what} exceeds the limit of ${maxBytes} bytes`,
    'send smaller batches or raise receivers.otlp.http.maxBodyBytes',
  );
}

/** Collects the raw body, refusing as soon as it grows past `maxBytes`. */
export function readRawBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes)
    return Promise.reject(tooLarge(maxBytes, 'request body'));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > maxBytes) {
        // Keep reading (and discarding) so the client can finish sending and read our 413 instead of
        // seeing a reset; requestTimeout bounds how long a hostile endless body can take.
        done = true;
        chunks.length = 0;
        reject(tooLarge(maxBytes, 'request body'));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (done) return;
      done = true;
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    });
    req.on('error', (err) => {
      if (done) return;
      done = true;
      reject(new ReceiverError('BODY_READ_FAILED', `could not read request body: ${err.message}`));
    });
    req.on('aborted', () => {
      if (done) return;
      done = true;
      reject(new ReceiverError('BODY_READ_FAILED', 'client aborted the request'));
    });
  });
}

/** Decompresses with an output cap enforced by zlib itself (`maxOutputLength`). */
export async function decompress(raw: Buffer, encoding: ContentEncoding, maxBytes: number): Promise<Buffer> {
  if (encoding === 'identity') return raw;
  try {
    const fn = encoding === 'gzip' ? gunzip : inflate;
    return await fn(raw, { maxOutputLength: maxBytes });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError)
      throw tooLarge(maxBytes, 'decompressed body');
    throw new ReceiverError('BAD_COMPRESSED_BODY', `body is not valid ${encoding} data: ${e.message}`);
  }
}
