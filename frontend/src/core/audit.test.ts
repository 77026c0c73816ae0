import { describe, expect, it } from 'vitest';
import { auditChanges, showValue } from './audit.ts';

describe('auditChanges', () => {
  it('lists the fields that differ, without the mechanics', () => {
    const before = { id: 1, version: 1, name: 'A', valid_to: null, domains: ['X'] };
    const after = { id: 1, version: 2, name: 'A', valid_to: '2024-01-01T00:00:00Z', domains: ['X', 'Y'] };
    expect(auditChanges(before, after)).toEqual([
      { field: 'valid_to', before: '—', after: '2024-01-01' },
      { field: 'domains', before: 'X', after: 'X, Y' },
    ]);
  });
  it('shows a creation as every field set', () => {
    expect(auditChanges(null, { name: 'B', kind: 'CHARTER', name_key: 'b' })).toEqual([
      { field: 'name', before: '—', after: 'B' },
      { field: 'kind', before: '—', after: 'CHARTER' },
    ]);
  });
  it('writes values plainly', () => {
    expect(showValue(3)).toBe('3');
    expect(showValue(true)).toBe('true');
    expect(showValue([])).toBe('—');
  });
});
