/**
 * Choisir des organisations dans un formulaire : la boîte de recherche de
 * l'application (une entité juridique, un site, une convention, un
 * groupement), les sites d'une entité choisie, les lignes ajoutées à une
 * fiche nouvelle (parties, rôles, sites d'équipe).
 */
import { useId, useState, type ReactNode } from 'react';
import { SearchBox, type SearchHit } from '../../app/SearchBox.tsx';
import { useGql } from '../../app/query.ts';
import { graphql } from '../../gql/index.ts';
import type { NodeKind } from '../../gql/graphql.ts';
import type { Draft } from '../../core/editForm.ts';
import { CheckList, FieldError, SelectField } from '../fields.tsx';
import { em } from '../messages.ts';
import type { FormState } from './RecordForm.tsx';

/** Les sites proposés pour une entité : au plus tant (l'API borne la liste ; une requête est tarifée par sa borne). */
const SITES_FIRST = 500;

const EntitySitesDocument = graphql(`
  query EditEntitySites($id: ID!, $first: Int!) {
    node(id: $id) {
      __typename
      id
      ... on LegalEntity {
        sites(first: $first) {
          id
          name
          finess
        }
      }
    }
  }
`);

const ProposedOrganisationDocument = graphql(`
  query EditProposedOrganisation($id: ID!) {
    node(id: $id) {
      __typename
      id
      ... on LegalEntity {
        name
        finess
      }
    }
  }
`);

/** Une organisation que le formulaire propose (`:with:` de son adresse). */
export interface Proposed {
  readonly id: string;
  readonly label: string;
}

/**
 * L'organisation proposée, nommée : undefined le temps de la lire, null
 * quand rien n'est proposé (ou que l'identifiant ne nomme pas une entité
 * juridique : l'éditeur choisit alors lui-même).
 */
export function useProposed(id: string | null | undefined): Proposed | null | undefined {
  const result = useGql(ProposedOrganisationDocument, id == null ? null : { id });
  if (id == null) return null;
  if (result.isLoading) return undefined;
  const node = result.data?.node;
  return node?.__typename === 'LegalEntity' ? { id: node.id, label: `${node.name} (${node.finess})` } : null;
}

/** Les sites d'une entité juridique, comme options (identifiant → « nom (FINESS) »). */
function useEntitySites(entityID: string): { readonly options: Readonly<Record<string, string>> | null; readonly cut: boolean } {
  const result = useGql(EntitySitesDocument, entityID === '' ? null : { id: entityID, first: SITES_FIRST });
  const node = result.data?.node;
  if (node?.__typename !== 'LegalEntity') return { options: null, cut: false };
  const options: Record<string, string> = {};
  for (const s of node.sites) options[s.id] = em.siteOf(s.name, s.finess);
  return { options, cut: node.sites.length >= SITES_FIRST };
}

/** Les sites nommés d'une participation : aucun coché, c'est l'entité entière. */
export function SitesChecklist({ form, entityID }: { readonly form: FormState; readonly entityID: string }) {
  const { options, cut } = useEntitySites(entityID);
  if (options === null) return null;
  return (
    <div className="form__sites" data-testid="sites-checklist">
      {Object.keys(options).length === 0 ? (
        <p className="muted">{em.sitesNone}</p>
      ) : (
        <CheckList name="siteIDs" label={em.fields['siteIDs'] ?? ''} error={form.errors['siteIDs']} value={form.strs('siteIDs')} onChange={(v) => { form.set('siteIDs', v); }} options={options} />
      )}
      <p className="muted form__hint">
        {em.sitesHint} {cut && em.sitesCut(SITES_FIRST)}
      </p>
    </div>
  );
}

/** Un site de l'entité, ou aucun (l'entité entière) ; `row` : dans une ligne, libellé pour les lecteurs d'écran. */
export function SiteSelect({ entityID, name, label, value, onChange, error, row }: {
  readonly entityID: string;
  readonly name: string;
  readonly label: string;
  readonly value: string;
  readonly onChange: (v: string) => void;
  readonly error?: string | undefined;
  readonly row?: boolean;
}) {
  const { options } = useEntitySites(entityID);
  if (options === null) return null;
  const all = { '': em.wholeEntity, ...options };
  if (row === true) return <RowSelect label={label} value={value} onChange={onChange} options={all} testId={`row-${name}`} />;
  return <SelectField name={name} label={label} error={error} value={value} onChange={onChange} options={all} />;
}

/**
 * Le choix d'une organisation (ou d'une convention, d'un groupement), tenu
 * dans deux champs du brouillon : `<field>` (l'identifiant) et
 * `<field minus ID>Label`. Figé : montré, pas modifiable (la partie d'une
 * convention ne change pas d'organisation). `clearable` : on peut le retirer.
 */
export function DraftPicker({ form, field, kinds, testId, label, placeholder, fixed, clearable, reset }: {
  readonly form: FormState;
  readonly field: string;
  readonly kinds: readonly NodeKind[];
  readonly testId: string;
  readonly label: string;
  readonly placeholder: string;
  readonly fixed?: boolean;
  readonly clearable?: boolean;
  /** Ce qu'un autre choix remet à zéro (les sites de l'organisation précédente). */
  readonly reset?: Draft;
}) {
  const labelField = `${field.replace(/ID$/, '')}Label`;
  const chosen = form.str(labelField);
  if (fixed === true) {
    return (
      <p>
        <strong>{label} :</strong> {chosen}
      </p>
    );
  }
  return (
    <div className="form__field" data-field={field}>
      <SearchBox
        label={label}
        kinds={kinds}
        testId={testId}
        placeholder={placeholder}
        chosenLabel={chosen === '' ? null : chosen}
        onChoose={(hit) => {
          form.patch({ ...reset, [field]: hit.node.id, [labelField]: hit.label });
        }}
      />
      {chosen !== '' && (
        <p data-testid={`${field}-chosen`}>
          {em.chosen(chosen)}{' '}
          {clearable === true && (
            <button type="button" className="linklike" onClick={() => { form.patch({ ...reset, [field]: '', [labelField]: '' }); }}>
              {em.detach}
            </button>
          )}
        </p>
      )}
      <FieldError id={`${testId}-err`} text={form.errors[field]} />
    </div>
  );
}

/** Une ligne ajoutée à une fiche nouvelle : l'organisation choisie, et ce que la famille y ajoute. */
export interface Line {
  readonly key: number;
  readonly id: string;
  readonly label: string;
  readonly values: Readonly<Record<string, string>>;
}

/** Les lignes d'une fiche nouvelle, tenues par la famille (elles sont créées après la fiche). */
export function useLines(initial: readonly Line[] = []): { readonly lines: readonly Line[]; readonly setLines: (lines: readonly Line[]) => void; readonly add: (hit: SearchHit, values: Readonly<Record<string, string>>) => void } {
  const [lines, setLines] = useState<readonly Line[]>(initial);
  const [next, setNext] = useState(initial.length + 1);
  return {
    lines,
    setLines,
    add: (hit, values) => {
      if (lines.some((l) => l.id === hit.node.id)) return;
      setLines([...lines, { key: next, id: hit.node.id, label: hit.label, values }]);
      setNext(next + 1);
    },
  };
}

/** La liste des lignes, chacune avec ses champs et « Retirer », puis la recherche qui en ajoute. */
export function LinesField({ legend, testId, searchTestId, rowTestId, lines, setLines, onAdd, kinds, addLabel, placeholder, children }: {
  readonly legend: string;
  readonly testId: string;
  readonly searchTestId: string;
  readonly rowTestId: string;
  readonly lines: readonly Line[];
  readonly setLines: (lines: readonly Line[]) => void;
  readonly onAdd: (hit: SearchHit) => void;
  readonly kinds: readonly NodeKind[];
  readonly addLabel: string;
  readonly placeholder: string;
  /** Les champs d'une ligne ; `set` change l'une de ses valeurs. */
  readonly children: (line: Line, set: (name: string, value: string) => void) => ReactNode;
}) {
  return (
    <fieldset className="form__group" data-testid={testId}>
      <legend>{legend}</legend>
      <ul className="list">
        {lines.map((l) => (
          <li key={l.key} data-testid={rowTestId} className="form__line">
            <strong>{l.label}</strong>{' '}
            {children(l, (name, value) => {
              setLines(lines.map((q) => (q.key === l.key ? { ...q, values: { ...q.values, [name]: value } } : q)));
            })}{' '}
            <button type="button" className="linklike" aria-label={`${em.removeParty} : ${l.label}`} onClick={() => { setLines(lines.filter((q) => q.key !== l.key)); }}>
              {em.removeParty}
            </button>
          </li>
        ))}
      </ul>
      <SearchBox label={addLabel} kinds={kinds} testId={searchTestId} placeholder={placeholder} chosenLabel={null} onChoose={onAdd} />
    </fieldset>
  );
}

/** Un choix dans une ligne : son libellé (lu par les lecteurs d'écran) dit la ligne. */
export function RowSelect({ label, value, onChange, options, testId }: { readonly label: string; readonly value: string; readonly onChange: (v: string) => void; readonly options: Readonly<Record<string, string>>; readonly testId?: string }) {
  return (
    <select aria-label={label} value={value} data-testid={testId} onChange={(e) => { onChange(e.target.value); }}>
      {Object.entries(options).map(([k, v]) => (
        <option key={k} value={k}>
          {v}
        </option>
      ))}
    </select>
  );
}

/** Un texte dans une ligne, avec son erreur à côté. */
export function RowText({ label, value, onChange, error, testId, placeholder }: { readonly label: string; readonly value: string; readonly onChange: (v: string) => void; readonly error?: string | undefined; readonly testId: string; readonly placeholder: string }) {
  const errId = useId();
  return (
    <>
      <input type="text" aria-label={label} value={value} placeholder={placeholder} data-testid={testId} aria-invalid={error !== undefined} aria-describedby={error !== undefined ? errId : undefined} onChange={(e) => { onChange(e.target.value); }} />
      <FieldError id={errId} text={error} />
    </>
  );
}
