import { context, propagation } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';

/**
 * The only global OpenTelemetry state the demo installs: an AsyncLocalStorage context manager
 * and the W3C trace-context propagator. Reference-counted so several demos (tests) can run,
 * and only removed on release if this module installed them.
 */
let users = 0;
let installedContext = false;
let installedPropagator = false;

export function acquireGlobalContext(): () => void {
  if (users === 0) {
    const manager = new AsyncLocalStorageContextManager();
    manager.enable();
    installedContext = context.setGlobalContextManager(manager);
    if (!installedContext) manager.disable();
    installedPropagator = propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  }
  users++;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    users--;
    if (users > 0) return;
    if (installedContext) context.disable();
    if (installedPropagator) propagation.disable();
    installedContext = false;
    installedPropagator = false;
  };
}
