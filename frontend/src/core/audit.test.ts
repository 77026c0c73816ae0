import { describe, expect, it } from 'vitest';
import { auditChanges, auditSubject, globalId, namesOf, referencedIds, shownValue, showValue, type AuditLabels } from './audit.ts';
import { em } from '../edit/messages.ts';
import { fr } from '../i18n/fr.ts';

const labels: AuditLabels = {
  types: em.history.types,
  fields: em.auditFields,
  values: {
    'Grouping.kind': em.groupingKinds,
    'Convention.kind': em.conventionKinds,
    'Source.kind': em.source.kinds,
    'Membership.role': em.memberRoles,
    'ConventionParty.role': em.partyRoles,
    'FiliereRole.level': fr.roles,
    domains: em.domains,
    valid_from_precision: em.precision,
    specialty: em.specialties,
  },
  yes: em.history.yes,
  no: em.history.no,
  share: em.history.share,
};

const names = new Map([
  ['123', 'CHU de Saint-Étienne'],
  ['77', 'Convention imagerie Loire'],
  ['9', 'Charte G4'],
]);

describe('shownValue', () => {
  it.each([
    ['an organisation, by its name', 'ConventionParty', 'legal_entity_id', 123, null, { text: 'CHU de Saint-Étienne', id: '123' }],
    ['a convention, by its name', 'ConventionParty', 'convention_id', 77, null, { text: 'Convention imagerie Loire', id: '77' }],
    ['a source, by its title', 'Membership', 'source_id', 9, null, { text: 'Charte G4', id: '9' }],
    ['an unknown reference, as its ID', 'Membership', 'grouping_id', 4242, null, { text: '4242', id: '4242' }],
    ['a membership role, in French', 'Membership', 'role', 'SUPPORT', null, { text: 'Établissement support' }],
    ['a party role, in French', 'ConventionParty', 'role', 'SIGNATORY', null, { text: 'Signataire' }],
    ['a convention kind', 'Convention', 'kind', 'CONVENTION', null, { text: 'Convention de coopération' }],
    ['a grouping kind', 'Grouping', 'kind', 'GCS_ES', null, { text: 'GCS établissement de santé' }],
    ['a source kind', 'Source', 'kind', 'LEGAL_TEXT', null, { text: 'Texte officiel' }],
    ['domains, each in French', 'Convention', 'domains', ['IMAGING', 'PHARMACY'], null, { text: 'Imagerie, Pharmacie' }],
    ['a specialty', 'Filiere', 'specialty', 'STROKE', null, { text: 'AVC' }],
    ['a filière level', 'FiliereRole', 'level', 'RECOURS', null, { text: 'recours' }],
    ['a precision', 'Convention', 'valid_from_precision', 'YEAR', null, { text: 'connu à l’année' }],
    ['a day', 'Convention', 'valid_to', '2030-01-01T00:00:00Z', null, { text: '01/01/2030' }],
    ['a start known to the year', 'Convention', 'valid_from', '2016-01-01T00:00:00Z', { valid_from_precision: 'YEAR' }, { text: '2016' }],
    ['a start known to the month', 'Convention', 'valid_from', '2016-03-01T00:00:00Z', { valid_from_precision: 'MONTH' }, { text: 'mars 2016' }],
    ['a start known to the day', 'Convention', 'valid_from', '2016-03-05T00:00:00Z', { valid_from_precision: 'DAY' }, { text: '05/03/2016' }],
    ['an instant, in Paris time', 'Source', 'recorded_at', '2026-12-01T19:05:00Z', null, { text: '01/12/2026 20:05' }],
    ['a time share, as a percentage', 'TeamSite', 'time_share', 0.4, null, { text: '40 %' }],
    ['a flag', 'Filiere', 'designations', true, null, { text: 'oui' }],
    ['nothing', 'Convention', 'valid_to', null, null, { text: '—' }],
    ['an unknown code, as is', 'Convention', 'kind', 'NEW_KIND', null, { text: 'NEW_KIND' }],
    ['free text, as is', 'Convention', 'name', 'SUPPORT', null, { text: 'SUPPORT' }],
  ])('%s', (_, type, field, value, record, want) => {
    expect(shownValue(type, field, value, record, labels, names)).toEqual(want);
  });
});

describe('auditChanges', () => {
  it('lists the fields that differ, in French, without the mechanics', () => {
    const before = { id: 1, version: 1, name: 'A', valid_to: null, domains: ['IMAGING'] };
    const after = { id: 1, version: 2, name: 'A', valid_to: '2024-01-01T00:00:00Z', domains: ['IMAGING', 'BIOLOGY'] };
    expect(auditChanges('Convention', before, after, labels)).toEqual([
      { field: 'valid_to', label: 'Fin', before: { text: '—' }, after: { text: '01/01/2024' } },
      { field: 'domains', label: 'Domaines', before: { text: 'Imagerie' }, after: { text: 'Imagerie, Biologie' } },
    ]);
  });
  it('shows a creation as every field set, references by name', () => {
    expect(auditChanges('ConventionParty', null, { id: 5, role: 'SIGNATORY', legal_entity_id: 123, convention_id: 77, designation: '', valid_to: null }, labels, names)).toEqual([
      { field: 'role', label: 'Rôle', before: { text: '—' }, after: { text: 'Signataire' } },
      { field: 'legal_entity_id', label: 'Organisation', before: { text: '—' }, after: { text: 'CHU de Saint-Étienne', id: '123' } },
      { field: 'convention_id', label: 'Convention', before: { text: '—' }, after: { text: 'Convention imagerie Loire', id: '77' } },
    ]);
  });
  it('keeps a field unknown to the labels under its own name', () => {
    expect(auditChanges('Grouping', { shiny: 1 }, { shiny: 2 }, labels)).toEqual([{ field: 'shiny', label: 'shiny', before: { text: '1' }, after: { text: '2' } }]);
  });
});

describe('referencedIds', () => {
  it('gathers the IDs the events name, once each', () => {
    const events = [
      { entityType: 'ConventionParty', entityID: '5', after: { legal_entity_id: 123, convention_id: 77, source_id: 9, role: 'SIGNATORY' } },
      { entityType: 'Convention', entityID: '77', before: { territory_id: 1000, source_id: 9 }, after: { territory_id: 1001, source_id: 9, version: 3 } },
      { entityType: 'TeamSite', entityID: '6', after: { team_id: 40, establishment_id: 41, time_share: 0.5 } },
      { entityType: 'Source', entityID: '9', after: { id: 9, title: 'Charte' } },
    ];
    expect(referencedIds(events)).toEqual(['9', '40', '41', '77', '123', '1000', '1001']);
  });
  it.each([
    [123, '123'],
    ['123', '123'],
    [0, null],
    [-1, null],
    [1.5, null],
    ['abc', null],
    [null, null],
  ])('globalId(%j) is %j', (v, want) => {
    expect(globalId(v)).toBe(want);
  });
});

describe('namesOf', () => {
  it('reads names and titles, skipping what nodes could not find', () => {
    expect(namesOf([{ id: '1', name: 'CHU' }, null, { id: '2', title: 'Arrêté' }, { id: '3', name: '' }, { id: '4' }])).toEqual(
      new Map([
        ['1', 'CHU'],
        ['2', 'Arrêté'],
      ]),
    );
  });
});

describe('auditSubject', () => {
  it.each([
    ['a record, by its name', { entityType: 'Convention', entityID: '77', after: { name: 'Convention imagerie Loire' } }, { type: 'Convention', name: 'Convention imagerie Loire', of: null, record: '77' }],
    ['a party, by its organisation and convention', { entityType: 'ConventionParty', entityID: '5', after: { legal_entity_id: 123, convention_id: 77 } }, { type: 'Partie', name: 'CHU de Saint-Étienne', of: 'Convention imagerie Loire', record: '77' }],
    ['a party of an unknown organisation, by its designation', { entityType: 'ConventionParty', entityID: '5', after: { legal_entity_id: 5000, convention_id: 77, designation: 'CHU' } }, { type: 'Partie', name: 'CHU', of: 'Convention imagerie Loire', record: '77' }],
    ['a closed membership, from its before', { entityType: 'Membership', entityID: '6', before: { legal_entity_id: 123, grouping_id: 4242 } }, { type: 'Adhésion', name: 'CHU de Saint-Étienne', of: null, record: '4242' }],
    ['a team site', { entityType: 'TeamSite', entityID: '7', after: { establishment_id: 123 } }, { type: 'Site de l’équipe', name: 'CHU de Saint-Étienne', of: null, record: '7' }],
    ['a source, by its title', { entityType: 'Source', entityID: '9', after: { title: 'Arrêté du 16 janvier 2014' } }, { type: 'Source', name: 'Arrêté du 16 janvier 2014', of: null, record: '9' }],
    ['an unknown type, as is', { entityType: 'Widget', entityID: '8', after: {} }, { type: 'Widget', name: null, of: null, record: '8' }],
  ])('%s', (_, event, want) => {
    expect(auditSubject(event, labels, names)).toEqual(want);
  });
});

describe('showValue', () => {
  it('writes values plainly', () => {
    expect(showValue(3)).toBe('3');
    expect(showValue(true)).toBe('true');
    expect(showValue([])).toBe('—');
    expect(showValue('2024-01-01T00:00:00Z')).toBe('2024-01-01');
  });
});
