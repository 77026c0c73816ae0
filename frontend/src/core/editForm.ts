/**
 * La logique pure des formulaires d'édition : dates et leur précision,
 * brouillons ↔ enregistrements, entrées des mutations (seulement ce qui a
 * changé), conflits (ce que l'autre a changé, ce que l'on change), erreurs
 * de l'API rangées par champ, et l'adresse d'un formulaire.
 */
import { isIsoDate } from './urlState.ts';

export type Precision = 'DAY' | 'MONTH' | 'YEAR';

/** Une date saisie : vide, ou un jour avec la précision que donne la source. */
export type ParsedDate = { readonly ok: true; readonly date: string | null; readonly precision: Precision | null } | { readonly ok: false };

/**
 * Lit une date telle qu'on la tape : « 2016 » (l'année), « 2016-03 » ou
 * « 03/2016 » (le mois), « 2016-03-05 » ou « 05/03/2016 » (le jour).
 * L'année ou le mois commencent à leur premier jour, comme l'API le veut.
 */
export function parseDateInput(text: string): ParsedDate {
  const t = text.trim();
  if (t === '') return { ok: true, date: null, precision: null };
  let m = /^(\d{4})$/.exec(t);
  if (m !== null) return { ok: true, date: `${m[1] ?? ''}-01-01`, precision: 'YEAR' };
  m = /^(\d{4})-(\d{1,2})$/.exec(t) ?? /^(\d{1,2})\/(\d{4})$/.exec(t);
  if (m !== null) {
    const [y, mo] = t.includes('/') ? [m[2] ?? '', m[1] ?? ''] : [m[1] ?? '', m[2] ?? ''];
    const date = `${y}-${mo.padStart(2, '0')}-01`;
    return isIsoDate(date) ? { ok: true, date, precision: 'MONTH' } : { ok: false };
  }
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  const fr = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  const parts = m !== null ? [m[1], m[2], m[3]] : fr !== null ? [fr[3], fr[2], fr[1]] : null;
  if (parts === null) return { ok: false };
  const date = `${parts[0] ?? ''}-${(parts[1] ?? '').padStart(2, '0')}-${(parts[2] ?? '').padStart(2, '0')}`;
  return isIsoDate(date) ? { ok: true, date, precision: 'DAY' } : { ok: false };
}

/** Une date enregistrée, écrite comme l'utilisateur la saisirait (« 2016 » pour une année). */
export function formatDateInput(date: string | null | undefined, precision?: string | null): string {
  if (date == null) return '';
  if (precision === 'YEAR') return date.slice(0, 4);
  if (precision === 'MONTH') return date.slice(0, 7);
  return date;
}

// ——— L'adresse d'un formulaire ———

export type EditKind = 'convention' | 'party' | 'grouping' | 'membership' | 'filiere' | 'role' | 'team' | 'teamSite';
export type EditMode = 'create' | 'update' | 'close';

export interface EditTarget {
  readonly kind: EditKind;
  readonly mode: EditMode;
  /** L'enregistrement modifié ou clos ; null à la création. */
  readonly id: string | null;
  /** À la création d'une ligne (partie, adhésion, rôle, site d'équipe) : la fiche à laquelle elle appartient. */
  readonly parent: string | null;
  /**
   * À la création, ce que le formulaire propose déjà (une action de la liste
   * de travail, une suggestion à confirmer) : l'organisation (`:with:<id>`)
   * et le rôle (`:as:<RÔLE>`). Rien n'est enregistré sans l'éditeur.
   */
  readonly with?: string | null;
  readonly as?: string | null;
}

const KINDS: readonly EditKind[] = ['convention', 'party', 'grouping', 'membership', 'filiere', 'role', 'team', 'teamSite'];
/** Les lignes d'une fiche : on les crée depuis elle. */
const CHILD_KINDS: readonly EditKind[] = ['party', 'membership', 'role', 'teamSite'];
const ID_RE = /^[0-9]{1,20}$/;

const ROLE_RE = /^[A-Z_]{1,20}$/;

/**
 * `convention:new`, `party:new:<convention>`, `convention:<id>`,
 * `convention:<id>:close` ; à la création, `:with:<organisation>` et
 * `:as:<RÔLE>` en suffixe (`membership:new:<groupement>:with:<entité>:as:SUPPORT`).
 */
export function parseEditTarget(value: string | null): EditTarget | null {
  if (value === null) return null;
  const [kind, id, ...rest] = value.split(':');
  if (kind === undefined || !(KINDS as readonly string[]).includes(kind) || id === undefined) return null;
  const k = kind as EditKind;
  if (id === 'new') {
    const needsParent = CHILD_KINDS.includes(k);
    const parent = needsParent ? rest.shift() : undefined;
    if (needsParent && (parent === undefined || !ID_RE.test(parent))) return null;
    let withID: string | null = null;
    let as: string | null = null;
    while (rest.length > 0) {
      const [key, v] = [rest.shift(), rest.shift()];
      if (key === 'with' && v !== undefined && ID_RE.test(v) && withID === null) withID = v;
      else if (key === 'as' && v !== undefined && ROLE_RE.test(v) && as === null) as = v;
      else return null;
    }
    return { kind: k, mode: 'create', id: null, parent: parent ?? null, with: withID, as };
  }
  const extra = rest[0];
  if (rest.length > 1) return null;
  if (!ID_RE.test(id)) return null;
  if (extra !== undefined && extra !== 'close') return null;
  return { kind: k, mode: extra === 'close' ? 'close' : 'update', id, parent: null };
}

export function formatEditTarget(t: EditTarget): string {
  if (t.mode === 'create') {
    const base = t.parent === null ? `${t.kind}:new` : `${t.kind}:new:${t.parent}`;
    return base + (t.with != null ? `:with:${t.with}` : '') + (t.as != null ? `:as:${t.as}` : '');
  }
  return t.mode === 'close' ? `${t.kind}:${t.id ?? ''}:close` : `${t.kind}:${t.id ?? ''}`;
}

// ——— Erreurs de l'API par champ ———

export interface ApiRefusal {
  readonly code: string | null;
  readonly message: string;
  readonly field?: string | undefined;
  /** La raison du refus et ce qu'elle nomme (core/refusal.ts l'explique). */
  readonly reason?: string | undefined;
  readonly details?: Readonly<Record<string, unknown>> | undefined;
}

/** Le champ du formulaire qu'une erreur nomme (`input.validTo` → `validTo`) ; null : le formulaire entier. */
export function refusalField(r: ApiRefusal, fields: readonly string[]): string | null {
  if (r.field === undefined || r.field === '') return null;
  const name = r.field.split('.').pop() ?? r.field;
  return fields.includes(name) ? name : null;
}

// ——— Brouillons, entrées, conflits ———

/** Un brouillon : des textes (et des listes de textes) comme le formulaire les tient. */
export type Draft = Readonly<Record<string, string | readonly string[]>>;

function same(a: string | readonly string[] | undefined, b: string | readonly string[] | undefined): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    const x = Array.isArray(a) ? [...(a as readonly string[])].sort() : [];
    const y = Array.isArray(b) ? [...(b as readonly string[])].sort() : [];
    return x.length === y.length && x.every((v, i) => v === y[i]);
  }
  return (a ?? '') === (b ?? '');
}

/** Les champs dont la valeur diffère entre deux brouillons. */
export function changedFields(from: Draft, to: Draft): string[] {
  const keys = new Set([...Object.keys(from), ...Object.keys(to)]);
  return [...keys].filter((k) => !same(from[k], to[k])).sort();
}

export interface Conflict {
  /** Ce qu'un autre a changé depuis la lecture (champ : avant → maintenant). */
  readonly theirs: readonly string[];
  /** Ce que l'utilisateur change. */
  readonly mine: readonly string[];
  /** Les champs changés des deux côtés, différemment. */
  readonly both: readonly string[];
}

/** Compare la version lue (base), la version actuelle (theirs) et le brouillon (mine). */
export function conflictOf(base: Draft, theirs: Draft, mine: Draft): Conflict {
  const t = changedFields(base, theirs);
  const m = changedFields(base, mine);
  return { theirs: t, mine: m, both: m.filter((f) => t.includes(f) && !same(theirs[f], mine[f])) };
}

/** Réapplique les changements de l'utilisateur (par rapport à base) sur la version actuelle. */
export function reapply(base: Draft, theirs: Draft, mine: Draft): Draft {
  const out: Record<string, string | readonly string[]> = { ...theirs };
  for (const f of changedFields(base, mine)) {
    const v = mine[f];
    if (v !== undefined) out[f] = v;
  }
  return out;
}

export function text(d: Draft, k: string): string {
  const v = d[k];
  return typeof v === 'string' ? v.trim() : '';
}

export function list(d: Draft, k: string): string[] {
  const v = d[k];
  return Array.isArray(v) ? [...(v as readonly string[])] : [];
}

/** Une erreur de saisie locale, rangée par champ (avant tout envoi). */
export type FieldErrors = Readonly<Record<string, string>>;

export interface Built<T> {
  readonly input: T | null;
  readonly errors: FieldErrors;
}

export interface DateMessages {
  readonly badDate: string;
  readonly required: string;
  readonly order: string;
}

export type FormMessages = DateMessages;

/** Les dates d'une période, précision comprise, comme toute entrée de mutation les porte. */
export interface PeriodInput {
  validFrom?: string;
  clearValidFrom?: boolean;
  validFromPrecision?: Precision;
  clearValidFromPrecision?: boolean;
  validTo?: string;
  clearValidTo?: boolean;
}

/**
 * Le début d'une entrée : les champs requis et les dates vérifiés (erreurs
 * rangées par champ), puis `put`, qui écrit un champ s'il a changé (tous à
 * la création) et, vidé lors d'une modification, l'efface (`clear`).
 */
export function inputWriter(d: Draft, base: Draft | null, sourceID: string, m: DateMessages, required: readonly string[], dayFields: readonly string[] = []) {
  const errors: Record<string, string> = {};
  for (const f of required) if (list(d, f).length === 0 && text(d, f) === '') errors[f] = m.required;
  const { from, days } = dates(d, m, errors, dayFields);
  if (sourceID === '') errors['sourceID'] = m.required;
  const changed = base === null ? null : new Set(changedFields(base, d));
  const want = (f: string) => changed === null || changed.has(f);
  const out: Record<string, unknown> = { sourceID };
  /** Un champ facultatif : sa valeur, ou (modification) son effacement. */
  const put = (f: string, value: unknown, clear?: string, key: string = f) => {
    if (!want(f)) return;
    const empty = value === null || value === '' || (Array.isArray(value) && value.length === 0);
    if (!empty) out[key] = value;
    else if (base !== null && clear !== undefined) out[clear] = true;
  };
  /** Les dates : le début avec sa précision, la fin, les autres jours. */
  const putDates = () => {
    if (want('validFrom')) {
      if (from.date !== null) {
        out['validFrom'] = from.date;
        if (from.precision !== null && from.precision !== 'DAY') out['validFromPrecision'] = from.precision;
        else if (base !== null) out['clearValidFromPrecision'] = true;
      } else if (base !== null) {
        out['clearValidFrom'] = true;
        out['clearValidFromPrecision'] = true;
      }
    }
    put('validTo', days['validTo'] ?? null, 'clearValidTo');
  };
  return { errors, want, put, putDates, days, out, ok: () => Object.keys(errors).length === 0 };
}

/** Les champs de date d'un brouillon : validFrom (avec sa précision), validTo, et d'autres jours. */
function dates(d: Draft, m: DateMessages, errors: Record<string, string>, dayFields: readonly string[]) {
  const from = parseDateInput(text(d, 'validFrom'));
  if (!from.ok) errors['validFrom'] = m.badDate;
  const out: Record<string, string | null> = {};
  for (const f of ['validTo', ...dayFields]) {
    const p = parseDateInput(text(d, f));
    if (!p.ok || (p.date !== null && p.precision !== 'DAY')) errors[f] = m.badDate;
    else out[f] = p.date;
  }
  const to = out['validTo'] ?? null;
  if (from.ok && from.date !== null && to !== null && to <= from.date) errors['validTo'] = m.order;
  return { from: from.ok ? from : { ok: true as const, date: null, precision: null }, days: out };
}

/** Les dates d'un brouillon, lues d'un enregistrement. */
export function periodDraft(r: { readonly validFrom?: string | null; readonly validFromPrecision?: string | null; readonly validTo?: string | null } | null): Draft {
  return { validFrom: formatDateInput(r?.validFrom, r?.validFromPrecision), validTo: r?.validTo ?? '' };
}

// Convention

export interface ConventionRecord {
  readonly name: string;
  readonly kind: string;
  readonly code?: string | null;
  readonly domains?: readonly string[] | null;
  readonly description?: string | null;
  readonly signedOn?: string | null;
  readonly validFrom?: string | null;
  readonly validFromPrecision?: string | null;
  readonly validTo?: string | null;
  readonly territoryID?: string | null;
}

export const CONVENTION_FIELDS = ['name', 'kind', 'code', 'domains', 'description', 'signedOn', 'validFrom', 'validTo', 'territoryID', 'sourceID'] as const;

export function conventionDraft(r: ConventionRecord | null): Draft {
  return {
    name: r?.name ?? '',
    kind: r?.kind ?? 'CONVENTION',
    code: r?.code ?? '',
    domains: r?.domains ?? [],
    description: r?.description ?? '',
    signedOn: r?.signedOn ?? '',
    ...periodDraft(r),
    territoryID: r?.territoryID ?? '',
  };
}

export interface ConventionInput extends PeriodInput {
  name?: string;
  kind?: string;
  code?: string;
  clearCode?: boolean;
  domains?: string[];
  clearDomains?: boolean;
  description?: string;
  clearDescription?: boolean;
  signedOn?: string;
  clearSignedOn?: boolean;
  territoryID?: string;
  clearTerritory?: boolean;
  sourceID: string;
}

/**
 * L'entrée de createConvention (base null) ou d'updateConvention (base :
 * le brouillon de la version lue ; seuls les champs changés sont envoyés,
 * un champ vidé est effacé).
 */
export function conventionInput(d: Draft, base: Draft | null, sourceID: string, m: FormMessages): Built<ConventionInput> {
  const w = inputWriter(d, base, sourceID, m, ['name'], ['signedOn']);
  if (!w.ok()) return { input: null, errors: w.errors };
  w.put('name', text(d, 'name'));
  w.put('kind', text(d, 'kind'));
  w.put('code', text(d, 'code'), 'clearCode');
  w.put('description', text(d, 'description'), 'clearDescription');
  w.put('domains', list(d, 'domains'), 'clearDomains');
  w.put('signedOn', w.days['signedOn'] ?? null, 'clearSignedOn');
  w.putDates();
  w.put('territoryID', text(d, 'territoryID'), 'clearTerritory');
  return { input: w.out as unknown as ConventionInput, errors: w.errors };
}

// Partie d'une convention, adhésion à un groupement : un membre, un rôle, des sites, des dates.

export interface PartRecord {
  readonly legalEntityID: string;
  readonly legalEntityLabel?: string | null;
  readonly role?: string | null;
  readonly designation?: string | null;
  readonly siteIDs?: readonly string[] | null;
  readonly validFrom?: string | null;
  readonly validFromPrecision?: string | null;
  readonly validTo?: string | null;
}

export function partDraft(r: PartRecord | null, defaultRole: string): Draft {
  return {
    legalEntityID: r?.legalEntityID ?? '',
    legalEntityLabel: r?.legalEntityLabel ?? '',
    role: r?.role ?? defaultRole,
    designation: r?.designation ?? '',
    siteIDs: r?.siteIDs ?? [],
    ...periodDraft(r),
  };
}

export interface PartInput extends PeriodInput {
  legalEntityID?: string;
  role?: string;
  designation?: string;
  clearDesignation?: boolean;
  /** À la création : les sites nommés ; aucun : l'entité entière. */
  siteIDs?: string[];
  addSiteIDs?: string[];
  removeSiteIDs?: string[];
  sourceID: string;
}

/** Les sites cochés : à la création, la liste ; à la modification, ceux ajoutés et ceux retirés. */
export function siteChanges(d: Draft, base: Draft | null): Pick<PartInput, 'siteIDs' | 'addSiteIDs' | 'removeSiteIDs'> {
  const now = list(d, 'siteIDs');
  if (base === null) return now.length > 0 ? { siteIDs: now } : {};
  const before = list(base, 'siteIDs');
  const add = now.filter((s) => !before.includes(s));
  const remove = before.filter((s) => !now.includes(s));
  return { ...(add.length > 0 ? { addSiteIDs: add } : {}), ...(remove.length > 0 ? { removeSiteIDs: remove } : {}) };
}

/** L'entrée d'une partie (withDesignation) ou d'une adhésion ; base null : création. */
export function partInput(d: Draft, base: Draft | null, sourceID: string, m: FormMessages, withDesignation: boolean): Built<PartInput> {
  const w = inputWriter(d, base, sourceID, m, ['legalEntityID']);
  if (!w.ok()) return { input: null, errors: w.errors };
  if (base === null) w.out['legalEntityID'] = text(d, 'legalEntityID');
  if (text(d, 'role') !== '') w.put('role', text(d, 'role'));
  if (withDesignation) w.put('designation', text(d, 'designation'), 'clearDesignation');
  Object.assign(w.out, siteChanges(d, base));
  w.putDates();
  return { input: w.out as unknown as PartInput, errors: w.errors };
}

// Groupement

export interface GroupingRecord {
  readonly name: string;
  readonly kind: string;
  readonly code?: string | null;
  readonly validFrom?: string | null;
  readonly validFromPrecision?: string | null;
  readonly validTo?: string | null;
  readonly territoryID?: string | null;
}

export function groupingDraft(r: GroupingRecord | null): Draft {
  return {
    name: r?.name ?? '',
    kind: r?.kind ?? 'GCS',
    code: r?.code ?? '',
    ...periodDraft(r),
    territoryID: r?.territoryID ?? '',
  };
}

// Nouvelle source

export interface SourceDraft {
  readonly kind: string;
  readonly title: string;
  readonly publisher: string;
  readonly publishedOn: string;
  readonly url: string;
}

export interface SourceInput {
  kind: string;
  title: string;
  publisher?: string;
  publishedOn?: string;
  url?: string;
}

export function sourceInput(s: SourceDraft, m: DateMessages & { readonly badUrl: string }): Built<SourceInput> {
  const errors: Record<string, string> = {};
  if (s.title.trim() === '') errors['title'] = m.required;
  const p = parseDateInput(s.publishedOn);
  if (!p.ok || (p.date !== null && p.precision !== 'DAY')) errors['publishedOn'] = m.badDate;
  if (s.url.trim() !== '' && !/^https?:\/\/\S+$/.test(s.url.trim())) errors['url'] = m.badUrl;
  if (Object.keys(errors).length > 0) return { input: null, errors };
  const input: SourceInput = { kind: s.kind, title: s.title.trim() };
  if (s.publisher.trim() !== '') input.publisher = s.publisher.trim();
  if (p.ok && p.date !== null) input.publishedOn = p.date;
  if (s.url.trim() !== '') input.url = s.url.trim();
  return { input, errors };
}
