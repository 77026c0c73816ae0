import { useMemo } from 'react';
import type { ApiFailure } from '../core/api.ts';
import { mergeGraphs, visibleGraph, type GraphData } from '../core/graphModel.ts';
import type { AppState } from '../core/urlState.ts';
import type { CooperationGraphFilter, GraphFieldsFragment } from '../gql/graphql.ts';
import { DiffQuery, NeighborhoodQuery, NodeKindQuery, PathQuery, TerritoryGraphQuery } from './graphQueries.ts';
import { cachedGql, latest, useAsync, useGql, type QueryState } from './useQuery.ts';

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
  readonly diff: QueryState<import('../gql/graphql.ts').DiffQuery>;
  /** Le type GraphQL de la sélection (Establishment, LegalEntity, Grouping…). */
  readonly selectedType: string | null;
}

function baseFilter(state: AppState, asOf: string): CooperationGraphFilter {
  const filter: CooperationGraphFilter = { asOf, level: state.level };
  if (state.kinds.length > 0) filter.kinds = [...state.kinds];
  return filter;
}

function toGraph(fragment: GraphFieldsFragment | null | undefined): GraphData | null {
  return fragment ?? null;
}

/** Le voisinage d'un nœud, au niveau qui lui convient : une entité juridique se montre comme telle. */
async function focusGraph(id: string, filter: CooperationGraphFilter, signal: AbortSignal): Promise<{ graph: GraphData; type: string | null }> {
  const kind = await cachedGql(NodeKindQuery, { id }, signal);
  const type = kind.node?.__typename ?? null;
  const level = type === 'LegalEntity' ? 'LEGAL_ENTITY' : type === 'Establishment' ? 'SITE' : filter.level;
  // Une organisation : jusqu'à ses partenaires (2 pas) ; un objet : ses participants.
  const depth = type !== null && ORGANISATION_TYPES.has(type) ? 2 : 1;
  const answer = await cachedGql(NeighborhoodQuery, { id, depth, filter: { ...filter, level: level ?? 'SITE', limit: 3000 } }, signal);
  return { graph: answer.neighborhood, type };
}

export function useGraphData(state: AppState, asOf: string): GraphBundle {
  const filter = baseFilter(state, asOf);
  const territoryVars =
    state.territory === null ? null : { filter: { ...filter, territories: [state.territory.code], limit: 5000 } };
  const territory = useGql(TerritoryGraphQuery, territoryVars);

  const focusKey = state.selected === null ? '' : `${state.selected}|${JSON.stringify(filter)}`;
  const focus = useAsync(state.selected === null ? null : (signal) => focusGraph(state.selected ?? '', filter, signal), focusKey);

  const expandedKey = `${state.expanded.join(',')}|${JSON.stringify(filter)}`;
  const expanded = useAsync(
    state.expanded.length === 0
      ? null
      : async (signal) =>
          Promise.all(state.expanded.map(async (id) => (await cachedGql(NeighborhoodQuery, { id, depth: 1, filter }, signal)).neighborhood)),
    expandedKey,
  );

  const pathVars =
    state.pathFrom !== null && state.pathTo !== null ? { from: state.pathFrom, to: state.pathTo, filter: { asOf, level: state.level } } : null;
  const path = useGql(PathQuery, pathVars);

  const diffVars =
    state.since === null
      ? null
      : {
          from: state.since < asOf ? state.since : asOf,
          to: state.since < asOf ? asOf : state.since,
          filter: { ...filter, ...(state.territory === null ? {} : { territories: [state.territory.code] }), limit: 2000 },
        };
  const diff = useGql(DiffQuery, diffVars);

  const territoryData = latest(territory)?.cooperationGraph;
  const focusData = latest(focus);
  const expandedData = latest(expanded);
  const pathData = toGraph(latest(path)?.cooperationPath);

  const all = useMemo(
    () => mergeGraphs([territoryData, focusData?.graph, ...(expandedData ?? []), pathData]),
    [territoryData, focusData, expandedData, pathData],
  );
  const visible = useMemo(() => visibleGraph(all, state.hidden), [all, state.hidden]);

  const states: QueryState<unknown>[] = [territory, focus, expanded, path];
  const failed = states.find((s) => s.status === 'error');
  return {
    all,
    visible,
    path: pathData,
    pathMissing: path.status === 'done' && path.data.cooperationPath === null,
    loading: states.some((s) => s.status === 'loading'),
    failure: failed?.status === 'error' ? failed.failure : null,
    truncated:
      territoryData?.truncated === true ? { shown: territoryData.nodes.length, total: territoryData.totalNodes } : null,
    diff,
    selectedType: focusData?.type ?? null,
  };
}
