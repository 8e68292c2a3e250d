/**
 * @module Zero-code entry: `node --import @switchyard/sdk/register app.js`. Registers the ESM loader hook
 * (import-in-the-middle, through @opentelemetry/instrumentation/hook.mjs) before the application's imports
 * run — so `import http from 'node:http'` and ESM packages are instrumented, not only `require` — then calls
 * configureObservability() with env + switchyard.yaml, and flushes when the event loop empties.
 */
import { register } from 'node:module';

register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);

const { configureObservability } = await import('./configure/configure-observability.js');
const handle = configureObservability();
process.once('beforeExit', () => {
  void handle.shutdown();
});
