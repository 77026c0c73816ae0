/**
 * Navigation au clavier d'une liste de suggestions (motif ARIA combobox) :
 * flèches, Début/Fin, Entrée, Échap. Pure, testée sans DOM.
 */

export interface ComboState {
  readonly open: boolean;
  /** Suggestion active (aria-activedescendant), -1 : aucune. */
  readonly active: number;
}

export type ComboKey = 'ArrowDown' | 'ArrowUp' | 'Home' | 'End' | 'Escape' | 'Enter';

export interface ComboOutcome { readonly state: ComboState; readonly choose: number | null }

export function comboKey(state: ComboState, key: ComboKey, count: number): ComboOutcome {
  switch (key) {
    case 'ArrowDown':
      if (count === 0) return { state: { open: true, active: -1 }, choose: null };
      return { state: { open: true, active: state.open ? (state.active + 1) % count : 0 }, choose: null };
    case 'ArrowUp':
      if (count === 0) return { state: { open: true, active: -1 }, choose: null };
      return { state: { open: true, active: state.active <= 0 ? count - 1 : state.active - 1 }, choose: null };
    case 'Home':
      return { state: { open: state.open, active: state.open && count > 0 ? 0 : state.active }, choose: null };
    case 'End':
      return { state: { open: state.open, active: state.open && count > 0 ? count - 1 : state.active }, choose: null };
    case 'Escape':
      return { state: { open: false, active: -1 }, choose: null };
    case 'Enter': {
      if (!state.open || count === 0) return { state, choose: null };
      // Entrée sans suggestion active choisit la première (la meilleure).
      const index = state.active >= 0 && state.active < count ? state.active : 0;
      return { state: { open: false, active: -1 }, choose: index };
    }
  }
}
