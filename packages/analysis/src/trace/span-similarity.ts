/**
 * @module When two spans count as "the same operation repeated": same service
 * and same name once literal ids and numbers are masked
 * (`GET /users/42` ≈ `GET /users/7`).
 */

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const LONG_HEX = /\b[0-9a-f]*\d[0-9a-f]*\b/gi;
const NUMBER = /\d+/g;

export function normalizeSpanName(name: string): string {
  return name
    .replace(UUID, '?')
    .replace(LONG_HEX, (m) => (m.length >= 8 ? '?' : m))
    .replace(NUMBER, '?');
}

export function similarityKey(service: string, name: string): string {
  return `${service}\u0000${normalizeSpanName(name)}`;
}
