/**
 * @module AWS Signature Version 4 for the CloudWatch Logs calls. Exporters take a `RequestSigner` (injected in
 * tests); the default one is built on the first request from the optional packages `@smithy/signature-v4`
 * (the signer the AWS SDK itself uses) and `@aws-sdk/credential-provider-node` (the default credential chain:
 * env, profile/SSO, web identity, ECS and EC2 roles). Kept apart so a shared signer can replace it.
 */
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { ConfigError } from '@switchyard/core';

export const AWS_SIGNER_PACKAGES = '@smithy/signature-v4@5.7.5 @aws-sdk/credential-provider-node@3.972.97';

export interface SignableRequest {
  method: string;
  url: URL;
  /** Headers to send, lowercase names; `host` is added by the signer when missing. */
  headers: Record<string, string>;
  body: Uint8Array;
}

/** Returns the complete header set to send (the input headers plus authorization, x-amz-date, …). */
export type RequestSigner = (req: SignableRequest) => Promise<Record<string, string>>;

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

type SourceData = string | ArrayBuffer | ArrayBufferView;

function bytes(data: SourceData): string | Uint8Array {
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** node:crypto as the signer's hash constructor (the AWS SDK ships its own; this avoids another dependency). */
export class NodeSha256 {
  private readonly hash: Hash | Hmac;
  constructor(secret?: SourceData) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  update(data: SourceData): void {
    this.hash.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}

/** The request in the shape @smithy/signature-v4 signs. */
export function toSmithyRequest(req: SignableRequest) {
  const query: Record<string, string> = {};
  for (const [k, v] of req.url.searchParams) query[k] = v;
  return {
    method: req.method,
    protocol: req.url.protocol,
    hostname: req.url.hostname,
    ...(req.url.port ? { port: Number(req.url.port) } : {}),
    path: req.url.pathname,
    query,
    headers: { host: req.url.host, ...req.headers },
    body: req.body,
  };
}

async function importOrExplain<T>(load: () => Promise<T>, exporter: string): Promise<T> {
  try {
    return await load();
  } catch (cause) {
    throw new ConfigError(
      `exporter '${exporter}' needs the optional packages @smithy/signature-v4 and @aws-sdk/credential-provider-node to sign requests`,
      { path: `exporters.${exporter}`, hint: `npm install ${AWS_SIGNER_PACKAGES}`, cause },
    );
  }
}

/**
 * A SigV4 signer for `service` in `region`. Credentials: the given static ones, else the default chain
 * (resolved per request, so rotated role credentials are picked up by the provider's own cache).
 */
export function createAwsSigner(opts: {
  exporter: string;
  region: string;
  service: string;
  credentials?: AwsCredentials;
}): RequestSigner {
  let signer:
    | Promise<{ sign(r: ReturnType<typeof toSmithyRequest>): Promise<{ headers: Record<string, string> }> }>
    | undefined;
  const load = async () => {
    const { SignatureV4 } = await importOrExplain(() => import('@smithy/signature-v4'), opts.exporter);
    let credentials: AwsCredentials | (() => Promise<AwsCredentials>);
    if (opts.credentials) credentials = opts.credentials;
    else {
      const { defaultProvider } = await importOrExplain(
        () => import('@aws-sdk/credential-provider-node'),
        opts.exporter,
      );
      const chain = defaultProvider();
      credentials = async () => {
        try {
          return await chain();
        } catch (cause) {
          throw new ConfigError(`exporter '${opts.exporter}' found no AWS credentials`, {
            path: `exporters.${opts.exporter}`,
            hint: 'set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN), or AWS_PROFILE, or run with an IAM role',
            cause,
          });
        }
      };
    }
    return new SignatureV4({ service: opts.service, region: opts.region, credentials, sha256: NodeSha256 });
  };
  return async (req) => {
    signer ??= load().catch((err: unknown) => {
      signer = undefined; // a later request retries (e.g. after the package was installed)
      throw err;
    });
    const signed = await (await signer).sign(toSmithyRequest(req));
    return signed.headers;
  };
}
