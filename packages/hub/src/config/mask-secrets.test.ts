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
