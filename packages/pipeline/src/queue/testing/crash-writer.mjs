// Child process for the crash test: enqueues one-span batches into a durable queue with ackAfterFsync and
// prints "ack <n>" for each accepted one, until it is killed with SIGKILL. Runs against the built dist.
//   node crash-writer.mjs DIR

import { spanBatch } from '../../../dist/exporters/testing/spans.js';
import { DurableQueue } from '../../../dist/queue/durable-queue.js';
import { queueConfigSchema } from '../../../dist/queue/queue-config.js';

const dir = process.argv[2];
const queue = new DurableQueue(
  dir,
  queueConfigSchema.parse({ segmentBytes: 64 * 1024, fsyncIntervalMs: 20 }),
  {
    name: 'crash',
    log: () => {},
  },
);
let n = 0;
// Several writers at once, so acknowledgements come from group commits covering many records.
async function writer() {
  for (;;) {
    const id = n++;
    const r = await queue.enqueue(spanBatch(id, 1));
    if (r.kind === 'accepted') process.stdout.write(`ack ${id}\n`);
  }
}
for (let i = 0; i < 8; i++) void writer();
