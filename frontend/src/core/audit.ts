/**
 * L'historique d'un enregistrement, lu dans les événements d'audit : pour
 * chaque changement, les champs qui diffèrent entre avant et après.
 */

export interface AuditChange {
  readonly field: string;
  readonly before: string;
  readonly after: string;
}

/** Ce que l'on ne montre pas : la mécanique (version, horodatages internes). */
const HIDDEN = new Set(['version', 'id', 'name_key', 'create_time', 'update_time', 'created_at', 'updated_at']);

export function showValue(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (Array.isArray(v)) return v.length === 0 ? '—' : v.map(showValue).join(', ');
  if (typeof v === 'object') return JSON.stringify(v);
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T00:00:00(?:Z|[+-]00:00)$/.test(v)) return v.slice(0, 10);
  return typeof v === 'string' ? v : JSON.stringify(v);
}

type Json = Readonly<Record<string, unknown>> | null | undefined;

/** Les champs changés d'un événement (tous ceux d'après pour une création), dans l'ordre des clés. */
export function auditChanges(before: Json, after: Json): AuditChange[] {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].filter((k) => !HIDDEN.has(k));
  const out: AuditChange[] = [];
  for (const k of keys) {
    const b = showValue(before?.[k]);
    const a = showValue(after?.[k]);
    if (b !== a) out.push({ field: k, before: b, after: a });
  }
  return out;
}

/** Ce que le fil lit d'un événement. */
export interface AuditEventLike {
  readonly entityID: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

function field(e: AuditEventLike, key: string): string | null {
  for (const side of [e.after, e.before]) {
    if (typeof side === 'object' && side !== null && !Array.isArray(side)) {
      const v = (side as Record<string, unknown>)[key];
      if (typeof v === 'number' || typeof v === 'string') return String(v);
    }
  }
  return null;
}

/**
 * Les événements d'un territoire : ceux des conventions et groupements
 * rattachés à l'un de ses territoires (territory_id), et ceux de leurs
 * parties et adhésions (convention_id, grouping_id) parmi les événements lus.
 */
export function inTerritory<E extends AuditEventLike>(all: readonly E[], territoryIds: ReadonlySet<string>): E[] {
  const records = new Set<string>();
  for (const e of all) {
    const t = field(e, 'territory_id');
    if (t !== null && territoryIds.has(t)) records.add(e.entityID);
  }
  return all.filter((e) => records.has(e.entityID) || [field(e, 'convention_id'), field(e, 'grouping_id')].some((p) => p !== null && records.has(p)));
}
