/**
 * @module Business context (user, tenant, tier, feature flags, …) carried through async work: in the
 * context for this process and in baggage for downstream services. A span processor copies it onto every
 * span started inside. A redaction hook sees every key/value first and may mask or drop it (PII).
 */
import { type Context, context, propagation } from '@opentelemetry/api';

export interface BusinessContext {
  userId?: string;
  tenantId?: string;
  tier?: string;
  /** Flag name → variant; a list means each named flag is on. */
  featureFlags?: Record<string, string | boolean> | readonly string[];
  /** Any other business attributes, recorded under their own keys. */
  [key: string]: string | number | boolean | undefined | Record<string, string | boolean> | readonly string[];
}

/** Returns the value to record, or undefined to leave the attribute out. */
export type RedactHook = (
  key: string,
  value: string | number | boolean,
) => string | number | boolean | undefined;

export const BUSINESS_KEYS = { userId: 'enduser.id', tenantId: 'tenant.id', tier: 'tenant.tier' } as const;
export const FEATURE_FLAG_PREFIX = 'feature_flag.';
/** Baggage entries written by withBusinessContext carry this prefix so other baggage is left alone. */
export const BAGGAGE_PREFIX = 'sy.';

let globalRedact: RedactHook | undefined;

/** Sets the process-wide redaction hook (configureObservability's `redact` option). */
export function setRedactHook(hook: RedactHook | undefined): void {
  globalRedact = hook;
}

/** Flattens a business context into attribute key/values, after redaction. */
export function businessAttributes(
  ctx: BusinessContext,
  redact: RedactHook | undefined = globalRedact,
): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  const put = (key: string, value: string | number | boolean): void => {
    let v: string | number | boolean | undefined = value;
    if (redact) {
      try {
        v = redact(key, value);
      } catch {
        v = undefined; // a failing hook must not leak the raw value nor break the request
      }
    }
    if (v !== undefined) out[key] = v;
  };
  for (const [k, v] of Object.entries(ctx)) {
    if (v === undefined) continue;
    if (k === 'featureFlags') {
      if (Array.isArray(v)) for (const f of v as readonly string[]) put(`${FEATURE_FLAG_PREFIX}${f}`, true);
      else
        for (const [f, variant] of Object.entries(v as Record<string, string | boolean>))
          put(`${FEATURE_FLAG_PREFIX}${f}`, variant);
      continue;
    }
    if (typeof v === 'object') continue;
    put(BUSINESS_KEYS[k as keyof typeof BUSINESS_KEYS] ?? k, v);
  }
  return out;
}

/** Returns `parent` with the business attributes merged into its baggage. */
export function contextWithBusiness(
  parent: Context,
  attributes: Record<string, string | number | boolean>,
): Context {
  let baggage = propagation.getBaggage(parent) ?? propagation.createBaggage();
  for (const [k, v] of Object.entries(attributes))
    baggage = baggage.setEntry(`${BAGGAGE_PREFIX}${k}`, { value: String(v) });
  return propagation.setBaggage(parent, baggage);
}

/** Business attributes found in the baggage of `ctx` (set here or by an upstream service). */
export function businessAttributesFromContext(ctx: Context): Record<string, string> {
  const out: Record<string, string> = {};
  const baggage = propagation.getBaggage(ctx);
  if (!baggage) return out;
  for (const [k, entry] of baggage.getAllEntries())
    if (k.startsWith(BAGGAGE_PREFIX)) out[k.slice(BAGGAGE_PREFIX.length)] = entry.value;
  return out;
}

/** Runs `fn` with the business context on every span started inside it (and propagated downstream). */
export function withBusinessContext<T>(business: BusinessContext, fn: () => T, redact?: RedactHook): T {
  const attributes = businessAttributes(business, redact ?? globalRedact);
  return context.with(contextWithBusiness(context.active(), attributes), fn);
}
