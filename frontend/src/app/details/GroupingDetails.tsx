import { graphql } from '../../gql/index.ts';
import type { GroupingDetailsFragment } from '../../gql/graphql.ts';
import { useMessages } from '../messages.ts';
import { Field, LinkSection, NodeLink, Period, RowEdit, Section, SourceLine, type DetailProps } from './common.tsx';

export const GroupingDetailsFragmentDoc = graphql(`
  fragment GroupingDetails on Grouping {
    id
    groupingKind: kind
    code
    groupingFiness: finess
    name
    description
    departmentCode
    validFrom
    groupingPrecision: validFromPrecision
    validTo
    source {
      ...SourceLine
    }
    territory {
      id
      kind
      code
      name
    }
    ownLegalEntity: legalEntity {
      id
      name
      finess
    }
    membersKnown
    # Priced by their bounds (graph/bounds.go): the named sites of a
    # membership are a few; 50 keeps the query cheap.
    memberships(first: 500) {
      id
      role
      validFrom
      validFromPrecision
      validTo
      note
      memberRef
      source {
        ...SourceLine
      }
      legalEntity {
        id
        name
        finess
      }
      sites(first: 50) {
        id
        name
        finess
      }
    }
    medicalTeams {
      id
      name
      specialty
    }
  }
`);

const ROLE_ORDER = ['SUPPORT', 'MEMBER', 'ASSOCIATE', 'PARTNER'];

export function GroupingDetails({
  grouping,
  asOf,
  onFocus,
  onEdit,
  onFindings,
}: DetailProps & { readonly grouping: GroupingDetailsFragment; readonly onFindings: (departmentCode: string | null) => void }) {
  const m = useMessages();
  const support = grouping.memberships.filter((ms) => ms.role === 'SUPPORT');
  const sources = new Map<string, NonNullable<GroupingDetailsFragment['source']>>();
  sources.set(grouping.source.id, grouping.source);
  for (const ms of grouping.memberships) sources.set(ms.source.id, ms.source);
  const byRole = ROLE_ORDER.map((role) => ({ role, members: grouping.memberships.filter((ms) => ms.role === role) })).filter((g) => g.members.length > 0);
  return (
    <article className="details" data-testid="details" data-kind="Grouping">
      <p className="details__kind">
        {m.kinds['GROUPING']} · {grouping.groupingKind}
      </p>
      <h2 data-testid="details-title">{grouping.name}</h2>
      <dl className="fields">
        <Field label={m.panel.kind}>{grouping.groupingKind}</Field>
        <Field label={m.panel.code}>{grouping.code}</Field>
        <Field label={m.panel.finess}>{grouping.groupingFiness}</Field>
        <Field label={m.panel.territory}>
          {grouping.territory == null ? grouping.departmentCode : `${grouping.territory.name} (${grouping.territory.code})`}
        </Field>
        <Field label={m.panel.support}>
          {support.map((ms, i) => (
            <span key={ms.id}>
              {i > 0 ? ', ' : ''}
              {ms.legalEntity == null ? (
                (ms.memberRef ?? '?')
              ) : (
                <NodeLink id={ms.legalEntity.id} onFocus={onFocus}>
                  {ms.legalEntity.name}
                </NodeLink>
              )}
            </span>
          ))}
        </Field>
        <Field label={m.panel.legalEntity}>
          {grouping.ownLegalEntity != null && (
            <NodeLink id={grouping.ownLegalEntity.id} onFocus={onFocus}>
              {grouping.ownLegalEntity.name} ({grouping.ownLegalEntity.finess})
            </NodeLink>
          )}
        </Field>
        <Field label={m.panel.validity}>
          <Period from={grouping.validFrom} to={grouping.validTo} asOf={asOf} precision={grouping.groupingPrecision} />
        </Field>
        <Field label={m.panel.description}>{grouping.description}</Field>
      </dl>
      <Section title={m.panel.members} {...(grouping.membersKnown ? { count: grouping.memberships.length } : {})}>
        {!grouping.membersKnown && (
          <p className="muted" data-testid="panel-members-unknown">
            {m.panel.membersUnknown}
          </p>
        )}
        {byRole.map(({ role, members }) => (
          <div key={role}>
            <h4>
              {m.roles[role] ?? role} ({members.length})
            </h4>
            <ul className="list" data-testid="panel-members">
              {members.map((ms) => (
                <li key={ms.id}>
                  {ms.legalEntity == null ? (
                    <span>{ms.memberRef ?? '?'}</span>
                  ) : (
                    <NodeLink id={ms.legalEntity.id} onFocus={onFocus}>
                      {ms.legalEntity.name}
                    </NodeLink>
                  )}{' '}
                  <Period from={ms.validFrom} to={ms.validTo} asOf={asOf} precision={ms.validFromPrecision} />
                  {ms.sites.length > 0 && <span className="muted"> · {ms.sites.map((s) => s.name).join(', ')}</span>}{' '}
                  <RowEdit kind="membership" id={ms.id} label={ms.legalEntity?.name ?? ms.memberRef ?? ms.id} onEdit={onEdit} />
                </li>
              ))}
            </ul>
          </div>
        ))}
      </Section>
      <LinkSection title={m.panel.teams} items={grouping.medicalTeams} onFocus={onFocus} />
      <Section title={m.panel.sources} count={sources.size}>
        <ul className="list">
          {[...sources.values()].map((s) => (
            <li key={s.id}>
              <SourceLine source={s} />
            </li>
          ))}
        </ul>
      </Section>
      <button
        type="button"
        className="button button--small"
        data-testid="grouping-findings"
        onClick={() => {
          onFindings(grouping.territory?.kind === 'DEPARTMENT' ? grouping.territory.code : (grouping.departmentCode ?? null));
        }}
      >
        {m.panel.findings}
      </button>
    </article>
  );
}
