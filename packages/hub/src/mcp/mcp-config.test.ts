import { describe, expect, it } from 'vitest';
import { defaultHubConfig, hubConfigSchema } from '../config/hub-config.js';
import { selectTools } from './tool-registry.js';

describe('mcp section of the hub config', () => {
  it('serves every tool at /mcp by default, without a token or allowed origins', () => {
    const { mcp } = defaultHubConfig();
    expect(mcp).toEqual({ enabled: true, allowedOrigins: [], enabledTools: [], disabledTools: [] });
    expect(selectTools({ enabled: mcp.enabledTools, disabled: mcp.disabledTools })).toHaveLength(11);
  });

  it('accepts tool groups and names, and rejects unknown ones and short tokens', () => {
    const ok = hubConfigSchema.parse({
      mcp: { disabledTools: ['logs', 'ask'], bearerToken: 'x'.repeat(16) },
    });
    expect(ok.mcp.disabledTools).toEqual(['logs', 'ask']);
    expect(hubConfigSchema.safeParse({ mcp: { enabledTools: ['log'] } }).success).toBe(false);
    expect(hubConfigSchema.safeParse({ mcp: { bearerToken: 'short' } }).success).toBe(false);
  });
});
