import { ParameterError } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { TOOL_NAMES } from './tool-names.js';
import { ALL_TOOLS, selectTools, splitList } from './tool-registry.js';

const names = (sel: Parameters<typeof selectTools>[0]) => selectTools(sel).map((t) => t.name);

describe('tool registry', () => {
  it('holds one tool per declared name, in order', () => {
    expect(ALL_TOOLS.map((t) => t.name)).toEqual([...TOOL_NAMES]);
  });

  it('enables everything by default', () => {
    expect(names({})).toEqual([...TOOL_NAMES]);
    expect(names({ enabled: [], disabled: [] })).toHaveLength(11);
  });

  it('enables groups and single tools, and disabled wins', () => {
    expect(names({ enabled: ['traces', 'list_services'] })).toEqual([
      'list_services',
      'query_traces',
      'get_trace',
    ]);
    expect(names({ enabled: ['analysis'], disabled: ['compare_traces'] })).toEqual([
      'find_log_patterns',
      'detect_anomalies',
      'analyze_trace',
    ]);
    expect(names({ disabled: ['logs', 'analysis', 'events'] })).toEqual([
      'list_services',
      'query_metrics',
      'query_traces',
      'get_trace',
      'ask',
    ]);
  });

  it('rejects an unknown group with a did-you-mean hint', () => {
    expect(() => selectTools({ disabled: ['tracs'] })).toThrow(ParameterError);
    try {
      selectTools({ disabled: ['tracs'] });
    } catch (err) {
      expect((err as ParameterError).hint).toContain("did you mean 'traces'");
    }
  });

  it('splits comma-separated CLI lists across repeated flags', () => {
    expect(splitList('logs, traces', ['events'])).toEqual(['events', 'logs', 'traces']);
    expect(splitList(',,')).toEqual([]);
  });
});
