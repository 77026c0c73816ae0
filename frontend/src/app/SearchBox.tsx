import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { comboKey, type ComboKey, type ComboState } from '../core/combobox.ts';
import { checkFiness } from '../core/finess.ts';
import { graphql } from '../gql/index.ts';
import type { NodeKind, SearchQuery } from '../gql/graphql.ts';
import { failureOf } from '../core/api.ts';
import { ErrorNotice } from './ErrorNotice.tsx';
import { useMessages } from './messages.ts';
import { useGql } from './query.ts';

export const SearchDocument = graphql(`
  query Search($text: String!, $first: Int, $nodeKinds: [NodeKind!]) {
    search(text: $text, first: $first, nodeKinds: $nodeKinds) {
      kind: nodeKind
      label
      finess
      score
      node {
        __typename
        id
        ... on Territory {
          code
          kind
          latitude
          longitude
        }
      }
    }
  }
`);

export type SearchHit = SearchQuery['search'][number];

const KEYS: ReadonlySet<string> = new Set(['ArrowDown', 'ArrowUp', 'Home', 'End', 'Escape', 'Enter']);

function useDebounced(value: string, delay: number): string {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => {
      setDebounced(value);
    }, delay);
    return () => {
      window.clearTimeout(timer);
    };
  }, [value, delay]);
  return debounced;
}

export interface SearchBoxProps {
  readonly label: string;
  readonly onChoose: (hit: SearchHit) => void;
  readonly kinds?: readonly NodeKind[];
  readonly testId: string;
  readonly placeholder?: string;
  /** Texte affiché après un choix (nom choisi). */
  readonly chosenLabel?: string | null;
  readonly compact?: boolean;
}

/** Une boîte de recherche avec suggestions (motif ARIA combobox, liste en popup). */
export function SearchBox({ label, onChoose, kinds, testId, placeholder, chosenLabel, compact }: SearchBoxProps) {
  const m = useMessages();
  const [text, setText] = useState(chosenLabel ?? '');
  const [combo, setCombo] = useState<ComboState>({ open: false, active: -1 });
  const inputRef = useRef<HTMLInputElement>(null);
  const listId = useId();
  const inputId = useId();
  const statusId = useId();
  const query = useDebounced(text.trim(), 140);
  const enabled = query.length >= 2 && combo.open;
  const result = useGql(
    SearchDocument,
    enabled ? { text: query, first: 10, ...(kinds === undefined ? {} : { nodeKinds: [...kinds] }) } : null,
    { keepPrevious: enabled },
  );
  // Pendant la frappe, les résultats précédents restent affichés.
  const done = result.isSuccess && !result.isPlaceholderData;
  const hits = result.data?.search ?? [];

  // Un choix fait ailleurs (adresse, autre vue) remplace le texte saisi.
  const [shownChoice, setShownChoice] = useState(chosenLabel);
  if (chosenLabel !== shownChoice) {
    setShownChoice(chosenLabel);
    if (chosenLabel !== undefined && chosenLabel !== null) setText(chosenLabel);
  }

  const choose = (hit: SearchHit) => {
    setCombo({ open: false, active: -1 });
    setText(hit.label);
    onChoose(hit);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (!KEYS.has(event.key)) return;
    if (event.key === 'Escape' && !combo.open) {
      setText('');
      return;
    }
    if (event.key === 'Home' || event.key === 'End') {
      if (!combo.open) return;
    }
    event.preventDefault();
    const outcome = comboKey(combo, event.key as ComboKey, hits.length);
    setCombo(outcome.state);
    if (outcome.choose !== null) {
      const hit = hits[outcome.choose];
      if (hit !== undefined) choose(hit);
    }
  };

  const activeId = combo.open && combo.active >= 0 ? `${listId}-${String(combo.active)}` : undefined;
  const showList = combo.open && query.length >= 2;

  return (
    <div className={compact === true ? 'searchbox searchbox--compact' : 'searchbox'} data-testid={testId}>
      <label className="searchbox__label" htmlFor={inputId}>
        {label}
      </label>
      <input
        ref={inputRef}
        id={inputId}
        className="searchbox__input"
        type="text"
        role="combobox"
        aria-expanded={showList}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={activeId}
        aria-describedby={statusId}
        autoComplete="off"
        spellCheck={false}
        placeholder={placeholder ?? m.search.placeholder}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setCombo({ open: true, active: -1 });
        }}
        onFocus={() => {
          if (text.trim().length >= 2 && chosenLabel !== text) setCombo({ open: true, active: -1 });
        }}
        onBlur={() => {
          // Laisse le clic sur une suggestion aboutir avant de fermer.
          window.setTimeout(() => {
            setCombo({ open: false, active: -1 });
          }, 150);
        }}
        onKeyDown={onKeyDown}
      />
      <span id={statusId} className="visually-hidden" aria-live="polite">
        {showList && done ? m.search.count(hits.length) : ''}
      </span>
      <ul id={listId} role="listbox" aria-label={label} className="searchbox__list" hidden={!showList} data-results-for={done ? query : undefined}>
        {showList && result.error !== null && (
          <li className="searchbox__message" role="presentation">
            <ErrorNotice failure={failureOf(result.error)} />
          </li>
        )}
        {showList && done && hits.length === 0 && (
          <li className="searchbox__message" role="presentation">
            {m.search.empty(query)}
            {/^[0-9][0-9AB][0-9]{7}$/.test(query.replaceAll(' ', '').toUpperCase()) && !checkFiness(query).ok ? ` ${m.search.badChecksum}` : ''}
          </li>
        )}
        {showList && hits.length === 0 && result.isFetching && (
          <li className="searchbox__message" role="presentation">
            {m.search.loading}
          </li>
        )}
        {showList &&
          hits.map((hit, index) => (
            <li
              key={`${hit.node.id}-${hit.kind}`}
              id={`${listId}-${String(index)}`}
              role="option"
              aria-selected={index === combo.active}
              className={index === combo.active ? 'searchbox__option searchbox__option--active' : 'searchbox__option'}
              data-kind={hit.kind}
              data-finess={hit.finess ?? undefined}
              onMouseDown={(event) => {
                event.preventDefault();
              }}
              onClick={() => {
                choose(hit);
              }}
              onMouseEnter={() => {
                setCombo({ open: true, active: index });
              }}
            >
              <span className="searchbox__hit-label">{hit.label}</span>
              <span className="searchbox__hit-meta">
                {m.kinds[hit.kind] ?? hit.kind}
                {hit.finess != null ? ` · ${hit.finess}` : ''}
              </span>
            </li>
          ))}
      </ul>
    </div>
  );
}
