/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query TerritoryStats($code: String!, $kind: TerritoryKind, $asOf: Date) {\n    territoryStats(code: $code, kind: $kind, asOf: $asOf) {\n      sites\n      legalEntities\n      cooperatingLegalEntities\n      cooperatingShare\n      isolatedCount\n      isolated {\n        id\n        label\n        finess\n        category\n      }\n      groupingsByKind {\n        key\n        count\n      }\n    }\n  }\n": typeof types.TerritoryStatsDocument,
    "\n  query Checks($filter: CooperationGraphFilter) {\n    cooperationChecks(filter: $filter) {\n      total\n      truncated\n      findings {\n        rule\n        severity\n        records\n        message\n      }\n    }\n  }\n": typeof types.ChecksDocument,
    "\n  query NodeLabels($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      id\n      ... on Establishment {\n        name\n      }\n      ... on LegalEntity {\n        name\n      }\n    }\n  }\n": typeof types.NodeLabelsDocument,
    "\n  query Registers {\n    registers {\n      register\n      syncedAt\n      source {\n        id\n        title\n        publishedOn\n        recordedAt\n      }\n    }\n  }\n": typeof types.RegistersDocument,
    "\n  query Search($text: String!, $first: Int, $nodeKinds: [NodeKind!]) {\n    search(text: $text, first: $first, nodeKinds: $nodeKinds) {\n      kind: nodeKind\n      label\n      finess\n      score\n      node {\n        __typename\n        id\n        ... on Territory {\n          code\n          kind\n          latitude\n          longitude\n        }\n      }\n    }\n  }\n": typeof types.SearchDocument,
    "\n  query NodeDetails($id: ID!, $asOf: Date) {\n    node(id: $id) {\n      __typename\n      id\n      ...EstablishmentDetails\n      ...LegalEntityDetails\n      ...GroupingDetails\n      ...ConventionDetails\n      ...FiliereDetails\n      ...TeamDetails\n      ...TerritoryDetails\n    }\n  }\n": typeof types.NodeDetailsDocument,
    "\n  query Territories {\n    territories(first: 200, where: { kindIn: [REGION, DEPARTMENT] }, orderBy: { field: CODE, direction: ASC }) {\n      edges {\n        node {\n          id\n          kind\n          code\n          name\n          parent {\n            code\n          }\n        }\n      }\n    }\n  }\n": typeof types.TerritoriesDocument,
    "\n  fragment GroupingDetails on Grouping {\n    id\n    groupingKind: kind\n    code\n    groupingFiness: finess\n    name\n    description\n    departmentCode\n    validFrom\n    groupingPrecision: validFromPrecision\n    validTo\n    source {\n      ...SourceLine\n    }\n    territory {\n      id\n      kind\n      code\n      name\n    }\n    ownLegalEntity: legalEntity {\n      id\n      name\n      finess\n    }\n    membersKnown\n    # Priced by their bounds (graph/bounds.go): the named sites of a\n    # membership are a few; 50 keeps the query cheap.\n    memberships(first: 500) {\n      id\n      role\n      validFrom\n      validFromPrecision\n      validTo\n      note\n      memberRef\n      source {\n        ...SourceLine\n      }\n      legalEntity {\n        id\n        name\n        finess\n      }\n      sites(first: 50) {\n        id\n        name\n        finess\n      }\n    }\n    medicalTeams {\n      id\n      name\n      specialty\n    }\n  }\n": typeof types.GroupingDetailsFragmentDoc,
    "\n  fragment ConventionDetails on Convention {\n    id\n    name\n    conventionKind: kind\n    code\n    domains\n    description\n    signedOn\n    validFrom\n    conventionPrecision: validFromPrecision\n    validTo\n    source {\n      ...SourceLine\n    }\n    territory {\n      id\n      name\n      code\n    }\n    parties {\n      id\n      role\n      designation\n      validFrom\n      validFromPrecision\n      validTo\n      source {\n        ...SourceLine\n      }\n      legalEntity {\n        id\n        name\n        finess\n      }\n    }\n    filieres {\n      id\n      name\n      specialty\n    }\n    medicalTeams {\n      id\n      name\n    }\n  }\n": typeof types.ConventionDetailsFragmentDoc,
    "\n  fragment FiliereDetails on Filiere {\n    id\n    name\n    specialty\n    description\n    validFrom\n    filierePrecision: validFromPrecision\n    validTo\n    source {\n      ...SourceLine\n    }\n    convention {\n      id\n      name\n    }\n    territory {\n      id\n      name\n    }\n    roles {\n      id\n      level\n      detail\n      validFrom\n      validFromPrecision\n      validTo\n      legalEntity {\n        id\n        name\n      }\n      establishment {\n        id\n        name\n      }\n    }\n  }\n": typeof types.FiliereDetailsFragmentDoc,
    "\n  fragment TeamDetails on MedicalTeam {\n    id\n    name\n    teamSpecialty: specialty\n    description\n    validFrom\n    teamPrecision: validFromPrecision\n    validTo\n    source {\n      ...SourceLine\n    }\n    convention {\n      id\n      name\n    }\n    grouping {\n      id\n      name\n    }\n    sites {\n      id\n      timeShare\n      validFrom\n      validFromPrecision\n      validTo\n      establishment {\n        id\n        name\n        finess\n      }\n    }\n  }\n": typeof types.TeamDetailsFragmentDoc,
    "\n  fragment TerritoryDetails on Territory {\n    id\n    name\n    kind\n    territoryCode: code\n    population\n  }\n": typeof types.TerritoryDetailsFragmentDoc,
    "\n  fragment LegalEntityDetails on LegalEntity {\n    id\n    name\n    finess\n    nameDerived\n    legalStatus\n    publicStatus\n    validFrom\n    entityPrecision: validFromPrecision\n    validTo\n    source {\n      ...SourceLine\n    }\n    sources(first: 10) {\n      ...SourceLine\n    }\n    sites(asOf: $asOf) {\n      id\n      name\n      finess\n      categoryLabel\n      city\n    }\n    memberships {\n      id\n      role\n      validFrom\n      validFromPrecision\n      validTo\n      note\n      source {\n        ...SourceLine\n      }\n      grouping {\n        id\n        name\n        kind\n        code\n      }\n    }\n    conventionParties {\n      id\n      role\n      validFrom\n      validFromPrecision\n      validTo\n      source {\n        ...SourceLine\n      }\n      convention {\n        id\n        name\n        kind\n        code\n      }\n    }\n    filiereRoles {\n      id\n      level\n      detail\n      validFrom\n      validFromPrecision\n      validTo\n      source {\n        ...SourceLine\n      }\n      filiere {\n        id\n        name\n        specialty\n      }\n      establishment {\n        id\n        name\n      }\n    }\n  }\n": typeof types.LegalEntityDetailsFragmentDoc,
    "\n  fragment EstablishmentDetails on Establishment {\n    id\n    name\n    longName\n    finess\n    categoryCode\n    categoryLabel\n    categoryGroupLabel\n    address\n    postalCode\n    city\n    phone\n    latitude\n    longitude\n    validFrom\n    sitePrecision: validFromPrecision\n    validTo\n    source {\n      ...SourceLine\n    }\n    sources(first: 10) {\n      ...SourceLine\n    }\n    teamSites {\n      id\n      timeShare\n      validFrom\n      validFromPrecision\n      validTo\n      team {\n        id\n        name\n        specialty\n      }\n    }\n    legalEntity {\n      ...LegalEntityDetails\n    }\n  }\n": typeof types.EstablishmentDetailsFragmentDoc,
    "\n  fragment SourceLine on Source {\n    id\n    kind\n    title\n    reference\n    url\n    publisher\n    publishedOn\n  }\n": typeof types.SourceLineFragmentDoc,
    "\n  fragment GraphFields on CooperationGraph {\n    nodes {\n      id\n      kind: nodeKind\n      label\n      finess\n      code\n      category\n      latitude\n      longitude\n      departmentCode\n      regionCode\n    }\n    edges {\n      id\n      source\n      target\n      role\n      validFrom\n      validTo\n      weight\n    }\n    truncated\n    totalNodes\n    totalEdges\n    memberlessGroupings\n  }\n": typeof types.GraphFieldsFragmentDoc,
    "\n  query TerritoryGraph($filter: CooperationGraphFilter!) {\n    cooperationGraph(filter: $filter) {\n      ...GraphFields\n    }\n  }\n": typeof types.TerritoryGraphDocument,
    "\n  query NodeKind($id: ID!) {\n    node(id: $id) {\n      __typename\n      id\n    }\n  }\n": typeof types.NodeKindDocument,
    "\n  query Neighborhood($id: ID!, $depth: Int, $filter: CooperationGraphFilter) {\n    neighborhood(id: $id, depth: $depth, filter: $filter) {\n      ...GraphFields\n    }\n  }\n": typeof types.NeighborhoodDocument,
    "\n  query Path($from: ID!, $to: ID!, $filter: CooperationGraphFilter) {\n    cooperationPath(from: $from, to: $to, filter: $filter) {\n      ...GraphFields\n    }\n  }\n": typeof types.PathDocument,
    "\n  query Diff($filter: CooperationGraphFilter, $from: Date!, $to: Date!) {\n    cooperationDiff(filter: $filter, from: $from, to: $to) {\n      total\n      truncated\n      changes {\n        kind\n        date\n        edge {\n          id\n          source\n          target\n          role\n        }\n        source {\n          id\n          kind\n          label\n        }\n        target {\n          id\n          kind\n          label\n        }\n      }\n    }\n  }\n": typeof types.DiffDocument,
    "\n  query Viewer {\n    viewer {\n      name\n      role\n      territories\n      mayEdit\n      mayReadAudit\n    }\n  }\n": typeof types.ViewerDocument,
    "\n  query MayChange($id: ID!) {\n    viewer {\n      mayChange(id: $id)\n    }\n  }\n": typeof types.MayChangeDocument,
    "\n  query EditParent($id: ID!) {\n    node(id: $id) {\n      id\n      ... on Grouping {\n        name\n      }\n      ... on Convention {\n        name\n      }\n      ... on Filiere {\n        name\n      }\n      ... on MedicalTeam {\n        name\n      }\n    }\n  }\n": typeof types.EditParentDocument,
    "\n  query RecordHistory($id: ID!) {\n    auditEvents(first: 100, where: { entityID: $id }, orderBy: { field: AT, direction: DESC }) {\n      totalCount\n      edges {\n        node {\n          ...HistoryEvent\n        }\n      }\n    }\n  }\n": typeof types.RecordHistoryDocument,
    "\n  query RecentChanges {\n    auditEvents(first: 50, orderBy: { field: AT, direction: DESC }) {\n      totalCount\n      edges {\n        node {\n          ...HistoryEvent\n        }\n      }\n    }\n  }\n": typeof types.RecentChangesDocument,
    "\n  query TerritoryFeed($territory: ID!) {\n    auditEvents(first: 50, where: { hasTerritoriesWith: { id: $territory } }, orderBy: { field: AT, direction: DESC }) {\n      totalCount\n      edges {\n        node {\n          ...HistoryEvent\n        }\n      }\n    }\n  }\n": typeof types.TerritoryFeedDocument,
    "\n  fragment HistoryEvent on AuditEvent {\n    id\n    actor\n    at\n    operation\n    entityType\n    entityID\n    before\n    after\n  }\n": typeof types.HistoryEventFragmentDoc,
    "\n  query AuditNames($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      id\n      ... on LegalEntity {\n        name\n      }\n      ... on Establishment {\n        name\n      }\n      ... on Grouping {\n        name\n      }\n      ... on Convention {\n        name\n      }\n      ... on Filiere {\n        name\n      }\n      ... on MedicalTeam {\n        name\n      }\n      ... on Territory {\n        name\n      }\n      ... on Source {\n        title\n      }\n    }\n  }\n": typeof types.AuditNamesDocument,
    "\n  query EditSources($text: String!) {\n    sources(first: 8, where: { titleContainsFold: $text, kindNotIn: [REGISTER, SYNTHETIC] }) {\n      edges {\n        node {\n          id\n          kind\n          title\n          publisher\n          publishedOn\n        }\n      }\n    }\n  }\n": typeof types.EditSourcesDocument,
    "\n  query WorkFindings($filter: CooperationGraphFilter) {\n    cooperationChecks(filter: $filter) {\n      total\n      truncated\n      findings {\n        rule\n        severity\n        records\n        message\n        fixes {\n          action\n          record\n          organisation\n          role\n        }\n      }\n    }\n  }\n": typeof types.WorkFindingsDocument,
    "\n  query WorkRecordTypes($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      __typename\n      id\n    }\n  }\n": typeof types.WorkRecordTypesDocument,
    "\n  query WorkMemberSuggestions($region: String, $department: String) {\n    memberSuggestions(region: $region, department: $department, first: 50) {\n      address\n      grouping {\n        id\n        name\n      }\n      legalEntity {\n        id\n        name\n        finess\n      }\n      site {\n        id\n        name\n        finess\n      }\n    }\n  }\n": typeof types.WorkMemberSuggestionsDocument,
    "\n  mutation EditCreateSource($input: CreateSourceInput!) {\n    createSource(input: $input) {\n      id\n      title\n    }\n  }\n": typeof types.EditCreateSourceDocument,
    "\n  query EditEntitySites($id: ID!, $first: Int!) {\n    node(id: $id) {\n      __typename\n      id\n      ... on LegalEntity {\n        sites(first: $first) {\n          id\n          name\n          finess\n        }\n      }\n    }\n  }\n": typeof types.EditEntitySitesDocument,
    "\n  query EditProposedOrganisation($id: ID!) {\n    node(id: $id) {\n      __typename\n      id\n      ... on LegalEntity {\n        name\n        finess\n      }\n    }\n  }\n": typeof types.EditProposedOrganisationDocument,
    "\n    mutation EditCreateConvention($input: CreateConventionInput!) {\n      createConvention(input: $input) {\n        id\n      }\n    }\n  ": typeof types.EditCreateConventionDocument,
    "\n    mutation EditUpdateConvention($id: ID!, $v: Int!, $input: UpdateConventionInput!) {\n      updateConvention(id: $id, expectedVersion: $v, input: $input) {\n        id\n      }\n    }\n  ": typeof types.EditUpdateConventionDocument,
    "\n    mutation EditCloseConvention($id: ID!, $v: Int!, $to: Date!, $src: ID!) {\n      closeConvention(id: $id, expectedVersion: $v, validTo: $to, sourceID: $src) {\n        id\n      }\n    }\n  ": typeof types.EditCloseConventionDocument,
    "\n    mutation EditCreateParty($input: CreateConventionPartyInput!) {\n      createConventionParty(input: $input) {\n        id\n      }\n    }\n  ": typeof types.EditCreatePartyDocument,
    "\n    mutation EditUpdateParty($id: ID!, $v: Int!, $input: UpdateConventionPartyInput!) {\n      updateConventionParty(id: $id, expectedVersion: $v, input: $input) {\n        id\n      }\n    }\n  ": typeof types.EditUpdatePartyDocument,
    "\n    mutation EditCloseParty($id: ID!, $v: Int!, $to: Date!, $src: ID!) {\n      closeConventionParty(id: $id, expectedVersion: $v, validTo: $to, sourceID: $src) {\n        id\n      }\n    }\n  ": typeof types.EditClosePartyDocument,
    "\n    mutation EditCreateGrouping($input: CreateGroupingInput!) {\n      createGrouping(input: $input) {\n        id\n      }\n    }\n  ": typeof types.EditCreateGroupingDocument,
    "\n    mutation EditUpdateGrouping($id: ID!, $v: Int!, $input: UpdateGroupingInput!) {\n      updateGrouping(id: $id, expectedVersion: $v, input: $input) {\n        id\n      }\n    }\n  ": typeof types.EditUpdateGroupingDocument,
    "\n    mutation EditCloseGrouping($id: ID!, $v: Int!, $to: Date!, $src: ID!) {\n      closeGrouping(id: $id, expectedVersion: $v, validTo: $to, sourceID: $src) {\n        id\n      }\n    }\n  ": typeof types.EditCloseGroupingDocument,
    "\n    mutation EditCreateMembership($input: CreateMembershipInput!) {\n      createMembership(input: $input) {\n        id\n      }\n    }\n  ": typeof types.EditCreateMembershipDocument,
    "\n    mutation EditUpdateMembership($id: ID!, $v: Int!, $input: UpdateMembershipInput!) {\n      updateMembership(id: $id, expectedVersion: $v, input: $input) {\n        id\n      }\n    }\n  ": typeof types.EditUpdateMembershipDocument,
    "\n    mutation EditCloseMembership($id: ID!, $v: Int!, $to: Date!, $src: ID!) {\n      closeMembership(id: $id, expectedVersion: $v, validTo: $to, sourceID: $src) {\n        id\n      }\n    }\n  ": typeof types.EditCloseMembershipDocument,
    "\n    mutation EditCreateFiliere($input: CreateFiliereInput!) {\n      createFiliere(input: $input) {\n        id\n      }\n    }\n  ": typeof types.EditCreateFiliereDocument,
    "\n    mutation EditUpdateFiliere($id: ID!, $v: Int!, $input: UpdateFiliereInput!) {\n      updateFiliere(id: $id, expectedVersion: $v, input: $input) {\n        id\n      }\n    }\n  ": typeof types.EditUpdateFiliereDocument,
    "\n    mutation EditCloseFiliere($id: ID!, $v: Int!, $to: Date!, $src: ID!) {\n      closeFiliere(id: $id, expectedVersion: $v, validTo: $to, sourceID: $src) {\n        id\n      }\n    }\n  ": typeof types.EditCloseFiliereDocument,
    "\n    mutation EditCreateFiliereRole($input: CreateFiliereRoleInput!) {\n      createFiliereRole(input: $input) {\n        id\n      }\n    }\n  ": typeof types.EditCreateFiliereRoleDocument,
    "\n    mutation EditUpdateFiliereRole($id: ID!, $v: Int!, $input: UpdateFiliereRoleInput!) {\n      updateFiliereRole(id: $id, expectedVersion: $v, input: $input) {\n        id\n      }\n    }\n  ": typeof types.EditUpdateFiliereRoleDocument,
    "\n    mutation EditCloseFiliereRole($id: ID!, $v: Int!, $to: Date!, $src: ID!) {\n      closeFiliereRole(id: $id, expectedVersion: $v, validTo: $to, sourceID: $src) {\n        id\n      }\n    }\n  ": typeof types.EditCloseFiliereRoleDocument,
    "\n    mutation EditCreateMedicalTeam($input: CreateMedicalTeamInput!) {\n      createMedicalTeam(input: $input) {\n        id\n      }\n    }\n  ": typeof types.EditCreateMedicalTeamDocument,
    "\n    mutation EditUpdateMedicalTeam($id: ID!, $v: Int!, $input: UpdateMedicalTeamInput!) {\n      updateMedicalTeam(id: $id, expectedVersion: $v, input: $input) {\n        id\n      }\n    }\n  ": typeof types.EditUpdateMedicalTeamDocument,
    "\n    mutation EditCloseMedicalTeam($id: ID!, $v: Int!, $to: Date!, $src: ID!) {\n      closeMedicalTeam(id: $id, expectedVersion: $v, validTo: $to, sourceID: $src) {\n        id\n      }\n    }\n  ": typeof types.EditCloseMedicalTeamDocument,
    "\n    mutation EditCreateTeamSite($input: CreateTeamSiteInput!) {\n      createTeamSite(input: $input) {\n        id\n      }\n    }\n  ": typeof types.EditCreateTeamSiteDocument,
    "\n    mutation EditUpdateTeamSite($id: ID!, $v: Int!, $input: UpdateTeamSiteInput!) {\n      updateTeamSite(id: $id, expectedVersion: $v, input: $input) {\n        id\n      }\n    }\n  ": typeof types.EditUpdateTeamSiteDocument,
    "\n    mutation EditCloseTeamSite($id: ID!, $v: Int!, $to: Date!, $src: ID!) {\n      closeTeamSite(id: $id, expectedVersion: $v, validTo: $to, sourceID: $src) {\n        id\n      }\n    }\n  ": typeof types.EditCloseTeamSiteDocument,
    "\n  query EditRecord($id: ID!) {\n    node(id: $id) {\n      __typename\n      id\n      ... on Convention {\n        version\n        name\n        conventionKind: kind\n        code\n        domains\n        description\n        signedOn\n        validFrom\n        conventionPrecision: validFromPrecision\n        validTo\n        territory {\n          id\n        }\n        source {\n          id\n          title\n        }\n      }\n      ... on Grouping {\n        version\n        name\n        groupingKind: kind\n        code\n        validFrom\n        groupingPrecision: validFromPrecision\n        validTo\n        territory {\n          id\n        }\n        source {\n          id\n          title\n        }\n      }\n      ... on ConventionParty {\n        version\n        partyRole: role\n        designation\n        validFrom\n        partyPrecision: validFromPrecision\n        validTo\n        legalEntity {\n          id\n          name\n        }\n        sites {\n          id\n        }\n        convention {\n          id\n          name\n        }\n        source {\n          id\n          title\n        }\n      }\n      ... on Membership {\n        version\n        memberRole: role\n        validFrom\n        memberPrecision: validFromPrecision\n        validTo\n        member: legalEntity {\n          id\n          name\n        }\n        sites {\n          id\n        }\n        grouping {\n          id\n          name\n        }\n        source {\n          id\n          title\n        }\n      }\n      ... on Filiere {\n        version\n        name\n        filiereSpecialty: specialty\n        description\n        designations\n        validFrom\n        filierePrecision: validFromPrecision\n        validTo\n        territory {\n          id\n        }\n        source {\n          id\n          title\n        }\n      }\n      ... on FiliereRole {\n        version\n        level\n        detail\n        validFrom\n        rolePrecision: validFromPrecision\n        validTo\n        legalEntity {\n          id\n          name\n        }\n        roleSite: establishment {\n          id\n        }\n        filiere {\n          id\n          name\n        }\n        source {\n          id\n          title\n        }\n      }\n      ... on MedicalTeam {\n        version\n        name\n        teamSpecialty: specialty\n        description\n        validFrom\n        teamPrecision: validFromPrecision\n        validTo\n        teamConvention: convention {\n          id\n          name\n        }\n        teamGrouping: grouping {\n          id\n          name\n        }\n        source {\n          id\n          title\n        }\n      }\n      ... on TeamSite {\n        version\n        timeShare\n        validFrom\n        teamSitePrecision: validFromPrecision\n        validTo\n        site: establishment {\n          id\n          name\n        }\n        team {\n          id\n          name\n        }\n        source {\n          id\n          title\n        }\n      }\n    }\n  }\n": typeof types.EditRecordDocument,
};
const documents: Documents = {
    "\n  query TerritoryStats($code: String!, $kind: TerritoryKind, $asOf: Date) {\n    territoryStats(code: $code, kind: $kind, asOf: $asOf) {\n      sites\n      legalEntities\n      cooperatingLegalEntities\n      cooperatingShare\n      isolatedCount\n      isolated {\n        id\n        label\n        finess\n        category\n      }\n      groupingsByKind {\n        key\n        count\n      }\n    }\n  }\n": types.TerritoryStatsDocument,
    "\n  query Checks($filter: CooperationGraphFilter) {\n    cooperationChecks(filter: $filter) {\n      total\n      truncated\n      findings {\n        rule\n        severity\n        records\n        message\n      }\n    }\n  }\n": types.ChecksDocument,
    "\n  query NodeLabels($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      id\n      ... on Establishment {\n        name\n      }\n      ... on LegalEntity {\n        name\n      }\n    }\n  }\n": types.NodeLabelsDocument,
    "\n  query Registers {\n    registers {\n      register\n      syncedAt\n      source {\n        id\n        title\n        publishedOn\n        recordedAt\n      }\n    }\n  }\n": types.RegistersDocument,
    "\n  query Search($text: String!, $first: Int, $nodeKinds: [NodeKind!]) {\n    search(text: $text, first: $first, nodeKinds: $nodeKinds) {\n      kind: nodeKind\n      label\n      finess\n      score\n      node {\n        __typename\n        id\n        ... on Territory {\n          code\n          kind\n          latitude\n          longitude\n        }\n      }\n    }\n  }\n": types.SearchDocument,
    "\n  query NodeDetails($id: ID!, $asOf: Date) {\n    node(id: $id) {\n      __typename\n      id\n      ...EstablishmentDetails\n      ...LegalEntityDetails\n      ...GroupingDetails\n      ...ConventionDetails\n      ...FiliereDetails\n      ...TeamDetails\n      ...TerritoryDetails\n    }\n  }\n": types.NodeDetailsDocument,
    "\n  query Territories {\n    territories(first: 200, where: { kindIn: [REGION, DEPARTMENT] }, orderBy: { field: CODE, direction: ASC }) {\n      edges {\n        node {\n          id\n          kind\n          code\n          name\n          parent {\n            code\n          }\n        }\n      }\n    }\n  }\n": types.TerritoriesDocument,
    "\n  fragment GroupingDetails on Grouping {\n    id\n    groupingKind: kind\n    code\n    groupingFiness: finess\n    name\n    description\n    departmentCode\n    validFrom\n    groupingPrecision: validFromPrecision\n    validTo\n    source {\n      ...SourceLine\n    }\n    territory {\n      id\n      kind\n      code\n      name\n    }\n    ownLegalEntity: legalEntity {\n      id\n      name\n      finess\n    }\n    membersKnown\n    # Priced by their bounds (graph/bounds.go): the named sites of a\n    # membership are a few; 50 keeps the query cheap.\n    memberships(first: 500) {\n      id\n      role\n      validFrom\n      validFromPrecision\n      validTo\n      note\n      memberRef\n      source {\n        ...SourceLine\n      }\n      legalEntity {\n        id\n        name\n        finess\n      }\n      sites(first: 50) {\n        id\n        name\n        finess\n      }\n    }\n    medicalTeams {\n      id\n      name\n      specialty\n    }\n  }\n": types.GroupingDetailsFragmentDoc,
    "\n  fragment ConventionDetails on Convention {\n    id\n    name\n    conventionKind: kind\n    code\n    domains\n    description\n    signedOn\n    validFrom\n    conventionPrecision: validFromPrecision\n    validTo\n    source {\n      ...SourceLine\n    }\n    territory {\n      id\n      name\n      code\n    }\n    parties {\n      id\n      role\n      designation\n      validFrom\n      validFromPrecision\n      validTo\n      source {\n        ...SourceLine\n      }\n      legalEntity {\n        id\n        name\n        finess\n      }\n    }\n    filieres {\n      id\n      name\n      specialty\n    }\n    medicalTeams {\n      id\n      name\n    }\n  }\n": types.ConventionDetailsFragmentDoc,
    "\n  fragment FiliereDetails on Filiere {\n    id\n    name\n    specialty\n    description\n    validFrom\n    filierePrecision: validFromPrecision\n    validTo\n    source {\n      ...SourceLine\n    }\n    convention {\n      id\n      name\n    }\n    territory {\n      id\n      name\n    }\n    roles {\n      id\n      level\n      detail\n      validFrom\n      validFromPrecision\n      validTo\n      legalEntity {\n        id\n        name\n      }\n      establishment {\n        id\n        name\n      }\n    }\n  }\n": types.FiliereDetailsFragmentDoc,
    "\n  fragment TeamDetails on MedicalTeam {\n    id\n    name\n    teamSpecialty: specialty\n    description\n    validFrom\n    teamPrecision: validFromPrecision\n    validTo\n    source {\n      ...SourceLine\n    }\n    convention {\n      id\n      name\n    }\n    grouping {\n      id\n      name\n    }\n    sites {\n      id\n      timeShare\n      validFrom\n      validFromPrecision\n      validTo\n      establishment {\n        id\n        name\n        finess\n      }\n    }\n  }\n": types.TeamDetailsFragmentDoc,
    "\n  fragment TerritoryDetails on Territory {\n    id\n    name\n    kind\n    territoryCode: code\n    population\n  }\n": types.TerritoryDetailsFragmentDoc,
    "\n  fragment LegalEntityDetails on LegalEntity {\n    id\n    name\n    finess\n    nameDerived\n    legalStatus\n    publicStatus\n    validFrom\n    entityPrecision: validFromPrecision\n    validTo\n    source {\n      ...SourceLine\n    }\n    sources(first: 10) {\n      ...SourceLine\n    }\n    sites(asOf: $asOf) {\n      id\n      name\n      finess\n      categoryLabel\n      city\n    }\n    memberships {\n      id\n      role\n      validFrom\n      validFromPrecision\n      validTo\n      note\n      source {\n        ...SourceLine\n      }\n      grouping {\n        id\n        name\n        kind\n        code\n      }\n    }\n    conventionParties {\n      id\n      role\n      validFrom\n      validFromPrecision\n      validTo\n      source {\n        ...SourceLine\n      }\n      convention {\n        id\n        name\n        kind\n        code\n      }\n    }\n    filiereRoles {\n      id\n      level\n      detail\n      validFrom\n      validFromPrecision\n      validTo\n      source {\n        ...SourceLine\n      }\n      filiere {\n        id\n        name\n        specialty\n      }\n      establishment {\n        id\n        name\n      }\n    }\n  }\n": types.LegalEntityDetailsFragmentDoc,
    "\n  fragment EstablishmentDetails on Establishment {\n    id\n    name\n    longName\n    finess\n    categoryCode\n    categoryLabel\n    categoryGroupLabel\n    address\n    postalCode\n    city\n    phone\n    latitude\n    longitude\n    validFrom\n    sitePrecision: validFromPrecision\n    validTo\n    source {\n      ...SourceLine\n    }\n    sources(first: 10) {\n      ...SourceLine\n    }\n    teamSites {\n      id\n      timeShare\n      validFrom\n      validFromPrecision\n      validTo\n      team {\n        id\n        name\n        specialty\n      }\n    }\n    legalEntity {\n      ...LegalEntityDetails\n    }\n  }\n": types.EstablishmentDetailsFragmentDoc,
    "\n  fragment SourceLine on Source {\n    id\n    kind\n    title\n    reference\n    url\n    publisher\n    publishedOn\n  }\n": types.SourceLineFragmentDoc,
    "\n  fragment GraphFields on CooperationGraph {\n    nodes {\n      id\n      kind: nodeKind\n      label\n      finess\n      code\n      category\n      latitude\n      longitude\n      departmentCode\n      regionCode\n    }\n    edges {\n      id\n      source\n      target\n      role\n      validFrom\n      validTo\n      weight\n    }\n    truncated\n    totalNodes\n    totalEdges\n    memberlessGroupings\n  }\n": types.GraphFieldsFragmentDoc,
    "\n  query TerritoryGraph($filter: CooperationGraphFilter!) {\n    cooperationGraph(filter: $filter) {\n      ...GraphFields\n    }\n  }\n": types.TerritoryGraphDocument,
    "\n  query NodeKind($id: ID!) {\n    node(id: $id) {\n      __typename\n      id\n    }\n  }\n": types.NodeKindDocument,
    "\n  query Neighborhood($id: ID!, $depth: Int, $filter: CooperationGraphFilter) {\n    neighborhood(id: $id, depth: $depth, filter: $filter) {\n      ...GraphFields\n    }\n  }\n": types.NeighborhoodDocument,
    "\n  query Path($from: ID!, $to: ID!, $filter: CooperationGraphFilter) {\n    cooperationPath(from: $from, to: $to, filter: $filter) {\n      ...GraphFields\n    }\n  }\n": types.PathDocument,
    "\n  query Diff($filter: CooperationGraphFilter, $from: Date!, $to: Date!) {\n    cooperationDiff(filter: $filter, from: $from, to: $to) {\n      total\n      truncated\n      changes {\n        kind\n        date\n        edge {\n          id\n          source\n          target\n          role\n        }\n        source {\n          id\n          kind\n          label\n        }\n        target {\n          id\n          kind\n          label\n        }\n      }\n    }\n  }\n": types.DiffDocument,
    "\n  query Viewer {\n    viewer {\n      name\n      role\n      territories\n      mayEdit\n      mayReadAudit\n    }\n  }\n": types.ViewerDocument,
    "\n  query MayChange($id: ID!) {\n    viewer {\n      mayChange(id: $id)\n    }\n  }\n": types.MayChangeDocument,
    "\n  query EditParent($id: ID!) {\n    node(id: $id) {\n      id\n      ... on Grouping {\n        name\n      }\n      ... on Convention {\n        name\n      }\n      ... on Filiere {\n        name\n      }\n      ... on MedicalTeam {\n        name\n      }\n    }\n  }\n": types.EditParentDocument,
    "\n  query RecordHistory($id: ID!) {\n    auditEvents(first: 100, where: { entityID: $id }, orderBy: { field: AT, direction: DESC }) {\n      totalCount\n      edges {\n        node {\n          ...HistoryEvent\n        }\n      }\n    }\n  }\n": types.RecordHistoryDocument,
    "\n  query RecentChanges {\n    auditEvents(first: 50, orderBy: { field: AT, direction: DESC }) {\n      totalCount\n      edges {\n        node {\n          ...HistoryEvent\n        }\n      }\n    }\n  }\n": types.RecentChangesDocument,
    "\n  query TerritoryFeed($territory: ID!) {\n    auditEvents(first: 50, where: { hasTerritoriesWith: { id: $territory } }, orderBy: { field: AT, direction: DESC }) {\n      totalCount\n      edges {\n        node {\n          ...HistoryEvent\n        }\n      }\n    }\n  }\n": types.TerritoryFeedDocument,
    "\n  fragment HistoryEvent on AuditEvent {\n    id\n    actor\n    at\n    operation\n    entityType\n    entityID\n    before\n    after\n  }\n": types.HistoryEventFragmentDoc,
    "\n  query AuditNames($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      id\n      ... on LegalEntity {\n        name\n      }\n      ... on Establishment {\n        name\n      }\n      ... on Grouping {\n        name\n      }\n      ... on Convention {\n        name\n      }\n      ... on Filiere {\n        name\n      }\n      ... on MedicalTeam {\n        name\n      }\n      ... on Territory {\n        name\n      }\n      ... on Source {\n        title\n      }\n    }\n  }\n": types.AuditNamesDocument,
    "\n  query EditSources($text: String!) {\n    sources(first: 8, where: { titleContainsFold: $text, kindNotIn: [REGISTER, SYNTHETIC] }) {\n      edges {\n        node {\n          id\n          kind\n          title\n          publisher\n          publishedOn\n        }\n      }\n    }\n  }\n": types.EditSourcesDocument,
    "\n  query WorkFindings($filter: CooperationGraphFilter) {\n    cooperationChecks(filter: $filter) {\n      total\n      truncated\n      findings {\n        rule\n        severity\n        records\n        message\n        fixes {\n          action\n          record\n          organisation\n          role\n        }\n      }\n    }\n  }\n": types.WorkFindingsDocument,
    "\n  query WorkRecordTypes($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      __typename\n      id\n    }\n  }\n": types.WorkRecordTypesDocument,
    "\n  query WorkMemberSuggestions($region: String, $department: String) {\n    memberSuggestions(region: $region, department: $department, first: 50) {\n      address\n      grouping {\n        id\n        name\n      }\n      legalEntity {\n        id\n        name\n        finess\n      }\n      site {\n        id\n        name\n        finess\n      }\n    }\n  }\n": types.WorkMemberSuggestionsDocument,
    "\n  mutation EditCreateSource($input: CreateSourceInput!) {\n    createSource(input: $input) {\n      id\n      title\n    }\n  }\n": types.EditCreateSourceDocument,
    "\n  query EditEntitySites($id: ID!, $first: Int!) {\n    node(id: $id) {\n      __typename\n      id\n      ... on LegalEntity {\n        sites(first: $first) {\n          id\n          name\n          finess\n        }\n      }\n    }\n  }\n": types.EditEntitySitesDocument,
    "\n  query EditProposedOrganisation($id: ID!) {\n    node(id: $id) {\n      __typename\n      id\n      ... on LegalEntity {\n        name\n        finess\n      }\n    }\n  }\n": types.EditProposedOrganisationDocument,
    "\n    mutation EditCreateConvention($input: CreateConventionInput!) {\n      createConvention(input: $input) {\n        id\n      }\n    }\n  ": types.EditCreateConventionDocument,
    "\n    mutation EditUpdateConvention($id: ID!, $v: Int!, $input: UpdateConventionInput!) {\n      updateConvention(id: $id, expectedVersion: $v, input: $input) {\n        id\n      }\n    }\n  ": types.EditUpdateConventionDocument,
    "\n    mutation EditCloseConvention($id: ID!, $v: Int!, $to: Date!, $src: ID!) {\n      closeConvention(id: $id, expectedVersion: $v, validTo: $to, sourceID: $src) {\n        id\n      }\n    }\n  ": types.EditCloseConventionDocument,
    "\n    mutation EditCreateParty($input: CreateConventionPartyInput!) {\n      createConventionParty(input: $input) {\n        id\n      }\n    }\n  ": types.EditCreatePartyDocument,
    "\n    mutation EditUpdateParty($id: ID!, $v: Int!, $input: UpdateConventionPartyInput!) {\n      updateConventionParty(id: $id, expectedVersion: $v, input: $input) {\n        id\n      }\n    }\n  ": types.EditUpdatePartyDocument,
    "\n    mutation EditCloseParty($id: ID!, $v: Int!, $to: Date!, $src: ID!) {\n      closeConventionParty(id: $id, expectedVersion: $v, validTo: $to, sourceID: $src) {\n        id\n      }\n    }\n  ": types.EditClosePartyDocument,
    "\n    mutation EditCreateGrouping($input: CreateGroupingInput!) {\n      createGrouping(input: $input) {\n        id\n      }\n    }\n  ": types.EditCreateGroupingDocument,
    "\n    mutation EditUpdateGrouping($id: ID!, $v: Int!, $input: UpdateGroupingInput!) {\n      updateGrouping(id: $id, expectedVersion: $v, input: $input) {\n        id\n      }\n    }\n  ": types.EditUpdateGroupingDocument,
    "\n    mutation EditCloseGrouping($id: ID!, $v: Int!, $to: Date!, $src: ID!) {\n      closeGrouping(id: $id, expectedVersion: $v, validTo: $to, sourceID: $src) {\n        id\n      }\n    }\n  ": types.EditCloseGroupingDocument,
    "\n    mutation EditCreateMembership($input: CreateMembershipInput!) {\n      createMembership(input: $input) {\n        id\n      }\n    }\n  ": types.EditCreateMembershipDocument,
    "\n    mutation EditUpdateMembership($id: ID!, $v: Int!, $input: UpdateMembershipInput!) {\n      updateMembership(id: $id, expectedVersion: $v, input: $input) {\n        id\n      }\n    }\n  ": types.EditUpdateMembershipDocument,
    "\n    mutation EditCloseMembership($id: ID!, $v: Int!, $to: Date!, $src: ID!) {\n      closeMembership(id: $id, expectedVersion: $v, validTo: $to, sourceID: $src) {\n        id\n      }\n    }\n  ": types.EditCloseMembershipDocument,
    "\n    mutation EditCreateFiliere($input: CreateFiliereInput!) {\n      createFiliere(input: $input) {\n        id\n      }\n    }\n  ": types.EditCreateFiliereDocument,
    "\n    mutation EditUpdateFiliere($id: ID!, $v: Int!, $input: UpdateFiliereInput!) {\n      updateFiliere(id: $id, expectedVersion: $v, input: $input) {\n        id\n      }\n    }\n  ": types.EditUpdateFiliereDocument,
    "\n    mutation EditCloseFiliere($id: ID!, $v: Int!, $to: Date!, $src: ID!) {\n      closeFiliere(id: $id, expectedVersion: $v, validTo: $to, sourceID: $src) {\n        id\n      }\n    }\n  ": types.EditCloseFiliereDocument,
    "\n    mutation EditCreateFiliereRole($input: CreateFiliereRoleInput!) {\n      createFiliereRole(input: $input) {\n        id\n      }\n    }\n  ": types.EditCreateFiliereRoleDocument,
    "\n    mutation EditUpdateFiliereRole($id: ID!, $v: Int!, $input: UpdateFiliereRoleInput!) {\n      updateFiliereRole(id: $id, expectedVersion: $v, input: $input) {\n        id\n      }\n    }\n  ": types.EditUpdateFiliereRoleDocument,
    "\n    mutation EditCloseFiliereRole($id: ID!, $v: Int!, $to: Date!, $src: ID!) {\n      closeFiliereRole(id: $id, expectedVersion: $v, validTo: $to, sourceID: $src) {\n        id\n      }\n    }\n  ": types.EditCloseFiliereRoleDocument,
    "\n    mutation EditCreateMedicalTeam($input: CreateMedicalTeamInput!) {\n      createMedicalTeam(input: $input) {\n        id\n      }\n    }\n  ": types.EditCreateMedicalTeamDocument,
    "\n    mutation EditUpdateMedicalTeam($id: ID!, $v: Int!, $input: UpdateMedicalTeamInput!) {\n      updateMedicalTeam(id: $id, expectedVersion: $v, input: $input) {\n        id\n      }\n    }\n  ": types.EditUpdateMedicalTeamDocument,
    "\n    mutation EditCloseMedicalTeam($id: ID!, $v: Int!, $to: Date!, $src: ID!) {\n      closeMedicalTeam(id: $id, expectedVersion: $v, validTo: $to, sourceID: $src) {\n        id\n      }\n    }\n  ": types.EditCloseMedicalTeamDocument,
    "\n    mutation EditCreateTeamSite($input: CreateTeamSiteInput!) {\n      createTeamSite(input: $input) {\n        id\n      }\n    }\n  ": types.EditCreateTeamSiteDocument,
    "\n    mutation EditUpdateTeamSite($id: ID!, $v: Int!, $input: UpdateTeamSiteInput!) {\n      updateTeamSite(id: $id, expectedVersion: $v, input: $input) {\n        id\n      }\n    }\n  ": types.EditUpdateTeamSiteDocument,
    "\n    mutation EditCloseTeamSite($id: ID!, $v: Int!, $to: Date!, $src: ID!) {\n      closeTeamSite(id: $id, expectedVersion: $v, validTo: $to, sourceID: $src) {\n        id\n      }\n    }\n  ": types.EditCloseTeamSiteDocument,
    "\n  query EditRecord($id: ID!) {\n    node(id: $id) {\n      __typename\n      id\n      ... on Convention {\n        version\n        name\n        conventionKind: kind\n        code\n        domains\n        description\n        signedOn\n        validFrom\n        conventionPrecision: validFromPrecision\n        validTo\n        territory {\n          id\n        }\n        source {\n          id\n          title\n        }\n      }\n      ... on Grouping {\n        version\n        name\n        groupingKind: kind\n        code\n        validFrom\n        groupingPrecision: validFromPrecision\n        validTo\n        territory {\n          id\n        }\n        source {\n          id\n          title\n        }\n      }\n      ... on ConventionParty {\n        version\n        partyRole: role\n        designation\n        validFrom\n        partyPrecision: validFromPrecision\n        validTo\n        legalEntity {\n          id\n          name\n        }\n        sites {\n          id\n        }\n        convention {\n          id\n          name\n        }\n        source {\n          id\n          title\n        }\n      }\n      ... on Membership {\n        version\n        memberRole: role\n        validFrom\n        memberPrecision: validFromPrecision\n        validTo\n        member: legalEntity {\n          id\n          name\n        }\n        sites {\n          id\n        }\n        grouping {\n          id\n          name\n        }\n        source {\n          id\n          title\n        }\n      }\n      ... on Filiere {\n        version\n        name\n        filiereSpecialty: specialty\n        description\n        designations\n        validFrom\n        filierePrecision: validFromPrecision\n        validTo\n        territory {\n          id\n        }\n        source {\n          id\n          title\n        }\n      }\n      ... on FiliereRole {\n        version\n        level\n        detail\n        validFrom\n        rolePrecision: validFromPrecision\n        validTo\n        legalEntity {\n          id\n          name\n        }\n        roleSite: establishment {\n          id\n        }\n        filiere {\n          id\n          name\n        }\n        source {\n          id\n          title\n        }\n      }\n      ... on MedicalTeam {\n        version\n        name\n        teamSpecialty: specialty\n        description\n        validFrom\n        teamPrecision: validFromPrecision\n        validTo\n        teamConvention: convention {\n          id\n          name\n        }\n        teamGrouping: grouping {\n          id\n          name\n        }\n        source {\n          id\n          title\n        }\n      }\n      ... on TeamSite {\n        version\n        timeShare\n        validFrom\n        teamSitePrecision: validFromPrecision\n        validTo\n        site: establishment {\n          id\n          name\n        }\n        team {\n          id\n          name\n        }\n        source {\n          id\n          title\n        }\n      }\n    }\n  }\n": types.EditRecordDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TerritoryStats($code: String!, $kind: TerritoryKind, $asOf: Date) {\n    territoryStats(code: $code, kind: $kind, asOf: $asOf) {\n      sites\n      legalEntities\n      cooperatingLegalEntities\n      cooperatingShare\n      isolatedCount\n      isolated {\n        id\n        label\n        finess\n        category\n      }\n      groupingsByKind {\n        key\n        count\n      }\n    }\n  }\n"): typeof import('./graphql').TerritoryStatsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Checks($filter: CooperationGraphFilter) {\n    cooperationChecks(filter: $filter) {\n      total\n      truncated\n      findings {\n        rule\n        severity\n        records\n        message\n      }\n    }\n  }\n"): typeof import('./graphql').ChecksDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NodeLabels($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      id\n      ... on Establishment {\n        name\n      }\n      ... on LegalEntity {\n        name\n      }\n    }\n  }\n"): typeof import('./graphql').NodeLabelsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Registers {\n    registers {\n      register\n      syncedAt\n      source {\n        id\n        title\n        publishedOn\n        recordedAt\n      }\n    }\n  }\n"): typeof import('./graphql').RegistersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Search($text: String!, $first: Int, $nodeKinds: [NodeKind!]) {\n    search(text: $text, first: $first, nodeKinds: $nodeKinds) {\n      kind: nodeKind\n      label\n      finess\n      score\n      node {\n        __typename\n        id\n        ... on Territory {\n          code\n          kind\n          latitude\n          longitude\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').SearchDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NodeDetails($id: ID!, $asOf: Date) {\n    node(id: $id) {\n      __typename\n      id\n      ...EstablishmentDetails\n      ...LegalEntityDetails\n      ...GroupingDetails\n      ...ConventionDetails\n      ...FiliereDetails\n      ...TeamDetails\n      ...TerritoryDetails\n    }\n  }\n"): typeof import('./graphql').NodeDetailsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Territories {\n    territories(first: 200, where: { kindIn: [REGION, DEPARTMENT] }, orderBy: { field: CODE, direction: ASC }) {\n      edges {\n        node {\n          id\n          kind\n          code\n          name\n          parent {\n            code\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').TerritoriesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment GroupingDetails on Grouping {\n    id\n    groupingKind: kind\n    code\n    groupingFiness: finess\n    name\n    description\n    departmentCode\n    validFrom\n    groupingPrecision: validFromPrecision\n    validTo\n    source {\n      ...SourceLine\n    }\n    territory {\n      id\n      kind\n      code\n      name\n    }\n    ownLegalEntity: legalEntity {\n      id\n      name\n      finess\n    }\n    membersKnown\n    # Priced by their bounds (graph/bounds.go): the named sites of a\n    # membership are a few; 50 keeps the query cheap.\n    memberships(first: 500) {\n      id\n      role\n      validFrom\n      validFromPrecision\n      validTo\n      note\n      memberRef\n      source {\n        ...SourceLine\n      }\n      legalEntity {\n        id\n        name\n        finess\n      }\n      sites(first: 50) {\n        id\n        name\n        finess\n      }\n    }\n    medicalTeams {\n      id\n      name\n      specialty\n    }\n  }\n"): typeof import('./graphql').GroupingDetailsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ConventionDetails on Convention {\n    id\n    name\n    conventionKind: kind\n    code\n    domains\n    description\n    signedOn\n    validFrom\n    conventionPrecision: validFromPrecision\n    validTo\n    source {\n      ...SourceLine\n    }\n    territory {\n      id\n      name\n      code\n    }\n    parties {\n      id\n      role\n      designation\n      validFrom\n      validFromPrecision\n      validTo\n      source {\n        ...SourceLine\n      }\n      legalEntity {\n        id\n        name\n        finess\n      }\n    }\n    filieres {\n      id\n      name\n      specialty\n    }\n    medicalTeams {\n      id\n      name\n    }\n  }\n"): typeof import('./graphql').ConventionDetailsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment FiliereDetails on Filiere {\n    id\n    name\n    specialty\n    description\n    validFrom\n    filierePrecision: validFromPrecision\n    validTo\n    source {\n      ...SourceLine\n    }\n    convention {\n      id\n      name\n    }\n    territory {\n      id\n      name\n    }\n    roles {\n      id\n      level\n      detail\n      validFrom\n      validFromPrecision\n      validTo\n      legalEntity {\n        id\n        name\n      }\n      establishment {\n        id\n        name\n      }\n    }\n  }\n"): typeof import('./graphql').FiliereDetailsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TeamDetails on MedicalTeam {\n    id\n    name\n    teamSpecialty: specialty\n    description\n    validFrom\n    teamPrecision: validFromPrecision\n    validTo\n    source {\n      ...SourceLine\n    }\n    convention {\n      id\n      name\n    }\n    grouping {\n      id\n      name\n    }\n    sites {\n      id\n      timeShare\n      validFrom\n      validFromPrecision\n      validTo\n      establishment {\n        id\n        name\n        finess\n      }\n    }\n  }\n"): typeof import('./graphql').TeamDetailsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TerritoryDetails on Territory {\n    id\n    name\n    kind\n    territoryCode: code\n    population\n  }\n"): typeof import('./graphql').TerritoryDetailsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LegalEntityDetails on LegalEntity {\n    id\n    name\n    finess\n    nameDerived\n    legalStatus\n    publicStatus\n    validFrom\n    entityPrecision: validFromPrecision\n    validTo\n    source {\n      ...SourceLine\n    }\n    sources(first: 10) {\n      ...SourceLine\n    }\n    sites(asOf: $asOf) {\n      id\n      name\n      finess\n      categoryLabel\n      city\n    }\n    memberships {\n      id\n      role\n      validFrom\n      validFromPrecision\n      validTo\n      note\n      source {\n        ...SourceLine\n      }\n      grouping {\n        id\n        name\n        kind\n        code\n      }\n    }\n    conventionParties {\n      id\n      role\n      validFrom\n      validFromPrecision\n      validTo\n      source {\n        ...SourceLine\n      }\n      convention {\n        id\n        name\n        kind\n        code\n      }\n    }\n    filiereRoles {\n      id\n      level\n      detail\n      validFrom\n      validFromPrecision\n      validTo\n      source {\n        ...SourceLine\n      }\n      filiere {\n        id\n        name\n        specialty\n      }\n      establishment {\n        id\n        name\n      }\n    }\n  }\n"): typeof import('./graphql').LegalEntityDetailsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment EstablishmentDetails on Establishment {\n    id\n    name\n    longName\n    finess\n    categoryCode\n    categoryLabel\n    categoryGroupLabel\n    address\n    postalCode\n    city\n    phone\n    latitude\n    longitude\n    validFrom\n    sitePrecision: validFromPrecision\n    validTo\n    source {\n      ...SourceLine\n    }\n    sources(first: 10) {\n      ...SourceLine\n    }\n    teamSites {\n      id\n      timeShare\n      validFrom\n      validFromPrecision\n      validTo\n      team {\n        id\n        name\n        specialty\n      }\n    }\n    legalEntity {\n      ...LegalEntityDetails\n    }\n  }\n"): typeof import('./graphql').EstablishmentDetailsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SourceLine on Source {\n    id\n    kind\n    title\n    reference\n    url\n    publisher\n    publishedOn\n  }\n"): typeof import('./graphql').SourceLineFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment GraphFields on CooperationGraph {\n    nodes {\n      id\n      kind: nodeKind\n      label\n      finess\n      code\n      category\n      latitude\n      longitude\n      departmentCode\n      regionCode\n    }\n    edges {\n      id\n      source\n      target\n      role\n      validFrom\n      validTo\n      weight\n    }\n    truncated\n    totalNodes\n    totalEdges\n    memberlessGroupings\n  }\n"): typeof import('./graphql').GraphFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TerritoryGraph($filter: CooperationGraphFilter!) {\n    cooperationGraph(filter: $filter) {\n      ...GraphFields\n    }\n  }\n"): typeof import('./graphql').TerritoryGraphDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NodeKind($id: ID!) {\n    node(id: $id) {\n      __typename\n      id\n    }\n  }\n"): typeof import('./graphql').NodeKindDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Neighborhood($id: ID!, $depth: Int, $filter: CooperationGraphFilter) {\n    neighborhood(id: $id, depth: $depth, filter: $filter) {\n      ...GraphFields\n    }\n  }\n"): typeof import('./graphql').NeighborhoodDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Path($from: ID!, $to: ID!, $filter: CooperationGraphFilter) {\n    cooperationPath(from: $from, to: $to, filter: $filter) {\n      ...GraphFields\n    }\n  }\n"): typeof import('./graphql').PathDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Diff($filter: CooperationGraphFilter, $from: Date!, $to: Date!) {\n    cooperationDiff(filter: $filter, from: $from, to: $to) {\n      total\n      truncated\n      changes {\n        kind\n        date\n        edge {\n          id\n          source\n          target\n          role\n        }\n        source {\n          id\n          kind\n          label\n        }\n        target {\n          id\n          kind\n          label\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').DiffDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer {\n    viewer {\n      name\n      role\n      territories\n      mayEdit\n      mayReadAudit\n    }\n  }\n"): typeof import('./graphql').ViewerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MayChange($id: ID!) {\n    viewer {\n      mayChange(id: $id)\n    }\n  }\n"): typeof import('./graphql').MayChangeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EditParent($id: ID!) {\n    node(id: $id) {\n      id\n      ... on Grouping {\n        name\n      }\n      ... on Convention {\n        name\n      }\n      ... on Filiere {\n        name\n      }\n      ... on MedicalTeam {\n        name\n      }\n    }\n  }\n"): typeof import('./graphql').EditParentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RecordHistory($id: ID!) {\n    auditEvents(first: 100, where: { entityID: $id }, orderBy: { field: AT, direction: DESC }) {\n      totalCount\n      edges {\n        node {\n          ...HistoryEvent\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').RecordHistoryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RecentChanges {\n    auditEvents(first: 50, orderBy: { field: AT, direction: DESC }) {\n      totalCount\n      edges {\n        node {\n          ...HistoryEvent\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').RecentChangesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TerritoryFeed($territory: ID!) {\n    auditEvents(first: 50, where: { hasTerritoriesWith: { id: $territory } }, orderBy: { field: AT, direction: DESC }) {\n      totalCount\n      edges {\n        node {\n          ...HistoryEvent\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').TerritoryFeedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment HistoryEvent on AuditEvent {\n    id\n    actor\n    at\n    operation\n    entityType\n    entityID\n    before\n    after\n  }\n"): typeof import('./graphql').HistoryEventFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditNames($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      id\n      ... on LegalEntity {\n        name\n      }\n      ... on Establishment {\n        name\n      }\n      ... on Grouping {\n        name\n      }\n      ... on Convention {\n        name\n      }\n      ... on Filiere {\n        name\n      }\n      ... on MedicalTeam {\n        name\n      }\n      ... on Territory {\n        name\n      }\n      ... on Source {\n        title\n      }\n    }\n  }\n"): typeof import('./graphql').AuditNamesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EditSources($text: String!) {\n    sources(first: 8, where: { titleContainsFold: $text, kindNotIn: [REGISTER, SYNTHETIC] }) {\n      edges {\n        node {\n          id\n          kind\n          title\n          publisher\n          publishedOn\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').EditSourcesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkFindings($filter: CooperationGraphFilter) {\n    cooperationChecks(filter: $filter) {\n      total\n      truncated\n      findings {\n        rule\n        severity\n        records\n        message\n        fixes {\n          action\n          record\n          organisation\n          role\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').WorkFindingsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkRecordTypes($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      __typename\n      id\n    }\n  }\n"): typeof import('./graphql').WorkRecordTypesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkMemberSuggestions($region: String, $department: String) {\n    memberSuggestions(region: $region, department: $department, first: 50) {\n      address\n      grouping {\n        id\n        name\n      }\n      legalEntity {\n        id\n        name\n        finess\n      }\n      site {\n        id\n        name\n        finess\n      }\n    }\n  }\n"): typeof import('./graphql').WorkMemberSuggestionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EditCreateSource($input: CreateSourceInput!) {\n    createSource(input: $input) {\n      id\n      title\n    }\n  }\n"): typeof import('./graphql').EditCreateSourceDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EditEntitySites($id: ID!, $first: Int!) {\n    node(id: $id) {\n      __typename\n      id\n      ... on LegalEntity {\n        sites(first: $first) {\n          id\n          name\n          finess\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').EditEntitySitesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EditProposedOrganisation($id: ID!) {\n    node(id: $id) {\n      __typename\n      id\n      ... on LegalEntity {\n        name\n        finess\n      }\n    }\n  }\n"): typeof import('./graphql').EditProposedOrganisationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation EditCreateConvention($input: CreateConventionInput!) {\n      createConvention(input: $input) {\n        id\n      }\n    }\n  "): typeof import('./graphql').EditCreateConventionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation EditUpdateConvention($id: ID!, $v: Int!, $input: UpdateConventionInput!) {\n      updateConvention(id: $id, expectedVersion: $v, input: $input) {\n        id\n      }\n    }\n  "): typeof import('./graphql').EditUpdateConventionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation EditCloseConvention($id: ID!, $v: Int!, $to: Date!, $src: ID!) {\n      closeConvention(id: $id, expectedVersion: $v, validTo: $to, sourceID: $src) {\n        id\n      }\n    }\n  "): typeof import('./graphql').EditCloseConventionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation EditCreateParty($input: CreateConventionPartyInput!) {\n      createConventionParty(input: $input) {\n        id\n      }\n    }\n  "): typeof import('./graphql').EditCreatePartyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation EditUpdateParty($id: ID!, $v: Int!, $input: UpdateConventionPartyInput!) {\n      updateConventionParty(id: $id, expectedVersion: $v, input: $input) {\n        id\n      }\n    }\n  "): typeof import('./graphql').EditUpdatePartyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation EditCloseParty($id: ID!, $v: Int!, $to: Date!, $src: ID!) {\n      closeConventionParty(id: $id, expectedVersion: $v, validTo: $to, sourceID: $src) {\n        id\n      }\n    }\n  "): typeof import('./graphql').EditClosePartyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation EditCreateGrouping($input: CreateGroupingInput!) {\n      createGrouping(input: $input) {\n        id\n      }\n    }\n  "): typeof import('./graphql').EditCreateGroupingDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation EditUpdateGrouping($id: ID!, $v: Int!, $input: UpdateGroupingInput!) {\n      updateGrouping(id: $id, expectedVersion: $v, input: $input) {\n        id\n      }\n    }\n  "): typeof import('./graphql').EditUpdateGroupingDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation EditCloseGrouping($id: ID!, $v: Int!, $to: Date!, $src: ID!) {\n      closeGrouping(id: $id, expectedVersion: $v, validTo: $to, sourceID: $src) {\n        id\n      }\n    }\n  "): typeof import('./graphql').EditCloseGroupingDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation EditCreateMembership($input: CreateMembershipInput!) {\n      createMembership(input: $input) {\n        id\n      }\n    }\n  "): typeof import('./graphql').EditCreateMembershipDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation EditUpdateMembership($id: ID!, $v: Int!, $input: UpdateMembershipInput!) {\n      updateMembership(id: $id, expectedVersion: $v, input: $input) {\n        id\n      }\n    }\n  "): typeof import('./graphql').EditUpdateMembershipDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation EditCloseMembership($id: ID!, $v: Int!, $to: Date!, $src: ID!) {\n      closeMembership(id: $id, expectedVersion: $v, validTo: $to, sourceID: $src) {\n        id\n      }\n    }\n  "): typeof import('./graphql').EditCloseMembershipDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation EditCreateFiliere($input: CreateFiliereInput!) {\n      createFiliere(input: $input) {\n        id\n      }\n    }\n  "): typeof import('./graphql').EditCreateFiliereDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation EditUpdateFiliere($id: ID!, $v: Int!, $input: UpdateFiliereInput!) {\n      updateFiliere(id: $id, expectedVersion: $v, input: $input) {\n        id\n      }\n    }\n  "): typeof import('./graphql').EditUpdateFiliereDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation EditCloseFiliere($id: ID!, $v: Int!, $to: Date!, $src: ID!) {\n      closeFiliere(id: $id, expectedVersion: $v, validTo: $to, sourceID: $src) {\n        id\n      }\n    }\n  "): typeof import('./graphql').EditCloseFiliereDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation EditCreateFiliereRole($input: CreateFiliereRoleInput!) {\n      createFiliereRole(input: $input) {\n        id\n      }\n    }\n  "): typeof import('./graphql').EditCreateFiliereRoleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation EditUpdateFiliereRole($id: ID!, $v: Int!, $input: UpdateFiliereRoleInput!) {\n      updateFiliereRole(id: $id, expectedVersion: $v, input: $input) {\n        id\n      }\n    }\n  "): typeof import('./graphql').EditUpdateFiliereRoleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation EditCloseFiliereRole($id: ID!, $v: Int!, $to: Date!, $src: ID!) {\n      closeFiliereRole(id: $id, expectedVersion: $v, validTo: $to, sourceID: $src) {\n        id\n      }\n    }\n  "): typeof import('./graphql').EditCloseFiliereRoleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation EditCreateMedicalTeam($input: CreateMedicalTeamInput!) {\n      createMedicalTeam(input: $input) {\n        id\n      }\n    }\n  "): typeof import('./graphql').EditCreateMedicalTeamDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation EditUpdateMedicalTeam($id: ID!, $v: Int!, $input: UpdateMedicalTeamInput!) {\n      updateMedicalTeam(id: $id, expectedVersion: $v, input: $input) {\n        id\n      }\n    }\n  "): typeof import('./graphql').EditUpdateMedicalTeamDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation EditCloseMedicalTeam($id: ID!, $v: Int!, $to: Date!, $src: ID!) {\n      closeMedicalTeam(id: $id, expectedVersion: $v, validTo: $to, sourceID: $src) {\n        id\n      }\n    }\n  "): typeof import('./graphql').EditCloseMedicalTeamDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation EditCreateTeamSite($input: CreateTeamSiteInput!) {\n      createTeamSite(input: $input) {\n        id\n      }\n    }\n  "): typeof import('./graphql').EditCreateTeamSiteDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation EditUpdateTeamSite($id: ID!, $v: Int!, $input: UpdateTeamSiteInput!) {\n      updateTeamSite(id: $id, expectedVersion: $v, input: $input) {\n        id\n      }\n    }\n  "): typeof import('./graphql').EditUpdateTeamSiteDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation EditCloseTeamSite($id: ID!, $v: Int!, $to: Date!, $src: ID!) {\n      closeTeamSite(id: $id, expectedVersion: $v, validTo: $to, sourceID: $src) {\n        id\n      }\n    }\n  "): typeof import('./graphql').EditCloseTeamSiteDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EditRecord($id: ID!) {\n    node(id: $id) {\n      __typename\n      id\n      ... on Convention {\n        version\n        name\n        conventionKind: kind\n        code\n        domains\n        description\n        signedOn\n        validFrom\n        conventionPrecision: validFromPrecision\n        validTo\n        territory {\n          id\n        }\n        source {\n          id\n          title\n        }\n      }\n      ... on Grouping {\n        version\n        name\n        groupingKind: kind\n        code\n        validFrom\n        groupingPrecision: validFromPrecision\n        validTo\n        territory {\n          id\n        }\n        source {\n          id\n          title\n        }\n      }\n      ... on ConventionParty {\n        version\n        partyRole: role\n        designation\n        validFrom\n        partyPrecision: validFromPrecision\n        validTo\n        legalEntity {\n          id\n          name\n        }\n        sites {\n          id\n        }\n        convention {\n          id\n          name\n        }\n        source {\n          id\n          title\n        }\n      }\n      ... on Membership {\n        version\n        memberRole: role\n        validFrom\n        memberPrecision: validFromPrecision\n        validTo\n        member: legalEntity {\n          id\n          name\n        }\n        sites {\n          id\n        }\n        grouping {\n          id\n          name\n        }\n        source {\n          id\n          title\n        }\n      }\n      ... on Filiere {\n        version\n        name\n        filiereSpecialty: specialty\n        description\n        designations\n        validFrom\n        filierePrecision: validFromPrecision\n        validTo\n        territory {\n          id\n        }\n        source {\n          id\n          title\n        }\n      }\n      ... on FiliereRole {\n        version\n        level\n        detail\n        validFrom\n        rolePrecision: validFromPrecision\n        validTo\n        legalEntity {\n          id\n          name\n        }\n        roleSite: establishment {\n          id\n        }\n        filiere {\n          id\n          name\n        }\n        source {\n          id\n          title\n        }\n      }\n      ... on MedicalTeam {\n        version\n        name\n        teamSpecialty: specialty\n        description\n        validFrom\n        teamPrecision: validFromPrecision\n        validTo\n        teamConvention: convention {\n          id\n          name\n        }\n        teamGrouping: grouping {\n          id\n          name\n        }\n        source {\n          id\n          title\n        }\n      }\n      ... on TeamSite {\n        version\n        timeShare\n        validFrom\n        teamSitePrecision: validFromPrecision\n        validTo\n        site: establishment {\n          id\n          name\n        }\n        team {\n          id\n          name\n        }\n        source {\n          id\n          title\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').EditRecordDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
