import { describe, expect, it } from 'vitest';
import { auditChanges, inTerritory, showValue } from './audit.ts';

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

describe('inTerritory', () => {
  it('keeps the records of the territory and their parts', () => {
    const events = [
      { entityID: '1', after: { territory_id: 84, name: 'Convention' } },
      { entityID: '2', after: { convention_id: 1, designation: 'CHU' } },
      { entityID: '3', after: { territory_id: 75 } },
      { entityID: '4', after: { convention_id: 3 } },
      { entityID: '1', before: { territory_id: 84 }, after: { territory_id: 84, valid_to: '2030-01-01' } },
    ];
    expect(inTerritory(events, new Set(['84'])).map((e) => e.entityID)).toEqual(['1', '2', '1']);
  });
});
