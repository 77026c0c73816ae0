/**
 * Pourquoi le serveur a refusé une modification, dit dans la langue de
 * l'utilisateur : le serveur donne une raison stable (`extensions.reason`)
 * et les valeurs qu'elle nomme (`extensions.details`) ; les textes sont
 * fournis par l'appelant (edit/messages.ts), ce module choisit et remplit.
 */

import { formatStart } from './time.ts';

export type RefusalDetails = Readonly<Record<string, unknown>>;

/** Un lieu hors des territoires de l'éditeur, tel que le serveur le nomme. */
export interface Place {
  readonly region: string;
  readonly department: string;
}

/** Nomme un territoire d'un jeton (`REGION:84`, `DEPARTMENT:42`, `42`) ou un lieu. */
export interface PlaceNamer {
  territory(value: string): string;
  place(p: Place): string;
}

/** Les textes de chaque raison (un par raison que le serveur connaît). */
export interface RefusalTexts {
  readonly ROLE_MAY_NOT_WRITE: (role: string) => string;
  readonly OUTSIDE_TERRITORY: (territories: string, outside: string) => string;
  readonly NO_LOCATED_PARTY: string;
  readonly SOURCE_REQUIRED: string;
  readonly UNKNOWN_RECORD: (id: string) => string;
  readonly UNKNOWN_FINESS: (finess: string) => string;
  readonly SITE_OF_ANOTHER_ENTITY: (sites: string) => string;
  readonly DUPLICATE_MEMBERSHIP: (period: string) => string;
  readonly SECOND_SUPPORT: (grouping: string, period: string) => string;
  readonly ALREADY_CLOSED: (on: string) => string;
  readonly STALE_VERSION: string;
  readonly DATES_OUT_OF_ORDER: (from: string, to: string) => string;
  readonly period: (since: string | null, to: string | null) => string;
  readonly roles: Readonly<Record<string, string>>;
  readonly list: (items: readonly string[]) => string;
}

function text(d: RefusalDetails, key: string): string {
  const v = d[key];
  return typeof v === 'string' ? v : '';
}

function texts(d: RefusalDetails, key: string): string[] {
  const v = d[key];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function places(d: RefusalDetails): Place[] {
  const v = d['outside'];
  if (!Array.isArray(v)) return [];
  return v.flatMap((p: unknown) => {
    if (typeof p !== 'object' || p === null) return [];
    const o = p as Record<string, unknown>;
    return [{ region: typeof o['region'] === 'string' ? o['region'] : '', department: typeof o['department'] === 'string' ? o['department'] : '' }];
  });
}

/** Une date du serveur en français, à la précision que la source donne (« 2016 », « mars 2016 », « 05/03/2016 »). */
function day(iso: string, precision: string | null = null): string {
  return iso === '' ? '' : formatStart(iso, precision, 'fr-FR');
}

function period(t: RefusalTexts, d: RefusalDetails): string {
  const from = text(d, 'validFrom');
  const to = text(d, 'validTo');
  const precision = text(d, 'validFromPrecision');
  // A day reads « le 05/03/2016 » ; a year or a month as the source gives it, « 2016 ».
  const since = from === '' ? null : precision === '' || precision === 'DAY' ? `le ${day(from)}` : day(from, precision);
  return t.period(since, to === '' ? null : day(to));
}

/** L'explication d'une raison, ou null pour une raison inconnue (le message du serveur reste). */
export function explainRefusal(reason: string | undefined, details: RefusalDetails | undefined, t: RefusalTexts, names: PlaceNamer): string | null {
  const d = details ?? {};
  switch (reason) {
    case 'ROLE_MAY_NOT_WRITE': {
      const role = text(d, 'role');
      return t.ROLE_MAY_NOT_WRITE(t.roles[role] ?? role);
    }
    case 'OUTSIDE_TERRITORY': {
      const mine = texts(d, 'territories').map((x) => names.territory(x));
      const outside = [...new Set(places(d).map((p) => names.place(p)))];
      return t.OUTSIDE_TERRITORY(t.list(mine), t.list(outside));
    }
    case 'NO_LOCATED_PARTY':
      return t.NO_LOCATED_PARTY;
    case 'SOURCE_REQUIRED':
      return t.SOURCE_REQUIRED;
    case 'UNKNOWN_RECORD':
      return t.UNKNOWN_RECORD(text(d, 'id'));
    case 'UNKNOWN_FINESS':
      return t.UNKNOWN_FINESS(text(d, 'finess'));
    case 'SITE_OF_ANOTHER_ENTITY':
      return t.SITE_OF_ANOTHER_ENTITY(t.list(texts(d, 'sites')));
    case 'DUPLICATE_MEMBERSHIP':
      return t.DUPLICATE_MEMBERSHIP(period(t, d));
    case 'SECOND_SUPPORT':
      return t.SECOND_SUPPORT(text(d, 'grouping'), period(t, d));
    case 'ALREADY_CLOSED':
      return t.ALREADY_CLOSED(day(text(d, 'validTo')));
    case 'STALE_VERSION':
      return t.STALE_VERSION;
    case 'DATES_OUT_OF_ORDER':
      return t.DATES_OUT_OF_ORDER(day(text(d, 'validFrom')), day(text(d, 'validTo')));
  }
  return null;
}

/** Nomme les territoires par leur code seul (sans la liste des territoires chargée). */
export function codeNamer(regionLabel: (code: string) => string, departmentLabel: (code: string) => string): PlaceNamer {
  return {
    territory(value) {
      const at = value.indexOf(':');
      const kind = at < 0 ? '' : value.slice(0, at).toUpperCase();
      const code = at < 0 ? value : value.slice(at + 1);
      return kind === 'DEPARTMENT' ? departmentLabel(code) : regionLabel(code);
    },
    place(p) {
      if (p.department === '') return regionLabel(p.region);
      if (p.region === '') return departmentLabel(p.department);
      return `${departmentLabel(p.department)}, ${regionLabel(p.region)}`;
    },
  };
}
