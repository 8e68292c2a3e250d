/**
 * @module Output formats shared by CLI commands: aligned table, CSV (RFC 4180), JSON.
 */
export type OutputFormat = 'table' | 'json' | 'csv';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['table', 'json', 'csv'];

export type Row = Record<string, string | number | boolean | null | undefined>;

function cell(v: Row[string]): string {
  return v === null || v === undefined ? '' : String(v);
}

export function toCsv(rows: Row[], columns: string[]): string {
  const esc = (s: string): string => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [columns.join(','), ...rows.map((r) => columns.map((c) => esc(cell(r[c]))).join(','))];
  return `${lines.join('\n')}\n`;
}

export function toTable(rows: Row[], columns: string[], maxWidth = 80): string {
  if (rows.length === 0) return '(no results)\n';
  const clip = (s: string): string => {
    const one = s.replace(/\s+/g, ' ');
    return one.length > maxWidth ? `${one.slice(0, maxWidth - 1)}…` : one;
  };
  const data = rows.map((r) => columns.map((c) => clip(cell(r[c]))));
  const widths = columns.map((c, i) => Math.max(c.length, ...data.map((d) => d[i]!.length)));
  const fmt = (vals: string[]): string =>
    vals
      .map((v, i) => v.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return `${[fmt(columns.map((c) => c.toUpperCase())), ...data.map(fmt)].join('\n')}\n`;
}

export function render(format: OutputFormat, rows: Row[], columns: string[], raw: unknown): string {
  if (format === 'json') return `${JSON.stringify(raw, null, 2)}\n`;
  if (format === 'csv') return toCsv(rows, columns);
  return toTable(rows, columns);
}
