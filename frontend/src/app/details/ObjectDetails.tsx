import { graphql } from '../../gql/index.ts';
import type { ConventionDetailsFragment, FiliereDetailsFragment, TeamDetailsFragment, TerritoryDetailsFragment } from '../../gql/graphql.ts';
import { useMessages } from '../messages.ts';
import { Field, LinkSection, NodeLink, Period, RowEdit, Section, SourceLine, type DetailProps } from './common.tsx';

export const ConventionDetailsFragmentDoc = graphql(`
  fragment ConventionDetails on Convention {
    id
    name
    conventionKind: kind
    code
    domains
    description
    signedOn
    validFrom
    conventionPrecision: validFromPrecision
    validTo
    source {
      ...SourceLine
    }
    territory {
      id
      name
      code
    }
    parties {
      id
      role
      designation
      validFrom
      validFromPrecision
      validTo
      source {
        ...SourceLine
      }
      legalEntity {
        id
        name
        finess
      }
    }
    filieres {
      id
      name
      specialty
    }
    medicalTeams {
      id
      name
    }
  }
`);

export const FiliereDetailsFragmentDoc = graphql(`
  fragment FiliereDetails on Filiere {
    id
    name
    specialty
    description
    validFrom
    filierePrecision: validFromPrecision
    validTo
    source {
      ...SourceLine
    }
    convention {
      id
      name
    }
    territory {
      id
      name
    }
    roles {
      id
      level
      detail
      validFrom
      validFromPrecision
      validTo
      legalEntity {
        id
        name
      }
      establishment {
        id
        name
      }
    }
  }
`);

export const TeamDetailsFragmentDoc = graphql(`
  fragment TeamDetails on MedicalTeam {
    id
    name
    teamSpecialty: specialty
    description
    validFrom
    teamPrecision: validFromPrecision
    validTo
    source {
      ...SourceLine
    }
    convention {
      id
      name
    }
    grouping {
      id
      name
    }
    sites {
      id
      timeShare
      validFrom
      validFromPrecision
      validTo
      establishment {
        id
        name
        finess
      }
    }
  }
`);

export const TerritoryDetailsFragmentDoc = graphql(`
  fragment TerritoryDetails on Territory {
    id
    name
    kind
    territoryCode: code
    population
  }
`);

export function ConventionDetails({ convention, asOf, onFocus, onEdit }: DetailProps & { readonly convention: ConventionDetailsFragment }) {
  const m = useMessages();
  return (
    <article className="details" data-testid="details" data-kind="Convention">
      <p className="details__kind">
        {m.kinds['CONVENTION']} · {convention.conventionKind}
      </p>
      <h2 data-testid="details-title">{convention.name}</h2>
      <dl className="fields">
        <Field label={m.panel.code}>{convention.code}</Field>
        <Field label={m.panel.territory}>{convention.territory?.name}</Field>
        <Field label={m.panel.validity}>
          <Period from={convention.validFrom} to={convention.validTo} asOf={asOf} precision={convention.conventionPrecision} />
        </Field>
        <Field label={m.panel.domains}>{convention.domains?.join(', ')}</Field>
        <Field label={m.panel.description}>{convention.description}</Field>
        <Field label={m.panel.source}>
          <SourceLine source={convention.source} />
        </Field>
      </dl>
      <Section title={m.panel.parties} count={convention.parties.length}>
        <ul className="list" data-testid="panel-parties">
          {convention.parties.map((p) => (
            <li key={p.id} data-finess={p.legalEntity.finess}>
              <NodeLink id={p.legalEntity.id} onFocus={onFocus}>
                {p.designation ?? p.legalEntity.name}
              </NodeLink>{' '}
              <span className="badge">{m.roles[p.role] ?? p.role}</span> <Period from={p.validFrom} to={p.validTo} asOf={asOf} precision={p.validFromPrecision} />{' '}
              <RowEdit kind="party" id={p.id} label={p.designation ?? p.legalEntity.name} onEdit={onEdit} />
            </li>
          ))}
        </ul>
      </Section>
      <LinkSection title={m.panel.filieres} items={convention.filieres} onFocus={onFocus} />
      <LinkSection title={m.panel.teams} items={convention.medicalTeams} onFocus={onFocus} />
    </article>
  );
}

export function FiliereDetails({ filiere, asOf, onFocus, onEdit }: DetailProps & { readonly filiere: FiliereDetailsFragment }) {
  const m = useMessages();
  return (
    <article className="details" data-testid="details" data-kind="Filiere">
      <p className="details__kind">
        {m.kinds['FILIERE']} · {filiere.specialty}
      </p>
      <h2 data-testid="details-title">{filiere.name}</h2>
      <dl className="fields">
        <Field label={m.panel.validity}>
          <Period from={filiere.validFrom} to={filiere.validTo} asOf={asOf} precision={filiere.filierePrecision} />
        </Field>
        <Field label={m.kinds['CONVENTION'] ?? ''}>
          {filiere.convention != null && (
            <NodeLink id={filiere.convention.id} onFocus={onFocus}>
              {filiere.convention.name}
            </NodeLink>
          )}
        </Field>
        <Field label={m.panel.territory}>{filiere.territory?.name}</Field>
        <Field label={m.panel.description}>{filiere.description}</Field>
        <Field label={m.panel.source}>
          <SourceLine source={filiere.source} />
        </Field>
      </dl>
      <Section title={m.panel.roles} count={filiere.roles.length}>
        <ul className="list" data-testid="panel-roles">
          {filiere.roles.map((r) => (
            <li key={r.id} data-level={r.level ?? ''}>
              <NodeLink id={r.legalEntity.id} onFocus={onFocus}>
                {r.legalEntity.name}
              </NodeLink>{' '}
              {r.level != null && <span className="badge">{m.roles[r.level] ?? r.level}</span>} {r.detail ?? ''}{' '}
              {r.establishment != null && <span className="muted">({r.establishment.name})</span>}{' '}
              <Period from={r.validFrom} to={r.validTo} asOf={asOf} precision={r.validFromPrecision} />{' '}
              <RowEdit kind="role" id={r.id} label={r.legalEntity.name} onEdit={onEdit} />
            </li>
          ))}
        </ul>
      </Section>
    </article>
  );
}

export function TeamDetails({ team, asOf, onFocus, onEdit }: DetailProps & { readonly team: TeamDetailsFragment }) {
  const m = useMessages();
  return (
    <article className="details" data-testid="details" data-kind="MedicalTeam">
      <p className="details__kind">{m.kinds['TEAM']}</p>
      <h2 data-testid="details-title">{team.name}</h2>
      <dl className="fields">
        <Field label={m.panel.kind}>{team.teamSpecialty}</Field>
        <Field label={m.panel.validity}>
          <Period from={team.validFrom} to={team.validTo} asOf={asOf} precision={team.teamPrecision} />
        </Field>
        <Field label={m.kinds['CONVENTION'] ?? ''}>
          {team.convention != null && (
            <NodeLink id={team.convention.id} onFocus={onFocus}>
              {team.convention.name}
            </NodeLink>
          )}
        </Field>
        <Field label={m.kinds['GROUPING'] ?? ''}>
          {team.grouping != null && (
            <NodeLink id={team.grouping.id} onFocus={onFocus}>
              {team.grouping.name}
            </NodeLink>
          )}
        </Field>
        <Field label={m.panel.description}>{team.description}</Field>
        <Field label={m.panel.source}>
          <SourceLine source={team.source} />
        </Field>
      </dl>
      <Section title={m.panel.sites(team.sites.length)}>
        <ul className="list" data-testid="panel-team-sites">
          {team.sites.map((s) => (
            <li key={s.id}>
              <NodeLink id={s.establishment.id} onFocus={onFocus}>
                {s.establishment.name}
              </NodeLink>{' '}
              {s.timeShare != null && <span className="badge">{m.panel.timeShare(s.timeShare)}</span>}{' '}
              <Period from={s.validFrom} to={s.validTo} asOf={asOf} precision={s.validFromPrecision} />{' '}
              <RowEdit kind="teamSite" id={s.id} label={s.establishment.name} onEdit={onEdit} />
            </li>
          ))}
        </ul>
      </Section>
    </article>
  );
}

export function TerritoryDetails({ territory, onFilter }: { readonly territory: TerritoryDetailsFragment; readonly onFilter: () => void }) {
  const m = useMessages();
  return (
    <article className="details" data-testid="details" data-kind="Territory">
      <p className="details__kind">{m.kinds[territory.kind] ?? territory.kind}</p>
      <h2 data-testid="details-title">{territory.name}</h2>
      <dl className="fields">
        <Field label={m.panel.code}>{territory.territoryCode}</Field>
        <Field label={m.panel.population}>{territory.population?.toLocaleString(m.locale)}</Field>
      </dl>
      {(territory.kind === 'REGION' || territory.kind === 'DEPARTMENT') && (
        <button type="button" className="button button--small" onClick={onFilter}>
          {m.panel.showOnMap}
        </button>
      )}
    </article>
  );
}
