/**
 * @module Google Application Default Credentials for the Telemetry (OTLP) API, through the optional package
 * `google-auth-library` imported on the first export. A service-account key is used as a self-signed JWT
 * with the cloud-platform scope (no token round trip, as Google's own client libraries do); gcloud user
 * credentials and the metadata server (GCE, GKE, Cloud Run) yield OAuth access tokens.
 */
import { ConfigError } from '@switchyard/core';
import type { Authorizer, AuthorizerOwner, GoogleAdcAuth } from './authorizer.js';
import { importOptional, once, reportOnce } from './optional-module.js';

export const GOOGLE_PACKAGES = 'google-auth-library@10';
const SCOPE = 'https://www.googleapis.com/auth/cloud-platform';

export function createGoogleAdcAuthorizer(
  { exporter, configPath }: AuthorizerOwner,
  auth: GoogleAdcAuth,
  onConfigError: (error: ConfigError) => void,
): Authorizer {
  const load = once(async () => {
    const { GoogleAuth } = await importOptional(
      () => import('google-auth-library'),
      exporter,
      GOOGLE_PACKAGES,
      configPath,
    );
    const googleAuth = new GoogleAuth({
      scopes: [SCOPE],
      keyFilename: auth.credentialsFile,
      projectId: auth.projectId || undefined,
    });
    // As Google's client libraries do: service-account keys sign their own scoped JWT (no token endpoint).
    googleAuth.useJWTAccessWithScope = true;
    return googleAuth;
  });
  const report = reportOnce(onConfigError);
  return async (request) => {
    const googleAuth = await load().catch((e: unknown) => {
      throw e instanceof ConfigError ? report(e) : e;
    });
    let headers: Headers;
    try {
      headers = await googleAuth.getRequestHeaders(request.url.href);
    } catch (cause) {
      throw report(
        new ConfigError(`exporter '${exporter}' found no Google Cloud credentials`, {
          path: configPath,
          hint: 'set GOOGLE_APPLICATION_CREDENTIALS to a service account key file, run `gcloud auth application-default login`, or run on Google Cloud with a service account attached',
          cause,
        }),
      );
    }
    const out: Record<string, string> = {};
    headers.forEach((value, key) => {
      out[key.toLowerCase()] = value;
    });
    return out;
  };
}
