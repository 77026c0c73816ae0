import { useEffect, useRef } from 'react';
import type { Conflict, Draft } from '../core/editForm.ts';
import { em } from './messages.ts';

function show(v: string | readonly string[] | undefined): string {
  if (v === undefined) return '—';
  if (typeof v === 'string') return v === '' ? '—' : v;
  return v.length === 0 ? '—' : v.join(', ');
}

/** Ce que l'autre a changé, à côté de la saisie ; réappliquer la sienne par-dessus. */
export function ConflictView({ conflict, base, theirs, mine, onReapply, onDiscard }: { readonly conflict: Conflict; readonly base: Draft; readonly theirs: Draft; readonly mine: Draft; readonly onReapply: () => void; readonly onDiscard: () => void }) {
  const fields = [...new Set([...conflict.theirs, ...conflict.mine])].filter((f) => f !== 'legalEntityLabel');
  const ref = useRef<HTMLElement>(null);
  // Le conflit s'affiche en tête du formulaire : on l'amène à l'écran et le focus y va.
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'start' });
    ref.current?.focus();
  }, []);
  return (
    <section ref={ref} tabIndex={-1} className="conflict notice" role="alert" data-testid="conflict" aria-labelledby="conflict-title">
      <h3 id="conflict-title">{em.conflict.title}</h3>
      <p>{em.conflict.intro}</p>
      <table className="conflict__table">
        <thead>
          <tr>
            <th scope="col">{em.conflict.field}</th>
            <th scope="col">{em.conflict.read}</th>
            <th scope="col">{em.conflict.theirs}</th>
            <th scope="col">{em.conflict.mine}</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((f) => (
            <tr key={f} data-field={f} data-testid="conflict-row" className={conflict.both.includes(f) ? 'conflict__both' : undefined}>
              <th scope="row">
                {em.fields[f] ?? f}
                {conflict.both.includes(f) && <span className="badge"> {em.conflict.both}</span>}
              </th>
              <td>{show(base[f])}</td>
              <td data-testid="conflict-theirs" className={conflict.theirs.includes(f) ? 'conflict__changed' : undefined}>{show(theirs[f])}</td>
              <td data-testid="conflict-mine" className={conflict.mine.includes(f) ? 'conflict__changed' : undefined}>{show(mine[f])}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="form__actions">
        <button type="button" className="button button--primary" data-testid="conflict-reapply" onClick={onReapply}>
          {em.conflict.reapply}
        </button>
        <button type="button" className="button" data-testid="conflict-discard" onClick={onDiscard}>
          {em.conflict.discard}
        </button>
      </div>
    </section>
  );
}
