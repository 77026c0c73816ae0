import { describe, expect, it } from 'vitest';
import { filiereDraft, filiereInput, formatTimeShare, parseTimeShare, roleDraft, roleInput, teamDraft, teamInput, teamSiteDraft, teamSiteInput } from './editFiliereTeam.ts';

const m = { badDate: 'date', required: 'requis', order: 'ordre', badShare: 'part' };

describe('parseTimeShare', () => {
  it.each([
    ['', { ok: true, value: null }],
    ['  ', { ok: true, value: null }],
    ['40', { ok: true, value: 0.4 }],
    ['40 %', { ok: true, value: 0.4 }],
    ['40%', { ok: true, value: 0.4 }],
    ['33,3', { ok: true, value: 0.333 }],
    ['12.5', { ok: true, value: 0.125 }],
    ['0', { ok: true, value: 0 }],
    ['100', { ok: true, value: 1 }],
    ['100,5', { ok: false }],
    ['150', { ok: false }],
    ['-10', { ok: false }],
    ['moitié', { ok: false }],
    ['1e2', { ok: false }],
  ])('reads « %s »', (input, want) => {
    expect(parseTimeShare(input)).toEqual(want);
  });
  it.each([
    [null, ''],
    [0.4, '40'],
    [0.333, '33,3'],
    [1, '100'],
    [0, '0'],
  ])('writes %s back as typed (%s)', (share, want) => {
    expect(formatTimeShare(share)).toBe(want);
    if (share !== null) expect(parseTimeShare(want)).toEqual({ ok: true, value: share });
  });
});

describe('filiereInput', () => {
  it('creates with its specialty, territory and dates; designations only when ticked', () => {
    const d = { ...filiereDraft(null), name: ' Filière AVC Loire ', specialty: 'STROKE', validFrom: '2024-03', territoryID: 'T42' };
    expect(filiereInput(d, null, 'S', m)).toEqual({
      errors: {},
      input: { sourceID: 'S', name: 'Filière AVC Loire', specialty: 'STROKE', validFrom: '2024-03-01', validFromPrecision: 'MONTH', territoryID: 'T42' },
    });
    expect(filiereInput({ ...d, designations: 'true' }, null, 'S', m).input?.designations).toBe(true);
  });
  it('asks for a name and a specialty (none is assumed)', () => {
    expect(filiereInput(filiereDraft(null), null, 'S', m).errors).toEqual({ name: 'requis', specialty: 'requis' });
  });
  it('updates what changed: a cleared description, designations unticked', () => {
    const base = filiereDraft({ name: 'F', specialty: 'BIOLOGY', description: 'x', designations: true });
    expect(filiereInput({ ...base, description: '', designations: '' }, base, 'S', m).input).toEqual({ sourceID: 'S', clearDescription: true, designations: false });
  });
});

describe('roleInput', () => {
  it.each([
    { name: 'not graded: no level sent', level: '', want: {} },
    { name: 'graded', level: 'REFERENCE', want: { level: 'REFERENCE' } },
  ])('creates a role ($name)', ({ level, want }) => {
    const d = { ...roleDraft(null), legalEntityID: 'E1', level, detail: ' maternité type 3 ', establishmentID: 'ET1' };
    expect(roleInput(d, null, 'S', m).input).toEqual({ sourceID: 'S', legalEntityID: 'E1', establishmentID: 'ET1', detail: 'maternité type 3', ...want });
  });
  it.each([
    { name: 'grade removed', patch: { level: '' }, want: { clearLevel: true } },
    { name: 'grade changed', patch: { level: 'RECOURS' }, want: { level: 'RECOURS' } },
    { name: 'site removed', patch: { establishmentID: '' }, want: { clearEstablishment: true } },
    { name: 'detail cleared, end set', patch: { detail: '', validTo: '2030-01-01' }, want: { clearDetail: true, validTo: '2030-01-01' } },
    { name: 'nothing', patch: {}, want: {} },
  ])('updates a role: $name', ({ patch, want }) => {
    const base = roleDraft({ legalEntityID: 'E1', level: 'PROXIMITY', detail: 'd', establishmentID: 'ET1' });
    expect(roleInput({ ...base, ...patch }, base, 'S', m).input).toEqual({ sourceID: 'S', ...want });
  });
  it('refuses a level it does not know, and a role without organisation', () => {
    expect(roleInput({ ...roleDraft(null), legalEntityID: 'E1', level: 'TOP' }, null, 'S', m).errors).toEqual({ level: 'requis' });
    expect(roleInput(roleDraft(null), null, 'S', m).errors).toEqual({ legalEntityID: 'requis' });
  });
  it('reads a stored role without grade as not graded', () => {
    expect(roleDraft({ legalEntityID: 'E1', level: null })['level']).toBe('');
  });
});

describe('teamInput', () => {
  it('creates a team attached to a convention', () => {
    const d = { ...teamDraft(null), name: 'Équipe anesthésie', specialty: 'anesthésie', conventionID: 'C1', conventionLabel: 'Conv', validFrom: '2024' };
    expect(teamInput(d, null, 'S', m).input).toEqual({ sourceID: 'S', name: 'Équipe anesthésie', specialty: 'anesthésie', conventionID: 'C1', validFrom: '2024-01-01', validFromPrecision: 'YEAR' });
  });
  it('detaches from its grouping and clears its specialty', () => {
    const base = teamDraft({ name: 'E', specialty: 'x', groupingID: 'G1', groupingLabel: 'GHT' });
    expect(teamInput({ ...base, specialty: '', groupingID: '', groupingLabel: '' }, base, 'S', m).input).toEqual({ sourceID: 'S', clearSpecialty: true, clearGrouping: true });
  });
});

describe('teamSiteInput', () => {
  it.each([
    { name: 'with a share', share: '40 %', want: { input: { sourceID: 'S', establishmentID: 'ET1', timeShare: 0.4 }, errors: {} } },
    { name: 'share unknown: none sent', share: '', want: { input: { sourceID: 'S', establishmentID: 'ET1' }, errors: {} } },
    { name: 'share out of range', share: '120', want: { input: null, errors: { timeShare: 'part' } } },
  ])('creates a team site ($name)', ({ share, want }) => {
    expect(teamSiteInput({ ...teamSiteDraft(null), establishmentID: 'ET1', timeShare: share }, null, 'S', m)).toEqual(want);
  });
  it.each([
    { name: 'share cleared', share: '', want: { clearTimeShare: true } },
    { name: 'share changed', share: '25', want: { timeShare: 0.25 } },
    { name: 'same share, written otherwise', share: '60', want: {} },
  ])('updates a team site: $name', ({ share, want }) => {
    const base = teamSiteDraft({ establishmentID: 'ET1', timeShare: 0.6 });
    expect(teamSiteInput({ ...base, timeShare: share }, base, 'S', m).input).toEqual({ sourceID: 'S', ...want });
  });
});
