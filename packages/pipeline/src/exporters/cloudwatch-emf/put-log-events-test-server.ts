/**
 * @module Test support: a strict fake CloudWatch Logs endpoint (PutLogEvents, CreateLogStream) on a
 * CaptureServer. It verifies the SigV4 signature by recomputing it with @smithy/signature-v4 and the known
 * test credentials, the AWS JSON 1.1 headers, the documented body shape and limits, and that every message is
 * a valid EMF document; anything else gets the 400 the service would send.
 */
import { SignatureV4 } from '@smithy/signature-v4';
import type { CapturedRequest, CaptureReply } from '../testing/capture-server.js';
import { type AwsCredentials, NodeSha256, toSmithyRequest } from './aws-request-signer.js';

export const TEST_CREDENTIALS: AwsCredentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};
export const TEST_REGION = 'eu-west-1';

export interface PutCall {
  logGroupName: string;
  logStreamName: string;
  logEvents: { timestamp: number; message: string }[];
}

function awsError(status: number, type: string, message: string): CaptureReply {
  return {
    status,
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': type },
    body: JSON.stringify({ __type: type, message }),
  };
}

function need(ok: boolean, what: string): void {
  if (!ok) throw new Error(what);
}

/** Recomputes the SigV4 Authorization header of a captured request; throws on any mismatch. */
export async function verifySignature(req: CapturedRequest, baseUrl: string): Promise<void> {
  const auth = String(req.headers.authorization ?? '');
  const m =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
      auth,
    );
  need(m !== null, `malformed Authorization: ${auth}`);
  const [, akid, , region, service, signedHeaders] = m!;
  need(
    akid === TEST_CREDENTIALS.accessKeyId && region === TEST_REGION && service === 'logs',
    'credential scope',
  );
  const amzDate = String(req.headers['x-amz-date'] ?? '');
  const d = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  need(d !== null, 'x-amz-date');
  const signingDate = new Date(Date.UTC(+d![1]!, +d![2]! - 1, +d![3]!, +d![4]!, +d![5]!, +d![6]!));
  const headers: Record<string, string> = {};
  for (const h of signedHeaders!.split(';')) {
    const v = req.headers[h];
    need(typeof v === 'string', `signed header ${h} missing`);
    headers[h] = v as string;
  }
  need(
    'host' in headers && 'x-amz-target' in headers && 'content-type' in headers,
    'host, target and type must be signed',
  );
  const signer = new SignatureV4({
    service: 'logs',
    region: TEST_REGION,
    credentials: TEST_CREDENTIALS,
    sha256: NodeSha256,
  });
  const url = new URL(req.path, baseUrl);
  const expected = await signer.sign(toSmithyRequest({ method: req.method, url, headers, body: req.body }), {
    signingDate,
  });
  need(expected.headers.authorization === auth, 'signature mismatch');
}

/** Throws the first way a PutLogEvents body departs from the API and EMF specifications. */
export function validatePut(body: PutCall): void {
  need(typeof body.logGroupName === 'string' && typeof body.logStreamName === 'string', 'group/stream names');
  const events = body.logEvents;
  need(Array.isArray(events) && events.length >= 1 && events.length <= 10_000, '1..10000 events');
  let bytes = 0;
  events.forEach((e, i) => {
    need(Number.isInteger(e.timestamp) && typeof e.message === 'string', 'event shape');
    if (i > 0) need(e.timestamp >= events[i - 1]!.timestamp, 'events must be in chronological order');
    bytes += Buffer.byteLength(e.message) + 26;
    const emf = JSON.parse(e.message) as Record<string, unknown> & {
      _aws: {
        Timestamp: number;
        CloudWatchMetrics: {
          Namespace: string;
          Dimensions: string[][];
          Metrics: { Name: string; Unit: string }[];
        }[];
      };
    };
    need(emf._aws.Timestamp === e.timestamp, 'EMF Timestamp equals the event timestamp');
    for (const dir of emf._aws.CloudWatchMetrics) {
      need(typeof dir.Namespace === 'string' && dir.Namespace.length > 0, 'Namespace');
      need(dir.Metrics.length >= 1 && dir.Metrics.length <= 100, '1..100 metrics per directive');
      for (const set of dir.Dimensions) {
        need(set.length <= 30, 'at most 30 dimensions');
        for (const k of set) need(typeof emf[k] === 'string', `dimension member ${k}`);
      }
      for (const metric of dir.Metrics) {
        const v = emf[metric.Name] as unknown;
        const statSet =
          typeof v === 'object' && v !== null && typeof (v as { Count?: unknown }).Count === 'number';
        need(typeof v === 'number' || statSet, `metric member ${metric.Name}`);
        need(typeof metric.Unit === 'string', 'Unit');
      }
    }
  });
  need(bytes <= 1_048_576, 'at most 1,048,576 bytes per call');
  need(
    events[events.length - 1]!.timestamp - events[0]!.timestamp < 24 * 3600_000,
    'a call spans under 24 hours',
  );
}

/** State of the fake service: which streams exist, and the accepted calls. */
export class FakeCloudWatchLogs {
  readonly streams = new Set<string>();
  readonly puts: PutCall[] = [];
  readonly targets: string[] = [];
  /** Scripted failure for the next PutLogEvents calls. */
  failNext: CaptureReply[] = [];

  constructor(private readonly baseUrl: () => string) {}

  async handle(req: CapturedRequest): Promise<CaptureReply> {
    if (req.method !== 'POST' || req.path !== '/') return awsError(404, 'UnknownOperationException', 'route');
    if (req.headers['content-type'] !== 'application/x-amz-json-1.1')
      return awsError(400, 'SerializationException', 'content-type');
    try {
      await verifySignature(req, this.baseUrl());
    } catch (err) {
      return awsError(403, 'InvalidSignatureException', String(err));
    }
    const target = String(req.headers['x-amz-target']);
    this.targets.push(target);
    const body = JSON.parse(req.body.toString()) as PutCall;
    const stream = `${body.logGroupName}/${body.logStreamName}`;
    if (target === 'Logs_20140328.CreateLogStream') {
      if (this.streams.has(stream)) return awsError(400, 'ResourceAlreadyExistsException', 'exists');
      this.streams.add(stream);
      return { status: 200, body: '{}' };
    }
    if (target !== 'Logs_20140328.PutLogEvents') return awsError(400, 'UnknownOperationException', target);
    const scripted = this.failNext.shift();
    if (scripted) return scripted;
    if (!this.streams.has(stream))
      return awsError(400, 'ResourceNotFoundException', 'The specified log stream does not exist.');
    try {
      validatePut(body);
    } catch (err) {
      return awsError(400, 'InvalidParameterException', String(err));
    }
    this.puts.push(body);
    return { status: 200, body: JSON.stringify({ nextSequenceToken: '1' }) };
  }

  static error = awsError;
}
