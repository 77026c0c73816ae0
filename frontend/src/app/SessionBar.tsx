import { useId, useState, type SyntheticEvent } from 'react';
import { ApiError } from '../core/api.ts';
import { cleanToken, parseTokenTerritory, type Viewer } from '../core/session.ts';
import { useMessages } from './messages.ts';
import { useSession } from './session.tsx';
import type { Territories } from './TerritorySelect.tsx';

/** Les territoires d'un éditeur, nommés (« Auvergne-Rhône-Alpes et Loire »). */
export function territoryNames(viewer: Viewer, territories: Territories): string[] {
  return viewer.territories.map((t) => {
    const { kind, code } = parseTokenTerritory(t);
    const item = territories.byKey.get(`${kind ?? 'REGION'}:${code}`) ?? (kind === null ? territories.byKey.get(`DEPARTMENT:${code}`) : undefined);
    return item?.name ?? t;
  });
}

/** Qui est connecté, son rôle, ce qu'il peut modifier ; ou le formulaire de connexion. */
export function SessionBar({ territories }: { readonly territories: Territories }) {
  const m = useMessages();
  const { viewer, expired, signIn, signOut } = useSession();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inputId = useId();
  const hintId = useId();

  if (viewer !== null) {
    const names = territoryNames(viewer, territories);
    const rights = !viewer.mayEdit ? m.session.readOnly : viewer.role === 'admin' ? m.session.mayEditAll : m.session.mayEditIn(names.join(m.session.and));
    return (
      <div className="session" data-testid="session">
        <span className="session__who" title={`${viewer.name} — ${rights}`}>
          <strong data-testid="session-name">{viewer.name}</strong>
          <span>
            <span data-testid="session-role">{m.session.roles[viewer.role] ?? viewer.role}</span>
            {names.length > 0 && <> · <span data-testid="session-territories">{names.join(', ')}</span></>}
          </span>
        </span>
        <span className="visually-hidden" data-testid="session-rights">{rights}</span>
        <button type="button" className="button button--small" data-testid="sign-out" onClick={signOut}>
          {m.session.signOut}
        </button>
      </div>
    );
  }

  const submit = (e: SyntheticEvent) => {
    e.preventDefault();
    const token = cleanToken(text);
    if (token === null) return;
    setBusy(true);
    setError(null);
    signIn(token)
      .then(() => {
        setText('');
        setOpen(false);
      })
      .catch((err: unknown) => {
        setError(err instanceof ApiError && err.failure.kind === 'graphql' && err.failure.code === 'UNAUTHENTICATED' ? m.session.badToken : err instanceof Error ? err.message : String(err));
      })
      .finally(() => {
        setBusy(false);
      });
  };

  return (
    <div className="session">
      {expired && <span className="session__expired" role="status">{m.session.expired}</span>}
      <button type="button" className="button button--small" aria-expanded={open} data-testid="sign-in" onClick={() => { setOpen(!open); }}>
        {m.session.signIn}
      </button>
      {open && (
        <form className="session__form" onSubmit={submit} data-testid="sign-in-form">
          <label htmlFor={inputId}>{m.session.tokenLabel}</label>
          <input
            id={inputId}
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={text}
            aria-describedby={hintId}
            aria-invalid={error !== null}
            data-testid="sign-in-token"
            autoFocus
            onChange={(e) => { setText(e.target.value); }}
            onKeyDown={(e) => { if (e.key === 'Escape') setOpen(false); }}
          />
          <p id={hintId} className="muted">{m.session.tokenHint}</p>
          {error !== null && <p className="field-error" role="alert" data-testid="sign-in-error">{error}</p>}
          <div className="form__actions">
            <button type="submit" className="button button--primary" disabled={busy || cleanToken(text) === null}>
              {busy ? m.session.checking : m.session.submit}
            </button>
            <button type="button" className="button" onClick={() => { setOpen(false); }}>
              {m.session.cancel}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
