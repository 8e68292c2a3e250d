/**
 * @module The grpc-js instrumentation, fixed for ESM apps that use the default import.
 *
 * @grpc/grpc-js is CommonJS. When an ESM app imports it, the ESM loader hook (import-in-the-middle) hands the
 * instrumentation the module *namespace*, and the upstream patch wraps `makeGenericClientConstructor`,
 * `makeClientConstructor` and `loadPackageDefinition` there — which replaces the named exports only
 * (`import { makeGenericClientConstructor }`, `import * as grpc`). `import grpc from '@grpc/grpc-js'`
 * gives the app `module.exports` (the namespace's `default`), which stays unpatched, so clients made from it
 * produce no client span. Patching `Client.prototype.make*Request` does not cover them either: grpc-js's
 * generated methods call the request functions it captured at load time. The server span is unaffected
 * (it patches `Server.prototype`, shared by both views).
 *
 * After the upstream patch has run on the namespace, this subclass copies its three wrapped factories onto the
 * namespace's `default` (the idiom other contrib instrumentations use: `m[Symbol.toStringTag] === 'Module'
 * ? m.default : m`), and puts the original properties back on unpatch. It does not run the whole patch a
 * second time: that would wrap the shared prototypes twice.
 */
import { GrpcInstrumentation } from '@opentelemetry/instrumentation-grpc';

/** The module exports the upstream patch wraps by name (the prototypes are shared and need nothing). */
const FACTORIES = ['makeGenericClientConstructor', 'makeClientConstructor', 'loadPackageDefinition'] as const;

/** The CommonJS `module.exports` behind an ESM namespace object, or undefined for a plain CJS exports. */
export function commonJsDefault(exports: unknown): object | undefined {
  if (typeof exports !== 'object' || exports === null) return undefined;
  if (Reflect.get(exports, Symbol.toStringTag) !== 'Module') return undefined;
  const cjs: unknown = Reflect.get(exports, 'default');
  return typeof cjs === 'object' && cjs !== null && cjs !== exports ? cjs : undefined;
}

/**
 * The `default` objects given the wrapped factories, with their original property descriptors. Module-level,
 * not a class field: the base constructor already patches (enable()) before subclass fields exist.
 */
const saved = new WeakMap<object, Map<string, PropertyDescriptor>>();

/** Puts the namespace's wrapped factories on the CommonJS exports, remembering what was there. */
function copyFactories(namespace: object, cjs: object): void {
  const originals = saved.get(cjs) ?? new Map<string, PropertyDescriptor>();
  for (const name of FACTORIES) {
    const wrapped: unknown = Reflect.get(namespace, name);
    const before = Object.getOwnPropertyDescriptor(cjs, name);
    if (typeof wrapped !== 'function' || !before?.configurable || Reflect.get(cjs, name) === wrapped)
      continue;
    if (!originals.has(name)) originals.set(name, before);
    Object.defineProperty(cjs, name, {
      value: wrapped,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  }
  saved.set(cjs, originals);
}

/** Puts the original factory properties back. */
function restoreFactories(cjs: object): void {
  for (const [name, descriptor] of saved.get(cjs) ?? []) Object.defineProperty(cjs, name, descriptor);
  saved.delete(cjs);
}

export class EsmAwareGrpcInstrumentation extends GrpcInstrumentation {
  override init(): ReturnType<GrpcInstrumentation['init']> {
    const definitions = super.init();
    for (const definition of definitions) {
      const { patch, unpatch } = definition;
      if (patch)
        definition.patch = (exports: unknown, version?: string): unknown => {
          const patched: unknown = patch(exports, version);
          const cjs = commonJsDefault(exports);
          if (cjs && typeof exports === 'object' && exports !== null) copyFactories(exports, cjs);
          return patched;
        };
      if (unpatch)
        definition.unpatch = (exports: unknown, version?: string): void => {
          const cjs = commonJsDefault(exports);
          if (cjs) restoreFactories(cjs);
          unpatch(exports, version);
        };
    }
    return definitions;
  }
}
