/**
 * Les mutations des formulaires d'édition, par famille : créer, modifier,
 * clore une fiche, et ses lignes (parties, adhésions, rôles, sites d'équipe).
 * Les familles ont la même forme ; chaque document est écrit en entier pour
 * que graphql-codegen en tire ses types.
 */
import { graphql } from '../gql/index.ts';

export const conventionMutations = {
  create: graphql(`
    mutation EditCreateConvention($input: CreateConventionInput!) {
      createConvention(input: $input) {
        id
      }
    }
  `),
  update: graphql(`
    mutation EditUpdateConvention($id: ID!, $v: Int!, $input: UpdateConventionInput!) {
      updateConvention(id: $id, expectedVersion: $v, input: $input) {
        id
      }
    }
  `),
  close: graphql(`
    mutation EditCloseConvention($id: ID!, $v: Int!, $to: Date!, $src: ID!) {
      closeConvention(id: $id, expectedVersion: $v, validTo: $to, sourceID: $src) {
        id
      }
    }
  `),
  createLine: graphql(`
    mutation EditCreateParty($input: CreateConventionPartyInput!) {
      createConventionParty(input: $input) {
        id
      }
    }
  `),
  updateLine: graphql(`
    mutation EditUpdateParty($id: ID!, $v: Int!, $input: UpdateConventionPartyInput!) {
      updateConventionParty(id: $id, expectedVersion: $v, input: $input) {
        id
      }
    }
  `),
  closeLine: graphql(`
    mutation EditCloseParty($id: ID!, $v: Int!, $to: Date!, $src: ID!) {
      closeConventionParty(id: $id, expectedVersion: $v, validTo: $to, sourceID: $src) {
        id
      }
    }
  `),
};

export const groupingMutations = {
  create: graphql(`
    mutation EditCreateGrouping($input: CreateGroupingInput!) {
      createGrouping(input: $input) {
        id
      }
    }
  `),
  update: graphql(`
    mutation EditUpdateGrouping($id: ID!, $v: Int!, $input: UpdateGroupingInput!) {
      updateGrouping(id: $id, expectedVersion: $v, input: $input) {
        id
      }
    }
  `),
  close: graphql(`
    mutation EditCloseGrouping($id: ID!, $v: Int!, $to: Date!, $src: ID!) {
      closeGrouping(id: $id, expectedVersion: $v, validTo: $to, sourceID: $src) {
        id
      }
    }
  `),
  createLine: graphql(`
    mutation EditCreateMembership($input: CreateMembershipInput!) {
      createMembership(input: $input) {
        id
      }
    }
  `),
  updateLine: graphql(`
    mutation EditUpdateMembership($id: ID!, $v: Int!, $input: UpdateMembershipInput!) {
      updateMembership(id: $id, expectedVersion: $v, input: $input) {
        id
      }
    }
  `),
  closeLine: graphql(`
    mutation EditCloseMembership($id: ID!, $v: Int!, $to: Date!, $src: ID!) {
      closeMembership(id: $id, expectedVersion: $v, validTo: $to, sourceID: $src) {
        id
      }
    }
  `),
};

export const filiereMutations = {
  create: graphql(`
    mutation EditCreateFiliere($input: CreateFiliereInput!) {
      createFiliere(input: $input) {
        id
      }
    }
  `),
  update: graphql(`
    mutation EditUpdateFiliere($id: ID!, $v: Int!, $input: UpdateFiliereInput!) {
      updateFiliere(id: $id, expectedVersion: $v, input: $input) {
        id
      }
    }
  `),
  close: graphql(`
    mutation EditCloseFiliere($id: ID!, $v: Int!, $to: Date!, $src: ID!) {
      closeFiliere(id: $id, expectedVersion: $v, validTo: $to, sourceID: $src) {
        id
      }
    }
  `),
  createLine: graphql(`
    mutation EditCreateFiliereRole($input: CreateFiliereRoleInput!) {
      createFiliereRole(input: $input) {
        id
      }
    }
  `),
  updateLine: graphql(`
    mutation EditUpdateFiliereRole($id: ID!, $v: Int!, $input: UpdateFiliereRoleInput!) {
      updateFiliereRole(id: $id, expectedVersion: $v, input: $input) {
        id
      }
    }
  `),
  closeLine: graphql(`
    mutation EditCloseFiliereRole($id: ID!, $v: Int!, $to: Date!, $src: ID!) {
      closeFiliereRole(id: $id, expectedVersion: $v, validTo: $to, sourceID: $src) {
        id
      }
    }
  `),
};

export const teamMutations = {
  create: graphql(`
    mutation EditCreateMedicalTeam($input: CreateMedicalTeamInput!) {
      createMedicalTeam(input: $input) {
        id
      }
    }
  `),
  update: graphql(`
    mutation EditUpdateMedicalTeam($id: ID!, $v: Int!, $input: UpdateMedicalTeamInput!) {
      updateMedicalTeam(id: $id, expectedVersion: $v, input: $input) {
        id
      }
    }
  `),
  close: graphql(`
    mutation EditCloseMedicalTeam($id: ID!, $v: Int!, $to: Date!, $src: ID!) {
      closeMedicalTeam(id: $id, expectedVersion: $v, validTo: $to, sourceID: $src) {
        id
      }
    }
  `),
  createLine: graphql(`
    mutation EditCreateTeamSite($input: CreateTeamSiteInput!) {
      createTeamSite(input: $input) {
        id
      }
    }
  `),
  updateLine: graphql(`
    mutation EditUpdateTeamSite($id: ID!, $v: Int!, $input: UpdateTeamSiteInput!) {
      updateTeamSite(id: $id, expectedVersion: $v, input: $input) {
        id
      }
    }
  `),
  closeLine: graphql(`
    mutation EditCloseTeamSite($id: ID!, $v: Int!, $to: Date!, $src: ID!) {
      closeTeamSite(id: $id, expectedVersion: $v, validTo: $to, sourceID: $src) {
        id
      }
    }
  `),
};
