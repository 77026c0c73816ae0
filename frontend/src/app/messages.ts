import { createContext, useContext } from 'react';
import { formatStart } from '../core/time.ts';
import { fr, type Messages } from '../i18n/fr.ts';

export const MessagesContext = createContext<Messages>(fr);

export function useMessages(): Messages {
  return useContext(MessagesContext);
}

/** Date ISO → jj/mm/aaaa (core/time's formatStart, for a date known to the day). */
export function formatDate(iso: string | null | undefined, locale = 'fr-FR'): string {
  return iso == null ? '' : formatStart(iso, null, locale);
}
