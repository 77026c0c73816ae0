/**
 * Un petit serveur GraphQL de test, servi par le serveur Vite des tests
 * navigateur (vitest browser mode) : les hooks de données parlent HTTP à un
 * vrai serveur, exécuté par graphql-js sur un schéma minuscule. Il tient un
 * journal des requêtes (répondues ou annulées par le client) que les tests
 * lisent sur /__fake/log ; POST /__fake/reset remet tout à zéro.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { geoJSONToTile } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import { buildSchema, getOperationAST, graphql, GraphQLError, parse } from 'graphql';
import type { Plugin } from 'vite';

const schema = buildSchema(`
  type Grouping {
    id: ID!
    name: String!
    version: Int!
  }
  type Query {
    grouping(id: ID!): Grouping
    "Répond après ms millisecondes (ou jamais si le client annule)."
    slow(ms: Int!): Int!
  }
  type Mutation {
    renameGrouping(id: ID!, name: String!): Grouping!
  }
`);

// Deux régions et deux départements carrés, trois sites : de quoi dessiner une carte.
const square = (code: string, name: string, w: number, s: number, e: number, n: number) => ({
  type: 'Feature' as const,
  properties: { code, name },
  geometry: { type: 'Polygon' as const, coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] },
});
const REGIONS = { type: 'FeatureCollection' as const, features: [square('84', 'Auvergne-Rhône-Alpes', 2, 44, 7, 46.5), square('11', 'Île-de-France', 1.5, 48, 3.5, 49.2)] };
const DEPARTEMENTS = { type: 'FeatureCollection' as const, features: [square('42', 'Loire', 3.7, 45.2, 4.8, 46.3), square('75', 'Paris', 2.2, 48.8, 2.5, 48.9)] };
/** /api/boundaries/bounds.json, comme le serveur : le cadre de chaque carré. */
const boundsOf = (fc: typeof REGIONS) =>
  Object.fromEntries(
    fc.features.map((f) => {
      const ring = f.geometry.coordinates[0] ?? [];
      const xs = ring.map((p) => p[0] ?? 0);
      const ys = ring.map((p) => p[1] ?? 0);
      return [f.properties.code, [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]];
    }),
  );
const BOUNDS = { regions: boundsOf(REGIONS), departements: boundsOf(DEPARTEMENTS) };
const site = (finess: string, label: string, lon: number, lat: number, region: string, department: string) => ({
  type: 'Feature' as const,
  properties: { id: `site-${finess}`, finess, label, category: 'CH', categoryGroup: '1102', region, department },
  geometry: { type: 'Point' as const, coordinates: [lon, lat] },
});
const SITES = { type: 'FeatureCollection' as const, features: [site('420782559', 'Hôpital de Bellevue', 4.39, 45.43, '84', '42'), site('420000192', 'CH du Forez', 4.07, 45.6, '84', '42'), site('750712184', 'Hôpital Lariboisière', 2.35, 48.88, '11', '75')] };

export interface FakeLogEntry {
  readonly operation: string;
  readonly variables: unknown;
  outcome: 'pending' | 'answered' | 'aborted';
}

interface Grouping {
  id: string;
  name: string;
  version: number;
}

function seed(): Map<string, Grouping> {
  return new Map([
    ['G1', { id: 'G1', name: 'GHT Loire', version: 1 }],
    ['G2', { id: 'G2', name: 'GCS Forez', version: 1 }],
  ]);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json');
  res.end(JSON.stringify(body));
}

export function fakeApi(): Plugin {
  let groupings = seed();
  let log: FakeLogEntry[] = [];

  const root = (closed: AbortSignal) => ({
    grouping: ({ id }: { id: string }) => {
      const g = groupings.get(id);
      if (g === undefined) throw new GraphQLError(`no grouping ${id}`, { extensions: { code: 'NOT_FOUND' } });
      return { ...g };
    },
    slow: ({ ms }: { ms: number }) =>
      new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => {
          resolve(ms);
        }, ms);
        closed.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(new Error('aborted'));
        });
      }),
    renameGrouping: ({ id, name }: { id: string; name: string }) => {
      const g = groupings.get(id);
      if (g === undefined) throw new GraphQLError(`no grouping ${id}`, { extensions: { code: 'NOT_FOUND' } });
      g.name = name;
      g.version++;
      return { ...g };
    },
  });

  return {
    name: 'maillage-fake-api',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const url = req.url ?? '';
        if (url === '/__fake/reset' && req.method === 'POST') {
          groupings = seed();
          log = [];
          sendJson(res, 200, { ok: true });
          return;
        }
        if (url === '/__fake/log') {
          sendJson(res, 200, log);
          return;
        }
        if (url === '/__fake/down' && req.method === 'POST') {
          // Une réponse HTTP 503 sans corps GraphQL.
          sendJson(res, 503, 'unavailable');
          return;
        }
        const path = url.split('?')[0] ?? '';
        // Les tuiles des sites, comme le serveur (/tiles/sites/{z}/{x}/{y}.mvt), chaque site seul.
        const tile = /^\/tiles\/sites\/(\d+)\/(\d+)\/(\d+)\.mvt$/.exec(path);
        if (tile !== null) {
          log.push({ operation: `GET ${url}`, variables: {}, outcome: 'answered' });
          const [z, x, y] = tile.slice(1).map(Number) as [number, number, number];
          res.writeHead(200, { 'content-type': 'application/vnd.mapbox-vector-tile' });
          res.end(fromGeojsonVt({ sites: geoJSONToTile(SITES, z, x, y, { extent: 4096 }) }, { version: 2, extent: 4096 }));
          return;
        }
        // Les contours, comme le serveur (/tiles/boundaries/{z}/{x}/{y}.mvt) : deux couches.
        const boundaryTile = /^\/tiles\/boundaries\/(\d+)\/(\d+)\/(\d+)\.mvt$/.exec(path);
        if (boundaryTile !== null) {
          log.push({ operation: `GET ${url}`, variables: {}, outcome: 'answered' });
          const [z, x, y] = boundaryTile.slice(1).map(Number) as [number, number, number];
          res.writeHead(200, { 'content-type': 'application/vnd.mapbox-vector-tile' });
          res.end(
            fromGeojsonVt(
              { regions: geoJSONToTile(REGIONS, z, x, y, { extent: 4096 }), departements: geoJSONToTile(DEPARTEMENTS, z, x, y, { extent: 4096 }) },
              { version: 2, extent: 4096 },
            ),
          );
          return;
        }
        if (path === '/api/boundaries/bounds.json' || path === '/api/sites.geojson') {
          log.push({ operation: `GET ${url}`, variables: {}, outcome: 'answered' });
          sendJson(res, 200, path === '/api/sites.geojson' ? SITES : BOUNDS);
          return;
        }
        if (url !== '/graphql' || req.method !== 'POST') {
          next();
          return;
        }
        void (async () => {
          const body = JSON.parse(await readBody(req)) as { query: string; variables?: Record<string, unknown> };
          const operation = getOperationAST(parse(body.query))?.name?.value ?? '';
          const entry: FakeLogEntry = { operation, variables: body.variables ?? {}, outcome: 'pending' };
          log.push(entry);
          const closed = new AbortController();
          res.on('close', () => {
            if (!res.writableEnded) {
              entry.outcome = 'aborted';
              closed.abort();
            }
          });
          const result = await graphql({ schema, source: body.query, rootValue: root(closed.signal), variableValues: body.variables ?? null });
          if (closed.signal.aborted) return;
          entry.outcome = 'answered';
          sendJson(res, 200, result);
        })().catch(next);
      });
    },
  };
}
