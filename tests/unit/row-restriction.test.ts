// The rules of row-level restriction (core/accounts/row-restriction.ts): default deny below admin,
// the --restrict syntax, one canonical text per rule, and a damaged stored rule that grants nothing.
import { describe, expect, it } from 'vitest';
import { canonicalRule, parseRowRule, restrictionMessages, restrictionText, rowAccessOf, ruleFromJson, ruleToJson } from '../../core/accounts/row-restriction.ts';

describe('row restriction rules', () => {
  it('denies every row to a viewer or analyst without a rule, and grants them all to an admin without one', () => {
    expect(rowAccessOf('viewer', null)).toEqual({ kind: 'none' });
    expect(rowAccessOf('analyst', null)).toEqual({ kind: 'none' });
    expect(rowAccessOf('admin', null)).toEqual({ kind: 'all' });
  });

  it('applies a rule as given, to an admin too', () => {
    expect(rowAccessOf('admin', { limits: { county: ['Essex County'] } })).toEqual({ kind: 'limited', limits: { county: ['Essex County'] } });
    expect(rowAccessOf('viewer', { all: true })).toEqual({ kind: 'all' });
  });

  it('reads repeated --restrict options into one rule, values of a dimension as alternatives', () => {
    expect(parseRowRule(['county=Hudson County', 'payer=Medicare', 'county=Essex County'])).toEqual({ limits: { county: ['Essex County', 'Hudson County'], payer: ['Medicare'] } });
    expect(parseRowRule(['all'])).toEqual({ all: true });
    expect(parseRowRule(undefined)).toBeUndefined();
    expect(parseRowRule(['organization=A=B Clinic'])).toEqual({ limits: { organization: ['A=B Clinic'] } });
  });

  it('refuses an unknown dimension, an empty value and all with limits, naming what is wrong', () => {
    expect(() => parseRowRule(['zip3=070'])).toThrow(restrictionMessages.badSpec('zip3=070'));
    expect(() => parseRowRule(['county='])).toThrow(restrictionMessages.badSpec('county='));
    expect(() => parseRowRule(['all', 'county=X'])).toThrow(restrictionMessages.allAlone);
  });

  it('gives one canonical text per rule, whatever the order', () => {
    const a = canonicalRule({ limits: { payer: ['Medicare'], county: ['B', 'A'] } });
    const b = canonicalRule({ limits: { county: ['A', 'B'], payer: ['Medicare'] } });
    expect(a).toBe(b);
    expect(restrictionText({ kind: 'all' })).toBeNull();
    expect(restrictionText({ kind: 'none' })).toBe('none');
  });

  it('stores and reads back a rule; a damaged stored rule grants no row', () => {
    const rule = { limits: { organization: ['Acme'] } };
    expect(ruleFromJson(ruleToJson(rule))).toEqual(rule);
    expect(ruleFromJson(null)).toBeNull();
    for (const damaged of ['{', '{"limits":{"zip3":["070"]}}', '{"limits":{}}', '{"limits":{"county":"Essex"}}', '42']) {
      const read = ruleFromJson(damaged);
      expect(read, damaged).not.toBeNull();
      expect(rowAccessOf('viewer', read), damaged).toEqual({ kind: 'limited', limits: { county: [] } });
    }
  });
});
