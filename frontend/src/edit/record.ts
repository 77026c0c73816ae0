/**
 * L'enregistrement qu'un formulaire modifie ou clôt, lu par son identifiant :
 * une requête pour toutes les familles (chaque formulaire lit sa part).
 */
import type { Draft } from '../core/editForm.ts';
import { gql } from '../core/api.ts';
import { graphql } from '../gql/index.ts';

export const EditRecordDocument = graphql(`
  query EditRecord($id: ID!) {
    node(id: $id) {
      __typename
      id
      ... on Convention {
        version
        name
        conventionKind: kind
        code
        domains
        description
        signedOn
        validFrom
        conventionPrecision: validFromPrecision
        validTo
        territory {
          id
        }
        source {
          id
          title
        }
      }
      ... on Grouping {
        version
        name
        groupingKind: kind
        code
        validFrom
        groupingPrecision: validFromPrecision
        validTo
        territory {
          id
        }
        source {
          id
          title
        }
      }
      ... on ConventionParty {
        version
        partyRole: role
        designation
        validFrom
        partyPrecision: validFromPrecision
        validTo
        legalEntity {
          id
          name
        }
        sites {
          id
        }
        convention {
          id
          name
        }
        source {
          id
          title
        }
      }
      ... on Membership {
        version
        memberRole: role
        validFrom
        memberPrecision: validFromPrecision
        validTo
        member: legalEntity {
          id
          name
        }
        sites {
          id
        }
        grouping {
          id
          name
        }
        source {
          id
          title
        }
      }
      ... on Filiere {
        version
        name
        filiereSpecialty: specialty
        description
        designations
        validFrom
        filierePrecision: validFromPrecision
        validTo
        territory {
          id
        }
        source {
          id
          title
        }
      }
      ... on FiliereRole {
        version
        level
        detail
        validFrom
        rolePrecision: validFromPrecision
        validTo
        legalEntity {
          id
          name
        }
        roleSite: establishment {
          id
        }
        filiere {
          id
          name
        }
        source {
          id
          title
        }
      }
      ... on MedicalTeam {
        version
        name
        teamSpecialty: specialty
        description
        validFrom
        teamPrecision: validFromPrecision
        validTo
        teamConvention: convention {
          id
          name
        }
        teamGrouping: grouping {
          id
          name
        }
        source {
          id
          title
        }
      }
      ... on TeamSite {
        version
        timeShare
        validFrom
        teamSitePrecision: validFromPrecision
        validTo
        site: establishment {
          id
          name
        }
        team {
          id
          name
        }
        source {
          id
          title
        }
      }
    }
  }
`);

export type RecordNode = NonNullable<Awaited<ReturnType<typeof loadRecord>>>;

export function loadRecord(id: string) {
  return gql(EditRecordDocument, { id }).then((d) => d.node);
}

/** Un enregistrement lu : son brouillon, sa version, sa source, son nom. */
export interface ReadRecord {
  readonly draft: Draft;
  readonly version: number;
  readonly source: { readonly id: string; readonly title: string } | null;
  readonly label: string;
}

type Node<T extends RecordNode['__typename']> = Extract<RecordNode, { __typename: T }> & { readonly version: number; readonly source: { readonly id: string; readonly title: string } };

/**
 * Le lecteur d'un type d'enregistrement : son brouillon et son nom ; un
 * nœud d'un autre type (une adresse erronée) ne donne rien.
 */
export function reader<T extends RecordNode['__typename']>(typename: T, draft: (n: Node<T>) => Draft, label: (n: Node<T>) => string): (n: RecordNode) => ReadRecord {
  return (n) => {
    if (n.__typename !== typename) return { draft: {}, version: 0, source: null, label: n.id };
    const node = n as Node<T>;
    return { draft: draft(node), version: node.version, source: node.source, label: label(node) };
  };
}
