/**
 * L'état partageable de l'application, lu et écrit dans l'adresse : chaque
 * vue est une URL (territoire, filtres, date, sélection, vue).
 */

export type ViewMode = 'split' | 'map' | 'network';
export type TerritoryKind = 'REGION' | 'DEPARTMENT' | 'COMMUNE';
export type Level = 'SITE' | 'LEGAL_ENTITY';
export type ObjectKind = 'GROUPING' | 'CONVENTION' | 'FILIERE' | 'TEAM';
export type SideTab = 'details' | 'questions' | 'worklist' | 'history' | 'import';

export interface TerritoryRef {
  readonly kind: TerritoryKind;
  readonly code: string;
  /** Le nom, quand on le connaît (une commune choisie dans la recherche) ; jamais dans l'adresse. */
  readonly name?: string;
}

export interface AppState {
  readonly view: ViewMode;
  readonly territory: TerritoryRef | null;
  /** Jour observé (YYYY-MM-DD) ; null : aujourd'hui. */
  readonly asOf: string | null;
  /** Mode comparaison : date de départ (les changements depuis ce jour jusqu'à asOf). */
  readonly since: string | null;
  readonly selected: string | null;
  readonly level: Level;
  /** Types d'objets de coopération affichés ; vide : tous. */
  readonly kinds: readonly ObjectKind[];
  /** Dessiner aussi les structures dont aucune source ne donne les membres. */
  readonly memberless: boolean;
  readonly expanded: readonly string[];
  readonly hidden: readonly string[];
  readonly pathFrom: string | null;
  readonly pathTo: string | null;
  readonly tab: SideTab;
  /** Le formulaire d'édition ouvert (core/editForm's EditTarget, écrit) ; null : aucun. */
  readonly edit: string | null;
}

export const DEFAULT_STATE: AppState = {
  view: 'split',
  territory: null,
  asOf: null,
  since: null,
  selected: null,
  // Qui coopère avec qui : les entités juridiques signent et adhèrent.
  level: 'LEGAL_ENTITY',
  kinds: [],
  memberless: false,
  expanded: [],
  hidden: [],
  pathFrom: null,
  pathTo: null,
  tab: 'details',
  edit: null,
};

const VIEWS: readonly ViewMode[] = ['split', 'map', 'network'];
const LEVELS: readonly Level[] = ['SITE', 'LEGAL_ENTITY'];
const OBJECT_KINDS: readonly ObjectKind[] = ['GROUPING', 'CONVENTION', 'FILIERE', 'TEAM'];
const TABS: readonly SideTab[] = ['details', 'questions', 'worklist', 'history', 'import'];
/** Le formulaire d'une adresse, dans sa forme : core/editForm.ts (parseEditTarget) en connaît les familles. */
const EDIT_RE = /^[a-z][A-Za-z]{0,19}:(?:new(?::[0-9]{1,20})?(?::with:[0-9]{1,20})?(?::as:[A-Z_]{1,20})?|[0-9]{1,20}(?::close)?)$/;
const TERRITORY_PREFIX: Readonly<Record<string, TerritoryKind>> = { region: 'REGION', dep: 'DEPARTMENT', commune: 'COMMUNE' };

const ID_RE = /^[0-9]{1,20}$/;
const TERRITORY_CODE_RE = /^(?:[0-9]{2,3}|2A|2B)$/;
/** Code INSEE d'une commune : 5 caractères, 2A/2B en Corse. */
const COMMUNE_CODE_RE = /^(?:[0-9]{5}|2[AB][0-9]{3})$/;

/** Un jour valide du calendrier, au format YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match === null) {
    return false;
  }
  const [, y, m, d] = match;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return date.toISOString().slice(0, 10) === value;
}

function oneOf<T extends string>(value: string | null, allowed: readonly T[], fallback: T): T {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

function id(value: string | null): string | null {
  return value !== null && ID_RE.test(value) ? value : null;
}

function ids(value: string | null): string[] {
  if (value === null || value === '') {
    return [];
  }
  return [...new Set(value.split(',').filter((v) => ID_RE.test(v)))];
}

function date(value: string | null): string | null {
  return value !== null && isIsoDate(value) ? value : null;
}

export function parseTerritory(value: string | null): TerritoryRef | null {
  if (value === null) {
    return null;
  }
  const [prefix, code] = value.split(':');
  const kind = prefix === undefined ? undefined : TERRITORY_PREFIX[prefix];
  if (kind === undefined || code === undefined || !(kind === 'COMMUNE' ? COMMUNE_CODE_RE : TERRITORY_CODE_RE).test(code)) {
    return null;
  }
  return { kind, code };
}

const TERRITORY_PREFIX_OF: Readonly<Record<TerritoryKind, string>> = { REGION: 'region', DEPARTMENT: 'dep', COMMUNE: 'commune' };

export function formatTerritory(territory: TerritoryRef): string {
  return `${TERRITORY_PREFIX_OF[territory.kind]}:${territory.code}`;
}

/** Lit l'état depuis la partie requête d'une URL ; toute valeur invalide est ignorée. */
export function parseState(search: string): AppState {
  const params = new URLSearchParams(search);
  const kinds = (params.get('kinds') ?? '')
    .split(',')
    .filter((k): k is ObjectKind => (OBJECT_KINDS as readonly string[]).includes(k));
  return {
    view: oneOf(params.get('view'), VIEWS, DEFAULT_STATE.view),
    territory: parseTerritory(params.get('territory')),
    asOf: date(params.get('date')),
    since: date(params.get('since')),
    selected: id(params.get('sel')),
    level: oneOf(params.get('level'), LEVELS, DEFAULT_STATE.level),
    kinds: [...new Set(kinds)],
    memberless: params.get('memberless') === '1',
    expanded: ids(params.get('expand')),
    hidden: ids(params.get('hide')),
    pathFrom: id(params.get('from')),
    pathTo: id(params.get('to')),
    tab: oneOf(params.get('tab'), TABS, DEFAULT_STATE.tab),
    edit: EDIT_RE.test(params.get('edit') ?? '') ? params.get('edit') : null,
  };
}

/** Écrit l'état en partie requête (sans les valeurs par défaut), « ?… » ou «  ». */
export function formatState(state: AppState): string {
  const params = new URLSearchParams();
  if (state.view !== DEFAULT_STATE.view) params.set('view', state.view);
  if (state.territory !== null) params.set('territory', formatTerritory(state.territory));
  if (state.asOf !== null) params.set('date', state.asOf);
  if (state.since !== null) params.set('since', state.since);
  if (state.selected !== null) params.set('sel', state.selected);
  if (state.level !== DEFAULT_STATE.level) params.set('level', state.level);
  if (state.kinds.length > 0) params.set('kinds', state.kinds.join(','));
  if (state.memberless) params.set('memberless', '1');
  if (state.expanded.length > 0) params.set('expand', state.expanded.join(','));
  if (state.hidden.length > 0) params.set('hide', state.hidden.join(','));
  if (state.pathFrom !== null) params.set('from', state.pathFrom);
  if (state.pathTo !== null) params.set('to', state.pathTo);
  if (state.tab !== DEFAULT_STATE.tab) params.set('tab', state.tab);
  if (state.edit !== null) params.set('edit', state.edit);
  const text = params.toString().replaceAll('%3A', ':').replaceAll('%2C', ',');
  return text === '' ? '' : `?${text}`;
}
