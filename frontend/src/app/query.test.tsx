import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { render, renderHook } from 'vitest-browser-react';
import { ApiError, failureOf, type TypedDocument } from '../core/api.ts';
import { fr } from '../i18n/fr.ts';
import type { FakeLogEntry } from '../../test/fakeApi.ts';
import { ErrorNotice } from './ErrorNotice.tsx';
import { MessagesContext } from './messages.ts';
import { createQueryClient, gqlKey, operationName, useGql, useGqlMutation } from './query.ts';

// Les documents du petit schéma de test/fakeApi.ts, typés à la main comme le fait codegen.
interface Grouping {
  readonly id: string;
  readonly name: string;
  readonly version: number;
}
const GroupingDoc: TypedDocument<{ grouping: Grouping | null }, { id: string }> = {
  toString: () => 'query Grouping($id: ID!) { grouping(id: $id) { id name version } }',
};
const SlowDoc: TypedDocument<{ slow: number }, { ms: number }> = {
  toString: () => 'query Slow($ms: Int!) { slow(ms: $ms) }',
};
const RenameDoc: TypedDocument<{ renameGrouping: Grouping }, { id: string; name: string }> = {
  toString: () => 'mutation RenameGrouping($id: ID!, $name: String!) { renameGrouping(id: $id, name: $name) { id name version } }',
};

async function serverLog(): Promise<FakeLogEntry[]> {
  return (await (await fetch('/__fake/log')).json()) as FakeLogEntry[];
}
async function requestsOf(operation: string): Promise<FakeLogEntry[]> {
  return (await serverLog()).filter((e) => e.operation === operation);
}

let client: QueryClient;
function wrapper({ children }: { readonly children: ReactNode }) {
  return (
    <QueryClientProvider client={client}>
      <MessagesContext value={fr}>{children}</MessagesContext>
    </QueryClientProvider>
  );
}

beforeEach(async () => {
  await fetch('/__fake/reset', { method: 'POST' });
  client = createQueryClient();
});
afterEach(() => {
  client.clear();
});

describe('operationName / gqlKey', () => {
  test('keys a document by its operation name and variables', () => {
    expect(operationName(GroupingDoc)).toBe('Grouping');
    expect(gqlKey(GroupingDoc, { id: 'G1' })).toEqual(['api', 'graphql', 'Grouping', { id: 'G1' }]);
    expect(gqlKey(RenameDoc)).toEqual(['api', 'graphql', 'RenameGrouping']);
    expect(() => operationName({ toString: () => '{ grouping(id: "G1") { id } }' })).toThrow();
  });
});

describe('useGql', () => {
  test('fetches a typed document once, and serves the cache to the next reader', async () => {
    const first = await renderHook(() => useGql(GroupingDoc, { id: 'G1' }), { wrapper });
    await expect.poll(() => first.result.current.data?.grouping?.name).toBe('GHT Loire');
    await first.unmount();
    // Un autre composant, plus tard : la réponse vient du cache.
    const second = await renderHook(() => useGql(GroupingDoc, { id: 'G1' }), { wrapper });
    expect(second.result.current.data?.grouping?.name).toBe('GHT Loire');
    expect(second.result.current.isFetching).toBe(false);
    expect(await requestsOf('Grouping')).toHaveLength(1);
  });

  test('null variables: no request', async () => {
    const { result } = await renderHook(() => useGql(GroupingDoc, null), { wrapper });
    await new Promise((r) => setTimeout(r, 50));
    expect(result.current.fetchStatus).toBe('idle');
    expect(result.current.data).toBeUndefined();
    expect(await serverLog()).toHaveLength(0);
  });

  test('keepPrevious: the previous answer stays shown while the next one loads', async () => {
    const { result, rerender } = await renderHook((id?: string) => useGql(GroupingDoc, { id: id ?? 'G1' }, { keepPrevious: true }), { wrapper, initialProps: 'G1' });
    await expect.poll(() => result.current.data?.grouping?.name).toBe('GHT Loire');
    await rerender('G2');
    expect(result.current.data?.grouping?.name).toBe('GHT Loire');
    expect(result.current.isPlaceholderData).toBe(true);
    await expect.poll(() => result.current.data?.grouping?.name).toBe('GCS Forez');
    expect(result.current.isPlaceholderData).toBe(false);
  });

  test('a request nobody waits for any more is cancelled (the server sees the connection close)', async () => {
    const { result, rerender } = await renderHook((ms?: number) => useGql(SlowDoc, { ms: ms ?? 60_000 }), { wrapper, initialProps: 60_000 });
    await expect.poll(async () => (await requestsOf('Slow')).map((e) => e.outcome)).toEqual(['pending']);
    // Nouvelles variables : l'ancienne requête est annulée, la nouvelle répond.
    await rerender(10);
    await expect.poll(() => result.current.data?.slow).toBe(10);
    await expect.poll(async () => (await requestsOf('Slow')).map((e) => e.outcome)).toEqual(['aborted', 'answered']);
    // La requête annulée n'a laissé ni donnée ni erreur en cache.
    const cancelled = client.getQueryState(gqlKey(SlowDoc, { ms: 60_000 }));
    expect(cancelled?.data).toBeUndefined();
    expect(cancelled?.error ?? null).toBeNull();
  });

  test('unmounting cancels too', async () => {
    const hook = await renderHook(() => useGql(SlowDoc, { ms: 60_000 }), { wrapper });
    await expect.poll(async () => (await requestsOf('Slow')).length).toBe(1);
    await hook.unmount();
    await expect.poll(async () => (await requestsOf('Slow')).map((e) => e.outcome)).toEqual(['aborted']);
  });

  test('a GraphQL error is classified and shown by ErrorNotice, in French', async () => {
    function Probe() {
      const result = useGql(GroupingDoc, { id: 'NOPE' });
      return result.error === null ? <p>…</p> : <ErrorNotice failure={failureOf(result.error)} />;
    }
    const screen = await render(<Probe />, { wrapper });
    await expect.element(screen.getByRole('alert')).toHaveTextContent(fr.errors.notFoundTitle);
    const error = client.getQueryState(gqlKey(GroupingDoc, { id: 'NOPE' }))?.error;
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).failure).toEqual({ kind: 'graphql', code: 'NOT_FOUND', message: 'no grouping NOPE' });
    // Un échec ne se répète pas en silence : une seule requête.
    expect(await requestsOf('Grouping')).toHaveLength(1);
  });
});

describe('useGqlMutation', () => {
  function Editor({ invalidates }: { readonly invalidates?: 'all' | 'grouping' | 'other' }) {
    const g1 = useGql(GroupingDoc, { id: 'G1' });
    const g2 = useGql(GroupingDoc, { id: 'G2' });
    const rename = useGqlMutation(
      RenameDoc,
      invalidates === 'grouping'
        ? { invalidates: (data) => [gqlKey(GroupingDoc, { id: data.renameGrouping.id })] }
        : invalidates === 'other'
          ? { invalidates: () => [gqlKey(SlowDoc)] }
          : {},
    );
    return (
      <div>
        <p data-testid="g1">{g1.data?.grouping?.name}</p>
        <p data-testid="g2">{g2.data?.grouping?.name}</p>
        <p data-testid="status">{rename.status}</p>
        <button
          type="button"
          onClick={() => {
            rename.mutate({ id: 'G1', name: 'GHT Loire (renommé)' });
          }}
        >
          renommer
        </button>
      </div>
    );
  }

  test('after success, every API query is invalidated by default: the shown ones reload', async () => {
    const screen = await render(<Editor />, { wrapper });
    await expect.element(screen.getByTestId('g1')).toHaveTextContent('GHT Loire');
    await expect.element(screen.getByTestId('g2')).toHaveTextContent('GCS Forez');
    await screen.getByRole('button').click();
    await expect.element(screen.getByTestId('status')).toHaveTextContent('success');
    // Le succès n'est annoncé qu'une fois les requêtes affichées rechargées.
    await expect.element(screen.getByTestId('g1')).toHaveTextContent('GHT Loire (renommé)');
    expect((await requestsOf('Grouping')).map((e) => e.variables)).toEqual([{ id: 'G1' }, { id: 'G2' }, { id: 'G1' }, { id: 'G2' }]);
    expect(await requestsOf('RenameGrouping')).toHaveLength(1);
  });

  test('invalidates only the keys it names', async () => {
    const screen = await render(<Editor invalidates="grouping" />, { wrapper });
    await expect.element(screen.getByTestId('g2')).toHaveTextContent('GCS Forez');
    await screen.getByRole('button').click();
    await expect.element(screen.getByTestId('status')).toHaveTextContent('success');
    await expect.element(screen.getByTestId('g1')).toHaveTextContent('GHT Loire (renommé)');
    expect((await requestsOf('Grouping')).map((e) => e.variables)).toEqual([{ id: 'G1' }, { id: 'G2' }, { id: 'G1' }]);
  });

  test('a query it does not touch keeps its (now stale) answer', async () => {
    const screen = await render(<Editor invalidates="other" />, { wrapper });
    await expect.element(screen.getByTestId('g1')).toHaveTextContent('GHT Loire');
    await screen.getByRole('button').click();
    await expect.element(screen.getByTestId('status')).toHaveTextContent('success');
    await expect.element(screen.getByTestId('g1')).toHaveTextContent(/^GHT Loire$/);
    expect(await requestsOf('Grouping')).toHaveLength(2);
  });

  test('an inactive query is refetched at its next reading, not before', async () => {
    const reader = await renderHook(() => useGql(GroupingDoc, { id: 'G2' }), { wrapper });
    await expect.poll(() => reader.result.current.data?.grouping?.name).toBe('GCS Forez');
    await reader.unmount();
    const writer = await renderHook(() => useGqlMutation(RenameDoc), { wrapper });
    await writer.act(async () => {
      await writer.result.current.mutateAsync({ id: 'G2', name: 'GCS Forez (renommé)' });
    });
    expect(await requestsOf('Grouping')).toHaveLength(1);
    const again = await renderHook(() => useGql(GroupingDoc, { id: 'G2' }), { wrapper });
    await expect.poll(() => again.result.current.data?.grouping?.name).toBe('GCS Forez (renommé)');
    expect(await requestsOf('Grouping')).toHaveLength(2);
  });

  test('a failed mutation invalidates nothing and reports the classified failure', async () => {
    const writer = await renderHook(() => useGqlMutation(RenameDoc), { wrapper });
    await writer.act(async () => {
      await writer.result.current.mutateAsync({ id: 'NOPE', name: 'x' }).catch(() => undefined);
    });
    await expect.poll(() => writer.result.current.status).toBe('error');
    expect(failureOf(writer.result.current.error)).toEqual({ kind: 'graphql', code: 'NOT_FOUND', message: 'no grouping NOPE' });
  });
});
