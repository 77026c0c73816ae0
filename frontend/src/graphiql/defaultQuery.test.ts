import { describe, expect, it } from 'vitest';
import { DEFAULT_QUERY } from './defaultQuery.ts';

describe('DEFAULT_QUERY', () => {
  it('est la requête d’exemple convenue, au caractère près', () => {
    expect(DEFAULT_QUERY).toBe(
      [
        '# Exemple : le site CHU de Saint-Étienne (Hôpital de Bellevue) et son entité juridique',
        '{',
        '  establishment(finess: "420782559") {',
        '    finess',
        '    name',
        '    legalEntity { finess name }',
        '    latitude',
        '    longitude',
        '  }',
        '}',
      ].join('\n'),
    );
  });
});
