/**
 * L'historique, lu dans les événements d'audit : la chronologie d'une fiche
 * (qui, quand, quoi, avant et après), ou sans sélection le fil des
 * modifications récentes.
 */
import { auditChanges, inTerritory } from '../core/audit.ts';
import { failureOf } from '../core/api.ts';
import { graphql } from '../gql/index.ts';
import { ErrorNotice } from '../app/ErrorNotice.tsx';
import { useGql } from '../app/query.ts';
import { em } from './messages.ts';

const RecordHistoryDocument = graphql(`
  query RecordHistory($id: ID!) {
    auditEvents(first: 100, where: { entityID: $id }, orderBy: { field: AT, direction: DESC }) {
      totalCount
      edges {
        node {
          id
          actor
          at
          operation
          entityType
          entityID
          before
          after
        }
      }
    }
  }
`);

const RecentChangesDocument = graphql(`
  query RecentChanges {
    auditEvents(first: 200, orderBy: { field: AT, direction: DESC }) {
      totalCount
      edges {
        node {
          id
          actor
          at
          operation
          entityType
          entityID
          before
          after
        }
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

function Timeline({ events, onFocus, showRecord }: { readonly events: readonly Event[]; readonly onFocus: (id: string) => void; readonly showRecord: boolean }) {
  if (events.length === 0) return <p className="muted">{em.history.none}</p>;
  return (
    <ol className="timeline" data-testid="history-events">
      {events.map((e) => {
        const before = asRecord(e.before);
        const after = asRecord(e.after);
        const changes = auditChanges(before, after);
        const name = after?.['name'] ?? before?.['name'] ?? after?.['designation'];
        return (
          <li key={e.id} className="timeline__item" data-testid="history-event" data-operation={e.operation}>
            <p>
              <strong>{em.history.ops[e.operation] ?? e.operation}</strong> · {e.entityType}
              {typeof name === 'string' && ` « ${name} »`} · <span data-testid="history-actor">{e.actor}</span> · <time dateTime={e.at}>{when.format(new Date(e.at))}</time>
              {showRecord && (
                <>
                  {' '}
                  <button type="button" className="linklike" onClick={() => { onFocus(e.entityID); }}>
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
                      <th scope="row">{em.auditFields[c.field] ?? c.field}</th>
                      <td>{c.before}</td>
                      <td>{c.after}</td>
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
  /** Sans sélection : le territoire choisi (son nom, ses identifiants et ceux de ses départements) ; null : tous. */
  readonly territory: { readonly name: string; readonly ids: ReadonlySet<string> } | null;
}

export default function HistoryView({ id, onFocus, territory }: HistoryViewProps) {
  const one = useGql(RecordHistoryDocument, id === null ? null : { id });
  const feed = useGql(RecentChangesDocument, id === null ? {} : null);
  const result = id === null ? feed : one;
  const all = result.data === undefined ? null : events(result.data.auditEvents.edges);
  const shown = all === null ? null : id === null && territory !== null ? inTerritory(all, territory.ids).slice(0, 50) : all.slice(0, 100);
  return (
    <section className="history" data-testid="history" aria-labelledby="history-title">
      <h2 id="history-title">{id !== null ? em.history.title : territory === null ? em.history.feed : em.history.feedIn(territory.name)}</h2>
      {id === null && <p className="muted">{em.history.feedHint}</p>}
      {result.error !== null && <ErrorNotice failure={failureOf(result.error)} />}
      {shown !== null && <Timeline events={shown} onFocus={onFocus} showRecord={id === null} />}
    </section>
  );
}
