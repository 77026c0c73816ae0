import { describe, expect, it } from 'vitest';
import { checkFiness, finessDigits, luhnValid, normalizeFiness, type FinessCheck } from './finess.ts';

describe('checkFiness', () => {
  const cases: readonly { name: string; input: string; want: FinessCheck }[] = [
    { name: 'site CHU Saint-Étienne (Bellevue)', input: '420782559', want: { ok: true, finess: '420782559' } },
    { name: 'entité juridique CHU Saint-Étienne', input: '420784878', want: { ok: true, finess: '420784878' } },
    { name: 'Corse-du-Sud (2A)', input: '2A0001350', want: { ok: true, finess: '2A0001350' } },
    { name: 'Haute-Corse (2B)', input: '2B0004634', want: { ok: true, finess: '2B0004634' } },
    { name: 'Ain, zéro en tête', input: '010000024', want: { ok: true, finess: '010000024' } },
    { name: 'espaces et minuscules normalisés', input: ' 2a 000 1350 ', want: { ok: true, finess: '2A0001350' } },
    { name: 'espace insécable accepté', input: '420\u00a0782\u00a0559', want: { ok: true, finess: '420782559' } },
    { name: 'clé fausse', input: '420782558', want: { ok: false, error: { kind: 'checksum' } } },
    { name: 'clé fausse en Corse', input: '2A0001351', want: { ok: false, error: { kind: 'checksum' } } },
    { name: 'vide', input: '', want: { ok: false, error: { kind: 'empty' } } },
    { name: 'uniquement des espaces', input: '   ', want: { ok: false, error: { kind: 'empty' } } },
    { name: 'trop court', input: '42078255', want: { ok: false, error: { kind: 'length', actual: 8 } } },
    { name: 'trop long', input: '4207825590', want: { ok: false, error: { kind: 'length', actual: 10 } } },
    { name: 'lettre hors Corse', input: '42078255X', want: { ok: false, error: { kind: 'format' } } },
    { name: 'A en première position', input: 'A20782559', want: { ok: false, error: { kind: 'format' } } },
    { name: 'A en troisième position', input: '20A001350', want: { ok: false, error: { kind: 'format' } } },
    { name: 'C en deuxième position', input: '2C0001350', want: { ok: false, error: { kind: 'format' } } },
    { name: 'ponctuation', input: '420-78255', want: { ok: false, error: { kind: 'format' } } },
    { name: 'chiffres non ASCII', input: '٤٢٠٧٨٢٥٥٩', want: { ok: false, error: { kind: 'format' } } },
  ];

  it.each(cases)('$name ($input)', ({ input, want }) => {
    expect(checkFiness(input)).toEqual(want);
  });
});

describe('luhnValid', () => {
  const cases: readonly { digits: string; want: boolean }[] = [
    { digits: '420782559', want: true },
    { digits: '420782558', want: false },
    { digits: '210001350', want: true },
    { digits: '220004634', want: true },
    { digits: '79927398713', want: true },
    { digits: '79927398710', want: false },
    { digits: '0', want: true },
    { digits: '', want: false },
    { digits: '12a', want: false },
  ];

  it.each(cases)('$digits → $want', ({ digits, want }) => {
    expect(luhnValid(digits)).toBe(want);
  });
});

describe('finessDigits / normalizeFiness', () => {
  const cases: readonly { input: string; normalized: string; digits: string }[] = [
    { input: '2A0001350', normalized: '2A0001350', digits: '210001350' },
    { input: '2b0004634', normalized: '2B0004634', digits: '220004634' },
    { input: ' 420 782 559\t', normalized: '420782559', digits: '420782559' },
  ];

  it.each(cases)('$input', ({ input, normalized, digits }) => {
    expect(normalizeFiness(input)).toBe(normalized);
    expect(finessDigits(normalizeFiness(input))).toBe(digits);
  });
});
