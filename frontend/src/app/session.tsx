/**
 * La session : le jeton d'un éditeur (mémoire + sessionStorage, voir
 * core/session.ts) et ce que l'API dit de lui (`viewer`). Se connecter
 * vérifie le jeton auprès de l'API avant de l'adopter ; se déconnecter
 * l'oublie, ainsi que ce qu'il a permis de lire (l'historique).
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError, gql, setAuthToken } from '../core/api.ts';
import { forgetToken, keepToken, readToken, type Viewer } from '../core/session.ts';
import { graphql } from '../gql/index.ts';
import { gqlKey, useGql } from './query.ts';

export const ViewerDocument = graphql(`
  query Viewer {
    viewer {
      name
      role
      territories
      mayEdit
      mayReadAudit
    }
  }
`);

const MayChangeDocument = graphql(`
  query MayChange($id: ID!) {
    viewer {
      mayChange(id: $id)
    }
  }
`);

/**
 * Si l'appelant peut modifier ce que l'identifiant nomme : le serveur en
 * décide par la règle qu'appliquent les écritures (il reste juge à
 * l'enregistrement). Faux sans jeton d'éditeur ou pour null ; null tant
 * que le serveur n'a pas répondu.
 */
export function useMayChange(id: string | null): boolean | null {
  const { viewer } = useSession();
  const asked = viewer?.mayEdit === true && id !== null;
  const result = useGql(MayChangeDocument, asked ? { id } : null);
  if (!asked) return false;
  return result.data === undefined ? null : result.data.viewer.mayChange;
}

export interface Session {
  /** Ce que l'API dit de l'appelant ; null sans jeton (ou avant sa vérification). */
  readonly viewer: Viewer | null;
  /** Le jeton a été refusé après coup (révoqué, expiré). */
  readonly expired: boolean;
  readonly signIn: (token: string) => Promise<Viewer>;
  readonly signOut: () => void;
}

const SessionContext = createContext<Session>({
  viewer: null,
  expired: false,
  signIn: () => Promise.reject(new Error('pas de session')),
  signOut: () => undefined,
});

export function useSession(): Session {
  return useContext(SessionContext);
}

/** Ce que lit un jeton seulement : à oublier à la déconnexion. */
const PRIVATE_KEYS = [gqlKey(ViewerDocument), gqlKey(MayChangeDocument), ['api', 'graphql', 'RecordHistory'], ['api', 'graphql', 'RecentChanges']] as const;

export function SessionProvider({ children }: { readonly children: ReactNode }) {
  const client = useQueryClient();
  const [token, setToken] = useState<string | null>(() => {
    const t = readToken();
    setAuthToken(t);
    return t;
  });
  const viewer = useQuery({
    queryKey: [...gqlKey(ViewerDocument), token !== null],
    queryFn: token === null ? () => Promise.resolve(null) : ({ signal }) => gql(ViewerDocument, {}, { signal }).then((d) => d.viewer),
  });
  const expired = viewer.error instanceof ApiError && viewer.error.failure.kind === 'graphql' && viewer.error.failure.code === 'UNAUTHENTICATED';

  const signOut = useCallback(() => {
    forgetToken();
    setAuthToken(null);
    setToken(null);
    for (const queryKey of PRIVATE_KEYS) client.removeQueries({ queryKey });
  }, [client]);

  useEffect(() => {
    // Un jeton révoqué pendant la session : on l'oublie, le message reste.
    if (expired) {
      forgetToken();
      setAuthToken(null);
    }
  }, [expired]);

  const signIn = useCallback(
    async (candidate: string) => {
      const { viewer: v } = await gql(ViewerDocument, {}, { token: candidate });
      keepToken(candidate);
      setAuthToken(candidate);
      for (const queryKey of PRIVATE_KEYS) client.removeQueries({ queryKey });
      client.setQueryData([...gqlKey(ViewerDocument), true], v);
      setToken(candidate);
      return v;
    },
    [client],
  );

  const value = useMemo<Session>(
    () => ({ viewer: token === null || expired ? null : (viewer.data ?? null), expired, signIn, signOut }),
    [token, expired, viewer.data, signIn, signOut],
  );
  return <SessionContext value={value}>{children}</SessionContext>;
}
