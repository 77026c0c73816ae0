import { describe, expect, it } from 'vitest';
import { categoryFamily, familyColorExpression, FAMILY_COLORS } from './categories.ts';

describe('categoryFamily', () => {
  const cases: readonly [string | null, string][] = [
    ['1101', 'chu'],
    ['1102', 'hospital'],
    ['1111', 'hospital'],
    ['1205', 'otherHealth'],
    ['2202', 'care'],
    ['3201', 'community'],
    ['4401', 'medicoSocial'],
    ['6101', 'other'],
    ['', 'other'],
    [null, 'other'],
  ];
  for (const [code, family] of cases) {
    it(`${String(code)} → ${family}`, () => {
      expect(categoryFamily(code)).toBe(family);
    });
  }
});

describe('familyColorExpression', () => {
  it('names every family colour', () => {
    const text = JSON.stringify(familyColorExpression());
    for (const color of Object.values(FAMILY_COLORS)) {
      expect(text).toContain(color);
    }
  });
});
