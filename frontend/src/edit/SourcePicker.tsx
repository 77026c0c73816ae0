import { useId, useState } from 'react';
import type { SourceDraft } from '../core/editForm.ts';
import { graphql } from '../gql/index.ts';
import { useGql } from '../app/query.ts';
import { FieldError, SelectField, TextField } from './fields.tsx';
import { em } from './messages.ts';

const SourcesDocument = graphql(`
  query EditSources($text: String!) {
    sources(first: 8, where: { titleContainsFold: $text, kindNotIn: [REGISTER, SYNTHETIC] }) {
      edges {
        node {
          id
          kind
          title
          publisher
          publishedOn
        }
      }
    }
  }
`);

export interface SourceChoice {
  readonly mode: 'existing' | 'new';
  readonly existing: { readonly id: string; readonly title: string } | null;
  readonly draft: SourceDraft;
}

export const EMPTY_SOURCE: SourceChoice = { mode: 'new', existing: null, draft: { kind: 'CONVENTION', title: '', publisher: '', publishedOn: '', url: '' } };

/** Choisir une source déjà enregistrée ou en décrire une nouvelle (titre, éditeur, date, lien). */
export function SourcePicker({ value, onChange, errors }: { readonly value: SourceChoice; readonly onChange: (v: SourceChoice) => void; readonly errors: Readonly<Record<string, string>> }) {
  const [text, setText] = useState('');
  const searchId = useId();
  const found = useGql(SourcesDocument, value.mode === 'existing' && text.trim().length >= 2 ? { text: text.trim() } : null, { keepPrevious: true });
  const hits = found.data?.sources.edges?.flatMap((e) => (e?.node == null ? [] : [e.node])) ?? [];
  const set = (patch: Partial<SourceDraft>) => {
    onChange({ ...value, draft: { ...value.draft, ...patch } });
  };
  return (
    <fieldset className="form__group" data-field="sourceID" data-testid="source-picker">
      <legend>{em.source.legend}</legend>
      <div className="segmented" role="radiogroup" aria-label={em.source.legend}>
        {(['new', 'existing'] as const).map((mode) => (
          <label key={mode} className="check">
            <input type="radio" name="source-mode" checked={value.mode === mode} data-testid={`source-mode-${mode}`} onChange={() => { onChange({ ...value, mode }); }} /> {mode === 'new' ? em.source.create : em.source.existing}
          </label>
        ))}
      </div>
      {value.mode === 'existing' ? (
        <div className="form__field">
          <label htmlFor={searchId}>{em.source.search}</label>
          <input id={searchId} type="search" value={text} data-testid="source-search" onChange={(e) => { setText(e.target.value); }} />
          {value.existing !== null && <p data-testid="source-chosen">{em.source.chosen(value.existing.title)}</p>}
          {text.trim().length >= 2 && found.isSuccess && hits.length === 0 && <p className="muted">{em.source.none}</p>}
          <ul className="list">
            {hits.map((s) => (
              <li key={s.id}>
                <button type="button" className="linklike" aria-pressed={value.existing?.id === s.id} onClick={() => { onChange({ ...value, existing: { id: s.id, title: s.title } }); }}>
                  {s.title}
                </button>{' '}
                <span className="muted">{[s.publisher, s.publishedOn].filter((x) => x != null && x !== '').join(' · ')}</span>
              </li>
            ))}
          </ul>
          <FieldError id="source-existing-err" text={errors['sourceID']} />
        </div>
      ) : (
        <>
          <SelectField name="sourceKind" label={em.source.kind} error={undefined} value={value.draft.kind} onChange={(kind) => { set({ kind }); }} options={em.source.kinds} />
          <TextField name="sourceTitle" label={em.source.title} error={errors['title'] ?? errors['sourceID']} value={value.draft.title} onChange={(title) => { set({ title }); }} required />
          <TextField name="sourcePublisher" label={em.source.publisher} error={errors['publisher']} value={value.draft.publisher} onChange={(publisher) => { set({ publisher }); }} />
          <TextField name="sourcePublishedOn" label={em.source.publishedOn} error={errors['publishedOn']} value={value.draft.publishedOn} onChange={(publishedOn) => { set({ publishedOn }); }} hint={em.dayOnly} />
          <TextField name="sourceUrl" label={em.source.url} error={errors['url']} value={value.draft.url} onChange={(url) => { set({ url }); }} />
        </>
      )}
    </fieldset>
  );
}
