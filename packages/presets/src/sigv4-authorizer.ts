/**
 * @module AWS Signature Version 4 for the X-Ray, CloudWatch and CloudWatch Logs OTLP endpoints. Uses the
 * optional packages `@smithy/signature-v4` (the signer the AWS SDK itself uses) and
 * `@aws-sdk/credential-provider-node` (the AWS default credential chain: env, profile/SSO, web identity,
 * ECS and EC2 roles), both imported on the first export. Static credentials (from the SDK's env or the hub's
 * settings) are used first so a test or an embedding app can pass them without touching process.env.
 */
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { ConfigError } from '@switchyard/core';
import type { Authorizer, AuthorizerOwner, SigV4Auth } from './authorizer.js';
import { importOptional, once, reportOnce } from './optional-module.js';

export const AWS_PACKAGES = '@smithy/signature-v4@5 @aws-sdk/credential-provider-node@3';

/** node:crypto as the signer's hash constructor (the AWS SDK ships its own; this avoids another dependency). */
type SourceData = string | ArrayBuffer | ArrayBufferView;

function bytes(data: SourceData): string | Uint8Array {
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

class NodeSha256 {
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

interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

const NO_CREDENTIALS_HINT =
  'set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN), or AWS_PROFILE, or run with an IAM role (ECS task role, EC2 instance profile, EKS IRSA / Pod Identity)';

export function createSigV4Authorizer(
  { exporter, configPath }: AuthorizerOwner,
  auth: SigV4Auth,
  service: string,
  onConfigError: (error: ConfigError) => void,
): Authorizer {
  const load = once(async () => {
    const { SignatureV4 } = await importOptional(
      () => import('@smithy/signature-v4'),
      exporter,
      AWS_PACKAGES,
      configPath,
    );
    let credentials: Credentials | (() => Promise<Credentials>);
    if (auth.credentials) credentials = auth.credentials;
    else {
      const { defaultProvider } = await importOptional(
        () => import('@aws-sdk/credential-provider-node'),
        exporter,
        AWS_PACKAGES,
        configPath,
      );
      const chain = defaultProvider();
      credentials = async () => {
        try {
          return await chain();
        } catch (cause) {
          throw new ConfigError(`exporter '${exporter}' found no AWS credentials`, {
            path: configPath,
            hint: NO_CREDENTIALS_HINT,
            cause,
          });
        }
      };
    }
    return new SignatureV4({ service, region: auth.region, credentials, sha256: NodeSha256 });
  });
  const report = reportOnce(onConfigError);
  return async (request) => {
    try {
      const signer = await load();
      const signed = await signer.sign({
        method: request.method,
        protocol: request.url.protocol,
        hostname: request.url.hostname,
        port: request.url.port ? Number(request.url.port) : undefined,
        path: request.url.pathname,
        query: {},
        headers: { ...request.headers, host: request.url.host },
        body: request.body,
      });
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(signed.headers)) if (request.headers[k] !== v) out[k] = String(v);
      return out;
    } catch (error) {
      throw error instanceof ConfigError ? report(error) : error;
    }
  };
}
