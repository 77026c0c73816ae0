import type { GraphiQLProps } from 'graphiql';

type Fetcher = GraphiQLProps['fetcher'];

/**
 * Fetcher GraphiQL minimal : POST JSON sur l'URL de l'API. Les requêtes
 * d'introspection du schéma passent aussi par ici.
 */
export function createJsonFetcher(url: string): Fetcher {
  return async (params, options) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/graphql-response+json, application/json',
        ...options?.headers,
      },
      body: JSON.stringify(params),
    });
    const text = await response.text();
    try {
      return JSON.parse(text) as Record<string, unknown>;
    } catch {
      // Réponse non JSON (proxy en erreur, page HTML…) : montrée telle quelle.
      return { status: response.status, body: text };
    }
  };
}
