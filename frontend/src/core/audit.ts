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
