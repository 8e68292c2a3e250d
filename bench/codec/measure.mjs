// Shared by the codec benchmarks: runs `fn` (after 3 warm-up calls) for `seconds` and reports how many rounds
// ran, the wall-clock seconds and the process's CPU seconds (user + system) they took.
export function timeRounds(fn, seconds) {
  for (let i = 0; i < 3; i++) fn();
  let rounds = 0;
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const deadline = t0 + BigInt(Math.round(seconds * 1e9));
  let now = t0;
  while (now < deadline) {
    fn();
    rounds++;
    now = process.hrtime.bigint();
  }
  const cpu = process.cpuUsage(cpu0);
  return { rounds, secs: Number(now - t0) / 1e9, cpuSecs: (cpu.user + cpu.system) / 1e6 };
}

/** A right-aligned whole number with thousands separators. */
export const fmt = (x) => Math.round(x).toLocaleString('en-US').padStart(10);
