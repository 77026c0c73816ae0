/**
 * L'historique, lu dans les événements d'audit : la chronologie d'une fiche
 * (qui, quand, quoi, avant et après), ou sans sélection le fil des
 * modifications récentes — d'un territoire quand il est choisi, lu au
 * serveur (chaque événement y est rattaché aux régions et départements de
 * son enregistrement). Ce qu'un événement désigne par identifiant est nommé
 * en une requête (nodes) ; la mise en forme est dans core/audit.ts.
 */
import { useMemo } from 'react';
import { auditChanges, auditSubject, namesOf, referencedIds, type AuditLabels, type Names, type ShownValue } from '../core/audit.ts';
import { failureOf } from '../core/api.ts';
import { graphql } from '../gql/index.ts';
import { ErrorNotice } from '../app/ErrorNotice.tsx';
import { useMessages } from '../app/messages.ts';
import { useGql } from '../app/query.ts';
import { em } from './messages.ts';

const RecordHistoryDocument = graphql(`
  query RecordHistory($id: ID!) {
    auditEvents(first: 100, where: { entityID: $id }, orderBy: { field: AT, direction: DESC }) {
      totalCount
      edges {
        node {
          ...HistoryEvent
        }
      }
    }
  }
`);

const RecentChangesDocument = graphql(`
  query RecentChanges {
    auditEvents(first: 50, orderBy: { field: AT, direction: DESC }) {
      totalCount
      edges {
        node {
          ...HistoryEvent
        }
      }
    }
  }
`);

const TerritoryFeedDocument = graphql(`
  query TerritoryFeed($territory: ID!) {
    auditEvents(first: 50, where: { hasTerritoriesWith: { id: $territory } }, orderBy: { field: AT, direction: DESC }) {
      totalCount
      edges {
        node {
          ...HistoryEvent
        }
      }
    }
  }
`);

graphql(`
  fragment HistoryEvent on AuditEvent {
    id
    actor
    at
    operation
    entityType
    entityID
    before
    after
  }
`);

const AuditNamesDocument = graphql(`
  query AuditNames($ids: [ID!]!) {
    nodes(ids: $ids) {
      id
      ... on LegalEntity {
        name
      }
      ... on Establishment {
        name
      }
      ... on Grouping {
        name
      }
      ... on Convention {
        name
      }
      ... on Filiere {
        name
      }
      ... on MedicalTeam {
        name
      }
      ... on Territory {
        name
      }
      ... on Source {
        title
      }
    }
  }
`);

interface Event {
  readonly id: string;
  readonly actor: string;
  readonly at: string;
  readonly operation: string;
  readonly entityType: string;
  readonly entityID: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

function asRecord(v: unknown): Record<string, unknown> | null {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

const when = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'medium', timeStyle: 'short' });

function Value({ v }: { readonly v: ShownValue }) {
  return v.id === undefined ? <>{v.text}</> : <span data-ref={v.id} title={em.history.idTitle(v.id)}>{v.text}</span>;
}

function Timeline({ events, names, labels, onFocus, showRecord }: { readonly events: readonly Event[]; readonly names: Names; readonly labels: AuditLabels; readonly onFocus: (id: string) => void; readonly showRecord: boolean }) {
  if (events.length === 0) return <p className="muted">{em.history.none}</p>;
  return (
    <ol className="timeline" data-testid="history-events">
      {events.map((e) => {
        const changes = auditChanges(e.entityType, asRecord(e.before), asRecord(e.after), labels, names);
        const subject = auditSubject(e, labels, names);
        return (
          <li key={e.id} className="timeline__item" data-testid="history-event" data-operation={e.operation} data-type={e.entityType}>
            <p>
              <strong>{em.history.ops[e.operation] ?? e.operation}</strong> · <span data-testid="history-type">{subject.type}</span>
              {subject.name !== null && ` « ${subject.name} »`}
              {subject.of !== null && ` ${em.history.of(subject.of)}`} · <span data-testid="history-actor">{e.actor}</span> · <time dateTime={e.at}>{when.format(new Date(e.at))}</time>
              {showRecord && (
                <>
                  {' '}
                  <button type="button" className="linklike" onClick={() => { onFocus(subject.record); }}>
                    {em.history.open}
                  </button>
                </>
              )}
            </p>
            {changes.length > 0 && (
              <table className="timeline__changes">
                <thead>
                  <tr>
                    <th scope="col">{em.history.field}</th>
                    <th scope="col">{em.history.before}</th>
                    <th scope="col">{em.history.after}</th>
                  </tr>
                </thead>
                <tbody>
                  {changes.map((c) => (
                    <tr key={c.field} data-field={c.field}>
                      <th scope="row">{c.label}</th>
                      <td><Value v={c.before} /></td>
                      <td data-testid="history-after"><Value v={c.after} /></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </li>
        );
      })}
    </ol>
  );
}

function events(edges: readonly ({ readonly node?: Event | null } | null)[] | null | undefined): Event[] {
  return (edges ?? []).flatMap((e) => (e?.node == null ? [] : [e.node]));
}

export interface HistoryViewProps {
  readonly id: string | null;
  readonly onFocus: (id: string) => void;
  /** Sans sélection : le territoire choisi (son nom et son identifiant) ; null : tous. */
  readonly territory: { readonly name: string; readonly id: string } | null;
}

export default function HistoryView({ id, onFocus, territory }: HistoryViewProps) {
  const m = useMessages();
  const labels = useMemo<AuditLabels>(
    () => ({
      types: em.history.types,
      fields: em.auditFields,
      values: {
        'Grouping.kind': em.groupingKinds,
        'Convention.kind': em.conventionKinds,
        'Source.kind': em.source.kinds,
        'Membership.role': em.memberRoles,
        'ConventionParty.role': em.partyRoles,
        'FiliereRole.level': m.roles,
        domains: em.domains,
        valid_from_precision: em.precision,
        specialty: em.specialties,
      },
      yes: em.history.yes,
      no: em.history.no,
      share: em.history.share,
    }),
    [m.roles],
  );
  const one = useGql(RecordHistoryDocument, id === null ? null : { id });
  const feed = useGql(TerritoryFeedDocument, id === null && territory !== null ? { territory: territory.id } : null);
  const recent = useGql(RecentChangesDocument, id === null && territory === null ? {} : null);
  const result = id !== null ? one : territory !== null ? feed : recent;
  const shown = useMemo(() => (result.data === undefined ? null : events(result.data.auditEvents.edges)), [result.data]);
  const ids = useMemo(() => (shown === null ? [] : referencedIds(shown)), [shown]);
  // Les noms : un échec laisse les identifiants, sans empêcher de lire l'historique.
  const named = useGql(AuditNamesDocument, ids.length === 0 ? null : { ids });
  const names = useMemo(() => namesOf(named.data?.nodes ?? []), [named.data]);
  const total = result.data?.auditEvents.totalCount ?? 0;
  return (
    <section className="history" data-testid="history" data-names={ids.length === 0 || named.data !== undefined || named.error !== null ? 'done' : 'loading'} aria-labelledby="history-title">
      <h2 id="history-title">{id !== null ? em.history.title : territory === null ? em.history.feed : em.history.feedIn(territory.name)}</h2>
      {id === null && <p className="muted">{em.history.feedHint}</p>}
      {result.error !== null && <ErrorNotice failure={failureOf(result.error)} />}
      {shown !== null && shown.length < total && <p className="muted">{em.history.feedTruncated(shown.length, total)}</p>}
      {shown !== null && <Timeline events={shown} names={names} labels={labels} onFocus={onFocus} showRecord={id === null} />}
    </section>
  );
}
