import { createContext, useContext } from 'react';
import { fr, type Messages } from '../i18n/fr.ts';

export const MessagesContext = createContext<Messages>(fr);

export function useMessages(): Messages {
  return useContext(MessagesContext);
}

/** Date ISO → jj/mm/aaaa. */
export function formatDate(iso: string | null | undefined, locale = 'fr-FR'): string {
  if (iso == null) return '';
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  if (y === undefined || m === undefined || d === undefined) return iso;
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString(locale, { timeZone: 'UTC' });
}
