/**
 * @module File exporter (`type: file`): appends each batch as one line of OTLP JSON (the
 * ExportTraceServiceRequest / ExportMetricsServiceRequest / ExportLogsServiceRequest JSON encoding, so the
 * signal is given by its top-level key) to `path`. Size-based rotation: before a write would take the file
 * past `maxBytes`, `path` becomes `path.1` (older archives shift to `.2` …) and at most `maxFiles` archives
 * are kept — the oldest is deleted. Writes are serialized; `fsync: true` syncs after each batch.
 *
 *   exporters:
 *     archive: { type: file, path: /var/lib/switchyard/archive.jsonl, maxBytes: 104857600, maxFiles: 5 }
 */
import { mkdirSync } from 'node:fs';
import { type FileHandle, open, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { encodeRequest, type TelemetryBatch } from '@switchyard/core';
import { z } from 'zod';
import { type ExportResult, permanent, retryable, SUCCESS } from '../../component/export-result.js';
import type { Exporter } from '../../component/exporter.js';
import type { ComponentFactory } from '../../component/factory.js';
import type { ExporterContext } from '../otlp-exporter-config.js';

export const fileExporterConfigSchema = z.strictObject({
  type: z.literal('file'),
  path: z.string().min(1),
  /** Rotate before the file would grow past this many bytes. */
  maxBytes: z
    .number()
    .int()
    .positive()
    .default(100 * 1024 * 1024),
  /** Rotated files kept besides the active one (`path.1` newest … `path.N` oldest). */
  maxFiles: z.number().int().nonnegative().default(5),
  fsync: z.boolean().default(false),
  timeoutMs: z.number().int().positive().default(10_000),
});
export type FileExporterConfig = z.infer<typeof fileExporterConfigSchema>;

const NEWLINE = Buffer.from('\n');

export class FileExporter implements Exporter {
  private handle: FileHandle | undefined;
  private size = 0;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    readonly name: string,
    private readonly config: Pick<FileExporterConfig, 'path' | 'maxBytes' | 'maxFiles' | 'fsync'>,
  ) {
    mkdirSync(dirname(config.path), { recursive: true });
  }

  push(batch: TelemetryBatch): Promise<ExportResult> {
    const line = Buffer.concat([encodeRequest(batch, 'json'), NEWLINE]);
    const run = this.chain.then(() => this.write(line));
    this.chain = run.catch(() => {});
    return run;
  }

  private async write(line: Buffer): Promise<ExportResult> {
    try {
      if (!this.handle) await this.openActive();
      if (this.size > 0 && this.size + line.byteLength > this.config.maxBytes) await this.rotate();
      await this.handle!.write(line);
      this.size += line.byteLength;
      if (this.config.fsync) await this.handle!.sync();
      return SUCCESS;
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      await this.closeActive();
      // A full disk or a quota may clear; a path that cannot be written (permissions, a directory) will not.
      if (e.code === 'ENOSPC' || e.code === 'EDQUOT' || e.code === 'EMFILE')
        return retryable(`file: ${e.message}`);
      return permanent(`file: ${e.message}`);
    }
  }

  private async openActive(): Promise<void> {
    this.handle = await open(this.config.path, 'a');
    this.size = (await stat(this.config.path)).size;
  }

  private async closeActive(): Promise<void> {
    const h = this.handle;
    this.handle = undefined;
    await h?.close().catch(() => {});
  }

  private async rotate(): Promise<void> {
    await this.closeActive();
    const { path, maxFiles } = this.config;
    if (maxFiles === 0) {
      await rm(path, { force: true });
    } else {
      await rm(`${path}.${maxFiles}`, { force: true });
      for (let i = maxFiles - 1; i >= 1; i--)
        await rename(`${path}.${i}`, `${path}.${i + 1}`).catch(ignoreMissing);
      await rename(path, `${path}.1`);
    }
    await this.openActive();
  }

  async shutdown(): Promise<void> {
    await this.chain;
    await this.closeActive();
  }
}

function ignoreMissing(err: NodeJS.ErrnoException): void {
  if (err.code !== 'ENOENT') throw err;
}

export const fileExporterFactory: ComponentFactory<FileExporterConfig, Exporter, ExporterContext> = {
  type: 'file',
  kind: 'exporter',
  stability: { traces: 'beta', metrics: 'beta', logs: 'beta' },
  configSchema: fileExporterConfigSchema,
  createDefaultConfig: () =>
    fileExporterConfigSchema.parse({ type: 'file', path: 'switchyard-export.jsonl' }),
  create: (c, { name }) => new FileExporter(name, c),
};
