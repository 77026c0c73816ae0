import { graphql } from '../../gql/index.ts';
import type { EstablishmentDetailsFragment, LegalEntityDetailsFragment } from '../../gql/graphql.ts';
import { useMessages } from '../messages.ts';
import { Field, NodeLink, Period, RowEdit, Section, SourceLine, SourceList, type DetailProps } from './common.tsx';

export const LegalEntityDetailsFragmentDoc = graphql(`
  fragment LegalEntityDetails on LegalEntity {
    id
    name
    finess
    nameDerived
    legalStatus
    publicStatus
    validFrom
    entityPrecision: validFromPrecision
    validTo
    source {
      ...SourceLine
    }
    sources(first: 10) {
      ...SourceLine
    }
    sites(asOf: $asOf) {
      id
      name
      finess
      categoryLabel
      city
    }
    memberships {
      id
      role
      validFrom
      validFromPrecision
      validTo
      note
      source {
        ...SourceLine
      }
      grouping {
        id
        name
        kind
        code
      }
    }
    conventionParties {
      id
      role
      validFrom
      validFromPrecision
      validTo
      source {
        ...SourceLine
      }
      convention {
        id
        name
        kind
        code
      }
    }
    filiereRoles {
      id
      level
      detail
      validFrom
      validFromPrecision
      validTo
      source {
        ...SourceLine
      }
      filiere {
        id
        name
        specialty
      }
      establishment {
        id
        name
      }
    }
  }
`);

export const EstablishmentDetailsFragmentDoc = graphql(`
  fragment EstablishmentDetails on Establishment {
    id
    name
    longName
    finess
    categoryCode
    categoryLabel
    categoryGroupLabel
    address
    postalCode
    city
    phone
    latitude
    longitude
    validFrom
    sitePrecision: validFromPrecision
    validTo
    source {
      ...SourceLine
    }
    sources(first: 10) {
      ...SourceLine
    }
    teamSites {
      id
      timeShare
      validFrom
      validFromPrecision
      validTo
      team {
        id
        name
        specialty
      }
    }
    legalEntity {
      ...LegalEntityDetails
    }
  }
`);

function LegalEntityBody({ entity, asOf, onFocus, onEdit, siteId }: DetailProps & { readonly entity: LegalEntityDetailsFragment; readonly siteId?: string }) {
  const m = useMessages();
  return (
    <>
      <Section title={m.panel.memberships} count={entity.memberships.length}>
        <ul className="list" data-testid="panel-memberships">
          {entity.memberships.map((ms) => (
            <li key={ms.id}>
              <NodeLink id={ms.grouping.id} onFocus={onFocus}>
                {ms.grouping.kind} {ms.grouping.code ?? ''} — {ms.grouping.name}
              </NodeLink>{' '}
              <span className="badge">{m.roles[ms.role] ?? ms.role}</span> <Period from={ms.validFrom} to={ms.validTo} asOf={asOf} precision={ms.validFromPrecision} />
              {ms.note != null && <span className="muted"> · {ms.note}</span>}
              <br />
              <SourceLine source={ms.source} />
            </li>
          ))}
        </ul>
      </Section>
      <Section title={m.panel.conventions} count={entity.conventionParties.length}>
        <ul className="list" data-testid="panel-conventions">
          {entity.conventionParties.map((p) => (
            <li key={p.id}>
              <NodeLink id={p.convention.id} onFocus={onFocus}>
                {p.convention.name}
              </NodeLink>{' '}
              <span className="badge">{m.roles[p.role] ?? p.role}</span> <Period from={p.validFrom} to={p.validTo} asOf={asOf} precision={p.validFromPrecision} />
              <br />
              <SourceLine source={p.source} />
            </li>
          ))}
        </ul>
      </Section>
      <Section title={m.panel.filiereRoles} count={entity.filiereRoles.length}>
        <ul className="list">
          {entity.filiereRoles.map((r) => (
            <li key={r.id}>
              <NodeLink id={r.filiere.id} onFocus={onFocus}>
                {r.filiere.name}
              </NodeLink>{' '}
              {r.level != null && <span className="badge">{m.roles[r.level] ?? r.level}</span>}{' '}
              {r.detail ?? ''} {r.establishment != null && <span className="muted">({r.establishment.name})</span>}{' '}
              <Period from={r.validFrom} to={r.validTo} asOf={asOf} precision={r.validFromPrecision} />{' '}
              <RowEdit kind="role" id={r.id} label={r.filiere.name} onEdit={onEdit} />
            </li>
          ))}
        </ul>
      </Section>
      <details className="panel-section" open={entity.sites.length <= 8}>
        <summary>
          <h3 className="inline-heading">{m.panel.sites(entity.sites.length)}</h3>
        </summary>
        <ul className="list" data-testid="panel-sites">
          {entity.sites.map((site) => (
            <li key={site.id} data-finess={site.finess}>
              {site.id === siteId ? (
                <strong>{site.name}</strong>
              ) : (
                <NodeLink id={site.id} onFocus={onFocus}>
                  {site.name}
                </NodeLink>
              )}{' '}
              <span className="muted">
                {site.finess} · {site.categoryLabel} · {site.city}
              </span>
            </li>
          ))}
        </ul>
      </details>
    </>
  );
}

export function LegalEntityDetails({ entity, asOf, onFocus, onEdit }: DetailProps & { readonly entity: LegalEntityDetailsFragment }) {
  const m = useMessages();
  return (
    <article className="details" data-testid="details" data-kind="LegalEntity" data-finess={entity.finess}>
      <p className="details__kind">{m.kinds['LEGAL_ENTITY']}</p>
      <h2 data-testid="details-title">{entity.name}</h2>
      {entity.nameDerived && <p className="muted">{m.panel.nameDerived}</p>}
      <dl className="fields">
        <Field label={m.panel.finess} testId="details-finess">
          {entity.finess}
        </Field>
        <Field label={m.panel.legalStatus}>{entity.legalStatus}</Field>
        <Field label={m.panel.publicStatus}>{entity.publicStatus}</Field>
        <Field label={m.panel.validity}>
          <Period from={entity.validFrom} to={entity.validTo} asOf={asOf} precision={entity.entityPrecision} />
        </Field>
        <Field label={entity.sources.length > 1 ? m.panel.sources : m.panel.source}>
          <SourceList current={entity.source} all={entity.sources} />
        </Field>
      </dl>
      <LegalEntityBody entity={entity} asOf={asOf} onFocus={onFocus} onEdit={onEdit} />
    </article>
  );
}

export function EstablishmentDetails({ site, asOf, onFocus, onEdit }: DetailProps & { readonly site: EstablishmentDetailsFragment }) {
  const m = useMessages();
  const address = [site.address, [site.postalCode, site.city].filter(Boolean).join(' ')].filter((x) => x != null && x !== '').join(', ');
  return (
    <article className="details" data-testid="details" data-kind="Establishment" data-finess={site.finess}>
      <p className="details__kind">{m.kinds['SITE']}</p>
      <h2 data-testid="details-title">{site.name}</h2>
      {site.longName != null && site.longName !== site.name && <p className="muted">{site.longName}</p>}
      <dl className="fields">
        <Field label={m.panel.finess} testId="details-finess">
          {site.finess}
        </Field>
        <Field label={m.panel.category}>
          {site.categoryLabel} ({site.categoryCode}){site.categoryGroupLabel != null ? ` · ${site.categoryGroupLabel}` : ''}
        </Field>
        <Field label={m.panel.address}>{address}</Field>
        <Field label={m.panel.legalEntity}>
          <NodeLink id={site.legalEntity.id} onFocus={onFocus}>
            {site.legalEntity.name}
          </NodeLink>{' '}
          <span className="muted">{site.legalEntity.finess}</span>
        </Field>
        <Field label={m.panel.validity}>
          <Period from={site.validFrom} to={site.validTo} asOf={asOf} precision={site.sitePrecision} />
        </Field>
        <Field label={site.sources.length > 1 ? m.panel.sources : m.panel.source}>
          <SourceList current={site.source} all={site.sources} />
        </Field>
      </dl>
      {site.teamSites.length > 0 && (
        <Section title={m.panel.teams} count={site.teamSites.length}>
          <ul className="list">
            {site.teamSites.map((ts) => (
              <li key={ts.id}>
                <NodeLink id={ts.team.id} onFocus={onFocus}>
                  {ts.team.name}
                </NodeLink>{' '}
                {ts.timeShare != null && <span className="badge">{m.panel.timeShare(ts.timeShare)}</span>}{' '}
                <Period from={ts.validFrom} to={ts.validTo} asOf={asOf} precision={ts.validFromPrecision} />{' '}
                <RowEdit kind="teamSite" id={ts.id} label={ts.team.name} onEdit={onEdit} />
              </li>
            ))}
          </ul>
        </Section>
      )}
      <LegalEntityBody entity={site.legalEntity} asOf={asOf} onFocus={onFocus} onEdit={onEdit} siteId={site.id} />
    </article>
  );
}
