/**
 * @module Test support: a strict fake CloudWatch Logs endpoint (PutLogEvents, CreateLogStream) on a
 * CaptureServer. It verifies the SigV4 signature by recomputing it (verifySigV4 of @switchyard/presets, no AWS
 * package) with the known test credentials, the AWS JSON 1.1 headers, the documented body shape and limits,
 * and that every message is a valid EMF document; anything else gets the 400 the service would send.
 */
import { verifySigV4 } from '@switchyard/presets';
import type { CapturedRequest, CaptureReply } from '../testing/capture-server.js';

export const TEST_CREDENTIALS = {
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

/** Recomputes the SigV4 Authorization header of a captured request (verifySigV4); throws on any mismatch. */
export function verifySignature(req: CapturedRequest): void {
  const check = verifySigV4(
    { method: req.method, path: req.path, headers: req.headers, wire: req.body },
    TEST_CREDENTIALS.secretAccessKey,
  );
  need(
    check.accessKeyId === TEST_CREDENTIALS.accessKeyId &&
      check.region === TEST_REGION &&
      check.service === 'logs',
    'credential scope',
  );
  need(/^\d{8}T\d{6}Z$/.test(String(req.headers['x-amz-date'] ?? '')), 'x-amz-date');
  need(
    ['host', 'x-amz-target', 'content-type'].every((h) => check.signedHeaders.includes(h)),
    'host, target and type must be signed',
  );
  need(check.valid, 'signature mismatch');
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
  /** Log groups that exist (only DescribeLogStreams looks at them). */
  readonly groups = new Set<string>();
  readonly puts: PutCall[] = [];
  readonly targets: string[] = [];
  /** Scripted failure for the next PutLogEvents calls. */
  failNext: CaptureReply[] = [];

  async handle(req: CapturedRequest): Promise<CaptureReply> {
    if (req.method !== 'POST' || req.path !== '/') return awsError(404, 'UnknownOperationException', 'route');
    if (req.headers['content-type'] !== 'application/x-amz-json-1.1')
      return awsError(400, 'SerializationException', 'content-type');
    try {
      verifySignature(req);
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
    if (target === 'Logs_20140328.DescribeLogStreams') {
      const q = body as unknown as { logGroupName?: string; logStreamNamePrefix?: string };
      if (!q.logGroupName || !this.groups.has(q.logGroupName))
        return awsError(400, 'ResourceNotFoundException', 'The specified log group does not exist.');
      const prefix = `${q.logGroupName}/${q.logStreamNamePrefix ?? ''}`;
      const logStreams = [...this.streams]
        .filter((s) => s.startsWith(prefix))
        .map((s) => ({ logStreamName: s.slice(q.logGroupName!.length + 1) }));
      return { status: 200, body: JSON.stringify({ logStreams }) };
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
