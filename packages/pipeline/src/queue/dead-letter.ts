/**
 * @module The dead-letter file: batches a destination refused permanently (or that ran out of retry time),
 * one NDJSON line each — when, which exporter, why, and the request as OTLP/JSON so it can be replayed.
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { encodeRequest, itemCount, type TelemetryBatch } from '@switchyard/core';

const utf8 = new TextDecoder();

export class DeadLetterFile {
  private fd: number | undefined;

  constructor(readonly path: string) {}

  /** Appends one line; returns false when the file cannot be written (the caller counts the loss). */
  write(exporter: string, batch: TelemetryBatch, reason: string): boolean {
    try {
      if (this.fd === undefined) {
        mkdirSync(dirname(this.path), { recursive: true });
        this.fd = openSync(this.path, 'a');
      }
      const head = JSON.stringify({
        time: new Date().toISOString(),
        exporter,
        signal: batch.signal,
        items: itemCount(batch),
        reason,
      });
      const request = utf8.decode(encodeRequest(batch, 'json'));
      writeSync(this.fd, `${head.slice(0, -1)},"request":${request}}\n`);
      return true;
    } catch {
      return false;
    }
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
