import { describe, expect, it } from 'vitest';
import { maskSecrets } from './mask-secrets.js';

describe('maskSecrets', () => {
  it('masks secret-named keys and header values, keeps references and other values', () => {
    const masked = maskSecrets({
      exporters: {
        up: { endpoint: 'http://x', headers: { 'X-Custom': 'v', Authorization: 'Bearer t' }, apiKey: 'k' },
        dd: { apiKey: 'env:DD_API_KEY', password: 'file:/run/secret' },
      },
      mcp: { bearerToken: 'abcdefabcdefabcdef' },
    });
    expect(masked).toEqual({
      exporters: {
        up: { endpoint: 'http://x', headers: { 'X-Custom': '***', Authorization: '***' }, apiKey: '***' },
        dd: { apiKey: 'env:DD_API_KEY', password: 'file:/run/secret' },
      },
      mcp: { bearerToken: '***' },
    });
  });

  it('masks an Azure Monitor connection string', () => {
    expect(
      maskSecrets({
        exporters: { ai: { type: 'azure_monitor', connectionString: 'InstrumentationKey=abc' } },
      }),
    ).toEqual({ exporters: { ai: { type: 'azure_monitor', connectionString: '***' } } });
  });
});

describe('maskSecrets on vendor exporter settings', () => {
  it('masks the settings the preset table marks as credentials, even when their names look harmless', () => {
    const masked = maskSecrets({
      exporters: {
        nr: {
          type: 'newrelic',
          settings: { NEW_RELIC_LICENSE_KEY: 'lic', NEW_RELIC_OTLP_ENDPOINT: 'https://x' },
        },
        aws: {
          type: 'aws',
          settings: { AWS_REGION: 'eu-west-1', AWS_ACCESS_KEY_ID: 'AKID', AWS_SESSION_TOKEN: 's' },
        },
      },
    });
    expect(masked).toEqual({
      exporters: {
        nr: {
          type: 'newrelic',
          settings: { NEW_RELIC_LICENSE_KEY: '***', NEW_RELIC_OTLP_ENDPOINT: 'https://x' },
        },
        aws: {
          type: 'aws',
          settings: { AWS_REGION: 'eu-west-1', AWS_ACCESS_KEY_ID: '***', AWS_SESSION_TOKEN: '***' },
        },
      },
    });
  });
});
