import { keepPreviousData, useQueries, type UseQueryResult } from '@tanstack/react-query';
import { useMemo } from 'react';
import { failureOf, type ApiFailure } from '../core/api.ts';
import { mergeGraphs, visibleGraph, type GraphData } from '../core/graphModel.ts';
import type { AppState } from '../core/urlState.ts';
import type { CooperationGraphFilter, DiffQuery as DiffResult, GraphFieldsFragment, NeighborhoodQuery as NeighborhoodResult } from '../gql/graphql.ts';
import { DiffQuery, NeighborhoodQuery, NodeKindQuery, PathQuery, TerritoryGraphQuery } from './graphQueries.ts';
import { gqlQuery, useGql } from './query.ts';

const ORGANISATION_TYPES: ReadonlySet<string> = new Set(['Establishment', 'LegalEntity']);

export interface GraphBundle {
  /** Tout ce qui est chargé (territoire, sélection, voisinages dépliés, chemin). */
  readonly all: GraphData;
  /** Ce que montrent la carte et le réseau (sans les nœuds masqués). */
  readonly visible: GraphData;
  readonly path: GraphData | null;
  /** Le chemin demandé n'existe pas à cette date. */
  readonly pathMissing: boolean;
  readonly loading: boolean;
  readonly failure: ApiFailure | null;
  readonly truncated: { shown: number; total: number } | null;
  /** Les structures du territoire sans membres connus (dessinées ou non) ; null sans territoire. */
  readonly memberless: number | null;
  readonly diff: UseQueryResult<DiffResult>;
}

function baseFilter(state: AppState, asOf: string): CooperationGraphFilter {
  const filter: CooperationGraphFilter = { asOf, level: state.level };
  if (state.kinds.length > 0) filter.kinds = [...state.kinds];
  return filter;
}

/** Les objets d'un graphe sans aucune arête : ce que `withMemberless` ajoute. */
function unlinkedObjects(graph: GraphData | null | undefined): string[] {
  if (graph === null || graph === undefined) return [];
  const linked = new Set<string>();
  for (const e of graph.edges) {
    linked.add(e.source);
    linked.add(e.target);
  }
  return graph.nodes.filter((n) => n.kind === 'GROUPING' && !linked.has(n.id)).map((n) => n.id);
}

function toGraph(fragment: GraphFieldsFragment | null | undefined): GraphData | null {
  return fragment ?? null;
}

/** Le voisinage d'un nœud, au niveau qui lui convient : une entité juridique se montre comme telle. */
function focusVariables(id: string, type: string | null, filter: CooperationGraphFilter) {
  const level = type === 'LegalEntity' ? 'LEGAL_ENTITY' : type === 'Establishment' ? 'SITE' : filter.level;
  // Une organisation : jusqu'à ses partenaires (2 pas) ; un objet : ses participants.
  const depth = type !== null && ORGANISATION_TYPES.has(type) ? 2 : 1;
  return { id, depth, filter: { ...filter, level: level ?? 'SITE', limit: 3000 } };
}

interface Expanded {
  readonly graphs: readonly (GraphData | undefined)[];
  readonly fetching: boolean;
  readonly error: Error | null;
}

// Hors du composant : une fonction stable, le résultat ne change qu'avec les réponses.
function combineExpanded(results: UseQueryResult<NeighborhoodResult>[]): Expanded {
  return {
    graphs: results.map((r) => r.data?.neighborhood),
    fetching: results.some((r) => r.isFetching),
    error: results.find((r) => r.error !== null)?.error ?? null,
  };
}

export function useGraphData(state: AppState, asOf: string): GraphBundle {
  const filter = baseFilter(state, asOf);
  const territoryVars =
    state.territory === null ? null : { filter: { ...filter, territories: [state.territory.code], limit: 5000, ...(state.memberless ? { withMemberless: true } : {}) } };
  const territory = useGql(TerritoryGraphQuery, territoryVars, { keepPrevious: territoryVars !== null });

  // La sélection : son type d'abord (niveau et profondeur en dépendent), puis son voisinage.
  // Tant que le nouveau voisinage n'est pas là, l'ancien reste affiché.
  const selected = state.selected;
  const kind = useGql(NodeKindQuery, selected === null ? null : { id: selected });
  const kindData = kind.isSuccess ? kind.data : undefined;
  const focusVars = selected === null || kindData === undefined ? null : focusVariables(selected, kindData.node?.__typename ?? null, filter);
  const focus = useGql(NeighborhoodQuery, focusVars, { keepPrevious: selected !== null });

  const expanded = useQueries({
    queries: state.expanded.map((id) => ({ ...gqlQuery(NeighborhoodQuery, { id, depth: 1, filter }), placeholderData: keepPreviousData })),
    combine: combineExpanded,
  });

  const pathVars =
    state.pathFrom !== null && state.pathTo !== null ? { from: state.pathFrom, to: state.pathTo, filter: { asOf, level: state.level } } : null;
  const path = useGql(PathQuery, pathVars, { keepPrevious: pathVars !== null });

  const diffVars =
    state.since === null
      ? null
      : {
          from: state.since < asOf ? state.since : asOf,
          to: state.since < asOf ? asOf : state.since,
          filter: { ...filter, ...(state.territory === null ? {} : { territories: [state.territory.code] }), limit: 2000 },
        };
  const diff = useGql(DiffQuery, diffVars);

  const territoryData = territory.data?.cooperationGraph;
  const focusData = focus.data?.neighborhood;
  const expandedData = expanded.graphs;
  const pathData = toGraph(path.data?.cooperationPath);

  const all = useMemo(
    () => mergeGraphs([territoryData, focusData, ...expandedData, pathData]),
    [territoryData, focusData, expandedData, pathData],
  );
  // Les structures sans membres connus, demandées, se montrent seules.
  const memberlessShown = state.memberless;
  const visible = useMemo(
    () => visibleGraph(all, state.hidden, memberlessShown ? unlinkedObjects(territoryData) : []),
    [all, state.hidden, memberlessShown, territoryData],
  );

  const singles = [territory, kind, focus, path];
  const error = singles.find((q) => q.error !== null)?.error ?? expanded.error;
  return {
    all,
    visible,
    path: pathData,
    pathMissing: path.isSuccess && !path.isPlaceholderData && path.data.cooperationPath === null,
    loading: singles.some((q) => q.isFetching) || expanded.fetching,
    failure: error === null ? null : failureOf(error),
    truncated:
      territoryData?.truncated === true ? { shown: territoryData.nodes.length, total: territoryData.totalNodes } : null,
    memberless: territoryData?.memberlessGroupings ?? null,
    diff,
  };
}
