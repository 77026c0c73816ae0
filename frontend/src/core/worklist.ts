/**
 * La liste de travail d'un éditeur : les constats de `cooperationChecks`
 * sur ses territoires, chacun avec l'action qui le règle (un formulaire), et
 * les membres probables « à confirmer » que le répertoire suggère. Rien n'est
 * enregistré ici : chaque action ouvre un formulaire qui cite sa source.
 */
import type { TerritoryRef } from './urlState.ts';
import { parseTokenTerritory } from './session.ts';

export type FixAction = 'ADD_MEMBER' | 'CLOSE' | 'UPDATE' | 'CREATE_CONVENTION';

export interface Fix {
  readonly action: FixAction;
  readonly record?: string | null;
  readonly organisation?: string | null;
  readonly role?: string | null;
}

/** Ce que fait le bouton d'une action : ouvrir un formulaire, ou la fiche à traiter. */
export type FixStep = { readonly kind: 'edit'; readonly target: string } | { readonly kind: 'select'; readonly id: string };

/** Le formulaire de chaque type d'enregistrement modifiable (core/editForm's EditKind). */
const EDIT_KIND: Readonly<Record<string, string>> = {
  Convention: 'convention',
  ConventionParty: 'party',
  Grouping: 'grouping',
  Membership: 'membership',
  Filiere: 'filiere',
  FiliereRole: 'role',
  MedicalTeam: 'team',
  TeamSite: 'teamSite',
};

/** Ce qu'un formulaire de création propose déjà (core/editForm's `:with:` et `:as:`). */
function proposing(organisation: string | null, role: string | null | undefined): string {
  return (organisation === null ? '' : `:with:${organisation}`) + (role == null ? '' : `:as:${role}`);
}

/**
 * L'étape qui règle un constat : le formulaire qui fait l'action sur
 * l'enregistrement nommé (`typeOf` donne son type), ou à défaut la fiche de
 * l'organisation concernée ; null quand rien n'est à ouvrir.
 */
export function fixStep(fix: Fix, typeOf: (id: string) => string | undefined): FixStep | null {
  const record = fix.record ?? null;
  const organisation = fix.organisation ?? null;
  switch (fix.action) {
    case 'ADD_MEMBER':
      if (record !== null) return { kind: 'edit', target: `membership:new:${record}${proposing(organisation, fix.role)}` };
      return organisation === null ? null : { kind: 'select', id: organisation };
    case 'CREATE_CONVENTION':
      return { kind: 'edit', target: `convention:new${proposing(organisation, null)}` };
    case 'CLOSE':
    case 'UPDATE': {
      if (record === null) return null;
      const kind = EDIT_KIND[typeOf(record) ?? ''];
      if (kind === undefined) return { kind: 'select', id: record };
      return { kind: 'edit', target: fix.action === 'CLOSE' ? `${kind}:${record}:close` : `${kind}:${record}` };
    }
  }
  return null;
}

/** Les identifiants dont il faut le type pour ouvrir le bon formulaire. */
export function recordsToType(findings: readonly { readonly fixes: readonly Fix[] }[]): string[] {
  const ids = new Set<string>();
  for (const f of findings) {
    for (const fix of f.fixes) {
      if ((fix.action === 'CLOSE' || fix.action === 'UPDATE') && fix.record != null) ids.add(fix.record);
    }
  }
  return [...ids];
}

/**
 * Le territoire de la liste : celui choisi dans l'application quand le jeton
 * le couvre (ou pour un administrateur), sinon le premier du jeton ; null
 * quand il n'y en a pas (un administrateur qui n'a rien choisi).
 */
export function workTerritory(tokenTerritories: readonly string[], chosen: TerritoryRef | null, admin: boolean): TerritoryRef | null {
  const own = tokenTerritories.map((t) => {
    const { kind, code } = parseTokenTerritory(t);
    return { kind: kind ?? 'REGION', code };
  });
  if (chosen !== null && (admin || own.some((t) => t.kind === chosen.kind && t.code === chosen.code))) return chosen;
  if (admin) return null;
  return own[0] ?? null;
}

const SEVERITY_ORDER: Readonly<Record<string, number>> = { ERROR: 0, WARNING: 1, INFO: 2 };

/** Les constats dans l'ordre où les traiter : les erreurs d'abord, puis par règle, puis par message. */
export function byUrgency<T extends { readonly severity: string; readonly rule: string; readonly message: string }>(findings: readonly T[]): T[] {
  return [...findings].sort(
    (a, b) => (SEVERITY_ORDER[a.severity] ?? 3) - (SEVERITY_ORDER[b.severity] ?? 3) || a.rule.localeCompare(b.rule) || a.message.localeCompare(b.message, 'fr'),
  );
}

/** Le formulaire qui confirme un membre probable : l'adhésion, membre proposé, à enregistrer avec une source. */
export function confirmTarget(grouping: string, legalEntity: string): string {
  return `membership:new:${grouping}${proposing(legalEntity, null)}`;
}
