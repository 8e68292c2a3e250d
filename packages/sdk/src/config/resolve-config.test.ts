import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from './resolve-config.js';

/** `${NAME}` as it is written in YAML. */
const ref = (name: string): string => `$${'{'}${name}}`;

function dirWith(yaml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'sy-sdk-'));
  writeFileSync(join(dir, 'switchyard.yaml'), yaml);
  return dir;
}

const FILE = `
# the hub's keys live in the same file and are ignored by the SDK
host: 0.0.0.0
sdk:
  serviceName: from-file
  environment: staging
  metricExportIntervalMillis: 30000
  propagators: [jaeger]
  exportTo:
    otlp:
      endpoint: http://file-collector:4318
      headers: { x-from: file }
`;

describe('resolveConfig precedence (options > env > file)', () => {
  it('uses the file when nothing else is set', () => {
    const c = resolveConfig({ env: {}, cwd: dirWith(FILE) });
    expect(c.serviceName).toBe('from-file');
    expect(c.metricExportIntervalMillis).toBe(30000);
    expect(c.propagators).toEqual(['jaeger']);
    expect(c.exportToSource).toBe('file');
    expect(c.exportTo).toEqual([
      ['otlp', { endpoint: 'http://file-collector:4318', headers: { 'x-from': 'file' } }],
    ]);
    expect(c.resourceAttributes['deployment.environment.name']).toBe('staging');
    expect(c.configFile).toMatch(/switchyard\.yaml$/);
  });

  it('lets env override the file', () => {
    const c = resolveConfig({
      env: { OTEL_SERVICE_NAME: 'from-env', OTEL_METRIC_EXPORT_INTERVAL: '5000', OTEL_PROPAGATORS: 'b3' },
      cwd: dirWith(FILE),
    });
    expect(c.serviceName).toBe('from-env');
    expect(c.metricExportIntervalMillis).toBe(5000);
    expect(c.propagators).toEqual(['b3']);
  });

  it('lets options override env and file, keeping file settings for the same exporter underneath', () => {
    const c = resolveConfig({
      env: { OTEL_SERVICE_NAME: 'from-env', OTEL_TRACES_EXPORTER: 'console' },
      cwd: dirWith(FILE),
      serviceName: 'from-options',
      exportTo: { otlp: { headers: { 'x-from': 'options' } } },
    });
    expect(c.serviceName).toBe('from-options');
    expect(c.resourceAttributes['service.name']).toBe('from-options');
    expect(c.exportToSource).toBe('options');
    expect(c.exportTo).toEqual([
      ['otlp', { endpoint: 'http://file-collector:4318', headers: { 'x-from': 'options' } }],
    ]);
  });

  it('takes exporter names per signal from OTEL_*_EXPORTER over the file', () => {
    const c = resolveConfig({
      env: { OTEL_TRACES_EXPORTER: 'otlp,console', OTEL_METRICS_EXPORTER: 'none' },
      cwd: dirWith(FILE),
    });
    expect(c.exportToSource).toBe('env');
    expect(c.signalsFor!('otlp')).toEqual(['traces', 'logs']);
    expect(c.signalsFor!('console')).toEqual(['traces']);
  });

  it('reads the file named by SWITCHYARD_CONFIG with variable substitution', () => {
    const dir = dirWith(`sdk:\n  serviceName: ${ref('SVC:-fallback')}\n  environment: ${ref('STAGE')}\n`);
    const c = resolveConfig({ env: { SWITCHYARD_CONFIG: join(dir, 'switchyard.yaml'), STAGE: 'qa' } });
    expect(c.serviceName).toBe('fallback');
    expect(c.resourceAttributes['deployment.environment.name']).toBe('qa');
  });
});

describe('resolveConfig with a bad config file', () => {
  it('reports an unknown key with its path and a did-you-mean, and still resolves', () => {
    const c = resolveConfig({
      env: { OTEL_SERVICE_NAME: 'still-works' },
      cwd: dirWith('sdk:\n  servceName: x\n'),
    });
    expect(c.errors).toHaveLength(1);
    expect(c.errors[0]!.path).toBe('sdk.servceName');
    expect(c.errors[0]!.message).toContain("did you mean 'serviceName'");
    expect(c.serviceName).toBe('still-works');
  });

  it('reports a wrong type with the key path', () => {
    const c = resolveConfig({ env: {}, cwd: dirWith('sdk:\n  sampling:\n    ratio: 2\n') });
    expect(c.errors[0]!.path).toBe('sdk.sampling.ratio');
  });

  it('reports an invalid sampling regex with its path', () => {
    const c = resolveConfig({
      env: {},
      cwd: dirWith(
        "sdk:\n  sampling:\n    rules:\n      - { attribute: http.route, matches: '([', decision: drop }\n",
      ),
    });
    expect(c.errors[0]!.path).toBe('sdk.sampling.rules[0].matches');
    expect(c.errors[0]!.message).toContain('not a valid regular expression');
  });

  it('reports a missing substituted variable with the key path', () => {
    const c = resolveConfig({ env: {}, cwd: dirWith(`sdk:\n  serviceName: ${ref('NOPE')}\n`) });
    expect(c.errors[0]!.message).toContain('NOPE');
    expect(c.errors[0]!.path).toBe('sdk.serviceName');
  });

  it('reports invalid YAML with the line', () => {
    const c = resolveConfig({ env: {}, cwd: dirWith('sdk:\n  serviceName: [unclosed\n') });
    expect(c.errors[0]!.message).toContain('invalid YAML');
    expect(c.errors[0]!.path).toMatch(/line \d+/);
  });

  it('reports a missing SWITCHYARD_CONFIG file', () => {
    const c = resolveConfig({ env: { SWITCHYARD_CONFIG: '/nonexistent/sy.yaml' } });
    expect(c.errors[0]!.message).toContain('/nonexistent/sy.yaml');
    expect(c.errors[0]!.path).toBe('SWITCHYARD_CONFIG');
  });
});
