/**
 * Appel de l'API GraphQL pour un établissement, et lecture de la réponse en
 * un résultat typé. Aucune dépendance au DOM ni à React : tout est testable
 * avec vitest en passant une fonction `fetch` factice.
 */

/** La requête du contrat avec le serveur Go : à garder telle quelle. */
export const ESTABLISHMENT_QUERY =
  'query Etablissement($finess: String!) { establishment(finess: $finess) { finess name categoryLabel city legalEntity { finess name nameDerived } latitude longitude } }';

export const ESTABLISHMENT_OPERATION = 'Etablissement';

export const DEFAULT_GRAPHQL_ENDPOINT = '/graphql';

export interface LegalEntity {
  readonly finess: string;
  readonly name: string;
  /** Nom provisoire, déduit des noms des établissements (le registre ne le donnait pas). */
  readonly nameDerived: boolean;
}

export interface Establishment {
  readonly finess: string;
  readonly name: string;
  readonly categoryLabel: string | null;
  readonly city: string | null;
  readonly legalEntity: LegalEntity | null;
  readonly latitude: number | null;
  readonly longitude: number | null;
}

export type EstablishmentOutcome =
  | { readonly kind: 'found'; readonly establishment: Establishment }
  | { readonly kind: 'notFound' }
  | { readonly kind: 'graphqlError'; readonly message: string; readonly code: string | null }
  | { readonly kind: 'httpError'; readonly status: number }
  | { readonly kind: 'unreachable' }
  | { readonly kind: 'invalidResponse'; readonly reason: InvalidResponseReason };

/** Pourquoi une réponse n'a pas pu être lue (le texte affiché est dans i18n). */
export type InvalidResponseReason = 'notJson' | 'notAnObject' | 'missingData' | 'malformedEstablishment';

type JsonObject = Readonly<Record<string, unknown>>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `null` et champ absent sont tous deux lus comme « non renseigné ». */
function optionalString(obj: JsonObject, key: string): string | null | undefined {
  const value = obj[key];
  if (value === null || value === undefined) {
    return null;
  }
  return typeof value === 'string' ? value : undefined;
}

function optionalNumber(obj: JsonObject, key: string): number | null | undefined {
  const value = obj[key];
  if (value === null || value === undefined) {
    return null;
  }
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function parseLegalEntity(value: unknown): LegalEntity | null | undefined {
  if (value === null || value === undefined) {
    return null;
  }
  if (!isObject(value)) {
    return undefined;
  }
  const { finess, name, nameDerived } = value;
  if (typeof finess !== 'string' || typeof name !== 'string' || typeof nameDerived !== 'boolean') {
    return undefined;
  }
  return { finess, name, nameDerived };
}

/** Lit l'objet `establishment` ; `undefined` si un champ a un type inattendu. */
export function parseEstablishment(value: unknown): Establishment | undefined {
  if (!isObject(value)) {
    return undefined;
  }
  const { finess, name } = value;
  const categoryLabel = optionalString(value, 'categoryLabel');
  const city = optionalString(value, 'city');
  const legalEntity = parseLegalEntity(value['legalEntity']);
  const latitude = optionalNumber(value, 'latitude');
  const longitude = optionalNumber(value, 'longitude');
  if (
    typeof finess !== 'string' ||
    typeof name !== 'string' ||
    categoryLabel === undefined ||
    city === undefined ||
    legalEntity === undefined ||
    latitude === undefined ||
    longitude === undefined
  ) {
    return undefined;
  }
  return { finess, name, categoryLabel, city, legalEntity, latitude, longitude };
}

/**
 * Première erreur GraphQL de la réponse, s'il y en a une : son message et
 * `extensions.code` (ou `null` si le serveur n'en donne pas).
 */
function firstGraphQLError(body: JsonObject): { message: string; code: string | null } | undefined {
  const errors = body['errors'];
  if (!Array.isArray(errors) || errors.length === 0) {
    return undefined;
  }
  const first: unknown = errors[0];
  if (!isObject(first)) {
    return { message: '', code: null };
  }
  const message = typeof first['message'] === 'string' ? first['message'] : '';
  const extensions = first['extensions'];
  const code = isObject(extensions) && typeof extensions['code'] === 'string' ? extensions['code'] : null;
  return { message, code };
}

/**
 * Code d'erreur par lequel le serveur signale qu'aucun site ne porte ce
 * numéro (voir la documentation de `Query.establishment` dans le schéma).
 */
export const NOT_FOUND_CODE = 'NOT_FOUND';

/**
 * Transforme le corps JSON d'une réponse GraphQL en résultat typé.
 * « Introuvable » : `establishment: null` sans erreur, ou une erreur de code
 * NOT_FOUND ; toute autre erreur GraphQL est rapportée telle quelle.
 */
export function parseEstablishmentResponse(body: unknown): EstablishmentOutcome {
  if (!isObject(body)) {
    return { kind: 'invalidResponse', reason: 'notAnObject' };
  }
  const error = firstGraphQLError(body);
  if (error !== undefined) {
    return error.code === NOT_FOUND_CODE ? { kind: 'notFound' } : { kind: 'graphqlError', ...error };
  }
  const data = body['data'];
  if (!isObject(data)) {
    return { kind: 'invalidResponse', reason: 'missingData' };
  }
  const raw = data['establishment'];
  if (raw === null || raw === undefined) {
    return { kind: 'notFound' };
  }
  const establishment = parseEstablishment(raw);
  if (establishment === undefined) {
    return { kind: 'invalidResponse', reason: 'malformedEstablishment' };
  }
  return { kind: 'found', establishment };
}

export interface FetchEstablishmentOptions {
  readonly endpoint?: string;
  readonly signal?: AbortSignal;
  readonly fetchImpl?: typeof fetch;
}

function isAbortError(err: unknown): boolean {
  return isObject(err) && err['name'] === 'AbortError';
}

/**
 * Envoie la requête `Etablissement` au serveur. Une annulation via `signal`
 * est relancée telle quelle (AbortError) ; toute autre erreur réseau donne
 * `{ kind: 'unreachable' }`.
 */
export async function fetchEstablishment(
  finess: string,
  options: FetchEstablishmentOptions = {},
): Promise<EstablishmentOutcome> {
  const fetchImpl = options.fetchImpl ?? globalThis.fetch.bind(globalThis);
  const init: RequestInit = {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Accept: 'application/graphql-response+json, application/json',
    },
    body: JSON.stringify({
      query: ESTABLISHMENT_QUERY,
      operationName: ESTABLISHMENT_OPERATION,
      variables: { finess },
    }),
  };
  if (options.signal !== undefined) {
    init.signal = options.signal;
  }

  let response: Response;
  try {
    response = await fetchImpl(options.endpoint ?? DEFAULT_GRAPHQL_ENDPOINT, init);
  } catch (err) {
    if (isAbortError(err)) {
      throw err;
    }
    return { kind: 'unreachable' };
  }

  let body: unknown;
  try {
    body = await response.json();
  } catch (err) {
    if (isAbortError(err)) {
      throw err;
    }
    return response.ok
      ? { kind: 'invalidResponse', reason: 'notJson' }
      : { kind: 'httpError', status: response.status };
  }

  const outcome = parseEstablishmentResponse(body);
  // Une réponse HTTP en erreur sans erreur GraphQL lisible reste une erreur HTTP.
  if (!response.ok && outcome.kind !== 'graphqlError') {
    return { kind: 'httpError', status: response.status };
  }
  return outcome;
}
