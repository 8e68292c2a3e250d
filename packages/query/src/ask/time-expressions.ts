/**
 * @module Time phrases in questions → an absolute range: "last hour", "past 30 minutes",
 * "since 14:00", "yesterday", "today", "between 10:00 and 11:00", "last 2 days".
 * Clock times are read in the zone given by `utcOffsetMinutes` (default UTC).
 */

export interface TimePhrase {
  startMs: number;
  endMs: number;
  /** How the phrase was read, for the explanation. */
  description: string;
}

const UNIT: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

function unitMs(word: string): number | undefined {
  const w = word.toLowerCase();
  if (/^(s|secs?|seconds?)$/.test(w)) return UNIT.s;
  if (/^(m|mins?|minutes?)$/.test(w)) return UNIT.m;
  if (/^(h|hrs?|hours?)$/.test(w)) return UNIT.h;
  if (/^(d|days?)$/.test(w)) return UNIT.d;
  if (/^(w|wks?|weeks?)$/.test(w)) return UNIT.w;
  return undefined;
}

const WORD_NUM: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  ten: 10,
  fifteen: 15,
  thirty: 30,
};

function clock(h: string, m: string | undefined, ampm: string | undefined): number | undefined {
  let hour = Number(h);
  const minute = m === undefined ? 0 : Number(m);
  if (ampm) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (ampm.toLowerCase() === 'pm' ? 12 : 0);
  }
  if (hour > 23 || minute > 59) return undefined;
  return hour * UNIT.h! + minute * UNIT.m!;
}

const CLOCK = String.raw`(\d{1,2})(?::(\d{2}))?\s*(am|pm)?`;

/** Finds the first time phrase in `text`; undefined when there is none. */
export function parseTimePhrase(text: string, nowMs: number, utcOffsetMinutes = 0): TimePhrase | undefined {
  const t = text.toLowerCase();
  const offset = utcOffsetMinutes * UNIT.m!;
  const dayStart = Math.floor((nowMs + offset) / UNIT.d!) * UNIT.d! - offset;
  const at = (ms: number) => new Date(ms + offset).toISOString().slice(11, 16);

  const last =
    /\b(?:last|past|previous|recent|over the last|in the last)\s+(?:(\d+(?:\.\d+)?|a|an|one|two|three|four|five|six|ten|fifteen|thirty)\s*)?(s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?)\b/.exec(
      t,
    );
  if (last) {
    const n = last[1] === undefined ? 1 : (WORD_NUM[last[1]] ?? Number(last[1]));
    const u = unitMs(last[2]!)!;
    const names: Record<number, string> = {
      1000: 'second',
      60000: 'minute',
      3600000: 'hour',
      86400000: 'day',
      604800000: 'week',
    };
    return {
      startMs: nowMs - n * u,
      endMs: nowMs,
      description: `the last ${n === 1 ? '' : `${n} `}${names[u]}${n === 1 ? '' : 's'}`,
    };
  }
  const between = new RegExp(String.raw`\b(?:between|from)\s+${CLOCK}\s+(?:and|to|until|-)\s+${CLOCK}`).exec(
    t,
  );
  if (between) {
    const a = clock(between[1]!, between[2], between[3] ?? between[6]);
    const b = clock(between[4]!, between[5], between[6]);
    if (a !== undefined && b !== undefined && b > a) {
      const base = /\byesterday\b/.test(t) ? dayStart - UNIT.d! : dayStart;
      return {
        startMs: base + a,
        endMs: base + b,
        description: `between ${at(base + a)} and ${at(base + b)}${base < dayStart ? ' yesterday' : ''}`,
      };
    }
  }
  const since = new RegExp(String.raw`\bsince\s+${CLOCK}\b`).exec(t);
  if (since) {
    const c = clock(since[1]!, since[2], since[3]);
    if (c !== undefined) {
      let start = dayStart + c;
      if (start > nowMs) start -= UNIT.d!;
      return { startMs: start, endMs: nowMs, description: `since ${at(start)}` };
    }
  }
  if (/\byesterday\b/.test(t))
    return { startMs: dayStart - UNIT.d!, endMs: dayStart, description: 'yesterday' };
  if (/\btoday\b|\bthis day\b/.test(t)) return { startMs: dayStart, endMs: nowMs, description: 'today' };
  if (/\bthis week\b/.test(t))
    return { startMs: nowMs - 7 * UNIT.d!, endMs: nowMs, description: 'the last 7 days' };
  if (/\b(?:right )?now\b|\bcurrently\b|\bat the moment\b/.test(t))
    return { startMs: nowMs - 15 * UNIT.m!, endMs: nowMs, description: 'the last 15 minutes' };
  return undefined;
}
