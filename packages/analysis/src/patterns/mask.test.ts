import { describe, expect, it } from 'vitest';
import { maskToken, maskTokens } from './mask.js';

describe('maskToken', () => {
  it('masks plain and signed numbers', () => {
    expect(maskToken('1234')).toBe('<*>');
    expect(maskToken('-17')).toBe('<*>');
    expect(maskToken('3.14')).toBe('<*>');
  });
  it('keeps the letters of identifiers and masks their number part', () => {
    expect(maskToken('blk_-1608999687919862906')).toBe('blk_<*>');
    expect(maskToken('eth1')).toBe('eth<*>');
    expect(maskToken('node-127')).toBe('node-<*>');
    expect(maskToken('10037ms')).toBe('<*>ms');
  });
  it('masks hexadecimal values', () => {
    expect(maskToken('0x7f3a')).toBe('<*>');
    expect(maskToken('1001fdfe')).toBe('<*>');
    expect(maskToken('deadbeef01')).toBe('<*>');
  });
  it('masks IPv4 addresses with their port as one value', () => {
    expect(maskToken('10.251.43.21:50010')).toBe('<*>');
    expect(maskToken('/10.251.43.21:50010')).toBe('/<*>');
  });
  it('masks UUIDs', () => {
    expect(maskToken('bf1a281b-ad7b-4476-ac95-f47682990ce7')).toBe('<*>');
    expect(maskToken('{bf1a281b-ad7b-4476-ac95-f47682990ce7}')).toBe('{<*>}');
  });
  it('masks URLs but keeps the scheme', () => {
    expect(maskToken('hdfs://namenode:9000/user/x')).toBe('hdfs://<*>');
  });
  it('masks file paths', () => {
    expect(maskToken('/var/log/messages')).toBe('<*>');
    expect(maskToken('(/etc/cron.hourly)')).toBe('(<*>)');
    expect(maskToken('C:\\Windows\\System32')).toBe('<*>');
  });
  it('masks e-mail addresses', () => {
    expect(maskToken('alice@example.com')).toBe('<*>');
    expect(maskToken('<bob.smith@mail.example.org>')).toBe('<<*>>');
  });
  it('masks timestamps and dates', () => {
    expect(maskToken('2015-10-18')).toBe('<*>');
    expect(maskToken('18:01:47,978')).toBe('<*>');
  });
  it('masks key=value values that are not plain words, and quoted values', () => {
    expect(maskToken('uid=1000,')).toBe('uid=<*>,');
    expect(maskToken('name=com.android.phone,')).toBe('name=<*>,');
    expect(maskToken('tag="View')).toBe('tag="View');
    expect(maskToken('tag="RILJ_ACK_WL",')).toBe('tag="<*>",');
    expect(maskToken('tag="View Lock",')).toBe('tag="<*>",');
    expect(maskToken('interactive=true')).toBe('interactive=true');
  });
  it('returns words without digits unchanged', () => {
    expect(maskToken('session')).toBe('session');
    expect(maskToken('[HRESULT')).toBe('[HRESULT');
  });
  it('masks a data-size unit that follows a masked number', () => {
    expect(maskTokens(['size', '5.2', 'KB,', 'free', '850.0', 'B)'])).toEqual([
      'size',
      '<*>',
      '<*>,',
      'free',
      '<*>',
      '<*>)',
    ]);
    expect(maskTokens(['B', 'tree'])).toEqual(['B', 'tree']);
  });
});
