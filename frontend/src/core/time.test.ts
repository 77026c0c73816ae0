import { describe, expect, it } from 'vitest';
import { ageText, dateOfMonthIndex, formatStart, holds, monthIndex, nextPlayDate, playDates, todayIso, uncertainStart } from './time.ts';

describe('playDates', () => {
  it('one step a year, then today', () => {
    expect(playDates('2013-03-02', 2010)).toEqual(['2010-07-01', '2011-07-01', '2012-07-01', '2013-03-02']);
  });
  it('after July', () => {
    expect(playDates('2011-09-01', 2010)).toEqual(['2010-07-01', '2011-07-01', '2011-09-01']);
  });
});

describe('nextPlayDate', () => {
  const cases: readonly [string, string | null][] = [
    ['2009-01-01', '2010-07-01'],
    ['2010-07-01', '2011-07-01'],
    ['2012-12-31', '2013-03-02'],
    ['2013-03-02', null],
  ];
  for (const [current, next] of cases) {
    it(`${current} → ${String(next)}`, () => {
      expect(nextPlayDate(current, '2013-03-02', 2010)).toBe(next);
    });
  }
});

describe('month index', () => {
  const cases: readonly [string, number][] = [
    ['2010-01-01', 0],
    ['2010-12-15', 11],
    ['2016-07-01', 78],
  ];
  for (const [date, index] of cases) {
    it(date, () => {
      expect(monthIndex(date, 2010)).toBe(index);
      expect(dateOfMonthIndex(index, '2030-01-01', 2010)).toBe(`${date.slice(0, 7)}-01`);
    });
  }
  it('never past today', () => {
    expect(dateOfMonthIndex(500, '2026-11-23', 2010)).toBe('2026-11-23');
  });
});

describe('todayIso', () => {
  it('local day', () => {
    expect(todayIso(new Date(2024, 0, 5))).toBe('2024-01-05');
  });
});

describe('holds', () => {
  const cases: readonly [string | null, string | null, string, boolean][] = [
    [null, null, '2020-01-01', true],
    ['2016-01-01', null, '2015-12-31', false],
    ['2016-01-01', null, '2016-01-01', true],
    ['2016-01-01', '2017-07-01', '2017-06-30', true],
    ['2016-01-01', '2017-07-01', '2017-07-01', false],
    [null, '2010-01-01', '2009-01-01', true],
  ];
  for (const [from, to, day, expected] of cases) {
    it(`[${String(from)}, ${String(to)}) ∋ ${day} = ${String(expected)}`, () => {
      expect(holds(from, to, day)).toBe(expected);
    });
  }
});

describe('date precision', () => {
  it.each([
    ['2016-01-01', 'YEAR', '2016'],
    ['2016-03-01', 'MONTH', 'mars 2016'],
    ['2016-03-05', null, '05/03/2016'],
    ['2016-03-05', 'DAY', '05/03/2016'],
  ])('formats %s known to %s as %s', (iso, precision, want) => {
    expect(formatStart(iso, precision, 'fr-FR')).toBe(want);
  });

  it.each([
    ['2016-01-01', 'YEAR', '2016-06-30', true],
    ['2016-01-01', 'YEAR', '2017-01-01', false],
    ['2016-03-01', 'MONTH', '2016-03-31', true],
    ['2016-03-01', 'MONTH', '2016-04-01', false],
    ['2016-03-01', null, '2016-03-01', false],
    [null, 'YEAR', '2016-03-01', false],
  ])('start %s known to %s is uncertain on %s: %s', (from, precision, day, want) => {
    expect(uncertainStart(from, precision, day)).toBe(want);
  });
});

describe('ageText', () => {
  const now = new Date('2026-12-01T12:00:00Z');
  it.each([
    ['2026-12-01T09:00:00Z', 'il y a 3 heures'],
    ['2026-12-01T11:59:30Z', 'cette minute-ci'],
    ['2026-11-30T12:00:00Z', 'hier'],
    ['2021-01-08T00:00:00Z', 'il y a 6 ans'],
  ])('%s', (iso, want) => {
    expect(ageText(iso, now, 'fr-FR')).toBe(want);
  });
});
