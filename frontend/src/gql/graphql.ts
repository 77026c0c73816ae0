/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** ConventionKind is enum for the field kind */
export type ConventionKind =
  | 'CHARTER'
  | 'CONSTITUTIVE'
  | 'CONVENTION'
  | 'OTHER'
  | 'PARTNERSHIP';

/** ConventionPartyRole is enum for the field role */
export type ConventionPartyRole =
  | 'ADHERENT'
  | 'COORDINATOR'
  | 'SIGNATORY';

/** ConventionPartyValidFromPrecision is enum for the field valid_from_precision */
export type ConventionPartyValidFromPrecision =
  | 'DAY'
  | 'MONTH'
  | 'YEAR';

/** ConventionValidFromPrecision is enum for the field valid_from_precision */
export type ConventionValidFromPrecision =
  | 'DAY'
  | 'MONTH'
  | 'YEAR';

/** Narrows a cooperation graph. */
export type CooperationGraphFilter = {
  /** The day the graph holds on. Omitted: today. */
  asOf?: string | null | undefined;
  /** Only organisations with a site of these FINESS category codes (e.g. 355 for a centre hospitalier). */
  categories?: Array<string> | null | undefined;
  /** Only conventions of these kinds (other objects kept). */
  conventionKinds?: Array<ConventionKind> | null | undefined;
  /** Only groupings of these kinds (other objects kept). */
  groupingKinds?: Array<GroupingKind> | null | undefined;
  /** Only these kinds of cooperation object. Omitted: all. */
  kinds?: Array<CooperationObjectKind> | null | undefined;
  /** Organisations as legal entities (the default) or as sites. */
  level?: GraphLevel | null | undefined;
  /**
   * The most nodes in the answer (default 2,000, at most 20,000); a bigger
   * graph is cut and says so in `truncated`.
   */
  limit?: number | null | undefined;
  /** BIPARTITE (the default) or ORGANISATIONS; applies to cooperationGraph. */
  projection?: GraphProjection | null | undefined;
  /** Only filières of these specialties (other objects kept). */
  specialties?: Array<FiliereSpecialty> | null | undefined;
  /**
   * Région, département or commune codes: only organisations located there
   * (a legal entity is located where any of its sites is).
   */
  territories?: Array<string> | null | undefined;
  /**
   * Also draw the groupings located there that no source gives a member
   * (the GCS, CPTS… FINESS registers from their sites), as nodes without
   * edges; `memberlessGroupings` counts them either way.
   */
  withMemberless?: boolean | null | undefined;
};

/** The kinds of cooperation object. */
export type CooperationObjectKind =
  | 'CONVENTION'
  | 'FILIERE'
  | 'GROUPING'
  | 'TEAM';

/** EstablishmentValidFromPrecision is enum for the field valid_from_precision */
export type EstablishmentValidFromPrecision =
  | 'DAY'
  | 'MONTH'
  | 'YEAR';

/** FiliereRoleLevel is enum for the field level */
export type FiliereRoleLevel =
  | 'PROXIMITY'
  | 'RECOURS'
  | 'REFERENCE';

/** FiliereRoleValidFromPrecision is enum for the field valid_from_precision */
export type FiliereRoleValidFromPrecision =
  | 'DAY'
  | 'MONTH'
  | 'YEAR';

/** FiliereSpecialty is enum for the field specialty */
export type FiliereSpecialty =
  | 'BIOLOGY'
  | 'CYSTIC_FIBROSIS'
  | 'EMERGENCY'
  | 'GERIATRICS'
  | 'IMAGING'
  | 'OBSTETRICS_PAEDIATRICS'
  | 'ONCOLOGY'
  | 'OTHER'
  | 'PSYCHIATRY'
  | 'REHABILITATION'
  | 'STROKE'
  | 'SURGERY_ANAESTHESIA';

/** FiliereValidFromPrecision is enum for the field valid_from_precision */
export type FiliereValidFromPrecision =
  | 'DAY'
  | 'MONTH'
  | 'YEAR';

/**
 * How organisations appear in a cooperation graph: as legal entities (who
 * signs and joins) or as sites (what a map shows). At SITE level a
 * participation is drawn to the sites its source names; one whose source
 * names no site is drawn at the legal entity, never spread to all its
 * sites.
 */
export type GraphLevel =
  | 'LEGAL_ENTITY'
  | 'SITE';

/**
 * How a cooperation graph is drawn: organisations and cooperation objects
 * as nodes (BIPARTITE: a GHT of 20 members is one hub and 20 edges), or
 * organisations only, linked with a weight when they share objects
 * (ORGANISATIONS).
 */
export type GraphProjection =
  | 'BIPARTITE'
  | 'ORGANISATIONS';

/** GroupingKind is enum for the field kind */
export type GroupingKind =
  | 'CHT'
  | 'CPT'
  | 'CPTS'
  | 'FMIH'
  | 'GCS'
  | 'GCSMS'
  | 'GCS_ES'
  | 'GHT'
  | 'GIP'
  | 'HEALTH_CENTRE'
  | 'MSP'
  | 'NETWORK'
  | 'OTHER'
  | 'SIH'
  | 'UNION';

/** GroupingValidFromPrecision is enum for the field valid_from_precision */
export type GroupingValidFromPrecision =
  | 'DAY'
  | 'MONTH'
  | 'YEAR';

/** LegalEntityValidFromPrecision is enum for the field valid_from_precision */
export type LegalEntityValidFromPrecision =
  | 'DAY'
  | 'MONTH'
  | 'YEAR';

/** MedicalTeamValidFromPrecision is enum for the field valid_from_precision */
export type MedicalTeamValidFromPrecision =
  | 'DAY'
  | 'MONTH'
  | 'YEAR';

/** MembershipRole is enum for the field role */
export type MembershipRole =
  | 'ASSOCIATE'
  | 'MEMBER'
  | 'PARTNER'
  | 'SUPPORT';

/** MembershipValidFromPrecision is enum for the field valid_from_precision */
export type MembershipValidFromPrecision =
  | 'DAY'
  | 'MONTH'
  | 'YEAR';

/**
 * What a record of the graph or a search hit is: an organisation, a
 * cooperation object, or (search only) a territory.
 */
export type NodeKind =
  | 'COMMUNE'
  | 'CONVENTION'
  | 'DEPARTMENT'
  | 'FILIERE'
  | 'GROUPING'
  | 'LEGAL_ENTITY'
  | 'REGION'
  | 'SITE'
  | 'TEAM';

/** A register Maillage imports. */
export type RegisterKind =
  /** FINESS legal entities (etalab extract cs1100501). */
  | 'FINESS_LEGAL_ENTITIES'
  /** The FINESS+ structures flow. */
  | 'FINESS_PLUS'
  /** FINESS sites (etalab extracts, or the shipped file). */
  | 'FINESS_SITES'
  /** The ministry's (DGOS) list of GHT members. */
  | 'GHT_LIST';

/** SourceKind is enum for the field kind */
export type SourceKind =
  | 'CONVENTION'
  | 'DATASET'
  | 'EDIT'
  | 'LEGAL_TEXT'
  | 'PRESS'
  | 'REGISTER'
  | 'REPORT'
  | 'SYNTHETIC';

/** TeamSiteValidFromPrecision is enum for the field valid_from_precision */
export type TeamSiteValidFromPrecision =
  | 'DAY'
  | 'MONTH'
  | 'YEAR';

/** TerritoryKind is enum for the field kind */
export type TerritoryKind =
  | 'COMMUNE'
  | 'DEPARTMENT'
  | 'HEALTH_TERRITORY'
  | 'REGION';

export type TerritoryStatsQueryVariables = Exact<{
  code: string;
  kind?: TerritoryKind | null | undefined;
  asOf?: string | null | undefined;
}>;


export type TerritoryStatsQuery = { territoryStats: { sites: number, legalEntities: number, cooperatingLegalEntities: number, cooperatingShare: number, isolatedCount: number, isolated: Array<{ id: string, label: string, finess: string | null, category: string | null }>, groupingsByKind: Array<{ key: string, count: number }> } };

export type ChecksQueryVariables = Exact<{
  filter?: CooperationGraphFilter | null | undefined;
}>;


export type ChecksQuery = { cooperationChecks: { total: number, truncated: boolean, findings: Array<{ rule: string, severity: string, records: Array<string>, message: string }> } };

export type NodeLabelsQueryVariables = Exact<{
  ids: Array<string | number> | string | number;
}>;


export type NodeLabelsQuery = { nodes: Array<
    | { id: string }
    | { id: string }
    | { id: string }
    | { name: string, id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { name: string, id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
   | null> };

export type RegistersQueryVariables = Exact<{ [key: string]: never; }>;


export type RegistersQuery = { registers: Array<{ register: RegisterKind, syncedAt: string | null, source: { id: string, title: string, publishedOn: string | null, recordedAt: string } }> };

export type SearchQueryVariables = Exact<{
  text: string;
  first?: number | null | undefined;
  nodeKinds?: Array<NodeKind> | NodeKind | null | undefined;
}>;


export type SearchQuery = { search: Array<{ label: string, finess: string | null, score: number, kind: NodeKind, node:
      | { __typename: 'AuditEvent', id: string }
      | { __typename: 'Convention', id: string }
      | { __typename: 'ConventionParty', id: string }
      | { __typename: 'Establishment', id: string }
      | { __typename: 'Filiere', id: string }
      | { __typename: 'FiliereRole', id: string }
      | { __typename: 'Grouping', id: string }
      | { __typename: 'LegalEntity', id: string }
      | { __typename: 'MedicalTeam', id: string }
      | { __typename: 'Membership', id: string }
      | { __typename: 'Source', id: string }
      | { __typename: 'TeamSite', id: string }
      | { __typename: 'Territory', code: string, kind: TerritoryKind, latitude: number | null, longitude: number | null, id: string }
     }> };

export type NodeDetailsQueryVariables = Exact<{
  id: string | number;
  asOf?: string | null | undefined;
}>;


export type NodeDetailsQuery = { node:
    | { __typename: 'AuditEvent', id: string }
    | { __typename: 'Convention', id: string, name: string, code: string | null, domains: Array<string> | null, description: string | null, signedOn: string | null, validFrom: string | null, validTo: string | null, conventionKind: ConventionKind, conventionPrecision: ConventionValidFromPrecision | null, source: { id: string, kind: SourceKind, title: string, reference: string | null, url: string | null, publisher: string | null, publishedOn: string | null }, territory: { id: string, name: string, code: string } | null, parties: Array<{ id: string, role: ConventionPartyRole, designation: string | null, validFrom: string | null, validFromPrecision: ConventionPartyValidFromPrecision | null, validTo: string | null, source: { id: string, kind: SourceKind, title: string, reference: string | null, url: string | null, publisher: string | null, publishedOn: string | null }, legalEntity: { id: string, name: string, finess: string } }>, filieres: Array<{ id: string, name: string, specialty: FiliereSpecialty }>, medicalTeams: Array<{ id: string, name: string }> }
    | { __typename: 'ConventionParty', id: string }
    | { __typename: 'Establishment', id: string, name: string, longName: string | null, finess: string, categoryCode: string, categoryLabel: string, categoryGroupLabel: string | null, address: string | null, postalCode: string | null, city: string | null, phone: string | null, latitude: number | null, longitude: number | null, validFrom: string | null, validTo: string | null, sitePrecision: EstablishmentValidFromPrecision | null, source: { id: string, kind: SourceKind, title: string, reference: string | null, url: string | null, publisher: string | null, publishedOn: string | null }, teamSites: Array<{ id: string, timeShare: number | null, validFrom: string | null, validFromPrecision: TeamSiteValidFromPrecision | null, validTo: string | null, team: { id: string, name: string, specialty: string | null } }>, legalEntity: { id: string, name: string, finess: string, nameDerived: boolean, legalStatus: string | null, publicStatus: string | null, validFrom: string | null, validTo: string | null, entityPrecision: LegalEntityValidFromPrecision | null, source: { id: string, kind: SourceKind, title: string, reference: string | null, url: string | null, publisher: string | null, publishedOn: string | null }, sites: Array<{ id: string, name: string, finess: string, categoryLabel: string, city: string | null }>, memberships: Array<{ id: string, role: MembershipRole, validFrom: string | null, validFromPrecision: MembershipValidFromPrecision | null, validTo: string | null, note: string | null, source: { id: string, kind: SourceKind, title: string, reference: string | null, url: string | null, publisher: string | null, publishedOn: string | null }, grouping: { id: string, name: string, kind: GroupingKind, code: string | null } }>, conventionParties: Array<{ id: string, role: ConventionPartyRole, validFrom: string | null, validFromPrecision: ConventionPartyValidFromPrecision | null, validTo: string | null, source: { id: string, kind: SourceKind, title: string, reference: string | null, url: string | null, publisher: string | null, publishedOn: string | null }, convention: { id: string, name: string, kind: ConventionKind, code: string | null } }>, filiereRoles: Array<{ id: string, level: FiliereRoleLevel | null, detail: string | null, validFrom: string | null, validFromPrecision: FiliereRoleValidFromPrecision | null, validTo: string | null, source: { id: string, kind: SourceKind, title: string, reference: string | null, url: string | null, publisher: string | null, publishedOn: string | null }, filiere: { id: string, name: string, specialty: FiliereSpecialty }, establishment: { id: string, name: string } | null }> } }
    | { __typename: 'Filiere', id: string, name: string, specialty: FiliereSpecialty, description: string | null, validFrom: string | null, validTo: string | null, filierePrecision: FiliereValidFromPrecision | null, source: { id: string, kind: SourceKind, title: string, reference: string | null, url: string | null, publisher: string | null, publishedOn: string | null }, convention: { id: string, name: string } | null, territory: { id: string, name: string } | null, roles: Array<{ id: string, level: FiliereRoleLevel | null, detail: string | null, validFrom: string | null, validFromPrecision: FiliereRoleValidFromPrecision | null, validTo: string | null, legalEntity: { id: string, name: string }, establishment: { id: string, name: string } | null }> }
    | { __typename: 'FiliereRole', id: string }
    | { __typename: 'Grouping', id: string, code: string | null, name: string, description: string | null, departmentCode: string | null, validFrom: string | null, validTo: string | null, membersKnown: boolean, groupingKind: GroupingKind, groupingFiness: string | null, groupingPrecision: GroupingValidFromPrecision | null, source: { id: string, kind: SourceKind, title: string, reference: string | null, url: string | null, publisher: string | null, publishedOn: string | null }, territory: { id: string, kind: TerritoryKind, code: string, name: string } | null, ownLegalEntity: { id: string, name: string, finess: string } | null, memberships: Array<{ id: string, role: MembershipRole, validFrom: string | null, validFromPrecision: MembershipValidFromPrecision | null, validTo: string | null, note: string | null, memberRef: string | null, source: { id: string, kind: SourceKind, title: string, reference: string | null, url: string | null, publisher: string | null, publishedOn: string | null }, legalEntity: { id: string, name: string, finess: string } | null, sites: Array<{ id: string, name: string, finess: string }> }>, medicalTeams: Array<{ id: string, name: string, specialty: string | null }> }
    | { __typename: 'LegalEntity', id: string, name: string, finess: string, nameDerived: boolean, legalStatus: string | null, publicStatus: string | null, validFrom: string | null, validTo: string | null, entityPrecision: LegalEntityValidFromPrecision | null, source: { id: string, kind: SourceKind, title: string, reference: string | null, url: string | null, publisher: string | null, publishedOn: string | null }, sites: Array<{ id: string, name: string, finess: string, categoryLabel: string, city: string | null }>, memberships: Array<{ id: string, role: MembershipRole, validFrom: string | null, validFromPrecision: MembershipValidFromPrecision | null, validTo: string | null, note: string | null, source: { id: string, kind: SourceKind, title: string, reference: string | null, url: string | null, publisher: string | null, publishedOn: string | null }, grouping: { id: string, name: string, kind: GroupingKind, code: string | null } }>, conventionParties: Array<{ id: string, role: ConventionPartyRole, validFrom: string | null, validFromPrecision: ConventionPartyValidFromPrecision | null, validTo: string | null, source: { id: string, kind: SourceKind, title: string, reference: string | null, url: string | null, publisher: string | null, publishedOn: string | null }, convention: { id: string, name: string, kind: ConventionKind, code: string | null } }>, filiereRoles: Array<{ id: string, level: FiliereRoleLevel | null, detail: string | null, validFrom: string | null, validFromPrecision: FiliereRoleValidFromPrecision | null, validTo: string | null, source: { id: string, kind: SourceKind, title: string, reference: string | null, url: string | null, publisher: string | null, publishedOn: string | null }, filiere: { id: string, name: string, specialty: FiliereSpecialty }, establishment: { id: string, name: string } | null }> }
    | { __typename: 'MedicalTeam', id: string, name: string, description: string | null, validFrom: string | null, validTo: string | null, teamSpecialty: string | null, teamPrecision: MedicalTeamValidFromPrecision | null, source: { id: string, kind: SourceKind, title: string, reference: string | null, url: string | null, publisher: string | null, publishedOn: string | null }, convention: { id: string, name: string } | null, grouping: { id: string, name: string } | null, sites: Array<{ id: string, timeShare: number | null, validFrom: string | null, validFromPrecision: TeamSiteValidFromPrecision | null, validTo: string | null, establishment: { id: string, name: string, finess: string } }> }
    | { __typename: 'Membership', id: string }
    | { __typename: 'Source', id: string }
    | { __typename: 'TeamSite', id: string }
    | { __typename: 'Territory', id: string, name: string, kind: TerritoryKind, population: number | null, territoryCode: string }
   | null };

export type TerritoriesQueryVariables = Exact<{ [key: string]: never; }>;


export type TerritoriesQuery = { territories: { edges: Array<{ node: { id: string, kind: TerritoryKind, code: string, name: string, parent: { code: string } | null } | null } | null> | null } };

export type GroupingDetailsFragment = { id: string, code: string | null, name: string, description: string | null, departmentCode: string | null, validFrom: string | null, validTo: string | null, membersKnown: boolean, groupingKind: GroupingKind, groupingFiness: string | null, groupingPrecision: GroupingValidFromPrecision | null, source: { id: string, kind: SourceKind, title: string, reference: string | null, url: string | null, publisher: string | null, publishedOn: string | null }, territory: { id: string, kind: TerritoryKind, code: string, name: string } | null, ownLegalEntity: { id: string, name: string, finess: string } | null, memberships: Array<{ id: string, role: MembershipRole, validFrom: string | null, validFromPrecision: MembershipValidFromPrecision | null, validTo: string | null, note: string | null, memberRef: string | null, source: { id: string, kind: SourceKind, title: string, reference: string | null, url: string | null, publisher: string | null, publishedOn: string | null }, legalEntity: { id: string, name: string, finess: string } | null, sites: Array<{ id: string, name: string, finess: string }> }>, medicalTeams: Array<{ id: string, name: string, specialty: string | null }> };

export type ConventionDetailsFragment = { id: string, name: string, code: string | null, domains: Array<string> | null, description: string | null, signedOn: string | null, validFrom: string | null, validTo: string | null, conventionKind: ConventionKind, conventionPrecision: ConventionValidFromPrecision | null, source: { id: string, kind: SourceKind, title: string, reference: string | null, url: string | null, publisher: string | null, publishedOn: string | null }, territory: { id: string, name: string, code: string } | null, parties: Array<{ id: string, role: ConventionPartyRole, designation: string | null, validFrom: string | null, validFromPrecision: ConventionPartyValidFromPrecision | null, validTo: string | null, source: { id: string, kind: SourceKind, title: string, reference: string | null, url: string | null, publisher: string | null, publishedOn: string | null }, legalEntity: { id: string, name: string, finess: string } }>, filieres: Array<{ id: string, name: string, specialty: FiliereSpecialty }>, medicalTeams: Array<{ id: string, name: string }> };

export type FiliereDetailsFragment = { id: string, name: string, specialty: FiliereSpecialty, description: string | null, validFrom: string | null, validTo: string | null, filierePrecision: FiliereValidFromPrecision | null, source: { id: string, kind: SourceKind, title: string, reference: string | null, url: string | null, publisher: string | null, publishedOn: string | null }, convention: { id: string, name: string } | null, territory: { id: string, name: string } | null, roles: Array<{ id: string, level: FiliereRoleLevel | null, detail: string | null, validFrom: string | null, validFromPrecision: FiliereRoleValidFromPrecision | null, validTo: string | null, legalEntity: { id: string, name: string }, establishment: { id: string, name: string } | null }> };

export type TeamDetailsFragment = { id: string, name: string, description: string | null, validFrom: string | null, validTo: string | null, teamSpecialty: string | null, teamPrecision: MedicalTeamValidFromPrecision | null, source: { id: string, kind: SourceKind, title: string, reference: string | null, url: string | null, publisher: string | null, publishedOn: string | null }, convention: { id: string, name: string } | null, grouping: { id: string, name: string } | null, sites: Array<{ id: string, timeShare: number | null, validFrom: string | null, validFromPrecision: TeamSiteValidFromPrecision | null, validTo: string | null, establishment: { id: string, name: string, finess: string } }> };

export type TerritoryDetailsFragment = { id: string, name: string, kind: TerritoryKind, population: number | null, territoryCode: string };

export type LegalEntityDetailsFragment = { id: string, name: string, finess: string, nameDerived: boolean, legalStatus: string | null, publicStatus: string | null, validFrom: string | null, validTo: string | null, entityPrecision: LegalEntityValidFromPrecision | null, source: { id: string, kind: SourceKind, title: string, reference: string | null, url: string | null, publisher: string | null, publishedOn: string | null }, sites: Array<{ id: string, name: string, finess: string, categoryLabel: string, city: string | null }>, memberships: Array<{ id: string, role: MembershipRole, validFrom: string | null, validFromPrecision: MembershipValidFromPrecision | null, validTo: string | null, note: string | null, source: { id: string, kind: SourceKind, title: string, reference: string | null, url: string | null, publisher: string | null, publishedOn: string | null }, grouping: { id: string, name: string, kind: GroupingKind, code: string | null } }>, conventionParties: Array<{ id: string, role: ConventionPartyRole, validFrom: string | null, validFromPrecision: ConventionPartyValidFromPrecision | null, validTo: string | null, source: { id: string, kind: SourceKind, title: string, reference: string | null, url: string | null, publisher: string | null, publishedOn: string | null }, convention: { id: string, name: string, kind: ConventionKind, code: string | null } }>, filiereRoles: Array<{ id: string, level: FiliereRoleLevel | null, detail: string | null, validFrom: string | null, validFromPrecision: FiliereRoleValidFromPrecision | null, validTo: string | null, source: { id: string, kind: SourceKind, title: string, reference: string | null, url: string | null, publisher: string | null, publishedOn: string | null }, filiere: { id: string, name: string, specialty: FiliereSpecialty }, establishment: { id: string, name: string } | null }> };

export type EstablishmentDetailsFragment = { id: string, name: string, longName: string | null, finess: string, categoryCode: string, categoryLabel: string, categoryGroupLabel: string | null, address: string | null, postalCode: string | null, city: string | null, phone: string | null, latitude: number | null, longitude: number | null, validFrom: string | null, validTo: string | null, sitePrecision: EstablishmentValidFromPrecision | null, source: { id: string, kind: SourceKind, title: string, reference: string | null, url: string | null, publisher: string | null, publishedOn: string | null }, teamSites: Array<{ id: string, timeShare: number | null, validFrom: string | null, validFromPrecision: TeamSiteValidFromPrecision | null, validTo: string | null, team: { id: string, name: string, specialty: string | null } }>, legalEntity: { id: string, name: string, finess: string, nameDerived: boolean, legalStatus: string | null, publicStatus: string | null, validFrom: string | null, validTo: string | null, entityPrecision: LegalEntityValidFromPrecision | null, source: { id: string, kind: SourceKind, title: string, reference: string | null, url: string | null, publisher: string | null, publishedOn: string | null }, sites: Array<{ id: string, name: string, finess: string, categoryLabel: string, city: string | null }>, memberships: Array<{ id: string, role: MembershipRole, validFrom: string | null, validFromPrecision: MembershipValidFromPrecision | null, validTo: string | null, note: string | null, source: { id: string, kind: SourceKind, title: string, reference: string | null, url: string | null, publisher: string | null, publishedOn: string | null }, grouping: { id: string, name: string, kind: GroupingKind, code: string | null } }>, conventionParties: Array<{ id: string, role: ConventionPartyRole, validFrom: string | null, validFromPrecision: ConventionPartyValidFromPrecision | null, validTo: string | null, source: { id: string, kind: SourceKind, title: string, reference: string | null, url: string | null, publisher: string | null, publishedOn: string | null }, convention: { id: string, name: string, kind: ConventionKind, code: string | null } }>, filiereRoles: Array<{ id: string, level: FiliereRoleLevel | null, detail: string | null, validFrom: string | null, validFromPrecision: FiliereRoleValidFromPrecision | null, validTo: string | null, source: { id: string, kind: SourceKind, title: string, reference: string | null, url: string | null, publisher: string | null, publishedOn: string | null }, filiere: { id: string, name: string, specialty: FiliereSpecialty }, establishment: { id: string, name: string } | null }> } };

export type SourceLineFragment = { id: string, kind: SourceKind, title: string, reference: string | null, url: string | null, publisher: string | null, publishedOn: string | null };

export type GraphFieldsFragment = { truncated: boolean, totalNodes: number, totalEdges: number, memberlessGroupings: number, nodes: Array<{ id: string, label: string, finess: string | null, code: string | null, category: string | null, latitude: number | null, longitude: number | null, departmentCode: string | null, regionCode: string | null, kind: NodeKind }>, edges: Array<{ id: string, source: string, target: string, role: string | null, validFrom: string | null, validTo: string | null, weight: number | null }> };

export type TerritoryGraphQueryVariables = Exact<{
  filter: CooperationGraphFilter;
}>;


export type TerritoryGraphQuery = { cooperationGraph: { truncated: boolean, totalNodes: number, totalEdges: number, memberlessGroupings: number, nodes: Array<{ id: string, label: string, finess: string | null, code: string | null, category: string | null, latitude: number | null, longitude: number | null, departmentCode: string | null, regionCode: string | null, kind: NodeKind }>, edges: Array<{ id: string, source: string, target: string, role: string | null, validFrom: string | null, validTo: string | null, weight: number | null }> } };

export type NodeKindQueryVariables = Exact<{
  id: string | number;
}>;


export type NodeKindQuery = { node:
    | { __typename: 'AuditEvent', id: string }
    | { __typename: 'Convention', id: string }
    | { __typename: 'ConventionParty', id: string }
    | { __typename: 'Establishment', id: string }
    | { __typename: 'Filiere', id: string }
    | { __typename: 'FiliereRole', id: string }
    | { __typename: 'Grouping', id: string }
    | { __typename: 'LegalEntity', id: string }
    | { __typename: 'MedicalTeam', id: string }
    | { __typename: 'Membership', id: string }
    | { __typename: 'Source', id: string }
    | { __typename: 'TeamSite', id: string }
    | { __typename: 'Territory', id: string }
   | null };

export type NeighborhoodQueryVariables = Exact<{
  id: string | number;
  depth?: number | null | undefined;
  filter?: CooperationGraphFilter | null | undefined;
}>;


export type NeighborhoodQuery = { neighborhood: { truncated: boolean, totalNodes: number, totalEdges: number, memberlessGroupings: number, nodes: Array<{ id: string, label: string, finess: string | null, code: string | null, category: string | null, latitude: number | null, longitude: number | null, departmentCode: string | null, regionCode: string | null, kind: NodeKind }>, edges: Array<{ id: string, source: string, target: string, role: string | null, validFrom: string | null, validTo: string | null, weight: number | null }> } };

export type PathQueryVariables = Exact<{
  from: string | number;
  to: string | number;
  filter?: CooperationGraphFilter | null | undefined;
}>;


export type PathQuery = { cooperationPath: { truncated: boolean, totalNodes: number, totalEdges: number, memberlessGroupings: number, nodes: Array<{ id: string, label: string, finess: string | null, code: string | null, category: string | null, latitude: number | null, longitude: number | null, departmentCode: string | null, regionCode: string | null, kind: NodeKind }>, edges: Array<{ id: string, source: string, target: string, role: string | null, validFrom: string | null, validTo: string | null, weight: number | null }> } | null };

export type DiffQueryVariables = Exact<{
  filter?: CooperationGraphFilter | null | undefined;
  from: string;
  to: string;
}>;


export type DiffQuery = { cooperationDiff: { total: number, truncated: boolean, changes: Array<{ kind: string, date: string, edge: { id: string, source: string, target: string, role: string | null }, source: { id: string, kind: string, label: string }, target: { id: string, kind: string, label: string } }> } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const SourceLineFragmentDoc = new TypedDocumentString(`
    fragment SourceLine on Source {
  id
  kind
  title
  reference
  url
  publisher
  publishedOn
}
    `, {"fragmentName":"SourceLine"}) as unknown as TypedDocumentString<SourceLineFragment, unknown>;
export const GroupingDetailsFragmentDoc = new TypedDocumentString(`
    fragment GroupingDetails on Grouping {
  id
  groupingKind: kind
  code
  groupingFiness: finess
  name
  description
  departmentCode
  validFrom
  groupingPrecision: validFromPrecision
  validTo
  source {
    ...SourceLine
  }
  territory {
    id
    kind
    code
    name
  }
  ownLegalEntity: legalEntity {
    id
    name
    finess
  }
  membersKnown
  memberships(first: 500) {
    id
    role
    validFrom
    validFromPrecision
    validTo
    note
    memberRef
    source {
      ...SourceLine
    }
    legalEntity {
      id
      name
      finess
    }
    sites(first: 50) {
      id
      name
      finess
    }
  }
  medicalTeams {
    id
    name
    specialty
  }
}
    fragment SourceLine on Source {
  id
  kind
  title
  reference
  url
  publisher
  publishedOn
}`, {"fragmentName":"GroupingDetails"}) as unknown as TypedDocumentString<GroupingDetailsFragment, unknown>;
export const ConventionDetailsFragmentDoc = new TypedDocumentString(`
    fragment ConventionDetails on Convention {
  id
  name
  conventionKind: kind
  code
  domains
  description
  signedOn
  validFrom
  conventionPrecision: validFromPrecision
  validTo
  source {
    ...SourceLine
  }
  territory {
    id
    name
    code
  }
  parties {
    id
    role
    designation
    validFrom
    validFromPrecision
    validTo
    source {
      ...SourceLine
    }
    legalEntity {
      id
      name
      finess
    }
  }
  filieres {
    id
    name
    specialty
  }
  medicalTeams {
    id
    name
  }
}
    fragment SourceLine on Source {
  id
  kind
  title
  reference
  url
  publisher
  publishedOn
}`, {"fragmentName":"ConventionDetails"}) as unknown as TypedDocumentString<ConventionDetailsFragment, unknown>;
export const FiliereDetailsFragmentDoc = new TypedDocumentString(`
    fragment FiliereDetails on Filiere {
  id
  name
  specialty
  description
  validFrom
  filierePrecision: validFromPrecision
  validTo
  source {
    ...SourceLine
  }
  convention {
    id
    name
  }
  territory {
    id
    name
  }
  roles {
    id
    level
    detail
    validFrom
    validFromPrecision
    validTo
    legalEntity {
      id
      name
    }
    establishment {
      id
      name
    }
  }
}
    fragment SourceLine on Source {
  id
  kind
  title
  reference
  url
  publisher
  publishedOn
}`, {"fragmentName":"FiliereDetails"}) as unknown as TypedDocumentString<FiliereDetailsFragment, unknown>;
export const TeamDetailsFragmentDoc = new TypedDocumentString(`
    fragment TeamDetails on MedicalTeam {
  id
  name
  teamSpecialty: specialty
  description
  validFrom
  teamPrecision: validFromPrecision
  validTo
  source {
    ...SourceLine
  }
  convention {
    id
    name
  }
  grouping {
    id
    name
  }
  sites {
    id
    timeShare
    validFrom
    validFromPrecision
    validTo
    establishment {
      id
      name
      finess
    }
  }
}
    fragment SourceLine on Source {
  id
  kind
  title
  reference
  url
  publisher
  publishedOn
}`, {"fragmentName":"TeamDetails"}) as unknown as TypedDocumentString<TeamDetailsFragment, unknown>;
export const TerritoryDetailsFragmentDoc = new TypedDocumentString(`
    fragment TerritoryDetails on Territory {
  id
  name
  kind
  territoryCode: code
  population
}
    `, {"fragmentName":"TerritoryDetails"}) as unknown as TypedDocumentString<TerritoryDetailsFragment, unknown>;
export const LegalEntityDetailsFragmentDoc = new TypedDocumentString(`
    fragment LegalEntityDetails on LegalEntity {
  id
  name
  finess
  nameDerived
  legalStatus
  publicStatus
  validFrom
  entityPrecision: validFromPrecision
  validTo
  source {
    ...SourceLine
  }
  sites(asOf: $asOf) {
    id
    name
    finess
    categoryLabel
    city
  }
  memberships {
    id
    role
    validFrom
    validFromPrecision
    validTo
    note
    source {
      ...SourceLine
    }
    grouping {
      id
      name
      kind
      code
    }
  }
  conventionParties {
    id
    role
    validFrom
    validFromPrecision
    validTo
    source {
      ...SourceLine
    }
    convention {
      id
      name
      kind
      code
    }
  }
  filiereRoles {
    id
    level
    detail
    validFrom
    validFromPrecision
    validTo
    source {
      ...SourceLine
    }
    filiere {
      id
      name
      specialty
    }
    establishment {
      id
      name
    }
  }
}
    fragment SourceLine on Source {
  id
  kind
  title
  reference
  url
  publisher
  publishedOn
}`, {"fragmentName":"LegalEntityDetails"}) as unknown as TypedDocumentString<LegalEntityDetailsFragment, unknown>;
export const EstablishmentDetailsFragmentDoc = new TypedDocumentString(`
    fragment EstablishmentDetails on Establishment {
  id
  name
  longName
  finess
  categoryCode
  categoryLabel
  categoryGroupLabel
  address
  postalCode
  city
  phone
  latitude
  longitude
  validFrom
  sitePrecision: validFromPrecision
  validTo
  source {
    ...SourceLine
  }
  teamSites {
    id
    timeShare
    validFrom
    validFromPrecision
    validTo
    team {
      id
      name
      specialty
    }
  }
  legalEntity {
    ...LegalEntityDetails
  }
}
    fragment LegalEntityDetails on LegalEntity {
  id
  name
  finess
  nameDerived
  legalStatus
  publicStatus
  validFrom
  entityPrecision: validFromPrecision
  validTo
  source {
    ...SourceLine
  }
  sites(asOf: $asOf) {
    id
    name
    finess
    categoryLabel
    city
  }
  memberships {
    id
    role
    validFrom
    validFromPrecision
    validTo
    note
    source {
      ...SourceLine
    }
    grouping {
      id
      name
      kind
      code
    }
  }
  conventionParties {
    id
    role
    validFrom
    validFromPrecision
    validTo
    source {
      ...SourceLine
    }
    convention {
      id
      name
      kind
      code
    }
  }
  filiereRoles {
    id
    level
    detail
    validFrom
    validFromPrecision
    validTo
    source {
      ...SourceLine
    }
    filiere {
      id
      name
      specialty
    }
    establishment {
      id
      name
    }
  }
}
fragment SourceLine on Source {
  id
  kind
  title
  reference
  url
  publisher
  publishedOn
}`, {"fragmentName":"EstablishmentDetails"}) as unknown as TypedDocumentString<EstablishmentDetailsFragment, unknown>;
export const GraphFieldsFragmentDoc = new TypedDocumentString(`
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
    `, {"fragmentName":"GraphFields"}) as unknown as TypedDocumentString<GraphFieldsFragment, unknown>;
export const TerritoryStatsDocument = new TypedDocumentString(`
    query TerritoryStats($code: String!, $kind: TerritoryKind, $asOf: Date) {
  territoryStats(code: $code, kind: $kind, asOf: $asOf) {
    sites
    legalEntities
    cooperatingLegalEntities
    cooperatingShare
    isolatedCount
    isolated {
      id
      label
      finess
      category
    }
    groupingsByKind {
      key
      count
    }
  }
}
    `) as unknown as TypedDocumentString<TerritoryStatsQuery, TerritoryStatsQueryVariables>;
export const ChecksDocument = new TypedDocumentString(`
    query Checks($filter: CooperationGraphFilter) {
  cooperationChecks(filter: $filter) {
    total
    truncated
    findings {
      rule
      severity
      records
      message
    }
  }
}
    `) as unknown as TypedDocumentString<ChecksQuery, ChecksQueryVariables>;
export const NodeLabelsDocument = new TypedDocumentString(`
    query NodeLabels($ids: [ID!]!) {
  nodes(ids: $ids) {
    id
    ... on Establishment {
      name
    }
    ... on LegalEntity {
      name
    }
  }
}
    `) as unknown as TypedDocumentString<NodeLabelsQuery, NodeLabelsQueryVariables>;
export const RegistersDocument = new TypedDocumentString(`
    query Registers {
  registers {
    register
    syncedAt
    source {
      id
      title
      publishedOn
      recordedAt
    }
  }
}
    `) as unknown as TypedDocumentString<RegistersQuery, RegistersQueryVariables>;
export const SearchDocument = new TypedDocumentString(`
    query Search($text: String!, $first: Int, $nodeKinds: [NodeKind!]) {
  search(text: $text, first: $first, nodeKinds: $nodeKinds) {
    kind: nodeKind
    label
    finess
    score
    node {
      __typename
      id
      ... on Territory {
        code
        kind
        latitude
        longitude
      }
    }
  }
}
    `) as unknown as TypedDocumentString<SearchQuery, SearchQueryVariables>;
export const NodeDetailsDocument = new TypedDocumentString(`
    query NodeDetails($id: ID!, $asOf: Date) {
  node(id: $id) {
    __typename
    id
    ...EstablishmentDetails
    ...LegalEntityDetails
    ...GroupingDetails
    ...ConventionDetails
    ...FiliereDetails
    ...TeamDetails
    ...TerritoryDetails
  }
}
    fragment GroupingDetails on Grouping {
  id
  groupingKind: kind
  code
  groupingFiness: finess
  name
  description
  departmentCode
  validFrom
  groupingPrecision: validFromPrecision
  validTo
  source {
    ...SourceLine
  }
  territory {
    id
    kind
    code
    name
  }
  ownLegalEntity: legalEntity {
    id
    name
    finess
  }
  membersKnown
  memberships(first: 500) {
    id
    role
    validFrom
    validFromPrecision
    validTo
    note
    memberRef
    source {
      ...SourceLine
    }
    legalEntity {
      id
      name
      finess
    }
    sites(first: 50) {
      id
      name
      finess
    }
  }
  medicalTeams {
    id
    name
    specialty
  }
}
fragment ConventionDetails on Convention {
  id
  name
  conventionKind: kind
  code
  domains
  description
  signedOn
  validFrom
  conventionPrecision: validFromPrecision
  validTo
  source {
    ...SourceLine
  }
  territory {
    id
    name
    code
  }
  parties {
    id
    role
    designation
    validFrom
    validFromPrecision
    validTo
    source {
      ...SourceLine
    }
    legalEntity {
      id
      name
      finess
    }
  }
  filieres {
    id
    name
    specialty
  }
  medicalTeams {
    id
    name
  }
}
fragment FiliereDetails on Filiere {
  id
  name
  specialty
  description
  validFrom
  filierePrecision: validFromPrecision
  validTo
  source {
    ...SourceLine
  }
  convention {
    id
    name
  }
  territory {
    id
    name
  }
  roles {
    id
    level
    detail
    validFrom
    validFromPrecision
    validTo
    legalEntity {
      id
      name
    }
    establishment {
      id
      name
    }
  }
}
fragment TeamDetails on MedicalTeam {
  id
  name
  teamSpecialty: specialty
  description
  validFrom
  teamPrecision: validFromPrecision
  validTo
  source {
    ...SourceLine
  }
  convention {
    id
    name
  }
  grouping {
    id
    name
  }
  sites {
    id
    timeShare
    validFrom
    validFromPrecision
    validTo
    establishment {
      id
      name
      finess
    }
  }
}
fragment TerritoryDetails on Territory {
  id
  name
  kind
  territoryCode: code
  population
}
fragment LegalEntityDetails on LegalEntity {
  id
  name
  finess
  nameDerived
  legalStatus
  publicStatus
  validFrom
  entityPrecision: validFromPrecision
  validTo
  source {
    ...SourceLine
  }
  sites(asOf: $asOf) {
    id
    name
    finess
    categoryLabel
    city
  }
  memberships {
    id
    role
    validFrom
    validFromPrecision
    validTo
    note
    source {
      ...SourceLine
    }
    grouping {
      id
      name
      kind
      code
    }
  }
  conventionParties {
    id
    role
    validFrom
    validFromPrecision
    validTo
    source {
      ...SourceLine
    }
    convention {
      id
      name
      kind
      code
    }
  }
  filiereRoles {
    id
    level
    detail
    validFrom
    validFromPrecision
    validTo
    source {
      ...SourceLine
    }
    filiere {
      id
      name
      specialty
    }
    establishment {
      id
      name
    }
  }
}
fragment EstablishmentDetails on Establishment {
  id
  name
  longName
  finess
  categoryCode
  categoryLabel
  categoryGroupLabel
  address
  postalCode
  city
  phone
  latitude
  longitude
  validFrom
  sitePrecision: validFromPrecision
  validTo
  source {
    ...SourceLine
  }
  teamSites {
    id
    timeShare
    validFrom
    validFromPrecision
    validTo
    team {
      id
      name
      specialty
    }
  }
  legalEntity {
    ...LegalEntityDetails
  }
}
fragment SourceLine on Source {
  id
  kind
  title
  reference
  url
  publisher
  publishedOn
}`) as unknown as TypedDocumentString<NodeDetailsQuery, NodeDetailsQueryVariables>;
export const TerritoriesDocument = new TypedDocumentString(`
    query Territories {
  territories(
    first: 200
    where: {kindIn: [REGION, DEPARTMENT]}
    orderBy: {field: CODE, direction: ASC}
  ) {
    edges {
      node {
        id
        kind
        code
        name
        parent {
          code
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<TerritoriesQuery, TerritoriesQueryVariables>;
export const TerritoryGraphDocument = new TypedDocumentString(`
    query TerritoryGraph($filter: CooperationGraphFilter!) {
  cooperationGraph(filter: $filter) {
    ...GraphFields
  }
}
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
}`) as unknown as TypedDocumentString<TerritoryGraphQuery, TerritoryGraphQueryVariables>;
export const NodeKindDocument = new TypedDocumentString(`
    query NodeKind($id: ID!) {
  node(id: $id) {
    __typename
    id
  }
}
    `) as unknown as TypedDocumentString<NodeKindQuery, NodeKindQueryVariables>;
export const NeighborhoodDocument = new TypedDocumentString(`
    query Neighborhood($id: ID!, $depth: Int, $filter: CooperationGraphFilter) {
  neighborhood(id: $id, depth: $depth, filter: $filter) {
    ...GraphFields
  }
}
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
}`) as unknown as TypedDocumentString<NeighborhoodQuery, NeighborhoodQueryVariables>;
export const PathDocument = new TypedDocumentString(`
    query Path($from: ID!, $to: ID!, $filter: CooperationGraphFilter) {
  cooperationPath(from: $from, to: $to, filter: $filter) {
    ...GraphFields
  }
}
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
}`) as unknown as TypedDocumentString<PathQuery, PathQueryVariables>;
export const DiffDocument = new TypedDocumentString(`
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
    `) as unknown as TypedDocumentString<DiffQuery, DiffQueryVariables>;