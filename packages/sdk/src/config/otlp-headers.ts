/**
 * @module Parses `OTEL_EXPORTER_OTLP_HEADERS`-style strings per the OpenTelemetry spec: comma-separated
 * `key=value` pairs, each part URL-decoded, whitespace around keys and values trimmed, the value is
 * everything after the first `=` (so values may contain `=`). Bad entries are reported, not thrown.
 */

export interface ParsedHeaders {
  headers: Record<string, string>;
  /** One message per entry that was skipped, naming the entry and why. */
  problems: string[];
}

// RFC 7230 token characters: what a header name may contain.
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

function decode(part: string): string | undefined {
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
}

/**
 * Parses a header list such as `Authorization=Bearer%20x,Custom-Header=a=b`.
 * `source` (e.g. the env var name) is used in problem messages.
 */
export function parseOtlpHeaders(text: string | undefined, source = 'headers'): ParsedHeaders {
  const headers: Record<string, string> = {};
  const problems: string[] = [];
  if (!text || text.trim() === '') return { headers, problems };
  text.split(',').forEach((rawEntry, index) => {
    const entry = rawEntry.trim();
    if (entry === '') return; // tolerate trailing or doubled commas
    const eq = entry.indexOf('=');
    if (eq < 0) {
      problems.push(`${source}: entry ${index + 1} '${entry}' has no '=' (expected key=value)`);
      return;
    }
    const key = decode(entry.slice(0, eq).trim());
    const value = decode(entry.slice(eq + 1).trim());
    if (key === undefined || value === undefined) {
      problems.push(`${source}: entry ${index + 1} '${entry}' is not valid URL encoding`);
      return;
    }
    const name = key.trim();
    if (name === '' || !TOKEN.test(name)) {
      problems.push(`${source}: entry ${index + 1} has an invalid header name '${name}'`);
      return;
    }
    headers[name] = value.trim();
  });
  return { headers, problems };
}
