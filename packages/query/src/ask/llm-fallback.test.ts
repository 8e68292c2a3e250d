import { afterEach, describe, expect, it } from 'vitest';
import { type Loopback, startLoopback } from '../testing/loopback-server.js';
import { askLlm, llmConfigFromEnv } from './llm-fallback.js';

const NOW = Date.parse('2024-05-01T12:00:00Z');
let server: Loopback | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const completion = (content: string) => ({
  json: {
    id: 'chatcmpl-1',
    object: 'chat.completion',
    model: 'm',
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
  },
});

describe('LLM fallback', () => {
  it('is off unless SWITCHYARD_LLM_URL is set', () => {
    expect(llmConfigFromEnv({})).toBeUndefined();
    expect(
      llmConfigFromEnv({
        SWITCHYARD_LLM_URL: 'http://x/v1',
        SWITCHYARD_LLM_MODEL: 'm',
        SWITCHYARD_LLM_API_KEY: 'k',
      }),
    ).toEqual({
      url: 'http://x/v1',
      model: 'm',
      apiKey: 'k',
    });
  });

  it('posts a chat completion and validates the answer as a unified query', async () => {
    server = await startLoopback({
      'POST /v1/chat/completions': completion(
        '{"signal":"metrics","service":"checkout","intent":{"kind":"latency","stat":99}}',
      ),
    });
    const r = await askLlm(
      'how is checkout doing',
      { services: ['checkout'], now: NOW },
      { url: `${server.url}/v1`, model: 'm', apiKey: 'k' },
    );
    expect(r.query).toMatchObject({
      signal: 'metrics',
      service: 'checkout',
      intent: { kind: 'latency', stat: 99 },
    });
    const req = server.requests[0]!;
    expect(req.headers.authorization).toBe('Bearer k');
    const body = JSON.parse(req.body);
    expect(body.model).toBe('m');
    expect(body.messages[1].content).toContain('Question: how is checkout doing');
  });

  it('rejects invalid answers: not JSON, bad schema, bad PromQL, unknown service', async () => {
    const answers = [
      'I think you should look at latency',
      '{"signal":"metrics","intent":{"kind":"vibes"}}',
      '{"signal":"metrics","native":{"language":"promql","query":"sum(rate(x[5m])"}}',
      '{"signal":"logs","service":"billing"}',
    ];
    let i = 0;
    server = await startLoopback({ 'POST /chat/completions': () => completion(answers[i++]!) });
    const cfg = { url: server.url, model: 'm' };
    await expect(askLlm('q', { services: ['checkout'], now: NOW }, cfg)).rejects.toThrow(
      /did not answer JSON/,
    );
    await expect(askLlm('q', { services: ['checkout'], now: NOW }, cfg)).rejects.toThrow(/intent/);
    await expect(askLlm('q', { services: ['checkout'], now: NOW }, cfg)).rejects.toThrow(/invalid PromQL/);
    await expect(askLlm('q', { services: ['checkout'], now: NOW }, cfg)).rejects.toThrow(
      /unknown service 'billing'/,
    );
  });
});
