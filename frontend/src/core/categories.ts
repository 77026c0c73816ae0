/**
 * Familles de catégories FINESS (à partir du code d'agrégat) pour colorer
 * les sites sur la carte. Le libellé de chaque famille est dans i18n.
 */

export type CategoryFamily = 'chu' | 'hospital' | 'otherHealth' | 'care' | 'community' | 'medicoSocial' | 'other';

export const FAMILY_ORDER: readonly CategoryFamily[] = [
  'chu',
  'hospital',
  'otherHealth',
  'care',
  'community',
  'medicoSocial',
  'other',
];

export const FAMILY_COLORS: Readonly<Record<CategoryFamily, string>> = {
  chu: '#b91c1c',
  hospital: '#ea580c',
  otherHealth: '#ca8a04',
  care: '#16a34a',
  community: '#64748b',
  medicoSocial: '#7c3aed',
  other: '#94a3b8',
};

/** Famille d'un code d'agrégat FINESS (ex. 1101 CHR/CHU, 1102 CH, 44xx personnes âgées). */
export function categoryFamily(groupCode: string | null | undefined): CategoryFamily {
  if (groupCode === null || groupCode === undefined || groupCode === '') return 'other';
  if (groupCode === '1101') return 'chu';
  if (groupCode.startsWith('11')) return 'hospital';
  if (groupCode.startsWith('12')) return 'otherHealth';
  if (groupCode.startsWith('2')) return 'care';
  if (groupCode.startsWith('3')) return 'community';
  if (groupCode.startsWith('4')) return 'medicoSocial';
  return 'other';
}

/**
 * La même règle en expression de style MapLibre, appliquée à la propriété
 * `categoryGroup` des points (le calcul se fait dans le moteur de rendu).
 */
export function familyColorExpression(property = 'categoryGroup'): unknown[] {
  const prefix2 = ['slice', ['coalesce', ['get', property], ''], 0, 2];
  const prefix1 = ['slice', ['coalesce', ['get', property], ''], 0, 1];
  return [
    'case',
    ['==', ['get', property], '1101'],
    FAMILY_COLORS.chu,
    ['==', prefix2, '11'],
    FAMILY_COLORS.hospital,
    ['==', prefix2, '12'],
    FAMILY_COLORS.otherHealth,
    ['==', prefix1, '2'],
    FAMILY_COLORS.care,
    ['==', prefix1, '3'],
    FAMILY_COLORS.community,
    ['==', prefix1, '4'],
    FAMILY_COLORS.medicoSocial,
    FAMILY_COLORS.other,
  ];
}
