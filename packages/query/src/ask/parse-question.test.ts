import { describe, expect, it } from 'vitest';
import { parseQuestion } from './parse-question.js';

const NOW = Date.parse('2024-05-01T15:30:00Z');
const H = 3_600_000;
const M = 60_000;
const D = 86_400_000;
const DAY = Date.parse('2024-05-01T00:00:00Z');
const SERVICES = ['checkout', 'checkout-api', 'payments', 'frontend', 'cart', 'product-catalog', 'email'];

type Expect = Record<string, unknown> & { start?: number; end?: number };
const ER = { signal: 'metrics', intent: { kind: 'error_rate' } };
const LAT = (stat: number | 'avg') => ({ signal: 'metrics', intent: { kind: 'latency', stat } });
const TP = { signal: 'metrics', intent: { kind: 'throughput' } };
const CPU = { signal: 'metrics', intent: { kind: 'saturation', resource: 'cpu' } };
const MEM = { signal: 'metrics', intent: { kind: 'saturation', resource: 'memory' } };
const LOGS = { signal: 'logs' };
const TR = { signal: 'traces' };
const lastH = { start: NOW - H, end: NOW };

const CASES: [string, Expect][] = [
  // error rate
  ['error rate of checkout in the last hour', { ...ER, service: 'checkout', ...lastH }],
  ['What is the error rate for payments?', { ...ER, service: 'payments', ...lastH }],
  ["checkout's error rate over the past 30 minutes", { ...ER, service: 'checkout', start: NOW - 30 * M }],
  ['error-rate cart last 2 days', { ...ER, service: 'cart', start: NOW - 2 * D }],
  ['how many errors does frontend have today', { ...ER, service: 'frontend', start: DAY, end: NOW }],
  ['failure rate of payments since 14:00', { ...ER, service: 'payments', start: DAY + 14 * H }],
  ['errors by service', { ...ER, groupBy: ['service'] }],
  ['errors per service yesterday', { ...ER, groupBy: ['service'], start: DAY - D, end: DAY }],
  ['which service has the most errors', { ...ER, groupBy: ['service'] }],
  ['5xx rate for checkout-api', { ...ER, service: 'checkout-api' }],
  ['Is checkout failing?', { ...ER, service: 'checkout' }],
  ['exceptions in payments over the last 15 minutes', { ...ER, service: 'payments', start: NOW - 15 * M }],
  ['error rates across services last 6 hours', { ...ER, groupBy: ['service'], start: NOW - 6 * H }],
  [
    'errors for product-catalog between 10:00 and 11:00',
    { ...ER, service: 'product-catalog', start: DAY + 10 * H, end: DAY + 11 * H },
  ],
  ['error rate email past week', { ...ER, service: 'email', start: NOW - 7 * D }],
  ['checkout error rate right now', { ...ER, service: 'checkout', start: NOW - 15 * M }],
  ['failures in cart yesterday', { ...ER, service: 'cart', start: DAY - D, end: DAY }],
  ['error rate of the checkout service', { ...ER, service: 'checkout' }],
  ['ERROR RATE CHECKOUT', { ...ER, service: 'checkout' }],
  ['error rate for all services', { ...ER, groupBy: ['service'] }],
  // latency
  ['p99 latency of checkout', { ...LAT(99), service: 'checkout', ...lastH }],
  [
    'p95 latency for payments in the last 30 minutes',
    { ...LAT(95), service: 'payments', start: NOW - 30 * M },
  ],
  ['p50 of frontend response time', { ...LAT(50), service: 'frontend' }],
  ['median latency of cart', { ...LAT(50), service: 'cart' }],
  ['average response time of checkout', { ...LAT('avg'), service: 'checkout' }],
  ['mean latency payments yesterday', { ...LAT('avg'), service: 'payments', start: DAY - D, end: DAY }],
  ['99th percentile latency of checkout-api', { ...LAT(99), service: 'checkout-api' }],
  ['90th percentile response time email', { ...LAT(90), service: 'email' }],
  ['how slow is checkout', { ...LAT(95), service: 'checkout' }],
  ['latency of frontend', { ...LAT(95), service: 'frontend' }],
  ['p99.9 latency for payments', { ...LAT(99.9), service: 'payments' }],
  ['tail latency of cart', { ...LAT(99), service: 'cart' }],
  ['how long does checkout take', { ...LAT(95), service: 'checkout' }],
  [
    'avg latency product-catalog since 9am',
    { ...LAT('avg'), service: 'product-catalog', start: DAY + 9 * H },
  ],
  ['latency by service', { ...LAT(95), groupBy: ['service'] }],
  ['p99 per service over the last day', { ...LAT(99), groupBy: ['service'], start: NOW - D }],
  [
    'response times for checkout between 2pm and 3pm',
    { ...LAT(95), service: 'checkout', start: DAY + 14 * H, end: DAY + 15 * H },
  ],
  ['what was the p75 latency of payments yesterday', { ...LAT(75), service: 'payments', start: DAY - D }],
  ['request duration of cart today', { ...LAT(95), service: 'cart', start: DAY }],
  ['how fast is email', { ...LAT(95), service: 'email' }],
  // throughput
  ['throughput of checkout', { ...TP, service: 'checkout' }],
  ['rps for payments', { ...TP, service: 'payments' }],
  ['requests per second frontend last 5 minutes', { ...TP, service: 'frontend', start: NOW - 5 * M }],
  ['request rate of cart', { ...TP, service: 'cart' }],
  ['traffic to checkout-api today', { ...TP, service: 'checkout-api', start: DAY }],
  ['how many requests does email get', { ...TP, service: 'email' }],
  ['qps product-catalog', { ...TP, service: 'product-catalog' }],
  ['throughput by service', { ...TP, groupBy: ['service'] }],
  ['load on payments since 08:30', { ...TP, service: 'payments', start: DAY + 8.5 * H }],
  [
    'requests a second for frontend over the past 2 hours',
    { ...TP, service: 'frontend', start: NOW - 2 * H },
  ],
  // saturation
  ['cpu of checkout', { ...CPU, service: 'checkout' }],
  ['CPU usage for payments last hour', { ...CPU, service: 'payments', ...lastH }],
  ['memory of frontend', { ...MEM, service: 'frontend' }],
  ['how much memory does cart use', { ...MEM, service: 'cart' }],
  ['heap usage email yesterday', { ...MEM, service: 'email', start: DAY - D }],
  ['ram for checkout-api', { ...MEM, service: 'checkout-api' }],
  ['processor load of product-catalog', { ...CPU, service: 'product-catalog' }],
  ['cpu by service', { ...CPU, groupBy: ['service'] }],
  ['memory per service past 3 days', { ...MEM, groupBy: ['service'], start: NOW - 3 * D }],
  ['rss of payments', { ...MEM, service: 'payments' }],
  // logs
  ['logs containing "timeout" in checkout', { ...LOGS, service: 'checkout', text: 'timeout' }],
  ['error logs from payments', { ...LOGS, service: 'payments', severity: 'error' }],
  ['show me warning logs for cart', { ...LOGS, service: 'cart', severity: 'warn' }],
  [
    "logs mentioning 'connection refused' yesterday",
    { ...LOGS, text: 'connection refused', start: DAY - D, end: DAY },
  ],
  ['fatal logs in frontend', { ...LOGS, service: 'frontend', severity: 'fatal' }],
  ['logs of email', { ...LOGS, service: 'email' }],
  [
    'debug logs checkout-api last 10 minutes',
    { ...LOGS, service: 'checkout-api', severity: 'debug', start: NOW - 10 * M },
  ],
  ['log lines containing OutOfMemory', { ...LOGS, text: 'OutOfMemory' }],
  ['messages containing card declined in payments', { ...LOGS, service: 'payments', text: 'card declined' }],
  ['errors in the logs of cart today', { ...LOGS, service: 'cart', severity: 'error', start: DAY }],
  ['critical logs since 14:00', { ...LOGS, severity: 'fatal', start: DAY + 14 * H }],
  ['logs with the text "payment failed"', { ...LOGS, text: 'payment failed' }],
  ['info logs for product-catalog', { ...LOGS, service: 'product-catalog', severity: 'info' }],
  ['logs matching deadlock from checkout', { ...LOGS, service: 'checkout', text: 'deadlock' }],
  [
    'show logs for checkout between 10:00 and 10:30',
    { ...LOGS, service: 'checkout', start: DAY + 10 * H, end: DAY + 10.5 * H },
  ],
  ['warn logs', { ...LOGS, severity: 'warn' }],
  ['logs saying “retrying” in email', { ...LOGS, service: 'email', text: 'retrying' }],
  ['failed logs in payments', { ...LOGS, service: 'payments', severity: 'error' }],
  ['Logs containing `ECONNRESET`', { ...LOGS, text: 'ECONNRESET' }],
  ['logs from frontend past 45 minutes', { ...LOGS, service: 'frontend', start: NOW - 45 * M }],
  // traces
  ['slow traces of checkout', { ...TR, service: 'checkout', minDurationMs: 1000 }],
  ['traces slower than 500ms for payments', { ...TR, service: 'payments', minDurationMs: 500 }],
  ['failed traces in cart', { ...TR, service: 'cart', status: 'error' }],
  ['error traces from frontend yesterday', { ...TR, service: 'frontend', status: 'error', start: DAY - D }],
  ['slowest requests to checkout-api', { ...TR, service: 'checkout-api', minDurationMs: 1000 }],
  ['traces of email', { ...TR, service: 'email' }],
  ['traces longer than 2s in product-catalog', { ...TR, service: 'product-catalog', minDurationMs: 2000 }],
  ['slow requests over 1.5 seconds in checkout', { ...TR, service: 'checkout', minDurationMs: 1500 }],
  ['requests taking more than 300 ms for payments', { ...TR, service: 'payments', minDurationMs: 300 }],
  ['show me failing traces today', { ...TR, status: 'error', start: DAY }],
  [
    'trace of slow calls in cart since 13:15',
    { ...TR, service: 'cart', minDurationMs: 1000, start: DAY + 13.25 * H },
  ],
  [
    'slow spans in frontend last 20 minutes',
    { ...TR, service: 'frontend', minDurationMs: 1000, start: NOW - 20 * M },
  ],
  ['traces above 1 minute for email', { ...TR, service: 'email', minDurationMs: 60_000 }],
  ['5xx traces for checkout', { ...TR, service: 'checkout', status: 'error' }],
  ['slowest traces', { ...TR, minDurationMs: 1000 }],
  // service-name forms and time forms
  ['error rate of Checkout', { ...ER, service: 'checkout' }],
  ['error rate of checkout_api', { ...ER, service: 'checkout-api' }],
  ['error rate of product catalog', { ...ER, service: 'product-catalog' }],
  [
    'p99 latency of checkout-api last 90 minutes',
    { ...LAT(99), service: 'checkout-api', start: NOW - 90 * M },
  ],
  ['throughput of cart past hour', { ...TP, service: 'cart', ...lastH }],
  ['error rate of payments last 2 weeks', { ...ER, service: 'payments', start: NOW - 14 * D }],
  ['cpu of checkout since 16:00', { ...CPU, service: 'checkout', start: DAY - D + 16 * H }],
  [
    'latency of frontend between 9:15 and 9:45 yesterday',
    { ...LAT(95), service: 'frontend', start: DAY - D + 9.25 * H, end: DAY - D + 9.75 * H },
  ],
  ['error rate of cart this week', { ...ER, service: 'cart', start: NOW - 7 * D }],
  ['memory of email in the last 12h', { ...MEM, service: 'email', start: NOW - 12 * H }],
  ['throughput checkout last 30m', { ...TP, service: 'checkout', start: NOW - 30 * M }],
];

describe('parseQuestion phrasing cases', () => {
  it('has at least 100 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(100);
  });
  for (const [question, expected] of CASES) {
    it(question, () => {
      const r = parseQuestion(question, { services: SERVICES, now: NOW });
      if (!r.ok) throw new Error(`not parsed: ${r.error}`);
      const { start, end, ...rest } = expected;
      expect(r.query).toMatchObject(rest);
      if (!('service' in expected)) expect(r.query.service).toBeUndefined();
      if (start !== undefined) expect(r.query.time.start).toBe(start);
      if (end !== undefined) expect(r.query.time.end).toBe(end);
      expect(r.explanation.length).toBeGreaterThan(5);
    });
  }
});

describe('parseQuestion errors and explanations', () => {
  it('suggests the nearest service for a misspelling', () => {
    expect(parseQuestion('error rate of chekout', { services: SERVICES, now: NOW })).toEqual({
      ok: false,
      error: "unknown service 'chekout'; did you mean 'checkout'?",
      suggestions: ['checkout'],
    });
  });
  it('lists services when an explicitly named service is unknown', () => {
    const r = parseQuestion('latency of the billing service', { services: SERVICES, now: NOW });
    expect(r).toMatchObject({ ok: false, error: "unknown service 'billing'" });
    if (!r.ok) expect(r.suggestions).toContain('checkout');
  });
  it('says when it cannot tell what to look up', () => {
    const r = parseQuestion('hello there', { services: SERVICES, now: NOW });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.suggestions.length).toBeGreaterThan(0);
  });
  it('explains what it understood', () => {
    const r = parseQuestion('p99 latency of checkout since 14:00', { services: SERVICES, now: NOW });
    expect(r.ok && r.explanation).toBe('p99 latency of checkout since 14:00');
  });
  it('reads clock times in the given zone', () => {
    const r = parseQuestion('errors of cart since 14:00', {
      services: SERVICES,
      now: NOW,
      utcOffsetMinutes: 120,
    });
    expect(r.ok && r.query.time.start).toBe(DAY + 12 * H);
  });
});
