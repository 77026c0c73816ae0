import { graphql } from '../gql/index.ts';

// Les requêtes de graphe partagées par la carte et le réseau : un même
// fragment pour les nœuds et les arêtes, que src/core/graphModel lit.

export const GraphFieldsFragment = graphql(`
  fragment GraphFields on CooperationGraph {
    nodes {
      id
      kind: nodeKind
      label
      finess
      code
      category
      latitude
      longitude
      departmentCode
      regionCode
    }
    edges {
      id
      source
      target
      role
      validFrom
      validTo
      weight
    }
    truncated
    totalNodes
    totalEdges
    memberlessGroupings
  }
`);

export const TerritoryGraphQuery = graphql(`
  query TerritoryGraph($filter: CooperationGraphFilter!) {
    cooperationGraph(filter: $filter) {
      ...GraphFields
    }
  }
`);

export const NodeKindQuery = graphql(`
  query NodeKind($id: ID!) {
    node(id: $id) {
      __typename
      id
    }
  }
`);

export const NeighborhoodQuery = graphql(`
  query Neighborhood($id: ID!, $depth: Int, $filter: CooperationGraphFilter) {
    neighborhood(id: $id, depth: $depth, filter: $filter) {
      ...GraphFields
    }
  }
`);

export const PathQuery = graphql(`
  query Path($from: ID!, $to: ID!, $filter: CooperationGraphFilter) {
    cooperationPath(from: $from, to: $to, filter: $filter) {
      ...GraphFields
    }
  }
`);

export const DiffQuery = graphql(`
  query Diff($filter: CooperationGraphFilter, $from: Date!, $to: Date!) {
    cooperationDiff(filter: $filter, from: $from, to: $to) {
      total
      truncated
      changes {
        kind
        date
        edge {
          id
          source
          target
          role
        }
        source {
          id
          kind
          label
        }
        target {
          id
          kind
          label
        }
      }
    }
  }
`);
