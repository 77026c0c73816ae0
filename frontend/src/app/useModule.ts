import { useEffect, useState } from 'react';

export type ModuleState<T> = { readonly status: 'loading' } | { readonly status: 'loaded'; readonly module: T } | { readonly status: 'failed' };

/**
 * Un module chargé à la demande (son propre fichier JavaScript), dès qu'il
 * est voulu (wanted), et gardé ensuite ; sans
 * Suspense : React 19 retarde l'affichage d'un contenu suspendu jusqu'à 300 ms
 * après le dernier « fallback » montré (FALLBACK_THROTTLE_MS), ce qui
 * retardait d'autant la création de la carte. load doit être stable (une
 * fonction du module appelant) : il est appelé une fois par montage.
 */
export function useModule<T>(load: () => Promise<T>, wanted: boolean): ModuleState<T> {
  const [state, setState] = useState<ModuleState<T>>({ status: 'loading' });
  const started = wanted || state.status !== 'loading';
  useEffect(() => {
    if (!started) return undefined;
    let live = true;
    load().then(
      (module) => {
        if (live) setState({ status: 'loaded', module });
      },
      (err: unknown) => {
        console.warn('module non chargé :', err);
        if (live) setState({ status: 'failed' });
      },
    );
    return () => {
      live = false;
    };
  }, [load, started]);
  return state;
}
