/**
 * @module Plain-language questions → a unified query, deterministically: intent words, a service
 * matched against the services the source knows (with did-you-mean), and a time phrase.
 */
import { didYouMean } from '@switchyard/core';
import { parseUnifiedQuery } from '../model/parse-query.js';
import type { Severity, UnifiedQuery, UnifiedQueryInput } from '../model/unified-query.js';
import { parseTimePhrase } from './time-expressions.js';

export interface ParseQuestionOptions {
  /** Services the source knows. */
  services: readonly string[];
  /** "Now", epoch ms. */
  now: number;
  /** Zone of clock times such as "since 14:00" (default 0 = UTC). */
  utcOffsetMinutes?: number;
}

export type ParsedQuestion =
  | { ok: true; query: UnifiedQuery; explanation: string }
  | { ok: false; error: string; suggestions: string[] };

const SEVERITY_WORDS: [RegExp, Severity][] = [
  [/\b(fatal|critical|panic)s?\b/, 'fatal'],
  [/\berrors?\b|\bfail(?:ed|ures?|ing)?\b/, 'error'],
  [/\bwarn(?:ings?|s)?\b/, 'warn'],
  [/\binfo\b/, 'info'],
  [/\bdebug\b/, 'debug'],
];

/** Words never taken for a service name. */
const STOP = new Set(
  `the a an all last past this that my our its service services logs log traces trace requests request errors error
  today yesterday since between from to and now me what is are was how many much show find get list give any each every
  per by with for in of on at over during hour hours minute minutes day days week weeks latency rate which most more has
  have does do did use uses time times warn warning warnings info debug fatal critical text message messages slow slowest
  failed failing failures cpu memory heap throughput traffic load requests response lines calls spans`.split(
    /\s+/,
  ),
);

const norm = (s: string) => s.toLowerCase().replace(/[-_.\s]/g, '');

interface ServiceMatch {
  service?: string;
  error?: string;
  suggestions?: string[];
}

function matchService(text: string, services: readonly string[]): ServiceMatch {
  const lower = text.toLowerCase();
  // 1. A known service named verbatim (longest first, so "checkout-api" beats "checkout").
  const byLength = [...services].sort((a, b) => b.length - a.length);
  for (const s of byLength) {
    const re = new RegExp(`(^|[^\\w-])${s.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\w-])`);
    if (re.test(lower)) return { service: s };
  }
  // 2. Adjacent words naming a service without its separators ("product catalog", "checkout_api").
  const words = lower.match(/[a-z0-9][\w.-]*/g) ?? [];
  for (let i = 0; i < words.length; i++) {
    for (const n of [2, 1]) {
      const joined = norm(words.slice(i, i + n).join(''));
      const hit = services.find((s) => norm(s) === joined);
      if (hit && i + n <= words.length) return { service: hit };
    }
  }
  // 3. A word in a service position ("for X", "X service", "service X", "in X", "from X", "of X"): did you mean?
  const re =
    /\b(?:service|for|in|of|on|from|at)\s+(?:the\s+)?([a-z0-9][\w.-]*)|([a-z0-9][\w.-]*)\s+service\b/g;
  for (let m = re.exec(lower); m; m = re.exec(lower)) {
    const word = (m[1] ?? m[2])!.replace(/[.]+$/, '');
    if (STOP.has(word) || /^\d/.test(word)) continue;
    const explicit = lower.includes(`${word} service`) || lower.includes(`service ${word}`);
    const guess = didYouMean(word, services);
    if (guess) return { error: `unknown service '${word}'; did you mean '${guess}'?`, suggestions: [guess] };
    if (explicit) return { error: `unknown service '${word}'`, suggestions: services.slice(0, 10) };
  }
  return {};
}

function latencyStat(t: string): number | 'avg' {
  const p =
    /\bp(\d{1,2}(?:\.\d+)?)\b/.exec(t) ?? /\b(\d{1,2}(?:\.\d+)?)(?:th|st|nd|rd)?[- ]percentile\b/.exec(t);
  if (p) return Number(p[1]);
  if (/\bmedian\b/.test(t)) return 50;
  if (/\b(average|avg|mean)\b/.test(t)) return 'avg';
  if (/\b(tail|worst)\b/.test(t)) return 99;
  return 95;
}

function durationMs(t: string): number | undefined {
  const m =
    /(?:slower than|longer than|more than|over|above|exceeding|>\s*=?|at least|taking)\s*(\d+(?:\.\d+)?)\s*(ms|milliseconds?|s|secs?|seconds?|m|mins?|minutes?)\b/.exec(
      t,
    );
  if (!m) return undefined;
  const n = Number(m[1]);
  const u = m[2]!;
  return u.startsWith('ms') || u.startsWith('milli') ? n : u.startsWith('s') ? n * 1000 : n * 60_000;
}

function quotedOrTrailingText(original: string): string | undefined {
  const q = /["“'‘`]([^"”'’`]+)["”'’`]/.exec(original);
  if (q) return q[1]!.trim();
  const m =
    /\b(?:containing|contain|contains|mentioning|mention|with (?:the )?(?:text|message|word)|matching|that say|saying|about)\s+(.+?)(?=\s+(?:in|from|for|on|over|during|since|between|yesterday|today|last|past|at)\b|[?.!]?$)/i.exec(
      original,
    );
  return m ? m[1]!.trim() : undefined;
}

export function parseQuestion(text: string, opts: ParseQuestionOptions): ParsedQuestion {
  const t = text.toLowerCase().trim();
  if (t === '') return { ok: false, error: 'the question is empty', suggestions: [] };
  // Quoted text is what to search for, never a service name.
  const svc = matchService(t.replace(/["“'‘`][^"”'’`]*["”'’`]/g, ' '), opts.services);
  if (svc.error) return { ok: false, error: svc.error, suggestions: svc.suggestions ?? [] };
  const time = parseTimePhrase(t, opts.now, opts.utcOffsetMinutes);
  const range = time ?? { startMs: opts.now - 3_600_000, endMs: opts.now, description: 'the last hour' };
  const base: Partial<UnifiedQueryInput> = {
    ...(svc.service ? { service: svc.service } : {}),
    time: { start: range.startMs, end: range.endMs },
  };
  const of = svc.service ? ` of ${svc.service}` : '';
  const over = /^(since|between|yesterday|today)/.test(range.description)
    ? ` ${range.description}`
    : ` over ${range.description}`;
  const bySvc = /\b(by|per|for each|each|across|every|all) services?\b|\bwhich services?\b/.test(t);
  let input: UnifiedQueryInput;
  let what: string;

  if (/\blogs?\b|\blog (lines|messages|entries)\b|\bmessages\b|\bcontaining\b|\bmentioning\b/.test(t)) {
    const sev = SEVERITY_WORDS.find(([re]) => re.test(t.replace(/\blogs?\b/g, '')))?.[1];
    const needle = quotedOrTrailingText(text);
    input = {
      signal: 'logs',
      ...base,
      ...(sev ? { severity: sev } : {}),
      ...(needle ? { text: needle } : {}),
    };
    what = `${sev ? `${sev}+ ` : ''}logs${of}${needle ? ` containing '${needle}'` : ''}`;
  } else if (
    /\btraces?\b|\bslow(est)? (requests?|calls?|endpoints?|operations?|spans?)\b|\bslowest\b|\brequests? (slower|taking|longer)\b/.test(
      t,
    )
  ) {
    const failed = /\b(errors?|fail(ed|ing|ures?)?|broken|erroring|5xx)\b/.test(t);
    const slow = /\bslow(est|er)?\b|\blong(er)?\b|\btaking\b/.test(t);
    const min = durationMs(t) ?? (slow ? 1000 : undefined);
    input = {
      signal: 'traces',
      ...base,
      ...(failed ? { status: 'error' as const } : {}),
      ...(min !== undefined ? { minDurationMs: min } : {}),
      limit: 20,
    };
    what = `${failed ? 'failed ' : ''}traces${of}${min !== undefined ? ` slower than ${min} ms` : ''}`;
  } else if (/\b(cpu|processor)\b/.test(t)) {
    input = { signal: 'metrics', ...base, intent: { kind: 'saturation', resource: 'cpu' } };
    what = `CPU usage${of}`;
  } else if (/\b(memory|ram|heap|rss)\b/.test(t)) {
    input = { signal: 'metrics', ...base, intent: { kind: 'saturation', resource: 'memory' } };
    what = `memory usage${of}`;
  } else if (
    /\b(latency|latencies|response times?|how (slow|fast|long)|duration|p\d{1,2}(\.\d+)?|percentile|median)\b/.test(
      t,
    ) ||
    (/\b(average|avg|mean)\b/.test(t) && /\b(time|took|take|slow)\b/.test(t))
  ) {
    const stat = latencyStat(t);
    input = { signal: 'metrics', ...base, intent: { kind: 'latency', stat } };
    what = `${stat === 'avg' ? 'average' : `p${stat}`} latency${of}`;
  } else if (
    /\b(throughput|rps|qps|req\/s|requests? (per|a) (second|sec|minute)|request rate|traffic|load|how many requests|call rate|calls per)\b/.test(
      t,
    )
  ) {
    input = { signal: 'metrics', ...base, intent: { kind: 'throughput' } };
    what = `throughput${of}`;
  } else if (
    /\berror[- ]?rates?\b|\bfailure rates?\b|\berrors?\b|\bfail(ing|ures?|ed)?\b|\b5xx\b|\bexceptions?\b/.test(
      t,
    )
  ) {
    input = { signal: 'metrics', ...base, intent: { kind: 'error_rate' } };
    what = `error rate${of}`;
  } else {
    return {
      ok: false,
      error: 'could not tell what to look up',
      suggestions: [
        'error rate of checkout in the last hour',
        'p99 latency of checkout since 14:00',
        'logs containing "timeout" yesterday',
        'slow traces of checkout',
      ],
    };
  }
  if (bySvc && input.signal === 'metrics' && !svc.service) {
    input.groupBy = ['service'];
    what += ' by service';
  }
  return { ok: true, query: parseUnifiedQuery(input), explanation: `${what}${over}` };
}
