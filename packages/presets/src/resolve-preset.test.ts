import { describe, expect, it } from 'vitest';
import { VENDOR_PRESETS } from './presets.js';
import { resolvePreset } from './resolve-preset.js';

const preset = (name: string) => VENDOR_PRESETS[name]!;

describe('resolvePreset', () => {
  it('renders the documented URL and auth header per signal', () => {
    const r = resolvePreset(preset('datadog'), { DD_API_KEY: 'k', DD_SITE: 'datadoghq.eu' });
    expect(r.missing).toEqual([]);
    expect(r.signals.metrics).toEqual({
      url: 'https://otlp.datadoghq.eu/v1/metrics',
      headers: { 'dd-protocol': 'otlp', 'dd-api-key': 'k' },
    });
  });

  it('uses the local Datadog Agent without a key when its host is set', () => {
    const r = resolvePreset(preset('datadog'), { DD_AGENT_HOST: 'agent', DD_OTLP_HTTP_PORT: '4319' });
    expect(r.useAgent).toBe(true);
    expect(r.missing).toEqual([]);
    expect(r.signals.traces).toEqual({ url: 'http://agent:4319/v1/traces', headers: {} });
  });

  it('names every missing required variable', () => {
    expect(resolvePreset(preset('dynatrace'), {}).missing.sort()).toEqual(['DT_API_TOKEN', 'DT_ENDPOINT']);
  });

  it('does not need the endpoint variable when an endpoint override is given', () => {
    const r = resolvePreset(preset('dynatrace'), { DT_API_TOKEN: 't' }, { endpoint: 'http://127.0.0.1:1/' });
    expect(r.missing).toEqual([]);
    expect(r.signals.logs?.url).toBe('http://127.0.0.1:1/v1/logs');
  });

  it('signs AWS signals per service, reads the region alias and sends logs only with a log group', () => {
    const r = resolvePreset(preset('aws'), { AWS_DEFAULT_REGION: 'eu-west-1' });
    expect(Object.keys(r.signals)).toEqual(['traces', 'metrics']);
    expect(r.signals.traces).toMatchObject({
      url: 'https://xray.eu-west-1.amazonaws.com/v1/traces',
      signingService: 'xray',
    });
    expect(r.auth).toEqual({ type: 'sigv4', region: 'eu-west-1', credentials: undefined });
    const withLogs = resolvePreset(preset('aws'), { AWS_REGION: 'us-east-1', AWS_LOG_GROUP: 'g' });
    expect(withLogs.signals.logs?.headers).toEqual({ 'x-aws-log-group': 'g', 'x-aws-log-stream': 'default' });
  });

  it('adds the resource attributes the backend needs', () => {
    const r = resolvePreset(preset('gcp'), { GCLOUD_PROJECT: 'proj-1' });
    expect(r.resourceAttributes).toEqual({ 'gcp.project_id': 'proj-1' });
    expect(r.auth).toEqual({ type: 'google-adc', projectId: 'proj-1', credentialsFile: undefined });
  });
});
