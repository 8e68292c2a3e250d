import { describe, expect, it } from 'vitest';
import { renderTemplate, templateVars } from './preset-template.js';

describe('renderTemplate', () => {
  it('fills required vars, uses defaults for unset optional ones and names every missing var', () => {
    const r = renderTemplate('https://otlp.{DD_SITE|datadoghq.com}/{A}/{B}', { A: 'x' });
    expect(r.value).toBe('https://otlp.datadoghq.com/x/');
    expect(r.missing).toEqual(['B']);
  });

  it('encodes HTTP Basic credentials from two vars', () => {
    const r = renderTemplate('Basic {base64:U:P}', { U: '123', P: 'tok' });
    expect(r.value).toBe(`Basic ${Buffer.from('123:tok').toString('base64')}`);
    expect(r.missing).toEqual([]);
  });

  it('treats an empty value as unset', () => {
    expect(renderTemplate('{K}', { K: '' }).missing).toEqual(['K']);
  });
});

describe('templateVars', () => {
  it('lists the vars a template reads, including both Basic credential vars', () => {
    expect(templateVars('{A}:{B|x}:{base64:C:D}')).toEqual(['A', 'B', 'C', 'D']);
  });
});
