import type { TelemetryBatch } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { logBatch, logRecord } from '../exporters/testing/logs.js';
import { spanBatch } from '../exporters/testing/spans.js';
import { SelfMetrics } from '../self/self-metrics.js';
import { luhnValid } from './redaction-patterns.js';
import { RedactionProcessor, redactionProcessorConfigSchema } from './redaction-processor.js';

const redactor = (over: Record<string, unknown> = {}, metrics?: SelfMetrics) =>
  new RedactionProcessor(redactionProcessorConfigSchema.parse(over), 'redaction', metrics);

const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';

describe('RedactionProcessor value patterns', () => {
  const r = redactor();
  it.each([
    ['card 4111 1111 1111 1111 charged', 'card [REDACTED:credit_card] charged'],
    ['pan=4111-1111-1111-1111', 'pan=[REDACTED:credit_card]'],
    ['amex 378282246310005', 'amex [REDACTED:credit_card]'],
    ['mail jane.doe+x@example.co.uk now', 'mail [REDACTED:email] now'],
    ['Authorization: Bearer abc.DEF-123_xyz~', 'Authorization: Bearer [REDACTED:bearer_token]'],
    [`token ${JWT}`, 'token [REDACTED:jwt]'],
    ['key AKIAIOSFODNN7EXAMPLE used', 'key [REDACTED:aws_access_key] used'],
    ['postgres://app:hunter2@db:5432/x', 'postgres://app:[REDACTED:url_password]@db:5432/x'],
  ])('redacts %s', (input, want) => {
    expect(r.text(input)).toBe(want);
  });

  it.each([
    'order 4111111111111112 shipped', // 16 digits, fails Luhn
    'ts 1700000000000000000', // 19-digit nanosecond timestamp, fails Luhn
    'trace 4bf92f3577b34da6a3ce929d0e0e4736',
    'user@localhost logged in',
    'Bearer', // no token
    'https://example.com/a:b@c', // no credentials before the host
    'eyJnotajwt',
    'AKIA-not-a-key',
    'version 1.2.3 on port 8080',
  ])('keeps %s', (input) => {
    expect(r.text(input)).toBe(input);
  });

  it('checks card numbers with Luhn', () => {
    expect(luhnValid('4539 1488 0343 6467')).toBe(true);
    expect(luhnValid('4539 1488 0343 6468')).toBe(false);
    expect(luhnValid('123')).toBe(false);
  });
});

describe('RedactionProcessor on telemetry', () => {
  it('redacts blocked keys, attribute values, span names and event names, and counts each kind', () => {
    const metrics = new SelfMetrics();
    const batch = spanBatch(1, 1);
    if (batch.signal !== 'traces') throw new Error('traces');
    const span = batch.data.resourceSpans[0]!.scopeSpans[0]!.spans[0]!;
    span.name = 'GET /users/jane@example.com';
    span.attributes['db.password'] = 'hunter2';
    span.attributes['http.request.header.authorization'] = 'Basic YWxhZGRpbjpvcGVuc2VzYW1l';
    span.attributes['user.email'] = 'jane@example.com';
    span.attributes['db.statement'] =
      "SELECT * FROM users WHERE email = 'jane@x.io' AND id = 42 AND t1.c = 3";
    span.attributes.nested = { deep: ['ok', 'mail bob@example.org'] };
    span.events.push({
      timeUnixNano: 1n,
      name: 'sent to bob@example.org',
      attributes: {},
      droppedAttributesCount: 0,
    });
    const out = redactor({}, metrics).process(batch) as Extract<TelemetryBatch, { signal: 'traces' }>;
    const s = out.data.resourceSpans[0]!.scopeSpans[0]!.spans[0]!;
    expect(s.name).toBe('GET /users/[REDACTED:email]');
    expect(s.attributes['db.password']).toBe('[REDACTED:blocked_key]');
    expect(s.attributes['http.request.header.authorization']).toBe('[REDACTED:blocked_key]');
    expect(s.attributes['user.email']).toBe('[REDACTED:email]');
    expect(s.attributes['db.statement']).toBe('SELECT * FROM users WHERE email = ? AND id = ? AND t1.c = ?');
    expect(s.attributes.nested).toEqual({ deep: ['ok', 'mail [REDACTED:email]'] });
    expect(s.attributes['http.route']).toBe('/checkout');
    expect(s.events[0]!.name).toBe('sent to [REDACTED:email]');
    expect(metrics.value('switchyard_redactions_total', { processor: 'redaction', kind: 'email' })).toBe(4);
    expect(
      metrics.value('switchyard_redactions_total', { processor: 'redaction', kind: 'blocked_key' }),
    ).toBe(2);
  });

  it('hashes with a salt so equal values still correlate, and honours key and value allow-lists', () => {
    const r = redactor({
      action: 'hash',
      hashSalt: 'pepper',
      allowedKeys: ['support.email'],
      allowedValues: ['.*@example\\.com'],
    });
    const batch = logBatch({}, [
      logRecord('from a@corp.io and a@corp.io, cc b@example.com', {
        attributes: { 'support.email': 'help@corp.io', 'client.secret': 'x' },
      }),
    ]);
    const out = r.process(batch) as Extract<TelemetryBatch, { signal: 'logs' }>;
    const rec = out.data.resourceLogs[0]!.scopeLogs[0]!.logRecords[0]!;
    const body = rec.body as string;
    const hashes = body.match(/\[sha256:[0-9a-f]{16}\]/g)!;
    expect(hashes).toHaveLength(2);
    expect(hashes[0]).toBe(hashes[1]);
    expect(body).toContain('cc b@example.com');
    expect(rec.attributes['support.email']).toBe('help@corp.io');
    expect(rec.attributes['client.secret']).toMatch(/^\[sha256:[0-9a-f]{16}\]$/);
  });

  it('redacts structured log bodies', () => {
    const out = redactor().process(
      logBatch({}, [logRecord({ user: { email: 'x@y.dev', card: '4111111111111111' } })]),
    ) as Extract<TelemetryBatch, { signal: 'logs' }>;
    expect(out.data.resourceLogs[0]!.scopeLogs[0]!.logRecords[0]!.body).toEqual({
      user: { email: '[REDACTED:email]', card: '[REDACTED:credit_card]' },
    });
  });
});
