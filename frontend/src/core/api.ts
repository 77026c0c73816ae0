/**
 * Un client GraphQL minimal : `fetch` + les documents typés générés par
 * graphql-codegen (src/gql). Les échecs sont classés pour que l'interface
 * dise clairement ce qui se passe (serveur injoignable, requête refusée…).
 */

/** Ce que la couche générée expose : un document qui se sérialise en texte. */
export interface TypedDocument<TResult, TVariables> {
  toString(): string;
  /** Marqueurs de type seulement (jamais lus). */
  __apiType?: (variables: TVariables) => TResult;
}

export type ApiFailure =
  | { readonly kind: 'unreachable' }
  | { readonly kind: 'http'; readonly status: number }
  | {
      readonly kind: 'graphql';
      readonly code: string | null;
      readonly message: string;
      readonly field?: string;
      /** Pourquoi une modification est refusée (`extensions.reason`) et ce que la raison nomme. */
      readonly reason?: string;
      readonly details?: Readonly<Record<string, unknown>>;
    }
  | { readonly kind: 'invalid' };

export class ApiError extends Error {
  readonly failure: ApiFailure;
  constructor(failure: ApiFailure) {
    super(failure.kind === 'graphql' ? failure.message : failure.kind);
    this.name = 'ApiError';
    this.failure = failure;
  }
}

export const GRAPHQL_ENDPOINT = '/graphql';

/**
 * Le jeton de la session (en mémoire ; session.ts le garde aussi dans
 * sessionStorage, jamais dans l'adresse ni dans localStorage). Chaque
 * requête le porte dans l'en-tête Authorization.
 */
let authToken: string | null = null;

export function setAuthToken(token: string | null): void {
  authToken = token;
}

export function getAuthToken(): string | null {
  return authToken;
}

type JsonObject = Readonly<Record<string, unknown>>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isAbortError(err: unknown): boolean {
  return isObject(err) && err['name'] === 'AbortError';
}

/** Lit le corps d'une réponse GraphQL : les données, ou l'échec à montrer. */
export function readGraphQLBody(body: unknown): { ok: true; data: unknown } | { ok: false; failure: ApiFailure } {
  if (!isObject(body)) {
    return { ok: false, failure: { kind: 'invalid' } };
  }
  const errors = body['errors'];
  if (Array.isArray(errors) && errors.length > 0) {
    const first: unknown = errors[0];
    const message = isObject(first) && typeof first['message'] === 'string' ? first['message'] : '';
    const extensions = isObject(first) ? first['extensions'] : undefined;
    const code = isObject(extensions) && typeof extensions['code'] === 'string' ? extensions['code'] : null;
    const field = isObject(extensions) && typeof extensions['field'] === 'string' ? extensions['field'] : undefined;
    const reason = isObject(extensions) && typeof extensions['reason'] === 'string' ? extensions['reason'] : undefined;
    const details = isObject(extensions) && isObject(extensions['details']) ? extensions['details'] : undefined;
    return {
      ok: false,
      failure: { kind: 'graphql', code, message, ...(field === undefined ? {} : { field }), ...(reason === undefined ? {} : { reason }), ...(details === undefined ? {} : { details }) },
    };
  }
  if (!isObject(body['data'])) {
    return { ok: false, failure: { kind: 'invalid' } };
  }
  return { ok: true, data: body['data'] };
}

export interface RequestOptions {
  readonly signal?: AbortSignal | undefined;
  readonly fetchImpl?: typeof fetch;
  readonly endpoint?: string;
  /** Un autre jeton que celui de la session (vérifier un jeton avant de l'adopter) ; null : aucun. */
  readonly token?: string | null;
}

/** Envoie une requête ; rejette avec ApiError (ou AbortError si annulée). */
export async function gql<TResult, TVariables>(
  document: TypedDocument<TResult, TVariables>,
  variables: TVariables,
  options: RequestOptions = {},
): Promise<TResult> {
  const fetchImpl = options.fetchImpl ?? globalThis.fetch.bind(globalThis);
  const token = options.token === undefined ? authToken : options.token;
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json, application/json' };
  if (token !== null) headers['Authorization'] = `Bearer ${token}`;
  const init: RequestInit = {
    method: 'POST',
    headers,
    body: JSON.stringify({ query: document.toString(), variables }),
  };
  if (options.signal !== undefined) {
    init.signal = options.signal;
  }
  let response: Response;
  try {
    response = await fetchImpl(options.endpoint ?? GRAPHQL_ENDPOINT, init);
  } catch (err) {
    if (isAbortError(err)) {
      throw err;
    }
    throw new ApiError({ kind: 'unreachable' });
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch (err) {
    if (isAbortError(err)) {
      throw err;
    }
    throw new ApiError(response.ok ? { kind: 'invalid' } : { kind: 'http', status: response.status });
  }
  const read = readGraphQLBody(body);
  if (!read.ok) {
    // Un 4xx/5xx sans erreur GraphQL lisible reste une erreur HTTP.
    if (read.failure.kind === 'invalid' && !response.ok) {
      throw new ApiError({ kind: 'http', status: response.status });
    }
    throw new ApiError(read.failure);
  }
  return read.data as TResult;
}

/** Téléchargement JSON simple (GeoJSON des contours et des sites). */
export async function getJson(url: string, options: RequestOptions = {}): Promise<unknown> {
  const fetchImpl = options.fetchImpl ?? globalThis.fetch.bind(globalThis);
  let response: Response;
  try {
    response = await fetchImpl(url, options.signal === undefined ? {} : { signal: options.signal });
  } catch (err) {
    if (isAbortError(err)) {
      throw err;
    }
    throw new ApiError({ kind: 'unreachable' });
  }
  if (!response.ok) {
    throw new ApiError({ kind: 'http', status: response.status });
  }
  try {
    return (await response.json()) as unknown;
  } catch (err) {
    if (isAbortError(err)) {
      throw err;
    }
    throw new ApiError({ kind: 'invalid' });
  }
}

export function failureOf(err: unknown): ApiFailure {
  return err instanceof ApiError ? err.failure : { kind: 'invalid' };
}
