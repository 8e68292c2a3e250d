/**
 * @module The hub's own metrics: counters and gauges rendered in the Prometheus text format at /metrics.
 * Every drop, refusal and failure in the pipeline is counted here so nothing is lost silently.
 */
type Labels = Record<string, string>;

interface Family {
  help: string;
  type: 'counter' | 'gauge';
  values: Map<string, { labels: Labels; value: number }>;
  collect?: () => { labels: Labels; value: number }[];
}

function labelKey(labels: Labels): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join(',');
}

function escapeLabel(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

export class SelfMetrics {
  private readonly families = new Map<string, Family>();

  private family(name: string, help: string, type: Family['type']): Family {
    let f = this.families.get(name);
    if (!f) {
      f = { help, type, values: new Map() };
      this.families.set(name, f);
    }
    return f;
  }

  /** Returns an incrementer for a counter series. */
  counter(name: string, help: string, labels: Labels = {}): (by?: number) => void {
    const f = this.family(name, help, 'counter');
    const key = labelKey(labels);
    let cell = f.values.get(key);
    if (!cell) {
      cell = { labels, value: 0 };
      f.values.set(key, cell);
    }
    const c = cell;
    return (by = 1) => {
      c.value += by;
    };
  }

  /** Registers a gauge whose values are read at scrape time. */
  gauge(name: string, help: string, collect: () => { labels: Labels; value: number }[]): void {
    const f = this.family(name, help, 'gauge');
    f.collect = collect;
  }

  /** Current value of one series (for tests and status endpoints). */
  value(name: string, labels: Labels = {}): number {
    const f = this.families.get(name);
    if (!f) return 0;
    if (f.collect) return f.collect().find((s) => labelKey(s.labels) === labelKey(labels))?.value ?? 0;
    return f.values.get(labelKey(labels))?.value ?? 0;
  }

  /** Every family with its current series, for JSON status endpoints (`/api/pipeline`). */
  snapshot(): {
    name: string;
    type: 'counter' | 'gauge';
    help: string;
    series: { labels: Labels; value: number }[];
  }[] {
    return [...this.families].map(([name, f]) => ({
      name,
      type: f.type,
      help: f.help,
      series: (f.collect ? f.collect() : [...f.values.values()]).map((s) => ({
        labels: { ...s.labels },
        value: s.value,
      })),
    }));
  }

  renderPrometheus(): string {
    const out: string[] = [];
    for (const [name, f] of this.families) {
      out.push(`# HELP ${name} ${f.help}`, `# TYPE ${name} ${f.type}`);
      const series = f.collect ? f.collect() : [...f.values.values()];
      for (const s of series) {
        const ls = Object.entries(s.labels)
          .map(([k, v]) => `${k}="${escapeLabel(v)}"`)
          .join(',');
        out.push(`${name}${ls ? `{${ls}}` : ''} ${Number.isFinite(s.value) ? s.value : 0}`);
      }
    }
    return `${out.join('\n')}\n`;
  }
}
