/**
 * Vérification du format d'un numéro FINESS avant envoi au serveur.
 *
 * Un numéro FINESS comporte 9 caractères : le département sur deux caractères
 * (le second pouvant être A ou B pour la Corse : 2A, 2B), six chiffres, puis
 * une clé de contrôle de Luhn. Pour le calcul de la clé, A est remplacé par 1
 * et B par 2.
 */

export const FINESS_LENGTH = 9;

const FINESS_PATTERN = /^[0-9][0-9AB][0-9]{7}$/;

export type FinessError =
  | { readonly kind: 'empty' }
  | { readonly kind: 'length'; readonly actual: number }
  | { readonly kind: 'format' }
  | { readonly kind: 'checksum' };

export type FinessCheck =
  | { readonly ok: true; readonly finess: string }
  | { readonly ok: false; readonly error: FinessError };

/**
 * Normalise une saisie utilisateur : supprime les espaces (y compris
 * insécables) et met les lettres en majuscules (« 2a… » devient « 2A… »).
 */
export function normalizeFiness(input: string): string {
  return input.replace(/\s+/gu, '').toUpperCase();
}

/**
 * Vrai si la chaîne de chiffres satisfait l'algorithme de Luhn (somme
 * pondérée multiple de 10, clé incluse).
 */
export function luhnValid(digits: string): boolean {
  if (digits.length === 0 || !/^[0-9]+$/.test(digits)) {
    return false;
  }
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i -= 1) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) {
        d -= 9;
      }
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** Remplace les lettres corses (A→1, B→2) pour le calcul de la clé. */
export function finessDigits(finess: string): string {
  return finess.replace(/A/gu, '1').replace(/B/gu, '2');
}

/** Contrôle complet d'une saisie : normalisation, longueur, format, clé. */
export function checkFiness(input: string): FinessCheck {
  const finess = normalizeFiness(input);
  if (finess.length === 0) {
    return { ok: false, error: { kind: 'empty' } };
  }
  const length = Array.from(finess).length;
  if (length !== FINESS_LENGTH) {
    return { ok: false, error: { kind: 'length', actual: length } };
  }
  if (!FINESS_PATTERN.test(finess)) {
    return { ok: false, error: { kind: 'format' } };
  }
  if (!luhnValid(finessDigits(finess))) {
    return { ok: false, error: { kind: 'checksum' } };
  }
  return { ok: true, finess };
}
