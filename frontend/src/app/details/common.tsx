import type { ReactNode } from 'react';
import { formatStart, holds, uncertainStart } from '../../core/time.ts';
import { graphql } from '../../gql/index.ts';
import type { SourceLineFragment } from '../../gql/graphql.ts';
import { formatDate, useMessages } from '../messages.ts';

export const SourceLineFragmentDoc = graphql(`
  fragment SourceLine on Source {
    id
    kind
    title
    reference
    url
    publisher
    publishedOn
  }
`);

/** La source d'un enregistrement : titre, référence, lien (ouvert dans un nouvel onglet). */
export function SourceLine({ source }: { readonly source: SourceLineFragment | null | undefined }) {
  const m = useMessages();
  if (source == null) return null;
  const text = [source.title, source.reference, source.publisher, source.publishedOn == null ? null : formatDate(source.publishedOn, m.locale)]
    .filter((x): x is string => x != null && x !== '')
    .join(' · ');
  return (
    <span className="source" title={m.panel.source}>
      {source.kind === 'SYNTHETIC' && <strong className="synthetic">{m.panel.synthetic} · </strong>}
      {source.url != null && /^https?:\/\//.test(source.url) ? (
        <a href={source.url} target="_blank" rel="noreferrer noopener">
          {text}
        </a>
      ) : (
        text
      )}
    </span>
  );
}

/**
 * Toutes les sources qui décrivent un enregistrement (le registre etalab,
 * FINESS+, la liste des GHT…), celle de sa dernière mise à jour en tête.
 */
export function SourceList({ current, all }: { readonly current: SourceLineFragment | null | undefined; readonly all: readonly SourceLineFragment[] }) {
  const m = useMessages();
  const others = all.filter((s) => s.id !== current?.id);
  if (others.length === 0) return <SourceLine source={current} />;
  return (
    <ul className="list" data-testid="sources">
      <li>
        <SourceLine source={current} /> <span className="muted">({m.panel.lastUpdate})</span>
      </li>
      {others.map((s) => (
        <li key={s.id}>
          <SourceLine source={s} />
        </li>
      ))}
    </ul>
  );
}

/**
 * Période de validité, marquée quand elle ne contient pas la date choisie.
 * Un début connu à l'année ou au mois près s'écrit ainsi (« depuis 2016 »),
 * et la période est dite incertaine à une date de cette année ou de ce mois.
 */
export function Period({
  from,
  to,
  asOf,
  precision,
}: {
  readonly from: string | null | undefined;
  readonly to: string | null | undefined;
  readonly asOf: string;
  readonly precision?: string | null | undefined;
}) {
  const m = useMessages();
  const parts: string[] = [];
  const approximate = precision === 'YEAR' || precision === 'MONTH';
  if (from != null) {
    const start = formatStart(from, precision, m.locale);
    if (to == null) parts.push(approximate ? m.panel.sinceApprox(start) : m.panel.since(start));
    else parts.push(approximate ? m.panel.fromApprox(start) : m.panel.from(start));
  }
  if (to != null) parts.push(m.panel.until(formatDate(to, m.locale)));
  const inForce = holds(from, to, asOf);
  const uncertain = inForce && uncertainStart(from, precision, asOf);
  return (
    <span className={inForce ? 'period' : 'period period--off'} data-in-force={inForce} data-uncertain={uncertain}>
      {parts.length === 0 ? m.panel.always : parts.join(' ')}
      {uncertain && <span className="uncertain" title={m.panel.uncertain}> ?</span>}
      {!inForce && <span className="visually-hidden"> — {m.panel.notInForce}</span>}
    </span>
  );
}

export function Field({ label, children, testId }: { readonly label: string; readonly children: ReactNode; readonly testId?: string }) {
  if (children == null || children === '') return null;
  return (
    <div className="field">
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}

/** Un lien qui sélectionne un autre enregistrement (et cadre les vues dessus). */
export function NodeLink({ id, children, onFocus }: { readonly id: string; readonly children: ReactNode; readonly onFocus: (id: string) => void }) {
  return (
    <button
      type="button"
      className="linklike"
      onClick={() => {
        onFocus(id);
      }}
    >
      {children}
    </button>
  );
}

export function Section({ title, count, children }: { readonly title: string; readonly count?: number; readonly children: ReactNode }) {
  const m = useMessages();
  return (
    <section className="panel-section">
      <h3>
        {title}
        {count !== undefined ? ` (${String(count)})` : ''}
      </h3>
      {count === 0 ? <p className="muted">{m.panel.empty}</p> : children}
    </section>
  );
}

/** Une section de liens vers des fiches (filières, équipes…), omise quand il n'y en a pas. */
export function LinkSection({ title, items, onFocus }: { readonly title: string; readonly items: readonly { readonly id: string; readonly name: string }[]; readonly onFocus: (id: string) => void }) {
  if (items.length === 0) return null;
  return (
    <Section title={title} count={items.length}>
      <ul className="list">
        {items.map((item) => (
          <li key={item.id}>
            <NodeLink id={item.id} onFocus={onFocus}>
              {item.name}
            </NodeLink>
          </li>
        ))}
      </ul>
    </Section>
  );
}

export interface DetailProps {
  readonly asOf: string;
  readonly onFocus: (id: string) => void;
  /** Ouvre un formulaire d'édition (adresse `party:12`, `party:12:close`…) ; absent : lecture seule. */
  readonly onEdit?: ((target: string) => void) | undefined;
}

/** Modifier et clore une ligne (une partie, une adhésion), pour qui peut écrire. */
export function RowEdit({ kind, id, label, onEdit }: { readonly kind: string; readonly id: string; readonly label: string; readonly onEdit: ((target: string) => void) | undefined }) {
  const m = useMessages();
  if (onEdit === undefined) return null;
  return (
    <span className="row-edit">
      <button type="button" className="linklike" aria-label={`${m.edit.edit} : ${label}`} data-testid={`edit-${kind}`} onClick={() => { onEdit(`${kind}:${id}`); }}>
        {m.edit.edit}
      </button>
      <button type="button" className="linklike" aria-label={`${m.edit.close} : ${label}`} data-testid={`close-${kind}`} onClick={() => { onEdit(`${kind}:${id}:close`); }}>
        {m.edit.close}
      </button>
    </span>
  );
}
