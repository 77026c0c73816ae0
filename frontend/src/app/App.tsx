import { useCallback, useEffect, useId, useRef, useState, type SubmitEvent } from 'react';
import { fetchEstablishment, type EstablishmentOutcome } from '../core/establishment.ts';
import { checkFiness, type FinessError } from '../core/finess.ts';
import type { Messages } from '../i18n/fr.ts';
import { ResultView } from './ResultView.tsx';

type SearchState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'loading'; readonly finess: string }
  | { readonly kind: 'done'; readonly finess: string; readonly outcome: EstablishmentOutcome };

const QUERY_PARAM = 'finess';

function finessErrorMessage(messages: Messages, error: FinessError): string {
  switch (error.kind) {
    case 'empty':
      return messages.finessErrors.empty;
    case 'length':
      return messages.finessErrors.length(error.actual);
    case 'format':
      return messages.finessErrors.format;
    case 'checksum':
      return messages.finessErrors.checksum;
  }
}

function initialInput(): string {
  return new URLSearchParams(window.location.search).get(QUERY_PARAM) ?? '';
}

/** Garde le numéro recherché dans l'adresse, pour pouvoir la partager. */
function rememberInUrl(finess: string): void {
  const url = new URL(window.location.href);
  url.searchParams.set(QUERY_PARAM, finess);
  window.history.replaceState(null, '', url);
}

/** Numéro valide présent dans l'adresse à l'ouverture de la page, s'il y en a un. */
function finessFromUrl(): string | null {
  const check = checkFiness(initialInput());
  return check.ok ? check.finess : null;
}

export function App({ messages }: { readonly messages: Messages }) {
  const [input, setInput] = useState(initialInput);
  const [inputError, setInputError] = useState<FinessError | null>(null);
  const [search, setSearch] = useState<SearchState>(() => {
    const finess = finessFromUrl();
    return finess === null ? { kind: 'idle' } : { kind: 'loading', finess };
  });
  const controller = useRef<AbortController | null>(null);
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();

  /** Envoie la requête ; l'état n'est mis à jour qu'à l'arrivée de la réponse. */
  const startFetch = useCallback((finess: string) => {
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    fetchEstablishment(finess, { signal: current.signal }).then(
      (outcome) => {
        if (!current.signal.aborted) {
          setSearch({ kind: 'done', finess, outcome });
        }
      },
      (err: unknown) => {
        // Seule une annulation (nouvelle recherche) arrive ici : on l'ignore.
        if (!current.signal.aborted) {
          throw err;
        }
      },
    );
  }, []);

  // Recherche automatique si l'adresse contient ?finess=…
  useEffect(() => {
    const finess = finessFromUrl();
    if (finess !== null) {
      startFetch(finess);
    }
    return () => controller.current?.abort();
  }, [startFetch]);

  const onSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const check = checkFiness(input);
    if (!check.ok) {
      // Un numéro invalide n'est pas envoyé ; l'ancien résultat est retiré.
      controller.current?.abort();
      setSearch({ kind: 'idle' });
      setInputError(check.error);
      return;
    }
    setInputError(null);
    setInput(check.finess);
    rememberInUrl(check.finess);
    setSearch({ kind: 'loading', finess: check.finess });
    startFetch(check.finess);
  };

  const describedBy = inputError === null ? hintId : `${hintId} ${errorId}`;

  return (
    <div className="page">
      <header className="site-header">
        <div className="site-header__inner">
          <a className="brand" href="/">
            <span className="brand__logo" aria-hidden="true">
              M
            </span>
            {messages.appTitleShort}
          </a>
          <a className="nav-link" href="/graphiql">
            {messages.graphiqlLink}
          </a>
        </div>
      </header>

      <main className="content">
        <h1>{messages.appTitle}</h1>
        <div className="intro">
          {messages.intro.map((sentence) => (
            <p key={sentence}>{sentence}</p>
          ))}
        </div>

        <form className="search" role="search" onSubmit={onSubmit} noValidate>
          <label className="search__label" htmlFor={inputId}>
            {messages.search.label}
          </label>
          <div className="search__row">
            <input
              id={inputId}
              className="search__input"
              name="finess"
              type="search"
              inputMode="text"
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              placeholder={messages.search.placeholder}
              value={input}
              aria-invalid={inputError !== null}
              aria-describedby={describedBy}
              onChange={(event) => {
                setInput(event.target.value);
                if (inputError !== null) {
                  setInputError(null);
                }
              }}
              autoFocus
            />
            <button className="search__button" type="submit">
              {messages.search.submit}
            </button>
          </div>
          <p id={hintId} className="search__hint">
            {messages.search.hint}
          </p>
          {inputError !== null && (
            <p id={errorId} className="search__error" role="alert">
              {finessErrorMessage(messages, inputError)}
            </p>
          )}
        </form>

        <section className="results" aria-live="polite" aria-busy={search.kind === 'loading'}>
          {search.kind === 'loading' && (
            <p className="status status--loading" data-testid="loading">
              <span className="spinner" aria-hidden="true" />
              {messages.search.loading}
            </p>
          )}
          {search.kind === 'done' && (
            <ResultView messages={messages} finess={search.finess} outcome={search.outcome} />
          )}
        </section>
      </main>

      <footer className="site-footer">
        <div className="site-footer__inner">
          <p>{messages.footer}</p>
        </div>
      </footer>
    </div>
  );
}
