import { describe, expect, it } from 'vitest';
import { parseOtlpHeaders } from './otlp-headers.js';

describe('parseOtlpHeaders', () => {
  it('parses comma-separated key=value pairs', () => {
    const r = parseOtlpHeaders('Authorization=Bearer x,Custom-Header=v');
    expect(r.headers).toEqual({ Authorization: 'Bearer x', 'Custom-Header': 'v' });
    expect(r.problems).toEqual([]);
  });

  it('URL-decodes keys and values', () => {
    const r = parseOtlpHeaders('authorization=Basic%20dXNlcjpwYXNz,x%2Dteam=a%2Cb');
    expect(r.headers).toEqual({ authorization: 'Basic dXNlcjpwYXNz', 'x-team': 'a,b' });
  });

  it('keeps every = after the first as part of the value', () => {
    const r = parseOtlpHeaders('api-key=abc==,sig=a=b=c');
    expect(r.headers).toEqual({ 'api-key': 'abc==', sig: 'a=b=c' });
  });

  it('trims whitespace around entries, keys and values', () => {
    const r = parseOtlpHeaders('  a = 1 ,\tb=  two words  ');
    expect(r.headers).toEqual({ a: '1', b: 'two words' });
  });

  it('ignores empty entries from trailing or doubled commas', () => {
    const r = parseOtlpHeaders('a=1,,b=2,');
    expect(r.headers).toEqual({ a: '1', b: '2' });
    expect(r.problems).toEqual([]);
  });

  it('allows an empty value', () => {
    expect(parseOtlpHeaders('x-empty=').headers).toEqual({ 'x-empty': '' });
  });

  it('reports an entry without = and keeps the valid ones', () => {
    const r = parseOtlpHeaders('good=1,broken,also=2', 'OTEL_EXPORTER_OTLP_HEADERS');
    expect(r.headers).toEqual({ good: '1', also: '2' });
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toContain('OTEL_EXPORTER_OTLP_HEADERS');
    expect(r.problems[0]).toContain("'broken'");
  });

  it('reports an empty key and an invalid header name', () => {
    const r = parseOtlpHeaders('=v,bad name=1,ok=1');
    expect(r.headers).toEqual({ ok: '1' });
    expect(r.problems).toHaveLength(2);
  });

  it('reports malformed percent-encoding instead of throwing', () => {
    const r = parseOtlpHeaders('a=%E0%A4%A,b=2');
    expect(r.headers).toEqual({ b: '2' });
    expect(r.problems[0]).toContain('URL encoding');
  });

  it('returns nothing for undefined or blank input', () => {
    expect(parseOtlpHeaders(undefined)).toEqual({ headers: {}, problems: [] });
    expect(parseOtlpHeaders('   ')).toEqual({ headers: {}, problems: [] });
  });

  it('lets a later duplicate key win', () => {
    expect(parseOtlpHeaders('a=1,a=2').headers).toEqual({ a: '2' });
  });
});
