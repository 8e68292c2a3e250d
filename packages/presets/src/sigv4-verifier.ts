/**
 * @module An independent AWS Signature Version 4 check, written from the AWS documentation with node:crypto
 * only (no AWS package), so a signature made by the signer (SDK or hub) is verified by recomputing it. Test
 * support shared by the SDK's and the hub's strict loopback endpoints.
 */
import { createHash, createHmac } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export interface SigV4Check {
  valid: boolean;
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  expected: string;
  actual: string;
}

const sha256hex = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data).digest();

function headerValue(headers: IncomingHttpHeaders, name: string): string {
  const v = headers[name];
  return (Array.isArray(v) ? v.join(',') : (v ?? '')).trim().replace(/\s+/g, ' ');
}

/** Recomputes the signature of a received request (method, path, headers, body bytes as received). */
export function verifySigV4(
  request: { method: string; path: string; headers: IncomingHttpHeaders; wire: Buffer },
  secretAccessKey: string,
): SigV4Check {
  const authorization = String(request.headers.authorization ?? '');
  const m =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(
      authorization,
    );
  if (!m) throw new Error(`not a SigV4 Authorization header: ${authorization}`);
  const [, accessKeyId = '', date = '', region = '', service = '', signed = '', actual = ''] = m;
  const signedHeaders = signed.split(';');
  const canonicalHeaders = signedHeaders.map((h) => `${h}:${headerValue(request.headers, h)}\n`).join('');
  const canonicalRequest = [
    request.method,
    request.path,
    '',
    canonicalHeaders,
    signed,
    sha256hex(request.wire),
  ].join('\n');
  const amzDate = headerValue(request.headers, 'x-amz-date');
  const scope = `${date}/${region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256hex(canonicalRequest)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, date), region), service), 'aws4_request');
  const expected = createHmac('sha256', key).update(stringToSign).digest('hex');
  return { valid: expected === actual, accessKeyId, date, region, service, signedHeaders, expected, actual };
}
