/**
 * Requêtes d'exemple pour les partenaires, ouvertes chacune dans un onglet
 * de GraphiQL (nommé d'après l'opération). Elles portent sur les données
 * livrées : la Loire (42), le CHU de Saint-Étienne, la charte « G4 ».
 */
import { DEFAULT_QUERY } from './defaultQuery.ts';

export interface Example {
  readonly query: string;
  readonly variables?: string;
}

export const EXAMPLES: readonly Example[] = [
  { query: DEFAULT_QUERY },
  {
    query: `# Une seule boîte de recherche : noms, FINESS, communes, codes GHT
query Recherche($texte: String!) {
  search(text: $texte, first: 10) {
    nodeKind
    label
    finess
    score
    node { id }
  }
}`,
    variables: JSON.stringify({ texte: 'saint etienne' }, null, 2),
  },
  {
    query: `# Les coopérations des organisations d'un territoire, à une date
query GrapheDuTerritoire($filtre: CooperationGraphFilter!) {
  cooperationGraph(filter: $filtre) {
    totalNodes
    totalEdges
    truncated
    nodes { id nodeKind label finess category latitude longitude }
    edges { id source target role validFrom validTo }
  }
}`,
    variables: JSON.stringify({ filtre: { territories: ['42'], level: 'SITE', asOf: '2020-01-01' } }, null, 2),
  },
  {
    query: `# Tout ce qui est à un ou deux pas d'un objet ou d'une organisation
# (l'identifiant vient de search ou de node)
query Voisinage($id: ID!) {
  neighborhood(id: $id, depth: 1, filter: { level: LEGAL_ENTITY }) {
    nodes { id nodeKind label finess }
    edges { source target role validFrom }
  }
}`,
    variables: JSON.stringify({ id: '1' }, null, 2),
  },
  {
    query: `# Le plus court chemin de coopération entre deux établissements.
# 1) Exécutez « Identifiants » (bouton ▶, choix de l'opération) pour obtenir les ID ;
# 2) reportez-les dans les variables « de » et « a », puis exécutez « Chemin ».
query Identifiants($finessDe: String!, $finessA: String!) {
  depuis: establishment(finess: $finessDe) { id name }
  jusqua: establishment(finess: $finessA) { id name }
}

query Chemin($de: ID!, $a: ID!) {
  cooperationPath(from: $de, to: $a, filter: { level: SITE }) {
    nodes { id nodeKind label finess }
    edges { source target role validFrom }
  }
}`,
    variables: JSON.stringify({ finessDe: '420000234', finessA: '420000226', de: '8589969672', a: '8589969671' }, null, 2),
  },
  {
    query: `# Les anomalies qu'un analyste d'ARS corrigerait, pour un département
query Anomalies($filtre: CooperationGraphFilter) {
  cooperationChecks(filter: $filtre) {
    total
    findings { rule severity message records }
  }
}`,
    variables: JSON.stringify({ filtre: { territories: ['42'] } }, null, 2),
  },
  {
    query: `# Un territoire en chiffres : part des entités qui coopèrent, hôpitaux isolés
query StatistiquesDuTerritoire($code: String!, $date: Date) {
  territoryStats(code: $code, kind: DEPARTMENT, asOf: $date) {
    sites
    legalEntities
    cooperatingShare
    isolatedCount
    isolated { id label finess }
    groupingsByKind { key count }
  }
}`,
    variables: JSON.stringify({ code: '42', date: '2020-01-01' }, null, 2),
  },
  {
    query: `# Ce qui a changé entre deux dates (GHT de 2016-2017, par exemple)
query Evolutions($filtre: CooperationGraphFilter) {
  cooperationDiff(filter: $filtre, from: "2015-01-01", to: "2018-01-01") {
    total
    changes { kind date source { label } target { label } edge { role } }
  }
}`,
    variables: JSON.stringify({ filtre: { territories: ['42'] } }, null, 2),
  },
];
