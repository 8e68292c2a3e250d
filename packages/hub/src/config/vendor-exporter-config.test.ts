/**
 * Vendor exporters in switchyard.yaml: settings are checked at config load, so `switchyard config validate`
 * names an unknown key (with the nearest valid one), a missing required variable, or a signal a route sends
 * to a backend that does not accept it.
 */
import { describe, expect, it } from 'vitest';
import { hubConfigSchema } from './hub-config.js';

function issues(config: Record<string, unknown>): string[] {
  const r = hubConfigSchema.safeParse(config);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('vendor exporter config', () => {
  it('accepts a preset with its settings and the usual delivery options', () => {
    const r = hubConfigSchema.parse({
      exporters: {
        dd: {
          type: 'datadog',
          settings: { DD_API_KEY: 'k', DD_SITE: 'datadoghq.eu' },
          durable: true,
          retry: { maxElapsedMs: 60_000 },
        },
      },
      routes: [{ exporters: ['dd'] }],
    });
    expect(r.exporters.dd).toMatchObject({ type: 'datadog', durable: true, compression: 'gzip' });
  });

  it("falls back to the hub's environment for a setting not given", () => {
    const before = process.env.DT_API_TOKEN;
    process.env.DT_API_TOKEN = 'from-env';
    try {
      expect(
        issues({ exporters: { dt: { type: 'dynatrace', settings: { DT_ENDPOINT: 'https://x' } } } }),
      ).toEqual([]);
    } finally {
      if (before === undefined) delete process.env.DT_API_TOKEN;
      else process.env.DT_API_TOKEN = before;
    }
  });

  it('refuses an unknown setting and suggests the nearest one', () => {
    expect(issues({ exporters: { dd: { type: 'datadog', settings: { DD_API_KYE: 'k' } } } })).toEqual([
      expect.stringMatching(
        /^exporters\.dd\.settings\.DD_API_KYE: unknown setting 'DD_API_KYE' for datadog \(did you mean 'DD_API_KEY'\?\)/,
      ),
    ]);
  });

  it('names a missing required variable and both ways to set it', () => {
    const [issue] = issues({
      exporters: { dt: { type: 'dynatrace', settings: { DT_ENDPOINT: 'https://x' } } },
    });
    expect(issue).toContain('exporters.dt.settings');
    expect(issue).toContain('DT_API_TOKEN');
    expect(issue).toContain("in the hub's environment");
  });

  it('refuses a route that explicitly sends a signal the backend does not accept', () => {
    const found = issues({
      exporters: {
        j: { type: 'jaeger' },
        sp: { type: 'splunk', settings: { SPLUNK_REALM: 'us1', SPLUNK_ACCESS_TOKEN: 't' } },
      },
      routes: [
        { signals: ['traces', 'metrics'], exporters: ['j'] },
        { signals: ['logs'], exporters: ['sp'] },
      ],
    });
    expect(found).toEqual([
      "routes.0.signals.1: exporter 'j' (jaeger) does not accept metrics",
      expect.stringMatching(/^routes\.1\.signals\.0: exporter 'sp' \(splunk\) does not accept logs/),
    ]);
  });

  it('accepts a route without a signal list to a backend that lacks some (those are skipped and counted)', () => {
    expect(issues({ exporters: { j: { type: 'jaeger' } }, routes: [{ exporters: ['j'] }] })).toEqual([]);
  });

  it('offers cumulative_to_delta as a transform', () => {
    const r = hubConfigSchema.parse({
      processors: { transforms: [{ type: 'cumulative_to_delta', maxSeries: 10 }] },
    });
    expect(r.processors.transforms[0]).toEqual({ type: 'cumulative_to_delta', maxSeries: 10 });
  });
});
