import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { loadSdkConfigFile } from './config-file.js';

describe('loadSdkConfigFile', () => {
  it('treats an empty SWITCHYARD_CONFIG as unset and discovers ./switchyard.yaml', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sy-cfg-'));
    writeFileSync(join(dir, 'switchyard.yaml'), 'sdk:\n  serviceName: from-file\n');
    const loaded = loadSdkConfigFile({ SWITCHYARD_CONFIG: '' }, undefined, dir);
    expect(loaded.path).toBe(join(dir, 'switchyard.yaml'));
    expect(loaded.config).toMatchObject({ serviceName: 'from-file' });
  });

  it('names SWITCHYARD_CONFIG when the file it points to does not exist', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sy-cfg-'));
    expect(() => loadSdkConfigFile({ SWITCHYARD_CONFIG: 'missing.yaml' }, undefined, dir)).toThrow(
      ConfigError,
    );
  });
});
