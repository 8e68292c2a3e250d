import { describe, expect, it } from 'vitest';
import { templateVars } from './preset-template.js';
import { PRESET_NAMES, VENDOR_PRESETS } from './presets.js';

describe('the preset table', () => {
  it('documents every env var its templates read', () => {
    for (const preset of Object.values(VENDOR_PRESETS)) {
      const templates = [
        preset.endpoint,
        ...Object.values(preset.signals),
        ...Object.values(preset.headers),
        ...Object.values(preset.signalHeaders ?? {}).flatMap((h) => Object.values(h ?? {})),
        ...Object.values(preset.resourceAttributes ?? {}),
        ...(preset.agent ? [preset.agent.endpoint] : []),
      ];
      const documented = new Set([...preset.env.map((e) => e.name), 'endpoint', 'service']);
      for (const v of templates.flatMap((t) => templateVars(t ?? '')))
        expect(documented.has(v), `${preset.name} reads ${v}`).toBe(true);
    }
  });

  it('is keyed by each preset name', () => {
    expect(PRESET_NAMES.length).toBeGreaterThan(10);
    for (const name of PRESET_NAMES) expect(VENDOR_PRESETS[name]!.name).toBe(name);
  });
});
