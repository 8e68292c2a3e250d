/**
 * @module Hook manager for batch work: handlers for pre-execute, post-execute, progress, chunk-complete
 * and error. Every handler runs isolated — a throwing or rejecting hook is counted and reported once, and
 * never breaks the work or the other hooks.
 */

export interface ExecutionInfo {
  name: string;
  executionId: string;
  totalItems: number;
  concurrency: number;
  chunkSize: number;
}

export interface PreExecuteEvent {
  execution: ExecutionInfo;
}
export interface ProgressEvent {
  execution: ExecutionInfo;
  processed: number;
  failed: number;
  percentComplete: number;
  /** Items per second since the start. */
  throughput: number;
}
export interface ChunkCompleteEvent {
  execution: ExecutionInfo;
  chunkIndex: number;
  items: number;
  failed: number;
  durationMs: number;
}
export interface ExecutionErrorEvent {
  execution: ExecutionInfo;
  index: number;
  error: unknown;
}
export interface PostExecuteEvent {
  execution: ExecutionInfo;
  processed: number;
  failed: number;
  durationMs: number;
  throughput: number;
}

export interface ExecutionHookEvents {
  'pre-execute': PreExecuteEvent;
  'post-execute': PostExecuteEvent;
  progress: ProgressEvent;
  'chunk-complete': ChunkCompleteEvent;
  error: ExecutionErrorEvent;
}

export type ExecutionEventName = keyof ExecutionHookEvents;
export type ExecutionHook<E extends ExecutionEventName> = (
  event: ExecutionHookEvents[E],
) => void | Promise<void>;

/** Hooks as an object, the form `monitorExecution` accepts. */
export interface ExecutionHooks {
  preExecute?: ExecutionHook<'pre-execute'>;
  postExecute?: ExecutionHook<'post-execute'>;
  progress?: ExecutionHook<'progress'>;
  chunkComplete?: ExecutionHook<'chunk-complete'>;
  error?: ExecutionHook<'error'>;
}

const OBJECT_KEYS: Record<keyof ExecutionHooks, ExecutionEventName> = {
  preExecute: 'pre-execute',
  postExecute: 'post-execute',
  progress: 'progress',
  chunkComplete: 'chunk-complete',
  error: 'error',
};

export class ExecutionHookManager {
  private readonly handlers = new Map<ExecutionEventName, Array<(event: never) => void | Promise<void>>>();
  /** Number of hook invocations that threw or rejected. */
  hookErrors = 0;
  private warned = false;

  constructor(hooks?: ExecutionHooks) {
    if (hooks) this.addAll(hooks);
  }

  /** Registers a handler; returns a function that removes it. */
  on<E extends ExecutionEventName>(event: E, handler: ExecutionHook<E>): () => void {
    const list = this.handlers.get(event) ?? [];
    this.handlers.set(event, list);
    list.push(handler as (event: never) => void);
    return () => {
      const l = this.handlers.get(event);
      const i = l?.indexOf(handler as (event: never) => void) ?? -1;
      if (i >= 0) l!.splice(i, 1);
    };
  }

  addAll(hooks: ExecutionHooks): void {
    for (const [key, event] of Object.entries(OBJECT_KEYS) as Array<
      [keyof ExecutionHooks, ExecutionEventName]
    >) {
      const h = hooks[key];
      if (h) this.on(event, h as ExecutionHook<typeof event>);
    }
  }

  /** Calls every handler for `event`; never throws. Async handlers are not awaited (work is not slowed). */
  emit<E extends ExecutionEventName>(event: E, payload: ExecutionHookEvents[E]): void {
    const list = this.handlers.get(event);
    if (!list) return;
    for (const handler of list) {
      try {
        const r = (handler as ExecutionHook<E>)(payload);
        if (r instanceof Promise) r.catch((error: unknown) => this.failed(event, error));
      } catch (error) {
        this.failed(event, error);
      }
    }
  }

  private failed(event: ExecutionEventName, error: unknown): void {
    this.hookErrors++;
    if (this.warned) return;
    this.warned = true;
    const message = error instanceof Error ? error.message : String(error);
    process.emitWarning(
      `switchyard execution hook '${event}' failed (further failures are only counted): ${message}`,
      {
        code: 'SWITCHYARD_HOOK',
      },
    );
  }
}
