import type { Bounds } from '../core/mapModel.ts';
import type { TerritoryRef } from '../core/urlState.ts';

/** /api/boundaries/bounds.json : [ouest, sud, est, nord] de chaque région et département, par code. */
interface AllBounds {
  readonly regions: Readonly<Record<string, Bounds>>;
  readonly departements: Readonly<Record<string, Bounds>>;
}

let all: Promise<AllBounds | null> | null = null;

/**
 * Le cadre d'une région ou d'un département (null s'il est inconnu ou si le
 * serveur ne répond pas) ; les cadres se lisent une fois, au premier territoire.
 */
export async function territoryBounds(territory: TerritoryRef): Promise<Bounds | null> {
  all ??= fetch('/api/boundaries/bounds.json')
    .then(async (r) => (r.ok ? ((await r.json()) as AllBounds) : null))
    .catch(() => null);
  const bounds = await all;
  if (bounds === null) {
    all = null; // un prochain territoire redemande
    return null;
  }
  return (territory.kind === 'REGION' ? bounds.regions : bounds.departements)[territory.code] ?? null;
}
