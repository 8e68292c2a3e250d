/**
 * @module The per-request authorization contract shared by the SDK's signed transport and the hub's vendor
 * exporters: an async hook that sees the exact request (URL, headers, compressed body) and returns headers to
 * add (AWS SigV4 signs the body; Google ADC adds a bearer token that may be refreshed). Plus the resolved
 * auth settings a preset's `auth` turns into.
 */

export interface OutgoingRequest {
  method: 'POST';
  url: URL;
  /** Headers that will be sent (lower-case names); the authorizer may sign them. */
  headers: Record<string, string>;
  /** The body exactly as sent (after compression). */
  body: Uint8Array;
}

/** Returns headers to add to the request (Authorization, X-Amz-Date, …). Throws when it cannot. */
export type Authorizer = (request: OutgoingRequest) => Promise<Record<string, string>>;

export interface SigV4Auth {
  type: 'sigv4';
  region: string;
  /** Static credentials; absent → the AWS default credential chain. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

export interface GoogleAdcAuth {
  type: 'google-adc';
  projectId: string;
  credentialsFile?: string;
}

/** How requests are authorized when a static header is not enough. */
export type PresetAuth = SigV4Auth | GoogleAdcAuth;

/** Who is asking, for error messages: the exporter name and its config key path (`exportTo.aws`, `exporters.x`). */
export interface AuthorizerOwner {
  exporter: string;
  configPath: string;
}
