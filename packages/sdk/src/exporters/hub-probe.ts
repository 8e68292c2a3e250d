/**
 * @module For `exportTo: 'auto'` with nothing configured: is a Switchyard hub listening on
 * SWITCHYARD_HUB_ENDPOINT (default http://localhost:4318)? A TCP connect with a short timeout, started at
 * configure time (never at import time), never blocking the app. Until it answers, telemetry is held in a
 * small bounded buffer by the gated processors; then it goes to the hub, or spans to the console.
 */
import { connect } from 'node:net';

export interface ProbeGate {
  /** undefined until the probe has answered. */
  value: boolean | undefined;
  readonly result: Promise<boolean>;
}

/** Resolves true when a TCP connection to the endpoint's host:port succeeds within `timeoutMs`. */
export function probeEndpoint(endpoint: string, timeoutMs = 300): ProbeGate {
  const gate: { value: boolean | undefined; result: Promise<boolean> } = {
    value: undefined,
    result: Promise.resolve(false),
  };
  gate.result = new Promise<boolean>((resolve) => {
    let url: URL;
    try {
      url = new URL(endpoint);
    } catch {
      resolve(false);
      return;
    }
    const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
    const host = url.hostname === 'localhost' ? '127.0.0.1' : url.hostname.replace(/^\[|\]$/g, '');
    const socket = connect({ host, port });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.unref();
  }).then((ok) => {
    gate.value = ok;
    return ok;
  });
  return gate;
}
