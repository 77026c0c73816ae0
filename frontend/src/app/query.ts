/**
 * La couche de données : TanStack Query (cache, annulation, invalidation)
 * sur le client GraphQL de core/api.ts (documents typés de src/gql, échecs
 * classés pour ErrorNotice).
 *
 * Clés : ['api', 'graphql', <nom de l'opération>, <variables>]. Une mutation
 * invalide par préfixe : ['api'] (tout), ['api', 'graphql', 'Neighborhood']
 * (tous les voisinages)…
 */
import {
  keepPreviousData,
  QueryCache,
  QueryClient,
  queryOptions,
  skipToken,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryKey,
  type UseMutationResult,
  type UseQueryResult,
} from '@tanstack/react-query';
import { ApiError, gql, isAbortError, type TypedDocument } from '../core/api.ts';

/** Préfixe de toutes les clés : ce que lit l'API. */
export const API_KEY = ['api'] as const;

const OPERATION = /\b(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/;

/** Le nom de l'opération d'un document (codegen impose des noms uniques). */
export function operationName(document: { toString(): string }): string {
  const match = OPERATION.exec(document.toString());
  if (match?.[1] === undefined) throw new Error('document GraphQL sans nom d’opération');
  return match[1];
}

/** La clé d'un document (préfixe de toutes ses variables) ou d'un appel précis. */
export function gqlKey<R, V>(document: TypedDocument<R, V>, ...variables: [] | [V]): QueryKey {
  return ['api', 'graphql', operationName(document), ...variables];
}

/** Le cache de l'application. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({
      onError: (err) => {
        // Les échecs d'API sont montrés par ErrorNotice ; le reste est un défaut à voir.
        if (!(err instanceof ApiError) && !isAbortError(err)) console.warn(err);
      },
    }),
    defaultOptions: {
      queries: {
        // Une réponse « à telle date » ne change que par une modification :
        // les mutations invalident ce qu'elles touchent, rien ne vieillit seul.
        staleTime: Infinity,
        // Une réponse inutilisée est oubliée après 10 minutes.
        gcTime: 10 * 60 * 1000,
        // Un échec s'affiche (ErrorNotice, bouton « Réessayer ») au lieu d'être répété en silence.
        retry: false,
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
      },
      mutations: { retry: false },
    },
  });
}

/** Les options d'une requête GraphQL typée (pour useQuery, useQueries, fetchQuery, prefetchQuery). */
export function gqlQuery<R, V>(document: TypedDocument<R, V>, variables: V) {
  return queryOptions<R>({
    queryKey: gqlKey(document, variables),
    queryFn: ({ signal }) => gql(document, variables, { signal }),
  });
}

export interface GqlOptions {
  /** Pendant un rechargement, garder la réponse précédente (isPlaceholderData). */
  readonly keepPrevious?: boolean;
}

/** Une requête GraphQL typée ; `variables` null : pas d'appel. Annulée si plus personne ne l'attend. */
export function useGql<R, V>(document: TypedDocument<R, V>, variables: V | null, options: GqlOptions = {}): UseQueryResult<R> {
  return useQuery<R>({
    queryKey: gqlKey(document, variables as V),
    queryFn: variables === null ? skipToken : ({ signal }) => gql(document, variables, { signal }),
    ...(options.keepPrevious === true ? { placeholderData: keepPreviousData } : {}),
  });
}

export interface MutationOptions<R, V> {
  /**
   * Les clés (préfixes) à invalider après succès. Par défaut tout ce que
   * lit l'API : une modification peut changer le graphe, les fiches, les
   * statistiques, les contrôles et la recherche.
   */
  readonly invalidates?: (data: R, variables: V) => readonly QueryKey[];
}

/**
 * Une mutation GraphQL typée : après succès, les requêtes touchées sont
 * invalidées (celles qui sont affichées se rechargent, les autres le seront à
 * leur prochaine lecture) ; la mutation ne se termine qu'une fois les
 * requêtes affichées rechargées.
 */
export function useGqlMutation<R, V>(document: TypedDocument<R, V>, options: MutationOptions<R, V> = {}): UseMutationResult<R, Error, V> {
  const client = useQueryClient();
  const { invalidates } = options;
  return useMutation<R, Error, V>({
    mutationKey: gqlKey(document),
    mutationFn: (variables) => gql(document, variables),
    onSuccess: async (data, variables) => {
      const keys = invalidates === undefined ? [API_KEY] : invalidates(data, variables);
      await Promise.all(keys.map((queryKey) => client.invalidateQueries({ queryKey })));
    },
  });
}
