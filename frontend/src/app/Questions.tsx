import type { AppState } from '../core/urlState.ts';
import { graphql } from '../gql/index.ts';
import type { NodeKind } from '../gql/graphql.ts';
import { NodeLink } from './details/common.tsx';
import { failureOf } from '../core/api.ts';
import { ErrorNotice } from './ErrorNotice.tsx';
import { formatDate, useMessages } from './messages.ts';
import { SearchBox } from './SearchBox.tsx';
import type { GraphBundle } from './useGraphData.ts';
import { useGql } from './query.ts';

const TerritoryStatsDocument = graphql(`
  query TerritoryStats($code: String!, $kind: TerritoryKind, $asOf: Date) {
    territoryStats(code: $code, kind: $kind, asOf: $asOf) {
      sites
      legalEntities
      cooperatingLegalEntities
      cooperatingShare
      isolatedCount
      isolated {
        id
        label
        finess
        category
      }
      groupingsByKind {
        key
        count
      }
    }
  }
`);

const ChecksDocument = graphql(`
  query Checks($filter: CooperationGraphFilter) {
    cooperationChecks(filter: $filter) {
      total
      truncated
      findings {
        rule
        severity
        records
        message
      }
    }
  }
`);

const LabelsDocument = graphql(`
  query NodeLabels($ids: [ID!]!) {
    nodes(ids: $ids) {
      id
      ... on Establishment {
        name
      }
      ... on LegalEntity {
        name
      }
    }
  }
`);

export interface QuestionsProps {
  readonly state: AppState;
  readonly asOf: string;
  readonly update: (patch: Partial<AppState>) => void;
  readonly data: GraphBundle;
  readonly territoryName: string;
  readonly onFocus: (id: string) => void;
}

export function Questions({ state, asOf, update, data, territoryName, onFocus }: QuestionsProps) {
  const m = useMessages();
  const t = state.territory;
  const stats = useGql(TerritoryStatsDocument, t === null ? null : { code: t.code, kind: t.kind, asOf });
  const checks = useGql(ChecksDocument, t === null ? null : { filter: { asOf, territories: [t.code], limit: 200 } });
  const endpointIds = [state.pathFrom, state.pathTo].filter((x): x is string => x !== null);
  const endpoints = useGql(LabelsDocument, endpointIds.length === 0 ? null : { ids: endpointIds });
  const endpointName = (id: string | null): string | null => {
    if (id === null || endpoints.data === undefined) return null;
    const node = endpoints.data.nodes.find((n) => n?.id === id);
    return node != null && 'name' in node ? node.name : null;
  };
  const pathKinds: readonly NodeKind[] = state.level === 'SITE' ? ['SITE'] : ['LEGAL_ENTITY'];

  return (
    <div className="questions">
      <section className="panel-section" data-testid="path-finder">
        <h3>{m.questions.pathTitle}</h3>
        <SearchBox
          label={m.questions.pathFrom}
          kinds={pathKinds}
          testId="path-from"
          chosenLabel={endpointName(state.pathFrom)}
          onChoose={(hit) => {
            update({ pathFrom: hit.node.id });
          }}
        />
        <SearchBox
          label={m.questions.pathTo}
          kinds={pathKinds}
          testId="path-to"
          chosenLabel={endpointName(state.pathTo)}
          onChoose={(hit) => {
            update({ pathTo: hit.node.id });
          }}
        />
        {data.pathMissing && <p className="notice" data-testid="path-none">{m.questions.pathNone}</p>}
        {data.path !== null && (
          <>
            <p className="muted">{m.questions.pathSteps(Math.max(0, data.path.nodes.length - 1))}</p>
            <ol className="path" data-testid="path-result">
              {data.path.nodes.map((n) => (
                <li key={n.id} data-kind={n.kind}>
                  <NodeLink id={n.id} onFocus={onFocus}>
                    {n.label}
                  </NodeLink>{' '}
                  <span className="muted">{m.kinds[n.kind] ?? n.kind}</span>
                </li>
              ))}
            </ol>
          </>
        )}
        {(state.pathFrom !== null || state.pathTo !== null) && (
          <button type="button" className="button button--small" onClick={() => { update({ pathFrom: null, pathTo: null }); }}>
            {m.questions.pathClear}
          </button>
        )}
      </section>

      {state.since !== null && (
        <section className="panel-section" data-testid="diff">
          <h3>
            {m.questions.diffTitle} : {formatDate(state.since < asOf ? state.since : asOf, m.locale)} → {formatDate(state.since < asOf ? asOf : state.since, m.locale)}
          </h3>
          {data.diff.error !== null && <ErrorNotice failure={failureOf(data.diff.error)} />}
          {data.diff.isLoading && <p className="status">{m.panel.loading}</p>}
          {data.diff.isSuccess && (
            <>
              <p className="muted">
                {data.diff.data.cooperationDiff.total === 0 ? m.questions.diffNone : m.questions.diffCount(data.diff.data.cooperationDiff.total)}
                {data.diff.data.cooperationDiff.truncated ? ` (${m.questions.truncated})` : ''}
              </p>
              <ul className="list">
                {data.diff.data.cooperationDiff.changes.slice(0, 300).map((c) => (
                  <li key={`${c.kind}-${c.edge.id}`} className={c.kind === 'STARTED' ? 'change change--started' : 'change change--ended'}>
                    <span className="badge">{c.kind === 'STARTED' ? m.questions.started : m.questions.ended}</span> {formatDate(c.date, m.locale)} ·{' '}
                    <NodeLink id={c.source.id} onFocus={onFocus}>
                      {c.source.label}
                    </NodeLink>{' '}
                    → <NodeLink id={c.target.id} onFocus={onFocus}>{c.target.label}</NodeLink>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}

      {t === null ? (
        <p className="notice">{m.questions.chooseTerritory}</p>
      ) : (
        <>
          <section className="panel-section" data-testid="territory-stats">
            <h3>
              {m.questions.statsTitle} — {territoryName}
            </h3>
            {stats.error !== null && <ErrorNotice failure={failureOf(stats.error)} />}
            {stats.isLoading && <p className="status">{m.panel.loading}</p>}
            {stats.isSuccess && (
              <>
                <p>
                  {m.questions.sitesCount(stats.data.territoryStats.sites)} · {m.questions.cooperatingShare(stats.data.territoryStats.cooperatingShare)}
                </p>
                <h4>{m.questions.isolatedTitle}</h4>
                <p className="muted">{m.questions.isolatedHint}</p>
                <p data-testid="isolated-count">{m.questions.isolatedCount(stats.data.territoryStats.isolatedCount, stats.data.territoryStats.legalEntities)}</p>
                <ul className="list" data-testid="isolated">
                  {stats.data.territoryStats.isolated.map((n) => (
                    <li key={n.id}>
                      <NodeLink id={n.id} onFocus={onFocus}>
                        {n.label}
                      </NodeLink>{' '}
                      <span className="muted">{n.finess}</span>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
          <section className="panel-section" data-testid="findings">
            <h3>{m.questions.findingsTitle}</h3>
            {checks.error !== null && <ErrorNotice failure={failureOf(checks.error)} />}
            {checks.isLoading && <p className="status">{m.panel.loading}</p>}
            {checks.isSuccess && (
              <>
                <p className="muted">
                  {checks.data.cooperationChecks.total === 0 ? m.questions.findingsNone : m.questions.findingsCount(checks.data.cooperationChecks.total)}
                  {checks.data.cooperationChecks.truncated ? ` (${m.questions.truncated})` : ''}
                </p>
                <ul className="list">
                  {checks.data.cooperationChecks.findings.map((f, i) => (
                    <li key={`${f.rule}-${String(i)}`} className={`finding finding--${f.severity.toLowerCase()}`}>
                      <span className="badge">{m.questions.severity[f.severity] ?? f.severity}</span> {f.message}{' '}
                      {f.records[0] !== undefined && (
                        <NodeLink id={f.records[0]} onFocus={onFocus}>
                          →
                        </NodeLink>
                      )}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
        </>
      )}
    </div>
  );
}
