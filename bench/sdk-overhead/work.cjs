// The CPU work of the `cpu` handler, shared by the service and the orchestrator that calibrates it once, so
// every mode of a run does exactly the same work per request.
function work(iterations) {
  let x = 0;
  for (let i = 0; i < iterations; i++) x += Math.sqrt(x + i);
  return x;
}

/** Iterations that take ~1 ms of this process's CPU time (process.cpuUsage, not the wall clock). */
function calibrate() {
  const once = () => {
    let n = 100_000;
    for (;;) {
      const before = process.cpuUsage();
      work(n);
      const used = process.cpuUsage(before);
      const us = used.user + used.system;
      if (us >= 50_000) return Math.round((n * 1000) / us);
      n *= 2;
    }
  };
  const runs = [once(), once(), once(), once(), once()].sort((a, b) => a - b);
  return runs[2];
}

module.exports = { work, calibrate };
