/**
 * @module Optional LLM fallback for questions the deterministic parser cannot read: an
 * OpenAI-compatible chat-completions endpoint named by env (off unless SWITCHYARD_LLM_URL is set).
 * Its answer is validated with the unified-query schema (and PromQL with the Lezer grammar)
 * before anything runs, and returned with the query so it can be shown to the user.
 */
import { type Env, ParameterError } from '@switchyard/core';
import { HttpClient } from '../http/http-client.js';
import { asRecord, isRecord, str } from '../http/json-shape.js';
import { parseUnifiedQuery } from '../model/parse-query.js';
import type { UnifiedQuery } from '../model/unified-query.js';
import { validatePromQL } from '../prometheus/validate-promql.js';

export interface LlmConfig {
  url: string;
  model: string;
  apiKey?: string;
  timeoutMs?: number;
}

/** Reads SWITCHYARD_LLM_URL / _MODEL / _API_KEY; undefined (fallback off) when the URL is unset. */
export function llmConfigFromEnv(env: Env): LlmConfig | undefined {
  const url = env.SWITCHYARD_LLM_URL;
  if (url === undefined || url === '') return undefined;
  return {
    url,
    model: env.SWITCHYARD_LLM_MODEL || 'gpt-4o-mini',
    apiKey: env.SWITCHYARD_LLM_API_KEY || undefined,
  };
}

const SYSTEM = `You turn observability questions into one JSON object, with no prose. Fields:
signal: "metrics" | "logs" | "traces" (required);
service: string (one of the known services), optional;
intent (metrics): {"kind":"error_rate"} | {"kind":"latency","stat":number 0-100 or "avg"} | {"kind":"throughput"} | {"kind":"saturation","resource":"cpu"|"memory"};
metric: explicit metric name instead of intent; filters: [{"key","op":"="|"!="|"=~"|"!~","value"}];
text (logs containing), severity: "trace"|"debug"|"info"|"warn"|"error"|"fatal";
status: "ok"|"error", minDurationMs, maxDurationMs, operation (traces);
time: {"start": epoch ms or "now-1h", "end": epoch ms or "now"}; groupBy: ["service"]; limit: number.`;

export interface LlmAnswer {
  query: UnifiedQuery;
  /** The model's raw JSON, to show the user. */
  raw: string;
}

/** Asks the model; throws ParameterError when its answer is not a valid unified query. */
export async function askLlm(
  question: string,
  ctx: { services: readonly string[]; now: number },
  config: LlmConfig,
  fetchImpl?: typeof fetch,
): Promise<LlmAnswer> {
  const base = config.url.replace(/\/$/, '');
  const http = new HttpClient({
    baseUrl: base.endsWith('/chat/completions') ? base.slice(0, -'/chat/completions'.length) : base,
    headers: config.apiKey ? { Authorization: `Bearer ${config.apiKey}` } : {},
    timeoutMs: config.timeoutMs ?? 30_000,
    maxResponseBytes: 1 << 20,
    fetch: fetchImpl,
  });
  const body = asRecord(
    await http.json({
      method: 'POST',
      path: '/chat/completions',
      json: {
        model: config.model,
        temperature: 0,
        response_format: { type: 'json_object' },
        messages: [
          { role: 'system', content: SYSTEM },
          {
            role: 'user',
            content: `Known services: ${ctx.services.join(', ') || '(none)'}. Now: ${new Date(ctx.now).toISOString()}.\nQuestion: ${question}`,
          },
        ],
      },
    }),
    'chat completion',
  );
  const choice = Array.isArray(body.choices) ? body.choices[0] : undefined;
  const content = isRecord(choice) && isRecord(choice.message) ? str(choice.message.content) : '';
  const raw = content.replace(/^```(?:json)?\s*|\s*```$/g, '').trim();
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ParameterError('question', 'the language model did not answer JSON', 'rephrase the question');
  }
  const query = parseUnifiedQuery(parsed);
  if (query.native?.language === 'promql') validatePromQL(query.native.query);
  if (query.service !== undefined && ctx.services.length > 0 && !ctx.services.includes(query.service)) {
    throw new ParameterError('service', `the language model chose unknown service '${query.service}'`);
  }
  return { query, raw };
}
