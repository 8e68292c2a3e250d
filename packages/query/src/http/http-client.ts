/**
 * @module The thin HTTP layer adapters execute through: base URL + fixed headers (auth, tenant),
 * a timeout, a cap on response bytes, and a TTL cache of successful JSON responses.
 */
import { SourceError } from './source-error.js';
import { TtlCache } from './ttl-cache.js';

export type QueryParams = Record<string, string | number | readonly string[] | undefined>;

export interface HttpClientOptions {
  baseUrl: string;
  headers?: Record<string, string>;
  timeoutMs: number;
  maxResponseBytes: number;
  /** TTL of cached responses in ms; 0 disables caching. */
  cacheTtlMs?: number;
  cacheMaxEntries?: number;
  fetch?: typeof fetch;
  /** Clock for the cache, for tests. */
  now?: () => number;
}

export interface RequestSpec {
  method?: 'GET' | 'POST';
  path: string;
  params?: QueryParams;
  /** JSON body (POST). */
  json?: unknown;
  /** Form body (POST, application/x-www-form-urlencoded). */
  form?: QueryParams;
  headers?: Record<string, string>;
}

function appendParams(target: URLSearchParams, params: QueryParams | undefined): void {
  if (!params) return;
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) for (const item of v) target.append(k, item);
    else target.append(k, String(v));
  }
}

/** Joins a base URL (which may carry a path prefix, e.g. a Grafana proxy) and an API path. */
export function joinUrl(baseUrl: string, path: string): URL {
  const base = baseUrl.endsWith('/') ? baseUrl.slice(0, -1) : baseUrl;
  return new URL(`${base}${path.startsWith('/') ? path : `/${path}`}`);
}

export class HttpClient {
  private readonly cache: TtlCache<unknown>;
  private readonly doFetch: typeof fetch;

  constructor(readonly opts: HttpClientOptions) {
    this.cache = new TtlCache<unknown>({
      ttlMs: opts.cacheTtlMs ?? 0,
      maxEntries: opts.cacheMaxEntries ?? 200,
      now: opts.now,
    });
    this.doFetch = opts.fetch ?? fetch;
  }

  get cacheStats(): { hits: number; misses: number; size: number } {
    return { hits: this.cache.hits, misses: this.cache.misses, size: this.cache.size };
  }

  /** Sends the request and parses the JSON answer; throws SourceError on any failure. */
  async json(spec: RequestSpec): Promise<unknown> {
    const url = joinUrl(this.opts.baseUrl, spec.path);
    appendParams(url.searchParams, spec.params);
    const method = spec.method ?? 'GET';
    const headers: Record<string, string> = {
      Accept: 'application/json',
      ...this.opts.headers,
      ...spec.headers,
    };
    let body: string | undefined;
    if (spec.json !== undefined) {
      body = JSON.stringify(spec.json);
      headers['Content-Type'] = 'application/json';
    } else if (spec.form !== undefined) {
      const f = new URLSearchParams();
      appendParams(f, spec.form);
      body = f.toString();
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
    }
    const key = `${method} ${url.href}\n${body ?? ''}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;

    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.opts.timeoutMs);
    try {
      let res: Response;
      try {
        res = await this.doFetch(url, { method, headers, body, signal: controller.signal });
      } catch (err) {
        if (controller.signal.aborted) throw this.timeoutError(url);
        throw new SourceError('SOURCE_UNREACHABLE', `cannot reach ${url.origin}: ${(err as Error).message}`, {
          hint: 'check the source URL and that the service is running',
          cause: err,
        });
      }
      const text = await this.readCapped(res, url, controller);
      if (!res.ok) {
        throw new SourceError(
          'SOURCE_HTTP',
          `${method} ${url.pathname} answered ${res.status}: ${snippet(text)}`,
          {
            status: res.status,
            hint:
              res.status === 401 || res.status === 403
                ? 'check the source credentials (auth) and tenant'
                : res.status === 400
                  ? 'the source rejected the query; see the message'
                  : undefined,
          },
        );
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (err) {
        throw new SourceError(
          'SOURCE_BAD_RESPONSE',
          `${url.pathname} did not answer JSON: ${snippet(text)}`,
          {
            cause: err,
          },
        );
      }
      this.cache.set(key, parsed);
      return parsed;
    } finally {
      clearTimeout(timer);
    }
  }

  private timeoutError(url: URL): SourceError {
    return new SourceError(
      'SOURCE_TIMEOUT',
      `${url.origin}${url.pathname} did not answer within ${this.opts.timeoutMs} ms`,
      {
        hint: 'narrow the time range or raise the timeout',
      },
    );
  }

  /** Reads the body, aborting once it exceeds maxResponseBytes. */
  private async readCapped(res: Response, url: URL, controller: AbortController): Promise<string> {
    const declared = Number(res.headers.get('content-length') ?? Number.NaN);
    if (Number.isFinite(declared) && declared > this.opts.maxResponseBytes) {
      controller.abort();
      throw this.tooLarge(url);
    }
    if (!res.body) return '';
    const chunks: Uint8Array[] = [];
    let total = 0;
    const reader = res.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        total += value.byteLength;
        if (total > this.opts.maxResponseBytes) {
          controller.abort();
          throw this.tooLarge(url);
        }
        chunks.push(value);
      }
    } catch (err) {
      if (err instanceof SourceError) throw err;
      if (controller.signal.aborted) throw this.timeoutError(url);
      throw new SourceError(
        'SOURCE_BAD_RESPONSE',
        `reading ${url.pathname} failed: ${(err as Error).message}`,
        {
          cause: err,
        },
      );
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  private tooLarge(url: URL): SourceError {
    return new SourceError(
      'SOURCE_TOO_LARGE',
      `${url.pathname} answered more than ${this.opts.maxResponseBytes} bytes`,
      { hint: 'narrow the time range, add filters, raise the step or lower the limit' },
    );
  }
}

function snippet(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > 300 ? `${t.slice(0, 300)}…` : t || '(empty body)';
}
