/**
 * L'historique d'un enregistrement, lu dans les événements d'audit : pour
 * chaque changement, les champs qui diffèrent entre avant et après, écrits
 * en français — types et valeurs codées par leurs libellés, identifiants
 * par le nom de ce qu'ils désignent, dates à la française, parts de temps
 * en pourcentage.
 *
 * Les événements gardent l'enregistrement tel qu'ent l'écrit : ses champs
 * en snake_case et, pour ce qu'il désigne (legal_entity_id…), l'identifiant
 * entier, qui est aussi l'identifiant global de l'API écrit en décimal.
 */
import { formatStart } from './time.ts';

/** Une valeur montrée : son texte et, pour une référence, l'identifiant désigné. */
export interface ShownValue {
  readonly text: string;
  /** L'identifiant global désigné (à garder en info-bulle), pour une référence. */
  readonly id?: string;
}

export interface AuditChange {
  readonly field: string;
  readonly label: string;
  readonly before: ShownValue;
  readonly after: ShownValue;
}

/** Les libellés dont l'historique a besoin (ceux des formulaires, réutilisés). */
export interface AuditLabels {
  /** Type d'enregistrement (Membership…) → nom français. */
  readonly types: Readonly<Record<string, string>>;
  /** Champ (snake_case) → libellé. */
  readonly fields: Readonly<Record<string, string>>;
  /** Libellés des valeurs codées, par « Type.champ » ou, pour tous les types, par « champ ». */
  readonly values: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly yes: string;
  readonly no: string;
  /** Une part de temps : 0,4 → « 40 % ». */
  readonly share: (percent: number) => string;
}

/** Nom des enregistrements désignés, par identifiant global. */
export type Names = ReadonlyMap<string, string>;

/** Ce que l'on ne montre pas : la mécanique (version, horodatages internes). */
const HIDDEN = new Set(['version', 'id', 'name_key', 'create_time', 'update_time', 'created_at', 'updated_at']);

/** Les champs qui désignent un autre enregistrement par son identifiant. */
export const REFERENCE_FIELDS: ReadonlySet<string> = new Set([
  'legal_entity_id',
  'establishment_id',
  'source_id',
  'grouping_id',
  'convention_id',
  'filiere_id',
  'team_id',
  'territory_id',
]);

/** Les dates (jour) ; valid_from se lit avec sa précision. */
const DAY_FIELDS = new Set(['valid_from', 'valid_to', 'signed_on', 'published_on']);
/** Les instants (date et heure). */
const INSTANT_FIELDS = new Set(['recorded_at']);

const instant = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Paris' });

type Json = Readonly<Record<string, unknown>> | null | undefined;

/** L'identifiant global d'un identifiant entier d'ent (ou déjà global), null sinon. */
export function globalId(v: unknown): string | null {
  if (typeof v === 'number' && Number.isInteger(v) && v > 0) return String(v);
  if (typeof v === 'string' && /^[1-9]\d*$/.test(v)) return v;
  return null;
}

/** Une valeur brute, sans libellé ni nom : le repli de toutes les autres. */
export function showValue(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (Array.isArray(v)) return v.length === 0 ? '—' : v.map(showValue).join(', ');
  if (typeof v === 'object') return JSON.stringify(v);
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T00:00:00(?:Z|[+-]00:00)$/.test(v)) return v.slice(0, 10);
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** Le libellé d'une valeur codée du champ field d'un enregistrement de type type. */
function valueLabel(labels: AuditLabels, type: string, field: string, v: string): string {
  return labels.values[`${type}.${field}`]?.[v] ?? labels.values[field]?.[v] ?? v;
}

/**
 * Une valeur d'un champ, écrite pour un lecteur : record est le côté
 * (avant ou après) qui la porte, pour lire la précision d'une date.
 */
export function shownValue(type: string, field: string, v: unknown, record: Json, labels: AuditLabels, names: Names): ShownValue {
  if (v === null || v === undefined || v === '') return { text: '—' };
  if (REFERENCE_FIELDS.has(field)) {
    const id = globalId(v);
    if (id !== null) return { text: names.get(id) ?? id, id };
  }
  if (typeof v === 'string' && (DAY_FIELDS.has(field) || INSTANT_FIELDS.has(field)) && /^\d{4}-\d{2}-\d{2}/.test(v)) {
    if (INSTANT_FIELDS.has(field)) {
      const t = Date.parse(v);
      return { text: Number.isNaN(t) ? showValue(v) : instant.format(new Date(t)) };
    }
    const precision = field === 'valid_from' ? record?.['valid_from_precision'] : null;
    return { text: formatStart(v, typeof precision === 'string' ? precision : null, 'fr-FR') };
  }
  if (field === 'time_share' && typeof v === 'number') return { text: labels.share(Math.round(v * 100)) };
  if (typeof v === 'boolean') return { text: v ? labels.yes : labels.no };
  if (typeof v === 'string') return { text: valueLabel(labels, type, field, v) };
  if (Array.isArray(v)) {
    return { text: v.length === 0 ? '—' : v.map((x) => (typeof x === 'string' ? valueLabel(labels, type, field, x) : showValue(x))).join(', ') };
  }
  return { text: showValue(v) };
}

/** La forme canonique d'une valeur, pour comparer avant et après. */
function canonical(v: unknown): string {
  if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) return 'null';
  return JSON.stringify(v);
}

/** Les champs changés d'un événement (tous ceux d'après pour une création), dans l'ordre des clés. */
export function auditChanges(type: string, before: Json, after: Json, labels: AuditLabels, names: Names = new Map()): AuditChange[] {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].filter((k) => !HIDDEN.has(k));
  const out: AuditChange[] = [];
  for (const k of keys) {
    const b = before?.[k];
    const a = after?.[k];
    if (canonical(b) === canonical(a)) continue;
    out.push({
      field: k,
      label: labels.fields[k] ?? k,
      before: shownValue(type, k, b, before, labels, names),
      after: shownValue(type, k, a, after, labels, names),
    });
  }
  return out;
}

/** Ce que l'historique lit d'un événement. */
export interface AuditEventLike {
  readonly entityType: string;
  readonly entityID: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

function asRecord(v: unknown): Readonly<Record<string, unknown>> | null {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

/** Les identifiants que désignent les événements : à résoudre en noms, en une requête. */
export function referencedIds(events: readonly AuditEventLike[]): string[] {
  const ids = new Set<string>();
  for (const e of events) {
    for (const side of [asRecord(e.before), asRecord(e.after)]) {
      if (side === null) continue;
      for (const [k, v] of Object.entries(side)) {
        const id = REFERENCE_FIELDS.has(k) ? globalId(v) : null;
        if (id !== null) ids.add(id);
      }
    }
  }
  return [...ids].sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
}

/** Ce que nodes(ids) rend : un enregistrement, son nom ou son titre. */
export interface NamedNode {
  readonly id: string;
  readonly name?: string | null;
  readonly title?: string | null;
}

/** Les noms des enregistrements lus ; ceux qui n'en ont pas restent absents. */
export function namesOf(nodes: readonly (NamedNode | null | undefined)[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const n of nodes) {
    const name = n?.name ?? n?.title;
    if (n != null && typeof name === 'string' && name !== '') names.set(n.id, name);
  }
  return names;
}

/** Ce qu'un événement change, en une ligne : le type en français et ce qu'il désigne. */
export interface AuditSubject {
  readonly type: string;
  /** Le nom de l'enregistrement, ou pour une partie (adhésion, partie…) celui de l'organisation ou du site. */
  readonly name: string | null;
  /** Pour une partie : le nom de l'enregistrement dont elle fait partie. */
  readonly of: string | null;
  /** La fiche à ouvrir : l'enregistrement, ou pour une partie celui dont elle fait partie (une partie n'a pas de fiche). */
  readonly record: string;
}

/** Pour chaque type de partie : le champ de l'organisation (ou du site) et celui de son enregistrement. */
const PARTS: Readonly<Record<string, readonly [string, string]>> = {
  Membership: ['legal_entity_id', 'grouping_id'],
  ConventionParty: ['legal_entity_id', 'convention_id'],
  FiliereRole: ['legal_entity_id', 'filiere_id'],
  TeamSite: ['establishment_id', 'team_id'],
};

/** Le sujet d'un événement : son type en français, son nom, et pour une partie ce dont elle fait partie. */
export function auditSubject(e: AuditEventLike, labels: AuditLabels, names: Names): AuditSubject {
  const before = asRecord(e.before);
  const after = asRecord(e.after);
  const read = (k: string): unknown => after?.[k] ?? before?.[k];
  const type = labels.types[e.entityType] ?? e.entityType;
  const own = read('name') ?? read('title');
  if (typeof own === 'string' && own !== '') return { type, name: own, of: null, record: e.entityID };
  const part = PARTS[e.entityType];
  if (part === undefined) return { type, name: null, of: null, record: e.entityID };
  const nameOf = (k: string): string | null => {
    const id = globalId(read(k));
    return id === null ? null : (names.get(id) ?? null);
  };
  const designation = read('designation');
  return {
    type,
    name: nameOf(part[0]) ?? (typeof designation === 'string' && designation !== '' ? designation : null),
    of: nameOf(part[1]),
    record: globalId(read(part[1])) ?? e.entityID,
  };
}
