import { useEffect, useState } from 'react';
import { ApiError, failureOf, gql, isAbortError, type ApiFailure, type TypedDocument } from '../core/api.ts';

export type QueryState<T> =
  | { readonly status: 'idle' }
  | { readonly status: 'loading'; readonly previous: T | undefined }
  | { readonly status: 'done'; readonly data: T }
  | { readonly status: 'error'; readonly failure: ApiFailure };

// Petit cache des réponses (clé : requête + variables) : revenir à une date
// déjà vue, ou rejouer l'animation, ne refait pas l'appel.
const cache = new Map<string, unknown>();
const CACHE_LIMIT = 200;

function key(document: { toString(): string }, variables: unknown): string {
  return `${document.toString()}\n${JSON.stringify(variables)}`;
}

export async function cachedGql<R, V>(document: TypedDocument<R, V>, variables: V, signal?: AbortSignal): Promise<R> {
  const k = key(document, variables);
  if (cache.has(k)) {
    return cache.get(k) as R;
  }
  const data = await gql(document, variables, { signal });
  cache.set(k, data);
  if (cache.size > CACHE_LIMIT) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  return data;
}

/** Exécute `run` quand `deps` changent (null : rien à faire) ; annule l'appel précédent. */
export function useAsync<T>(run: ((signal: AbortSignal) => Promise<T>) | null, depsKey: string): QueryState<T> {
  const [state, setState] = useState<QueryState<T>>({ status: 'idle' });
  useEffect(() => {
    if (run === null) {
      // eslint-disable-next-line react-hooks/set-state-in-effect -- plus rien à charger : l'état suit les paramètres
      setState({ status: 'idle' });
      return undefined;
    }
    const controller = new AbortController();
    setState((prev) => ({ status: 'loading', previous: prev.status === 'done' ? prev.data : prev.status === 'loading' ? prev.previous : undefined }));
    run(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: 'done', data });
      },
      (err: unknown) => {
        if (controller.signal.aborted || isAbortError(err)) return;
        setState({ status: 'error', failure: failureOf(err) });
        if (!(err instanceof ApiError)) console.warn(err);
      },
    );
    return () => {
      controller.abort();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- depsKey résume les dépendances de run
  }, [depsKey]);
  return state;
}

/** Une requête GraphQL typée ; `variables` null : pas d'appel. */
export function useGql<R, V>(document: TypedDocument<R, V>, variables: V | null): QueryState<R> {
  const depsKey = variables === null ? '' : key(document, variables);
  return useAsync(variables === null ? null : (signal) => cachedGql(document, variables, signal), depsKey);
}

/** La dernière donnée connue (pendant un rechargement, l'ancienne reste affichée). */
export function latest<T>(state: QueryState<T>): T | undefined {
  if (state.status === 'done') return state.data;
  if (state.status === 'loading') return state.previous;
  return undefined;
}
