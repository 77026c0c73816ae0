/**
 * La logique pure des formulaires de filière (et de ses rôles gradués) et
 * d'équipe médicale de territoire (et de ses sites, avec leur part du
 * temps) : brouillons ↔ enregistrements, entrées des mutations. Ce que la
 * source ne dit pas reste vide : ni grade, ni part du temps par défaut.
 */
import { inputWriter, periodDraft, text, type Built, type Draft, type FormMessages, type PeriodInput } from './editForm.ts';

interface Period {
  readonly validFrom?: string | null;
  readonly validFromPrecision?: string | null;
  readonly validTo?: string | null;
}

// Filière

export interface FiliereRecord extends Period {
  readonly name: string;
  readonly specialty: string;
  readonly description?: string | null;
  readonly designations?: boolean | null;
  readonly territoryID?: string | null;
}

/** Un nouveau brouillon n'a pas de spécialité : l'utilisateur la choisit. */
export function filiereDraft(r: FiliereRecord | null): Draft {
  return {
    name: r?.name ?? '',
    specialty: r?.specialty ?? '',
    description: r?.description ?? '',
    designations: r?.designations === true ? 'true' : '',
    ...periodDraft(r),
    territoryID: r?.territoryID ?? '',
  };
}

export interface FiliereInput extends PeriodInput {
  name?: string;
  specialty?: string;
  description?: string;
  clearDescription?: boolean;
  designations?: boolean;
  territoryID?: string;
  clearTerritory?: boolean;
  sourceID: string;
}

export function filiereInput(d: Draft, base: Draft | null, sourceID: string, m: FormMessages): Built<FiliereInput> {
  const w = inputWriter(d, base, sourceID, m, ['name', 'specialty']);
  if (!w.ok()) return { input: null, errors: w.errors };
  w.put('name', text(d, 'name'));
  w.put('specialty', text(d, 'specialty'));
  w.put('description', text(d, 'description'), 'clearDescription');
  // Une case : cochée, elle est envoyée ; décochée, seulement si elle l'était.
  if (w.want('designations') && (base !== null || text(d, 'designations') === 'true')) w.out['designations'] = text(d, 'designations') === 'true';
  w.putDates();
  w.put('territoryID', text(d, 'territoryID'), 'clearTerritory');
  return { input: w.out as unknown as FiliereInput, errors: w.errors };
}

// Rôle dans une filière : une entité juridique, peut-être un de ses sites, un grade peut-être.

export const LEVELS = ['PROXIMITY', 'RECOURS', 'REFERENCE'] as const;

export interface RoleRecord extends Period {
  readonly legalEntityID: string;
  readonly legalEntityLabel?: string | null;
  readonly establishmentID?: string | null;
  /** null : la source ne donne pas de grade. */
  readonly level?: string | null;
  readonly detail?: string | null;
}

export function roleDraft(r: RoleRecord | null): Draft {
  return {
    legalEntityID: r?.legalEntityID ?? '',
    legalEntityLabel: r?.legalEntityLabel ?? '',
    establishmentID: r?.establishmentID ?? '',
    level: r?.level ?? '',
    detail: r?.detail ?? '',
    ...periodDraft(r),
  };
}

export interface RoleInput extends PeriodInput {
  legalEntityID?: string;
  establishmentID?: string;
  clearEstablishment?: boolean;
  level?: string;
  clearLevel?: boolean;
  detail?: string;
  clearDetail?: boolean;
  sourceID: string;
}

/** Un grade vide n'est jamais remplacé par un grade par défaut : il n'est pas envoyé (ou il est effacé). */
export function roleInput(d: Draft, base: Draft | null, sourceID: string, m: FormMessages): Built<RoleInput> {
  const w = inputWriter(d, base, sourceID, m, ['legalEntityID']);
  const level = text(d, 'level');
  if (level !== '' && !(LEVELS as readonly string[]).includes(level)) return { input: null, errors: { ...w.errors, level: m.required } };
  if (!w.ok()) return { input: null, errors: w.errors };
  if (base === null) w.out['legalEntityID'] = text(d, 'legalEntityID');
  w.put('establishmentID', text(d, 'establishmentID'), 'clearEstablishment');
  w.put('level', level, 'clearLevel');
  w.put('detail', text(d, 'detail'), 'clearDetail');
  w.putDates();
  return { input: w.out as unknown as RoleInput, errors: w.errors };
}

// Équipe médicale de territoire

export interface TeamRecord extends Period {
  readonly name: string;
  readonly specialty?: string | null;
  readonly description?: string | null;
  readonly conventionID?: string | null;
  readonly conventionLabel?: string | null;
  readonly groupingID?: string | null;
  readonly groupingLabel?: string | null;
}

export function teamDraft(r: TeamRecord | null): Draft {
  return {
    name: r?.name ?? '',
    specialty: r?.specialty ?? '',
    description: r?.description ?? '',
    conventionID: r?.conventionID ?? '',
    conventionLabel: r?.conventionLabel ?? '',
    groupingID: r?.groupingID ?? '',
    groupingLabel: r?.groupingLabel ?? '',
    ...periodDraft(r),
  };
}

export interface TeamInput extends PeriodInput {
  name?: string;
  specialty?: string;
  clearSpecialty?: boolean;
  description?: string;
  clearDescription?: boolean;
  conventionID?: string;
  clearConvention?: boolean;
  groupingID?: string;
  clearGrouping?: boolean;
  sourceID: string;
}

export function teamInput(d: Draft, base: Draft | null, sourceID: string, m: FormMessages): Built<TeamInput> {
  const w = inputWriter(d, base, sourceID, m, ['name']);
  if (!w.ok()) return { input: null, errors: w.errors };
  w.put('name', text(d, 'name'));
  w.put('specialty', text(d, 'specialty'), 'clearSpecialty');
  w.put('description', text(d, 'description'), 'clearDescription');
  w.put('conventionID', text(d, 'conventionID'), 'clearConvention');
  w.put('groupingID', text(d, 'groupingID'), 'clearGrouping');
  w.putDates();
  return { input: w.out as unknown as TeamInput, errors: w.errors };
}

// Site d'une équipe : un site, la part du temps qu'elle y passe.

export type ParsedShare = { readonly ok: true; readonly value: number | null } | { readonly ok: false };

/**
 * Lit une part du temps saisie en pourcentage (« 40 », « 40 % », « 33,5 »)
 * et la rend entre 0 et 1 ; vide : la source ne la donne pas (null).
 */
export function parseTimeShare(input: string): ParsedShare {
  const t = input.trim().replace(/\s*%$/, '').replace(',', '.');
  if (t === '') return { ok: true, value: null };
  if (!/^\d{1,3}(\.\d+)?$/.test(t)) return { ok: false };
  const percent = Number(t);
  if (percent > 100) return { ok: false };
  return { ok: true, value: Number((percent / 100).toFixed(6)) };
}

/** Une part du temps enregistrée (0 à 1), écrite en pourcentage comme on la saisirait (« 33,5 »). */
export function formatTimeShare(share: number | null | undefined): string {
  if (share == null) return '';
  return String(Number((share * 100).toFixed(4))).replace('.', ',');
}

export interface TeamSiteRecord extends Period {
  readonly establishmentID: string;
  readonly establishmentLabel?: string | null;
  readonly timeShare?: number | null;
}

export function teamSiteDraft(r: TeamSiteRecord | null): Draft {
  return {
    establishmentID: r?.establishmentID ?? '',
    establishmentLabel: r?.establishmentLabel ?? '',
    timeShare: formatTimeShare(r?.timeShare),
    ...periodDraft(r),
  };
}

export interface TeamSiteInput extends PeriodInput {
  establishmentID?: string;
  timeShare?: number;
  clearTimeShare?: boolean;
  sourceID: string;
}

export type TeamSiteMessages = FormMessages & { readonly badShare: string };

export function teamSiteInput(d: Draft, base: Draft | null, sourceID: string, m: TeamSiteMessages): Built<TeamSiteInput> {
  const w = inputWriter(d, base, sourceID, m, ['establishmentID']);
  const share = parseTimeShare(text(d, 'timeShare'));
  if (!share.ok) return { input: null, errors: { ...w.errors, timeShare: m.badShare } };
  if (!w.ok()) return { input: null, errors: w.errors };
  if (base === null) w.out['establishmentID'] = text(d, 'establishmentID');
  w.put('timeShare', share.value, 'clearTimeShare');
  w.putDates();
  return { input: w.out as unknown as TeamSiteInput, errors: w.errors };
}

