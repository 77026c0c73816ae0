/**
 * La session d'un éditeur : le jeton qu'un administrateur lui a donné,
 * gardé le temps de la session du navigateur seulement (sessionStorage,
 * jamais localStorage ni l'adresse), et ce que l'API dit de lui.
 */

export const TOKEN_KEY = 'maillage.token';

/** Ce que `viewer` répond. */
export interface Viewer {
  readonly name: string;
  readonly role: string;
  readonly territories: readonly string[];
  readonly mayEdit: boolean;
  readonly mayReadAudit: boolean;
}

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

function store(): Store | null {
  try {
    return typeof window === 'undefined' ? null : window.sessionStorage;
  } catch {
    return null; // stockage refusé (navigation privée stricte) : le jeton reste en mémoire
  }
}

export function readToken(s: Store | null = store()): string | null {
  const t = s?.getItem(TOKEN_KEY) ?? null;
  return t === null || t.trim() === '' ? null : t;
}

export function keepToken(token: string, s: Store | null = store()): void {
  s?.setItem(TOKEN_KEY, token);
}

export function forgetToken(s: Store | null = store()): void {
  s?.removeItem(TOKEN_KEY);
}

/** Un jeton tel qu'on le colle : espaces et « Bearer » retirés ; null s'il est vide. */
export function cleanToken(text: string): string | null {
  const t = text.trim().replace(/^bearer\s+/i, '').trim();
  return t === '' ? null : t;
}

/** Un territoire d'un jeton (`REGION:84`, `DEPARTMENT:42`, `42`) → son genre et son code. */
export function parseTokenTerritory(value: string): { kind: 'REGION' | 'DEPARTMENT' | null; code: string } {
  const at = value.indexOf(':');
  const k = at < 0 ? null : value.slice(0, at).toUpperCase();
  return { kind: k === 'REGION' || k === 'DEPARTMENT' ? k : null, code: at < 0 ? value : value.slice(at + 1) };
}
