/** Le temps dans l'application : jour du curseur, années de l'animation. */

export const HISTORY_START_YEAR = 2010;

export function todayIso(now: Date = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${String(y)}-${m}-${d}`;
}

/**
 * Les jours que parcourt l'animation : le 1er juillet de chaque année de
 * `startYear` à l'année de `today` (les GHT se mettent en place le 1er
 * juillet 2016/2017), puis aujourd'hui.
 */
export function playDates(today: string, startYear = HISTORY_START_YEAR): string[] {
  const endYear = Number(today.slice(0, 4));
  const dates: string[] = [];
  for (let y = startYear; y <= endYear; y++) {
    const day = `${String(y)}-07-01`;
    if (day < today) dates.push(day);
  }
  dates.push(today);
  return dates;
}

/** Le curseur va par mois : index de mois depuis janvier de l'année de départ. */
export function monthIndex(date: string, startYear = HISTORY_START_YEAR): number {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  return (y - startYear) * 12 + (m - 1);
}

export function dateOfMonthIndex(index: number, today: string, startYear = HISTORY_START_YEAR): string {
  const y = startYear + Math.floor(index / 12);
  const m = (index % 12) + 1;
  const day = `${String(y)}-${String(m).padStart(2, '0')}-01`;
  return day > today ? today : day;
}

/** Le pas suivant de l'animation, ou null à la fin. */
export function nextPlayDate(current: string, today: string, startYear = HISTORY_START_YEAR): string | null {
  const dates = playDates(today, startYear);
  return dates.find((d) => d > current) ?? null;
}

/** Une période semi-ouverte [validFrom, validTo) contient-elle ce jour ? (bornes nulles : ouvertes) */
export function holds(validFrom: string | null | undefined, validTo: string | null | undefined, day: string): boolean {
  if (validFrom !== null && validFrom !== undefined && day < validFrom) return false;
  if (validTo !== null && validTo !== undefined && day >= validTo) return false;
  return true;
}

/** Précision d'une date de début : au jour (null), au mois ou à l'année. */
export type DatePrecision = 'DAY' | 'MONTH' | 'YEAR';

function isPrecision(p: string | null | undefined): p is 'MONTH' | 'YEAR' {
  return p === 'MONTH' || p === 'YEAR';
}

/**
 * Une date de début telle que la source la donne : « 2016 » quand elle ne
 * donne que l'année, « mars 2016 » que le mois, la date entière sinon.
 * La date elle-même est alors le premier jour de cette année ou de ce mois.
 */
export function formatStart(iso: string, precision: string | null | undefined, locale: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  if (y === undefined || m === undefined || d === undefined || Number.isNaN(y)) return iso;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (precision === 'YEAR') return String(y);
  if (precision === 'MONTH') return date.toLocaleDateString(locale, { timeZone: 'UTC', month: 'long', year: 'numeric' });
  return date.toLocaleDateString(locale, { timeZone: 'UTC' });
}

/**
 * Vrai quand le jour tombe dans l'année (ou le mois) d'un début connu à
 * l'année (ou au mois) près : la source ne dit pas si l'enregistrement
 * valait déjà ce jour-là.
 */
export function uncertainStart(validFrom: string | null | undefined, precision: string | null | undefined, day: string): boolean {
  if (validFrom == null || !isPrecision(precision)) return false;
  const width = precision === 'YEAR' ? 4 : 7;
  return day.slice(0, width) === validFrom.slice(0, width);
}

/**
 * Depuis quand, en mots (« il y a 3 heures ») : l'unité la plus grande qui
 * fait au moins 1, de la minute à l'année.
 */
export function ageText(iso: string, now: Date, locale: string): string {
  const seconds = (Date.parse(iso) - now.getTime()) / 1000;
  const units: readonly [Intl.RelativeTimeFormatUnit, number][] = [
    ['year', 365 * 86400],
    ['month', 30 * 86400],
    ['day', 86400],
    ['hour', 3600],
    ['minute', 60],
  ];
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return format.format(0, 'minute');
}
