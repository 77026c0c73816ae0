import { describe, expect, it } from 'vitest';
import {
  changedFields,
  conflictOf,
  conventionDraft,
  conventionInput,
  formatDateInput,
  formatEditTarget,
  parseDateInput,
  parseEditTarget,
  partDraft,
  partInput,
  reapply,
  refusalField,
  sourceInput,
} from './editForm.ts';

const m = { badDate: 'date', required: 'requis', order: 'ordre', badUrl: 'url' };

describe('parseDateInput', () => {
  it('reads a year, a month or a day, with their precision', () => {
    expect(parseDateInput('2016')).toEqual({ ok: true, date: '2016-01-01', precision: 'YEAR' });
    expect(parseDateInput('2016-3')).toEqual({ ok: true, date: '2016-03-01', precision: 'MONTH' });
    expect(parseDateInput('03/2016')).toEqual({ ok: true, date: '2016-03-01', precision: 'MONTH' });
    expect(parseDateInput('2016-03-05')).toEqual({ ok: true, date: '2016-03-05', precision: 'DAY' });
    expect(parseDateInput('5/3/2016')).toEqual({ ok: true, date: '2016-03-05', precision: 'DAY' });
    expect(parseDateInput(' ')).toEqual({ ok: true, date: null, precision: null });
  });
  it('refuses what is no date', () => {
    expect(parseDateInput('2016-13').ok).toBe(false);
    expect(parseDateInput('2016-02-30').ok).toBe(false);
    expect(parseDateInput('hier').ok).toBe(false);
  });
  it('writes a stored date back as typed', () => {
    expect(formatDateInput('2016-01-01', 'YEAR')).toBe('2016');
    expect(formatDateInput('2016-03-01', 'MONTH')).toBe('2016-03');
    expect(formatDateInput('2016-03-05', null)).toBe('2016-03-05');
    expect(formatDateInput(null)).toBe('');
  });
});

describe('edit targets', () => {
  it('round-trip through the address', () => {
    for (const v of ['convention:new', 'party:new:12', 'convention:34', 'membership:56:close', 'grouping:new', 'filiere:new', 'role:new:7', 'team:8:close', 'teamSite:new:9', 'teamSite:10', 'membership:new:5:with:6', 'membership:new:5:with:6:as:SUPPORT', 'membership:new:5:as:SUPPORT', 'convention:new:with:7']) {
      const t = parseEditTarget(v);
      expect(t).not.toBeNull();
      if (t !== null) expect(formatEditTarget(t)).toBe(v);
    }
  });
  it('ignore what is malformed', () => {
    expect(parseEditTarget('party:new')).toBeNull();
    expect(parseEditTarget('convention:new:3')).toBeNull();
    expect(parseEditTarget('site:1')).toBeNull();
    expect(parseEditTarget('role:new')).toBeNull();
    expect(parseEditTarget('team:new:3')).toBeNull();
    expect(parseEditTarget('convention:x')).toBeNull();
    expect(parseEditTarget('convention:1:delete')).toBeNull();
    expect(parseEditTarget('membership:new:with:6')).toBeNull(); // the grouping first
    expect(parseEditTarget('membership:new:5:with:x')).toBeNull();
    expect(parseEditTarget('membership:new:5:as:support')).toBeNull();
    expect(parseEditTarget('membership:new:5:with:6:with:7')).toBeNull();
    expect(parseEditTarget('membership:5:with:6')).toBeNull(); // a prefill is for a creation
  });
  it('read what a creation proposes', () => {
    expect(parseEditTarget('membership:new:5:with:6:as:SUPPORT')).toEqual({ kind: 'membership', mode: 'create', id: null, parent: '5', with: '6', as: 'SUPPORT' });
    expect(parseEditTarget('convention:new:with:7')).toEqual({ kind: 'convention', mode: 'create', id: null, parent: null, with: '7', as: null });
  });
});

describe('conventionInput', () => {
  it('creates with what is filled, the precision from the date', () => {
    const d = { ...conventionDraft(null), name: ' Convention Loire ', validFrom: '2024', domains: ['IMAGING'], territoryID: '7' };
    const b = conventionInput(d, null, 'S1', m);
    expect(b.errors).toEqual({});
    expect(b.input).toEqual({ sourceID: 'S1', name: 'Convention Loire', kind: 'CONVENTION', domains: ['IMAGING'], validFrom: '2024-01-01', validFromPrecision: 'YEAR', territoryID: '7' });
  });
  it('updates only what changed, and clears what was emptied', () => {
    const base = conventionDraft({ name: 'A', kind: 'CHARTER', code: 'X', validFrom: '2016-01-01', validFromPrecision: 'YEAR' });
    expect(base['validFrom']).toBe('2016');
    const d = { ...base, code: '', validFrom: '2016-05-02' };
    expect(conventionInput(d, base, 'S', m).input).toEqual({ sourceID: 'S', clearCode: true, validFrom: '2016-05-02', clearValidFromPrecision: true });
  });
  it('names the fields in error before any request', () => {
    const d = { ...conventionDraft(null), validFrom: '2020', validTo: '2019-01-01', signedOn: '2020' };
    const b = conventionInput(d, null, '', m);
    expect(b.input).toBeNull();
    expect(b.errors).toEqual({ name: 'requis', validTo: 'ordre', signedOn: 'date', sourceID: 'requis' });
  });
});

describe('partInput', () => {
  it('creates a party with its legal entity, role and designation', () => {
    const d = { ...partDraft(null, 'SIGNATORY'), legalEntityID: 'E1', designation: 'CHU', validFrom: '03/2024' };
    expect(partInput(d, null, 'S', m, true).input).toEqual({ sourceID: 'S', legalEntityID: 'E1', role: 'SIGNATORY', designation: 'CHU', validFrom: '2024-03-01', validFromPrecision: 'MONTH' });
  });
  it.each([
    { name: 'no site: the entity as a whole', sites: [], want: {} },
    { name: 'named sites', sites: ['S1', 'S2'], want: { siteIDs: ['S1', 'S2'] } },
  ])('creates with its named sites ($name)', ({ sites, want }) => {
    const d = { ...partDraft(null, 'MEMBER'), legalEntityID: 'E1', siteIDs: sites };
    expect(partInput(d, null, 'S', m, false).input).toEqual({ sourceID: 'S', legalEntityID: 'E1', role: 'MEMBER', ...want });
  });
  it.each([
    { before: ['A', 'B'], after: ['B', 'C'], want: { addSiteIDs: ['C'], removeSiteIDs: ['A'] } },
    { before: ['A'], after: [], want: { removeSiteIDs: ['A'] } },
    { before: [], after: ['A'], want: { addSiteIDs: ['A'] } },
    { before: ['A', 'B'], after: ['B', 'A'], want: {} },
  ])('updates named sites $before → $after with what is added and removed', ({ before, after, want }) => {
    const base = partDraft({ legalEntityID: 'E1', role: 'SIGNATORY', siteIDs: before }, 'SIGNATORY');
    expect(partInput({ ...base, siteIDs: after }, base, 'S', m, true).input).toEqual({ sourceID: 'S', ...want });
  });
  it('updates a membership without designation nor member', () => {
    const base = partDraft({ legalEntityID: 'E1', role: 'MEMBER', validFrom: '2020-01-01' }, 'MEMBER');
    expect(partInput({ ...base, role: 'ASSOCIATE', designation: 'x' }, base, 'S', m, false).input).toEqual({ sourceID: 'S', role: 'ASSOCIATE' });
  });
});

describe('conflicts', () => {
  const base = { name: 'A', code: 'C', domains: ['X'] };
  const theirs = { name: 'A', code: 'D', domains: ['X', 'Y'] };
  const mine = { name: 'B', code: 'E', domains: ['X'] };
  it('say what each side changed, and where they collide', () => {
    expect(changedFields(base, theirs)).toEqual(['code', 'domains']);
    expect(conflictOf(base, theirs, mine)).toEqual({ theirs: ['code', 'domains'], mine: ['code', 'name'], both: ['code'] });
  });
  it('reapply the user edit on top of the current version', () => {
    expect(reapply(base, theirs, mine)).toEqual({ name: 'B', code: 'E', domains: ['X', 'Y'] });
  });
});

describe('refusals and sources', () => {
  it('place an API error beside the field it names', () => {
    expect(refusalField({ code: 'BAD_USER_INPUT', message: '', field: 'input.validTo' }, ['validTo'])).toBe('validTo');
    expect(refusalField({ code: 'BAD_USER_INPUT', message: '', field: 'other' }, ['validTo'])).toBeNull();
    expect(refusalField({ code: 'FORBIDDEN', message: '' }, ['validTo'])).toBeNull();
  });
  it('build a new source', () => {
    expect(sourceInput({ kind: 'CONVENTION', title: ' T ', publisher: 'ARS', publishedOn: '2024-02-01', url: 'https://x.fr/a' }, m).input).toEqual({
      kind: 'CONVENTION',
      title: 'T',
      publisher: 'ARS',
      publishedOn: '2024-02-01',
      url: 'https://x.fr/a',
    });
    expect(sourceInput({ kind: 'PRESS', title: '', publisher: '', publishedOn: '2024', url: 'ftp://x' }, m).errors).toEqual({ title: 'requis', publishedOn: 'date', url: 'url' });
  });
});
