import { describe, expect, it, vi } from 'vitest';
import {
  ESTABLISHMENT_QUERY,
  fetchEstablishment,
  parseEstablishmentResponse,
  type Establishment,
  type EstablishmentOutcome,
} from './establishment.ts';

const bellevue: Establishment = {
  finess: '420782559',
  name: 'HOPITAL DE BELLEVUE - CHU42',
  categoryLabel: 'Centre Hospitalier Régional (C.H.R.)',
  city: 'ST ETIENNE',
  legalEntity: { finess: '420784878', name: 'CHU42', nameDerived: true },
  latitude: 45.413162,
  longitude: 4.393283,
};

describe('ESTABLISHMENT_QUERY', () => {
  it('respecte le contrat avec le serveur', () => {
    expect(ESTABLISHMENT_QUERY).toBe(
      'query Etablissement($finess: String!) { establishment(finess: $finess) { finess name categoryLabel city legalEntity { finess name nameDerived } latitude longitude } }',
    );
  });
});

describe('parseEstablishmentResponse', () => {
  const cases: readonly { name: string; body: unknown; want: EstablishmentOutcome }[] = [
    {
      name: 'établissement complet',
      body: { data: { establishment: bellevue } },
      want: { kind: 'found', establishment: bellevue },
    },
    {
      name: 'champs facultatifs à null',
      body: {
        data: {
          establishment: {
            finess: '010000024',
            name: 'X',
            categoryLabel: null,
            city: null,
            legalEntity: null,
            latitude: null,
            longitude: null,
          },
        },
      },
      want: {
        kind: 'found',
        establishment: {
          finess: '010000024',
          name: 'X',
          categoryLabel: null,
          city: null,
          legalEntity: null,
          latitude: null,
          longitude: null,
        },
      },
    },
    {
      name: 'champs facultatifs absents',
      body: { data: { establishment: { finess: '010000024', name: 'X' } } },
      want: {
        kind: 'found',
        establishment: {
          finess: '010000024',
          name: 'X',
          categoryLabel: null,
          city: null,
          legalEntity: null,
          latitude: null,
          longitude: null,
        },
      },
    },
    { name: 'introuvable (null)', body: { data: { establishment: null } }, want: { kind: 'notFound' } },
    { name: 'introuvable (absent)', body: { data: {} }, want: { kind: 'notFound' } },
    {
      name: 'erreur GraphQL avec code',
      body: {
        data: { establishment: null },
        errors: [
          { message: 'finess invalide', extensions: { code: 'BAD_USER_INPUT' } },
          { message: 'seconde erreur' },
        ],
      },
      want: { kind: 'graphqlError', message: 'finess invalide', code: 'BAD_USER_INPUT' },
    },
    {
      name: 'introuvable (erreur NOT_FOUND du serveur)',
      body: {
        data: { establishment: null },
        errors: [{ message: 'no site with FINESS 420784878', path: ['establishment'], extensions: { code: 'NOT_FOUND' } }],
      },
      want: { kind: 'notFound' },
    },
    {
      name: 'numéro refusé par le serveur (BAD_USER_INPUT)',
      body: {
        data: { establishment: null },
        errors: [{ message: 'bad check key', extensions: { code: 'BAD_USER_INPUT' } }],
      },
      want: { kind: 'graphqlError', message: 'bad check key', code: 'BAD_USER_INPUT' },
    },
    {
      name: 'erreur GraphQL sans extensions',
      body: { errors: [{ message: 'Cannot query field "foo"' }] },
      want: { kind: 'graphqlError', message: 'Cannot query field "foo"', code: null },
    },
    {
      name: 'erreur GraphQL au code non textuel',
      body: { errors: [{ message: 'boom', extensions: { code: 500 } }] },
      want: { kind: 'graphqlError', message: 'boom', code: null },
    },
    {
      name: 'erreur GraphQL mal formée',
      body: { errors: ['boom'] },
      want: { kind: 'graphqlError', message: '', code: null },
    },
    {
      name: 'liste d’erreurs vide ignorée',
      body: { errors: [], data: { establishment: bellevue } },
      want: { kind: 'found', establishment: bellevue },
    },
    {
      name: 'corps non objet',
      body: 'oops',
      want: { kind: 'invalidResponse', reason: 'notAnObject' },
    },
    { name: 'corps null', body: null, want: { kind: 'invalidResponse', reason: 'notAnObject' } },
    { name: 'data absent', body: {}, want: { kind: 'invalidResponse', reason: 'missingData' } },
    {
      name: 'latitude textuelle',
      body: { data: { establishment: { ...bellevue, latitude: '45.41' } } },
      want: { kind: 'invalidResponse', reason: 'malformedEstablishment' },
    },
    {
      name: 'nom manquant',
      body: { data: { establishment: { finess: '420782559' } } },
      want: { kind: 'invalidResponse', reason: 'malformedEstablishment' },
    },
    {
      name: 'entité juridique incomplète',
      body: { data: { establishment: { ...bellevue, legalEntity: { finess: '420784878' } } } },
      want: { kind: 'invalidResponse', reason: 'malformedEstablishment' },
    },
  ];

  it.each(cases)('$name', ({ body, want }) => {
    expect(parseEstablishmentResponse(body)).toEqual(want);
  });
});

function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

describe('fetchEstablishment', () => {
  it('envoie la requête du contrat en POST sur /graphql', async () => {
    const fetchImpl = vi.fn<typeof fetch>(() => Promise.resolve(jsonResponse({ data: { establishment: bellevue } })));
    const outcome = await fetchEstablishment('420782559', { fetchImpl });
    expect(outcome).toEqual({ kind: 'found', establishment: bellevue });
    expect(fetchImpl).toHaveBeenCalledTimes(1);
    const [url, init] = fetchImpl.mock.calls[0] ?? [];
    expect(url).toBe('/graphql');
    expect(init?.method).toBe('POST');
    expect(new Headers(init?.headers).get('Content-Type')).toBe('application/json');
    expect(JSON.parse(init?.body as string)).toEqual({
      query: ESTABLISHMENT_QUERY,
      operationName: 'Etablissement',
      variables: { finess: '420782559' },
    });
  });

  const cases: readonly { name: string; respond: () => Promise<Response>; want: EstablishmentOutcome }[] = [
    {
      name: 'erreur GraphQL en HTTP 200',
      respond: () => Promise.resolve(jsonResponse({ errors: [{ message: 'boom', extensions: { code: 'INTERNAL' } }] })),
      want: { kind: 'graphqlError', message: 'boom', code: 'INTERNAL' },
    },
    {
      name: 'NOT_FOUND en HTTP 200',
      respond: () => Promise.resolve(jsonResponse({ errors: [{ message: 'not found', extensions: { code: 'NOT_FOUND' } }] })),
      want: { kind: 'notFound' },
    },
    {
      name: 'erreur GraphQL en HTTP 400',
      respond: () =>
        Promise.resolve(jsonResponse({ errors: [{ message: 'bad', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] }, 400)),
      want: { kind: 'graphqlError', message: 'bad', code: 'GRAPHQL_VALIDATION_FAILED' },
    },
    {
      name: 'HTTP 502 en HTML',
      respond: () => Promise.resolve(new Response('<html>Bad gateway</html>', { status: 502 })),
      want: { kind: 'httpError', status: 502 },
    },
    {
      name: 'HTTP 500 en JSON sans erreurs GraphQL',
      respond: () => Promise.resolve(jsonResponse({ message: 'oops' }, 500)),
      want: { kind: 'httpError', status: 500 },
    },
    {
      name: 'HTTP 200 qui n’est pas du JSON',
      respond: () => Promise.resolve(new Response('pas du json', { status: 200 })),
      want: { kind: 'invalidResponse', reason: 'notJson' },
    },
    {
      name: 'réseau coupé',
      respond: () => Promise.reject(new TypeError('Failed to fetch')),
      want: { kind: 'unreachable' },
    },
  ];

  it.each(cases)('$name', async ({ respond, want }) => {
    const outcome = await fetchEstablishment('420782559', { fetchImpl: () => respond() });
    expect(outcome).toEqual(want);
  });

  it('relance une annulation', async () => {
    const abort = new DOMException('aborted', 'AbortError');
    await expect(
      fetchEstablishment('420782559', { fetchImpl: () => Promise.reject(abort) }),
    ).rejects.toBe(abort);
  });
});
