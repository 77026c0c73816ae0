/**
 * Le graphe de coopération côté client : fusion des réponses (territoire,
 * voisinages dépliés), nœuds masqués, degrés et style des nœuds. Sans DOM :
 * la vue réseau (sigma) et la carte (MapLibre) n'en font que le rendu.
 */

export interface GNode {
  readonly id: string;
  readonly kind: string;
  readonly label: string;
  readonly finess?: string | null | undefined;
  readonly code?: string | null | undefined;
  readonly category?: string | null | undefined;
  readonly latitude?: number | null | undefined;
  readonly longitude?: number | null | undefined;
  readonly departmentCode?: string | null | undefined;
  readonly regionCode?: string | null | undefined;
}

export interface GEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly role?: string | null | undefined;
  readonly validFrom?: string | null | undefined;
  readonly validTo?: string | null | undefined;
  readonly weight?: number | null | undefined;
}

export interface GraphData {
  readonly nodes: readonly GNode[];
  readonly edges: readonly GEdge[];
}

export const EMPTY_GRAPH: GraphData = { nodes: [], edges: [] };

export const ORGANISATION_KINDS: ReadonlySet<string> = new Set(['SITE', 'LEGAL_ENTITY']);

export function isOrganisation(kind: string): boolean {
  return ORGANISATION_KINDS.has(kind);
}

/** Réunit plusieurs réponses ; un nœud ou une arête présents deux fois ne comptent qu'une fois. */
export function mergeGraphs(graphs: readonly (GraphData | null | undefined)[]): GraphData {
  const nodes = new Map<string, GNode>();
  const edges = new Map<string, GEdge>();
  for (const graph of graphs) {
    if (graph === null || graph === undefined) continue;
    for (const node of graph.nodes) {
      if (!nodes.has(node.id)) nodes.set(node.id, node);
    }
    for (const edge of graph.edges) {
      if (!edges.has(edge.id)) edges.set(edge.id, edge);
    }
  }
  // Une arête n'est gardée que si ses deux extrémités sont là.
  const kept = [...edges.values()].filter((e) => nodes.has(e.source) && nodes.has(e.target));
  return { nodes: [...nodes.values()], edges: kept };
}

/**
 * Retire les nœuds masqués et leurs arêtes, puis les objets de coopération
 * restés sans participation (un objet n'existe sur le graphe que par ses
 * participants du jour) — sauf ceux listés dans `keep`.
 */
export function visibleGraph(graph: GraphData, hidden: readonly string[], keep: readonly string[] = []): GraphData {
  const hiddenSet = new Set(hidden);
  const edges = graph.edges.filter((e) => !hiddenSet.has(e.source) && !hiddenSet.has(e.target));
  const linked = new Set<string>();
  for (const e of edges) {
    linked.add(e.source);
    linked.add(e.target);
  }
  const keepSet = new Set(keep);
  const nodes = graph.nodes.filter(
    (n) => !hiddenSet.has(n.id) && (isOrganisation(n.kind) || linked.has(n.id) || keepSet.has(n.id)),
  );
  const present = new Set(nodes.map((n) => n.id));
  return { nodes, edges: edges.filter((e) => present.has(e.source) && present.has(e.target)) };
}

export function degrees(graph: GraphData): Map<string, number> {
  const result = new Map<string, number>(graph.nodes.map((n) => [n.id, 0]));
  for (const e of graph.edges) {
    result.set(e.source, (result.get(e.source) ?? 0) + 1);
    result.set(e.target, (result.get(e.target) ?? 0) + 1);
  }
  return result;
}

/** Voisins directs d'un nœud. */
export function neighbours(graph: GraphData, id: string): Set<string> {
  const result = new Set<string>();
  for (const e of graph.edges) {
    if (e.source === id) result.add(e.target);
    if (e.target === id) result.add(e.source);
  }
  return result;
}

/**
 * Les organisations liées à `id` : ses voisins si c'est un objet de
 * coopération ; les voisins de ses objets si c'est une organisation.
 */
export function partners(graph: GraphData, id: string): Set<string> {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const self = byId.get(id);
  if (self === undefined) return new Set();
  const direct = neighbours(graph, id);
  if (!isOrganisation(self.kind)) {
    return new Set([...direct].filter((n) => isOrganisation(byId.get(n)?.kind ?? '')));
  }
  const result = new Set<string>();
  for (const hub of direct) {
    for (const other of neighbours(graph, hub)) {
      if (other !== id && isOrganisation(byId.get(other)?.kind ?? '')) result.add(other);
    }
  }
  return result;
}

export const KIND_COLORS: Readonly<Record<string, string>> = {
  SITE: '#155e75',
  LEGAL_ENTITY: '#0e7490',
  GROUPING: '#c2410c',
  CONVENTION: '#7c3aed',
  FILIERE: '#15803d',
  TEAM: '#ca8a04',
};

/** Les groupements par type, pour les distinguer entre eux (GHT, GCS, CPTS…). */
export const GROUPING_COLORS: Readonly<Record<string, string>> = {
  GHT: '#c2410c',
  CHT: '#ea580c',
  GCS: '#b45309',
  GCS_ES: '#b45309',
  GCSMS: '#92400e',
  CPTS: '#db2777',
  MSP: '#db2777',
  HEALTH_CENTRE: '#db2777',
};

export interface NodeStyle {
  readonly color: string;
  readonly size: number;
  readonly hub: boolean;
}

/**
 * Couleur et taille d'un nœud : les objets de coopération sont des pivots
 * (couleur de leur type, taille fixe assez grande), les organisations sont
 * dimensionnées selon leur nombre de coopérations.
 */
export function nodeStyle(node: GNode, degree: number): NodeStyle {
  if (isOrganisation(node.kind)) {
    return { color: KIND_COLORS[node.kind] ?? '#475569', size: Math.min(18, 3 + 2.2 * Math.sqrt(degree)), hub: false };
  }
  const color =
    node.kind === 'GROUPING' ? (GROUPING_COLORS[node.category ?? ''] ?? KIND_COLORS['GROUPING']) : KIND_COLORS[node.kind];
  return { color: color ?? '#475569', size: Math.min(22, 7 + 1.5 * Math.sqrt(degree)), hub: true };
}

export interface SearchableNode {
  readonly id: string;
  readonly label: string;
}

/** Les nœuds d'un chemin, dans l'ordre, et ses arêtes : pour la surbrillance. */
export function pathElements(path: GraphData | null): { nodes: Set<string>; edges: Set<string> } {
  if (path === null) return { nodes: new Set(), edges: new Set() };
  return { nodes: new Set(path.nodes.map((n) => n.id)), edges: new Set(path.edges.map((e) => e.id)) };
}

/** Une arête relie-t-elle deux nœuds consécutifs du chemin ? (les ids d'arête diffèrent selon la requête) */
export function pathEdgeKeys(path: GraphData | null): Set<string> {
  const keys = new Set<string>();
  if (path === null) return keys;
  for (const e of path.edges) {
    keys.add(`${e.source}|${e.target}`);
    keys.add(`${e.target}|${e.source}`);
  }
  return keys;
}

/** Au-delà de ce nombre de nœuds, seuls les plus gros portent leur nom. */
export const ALL_LABELS_UP_TO = 60;

/**
 * La taille à partir de laquelle sigma écrit le nom d'un nœud : tous les
 * noms dans un petit réseau (qui coopère avec qui se lit), ceux des pivots
 * dans un grand.
 */
export function labelThreshold(nodeCount: number): number {
  return nodeCount <= ALL_LABELS_UP_TO ? 0 : 9;
}
