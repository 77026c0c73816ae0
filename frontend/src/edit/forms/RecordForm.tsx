/**
 * Ce que tous les formulaires d'édition partagent : la source citée, la
 * vérification locale, l'envoi, les refus rangés par champ (la saisie est
 * gardée), le conflit de version et sa réapplication, la clôture. Chaque
 * famille (ConventionForm, GroupingForm, FiliereForm, TeamForm) donne ses
 * champs et ses mutations.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode, type SyntheticEvent } from 'react';
import { gql, type TypedDocument } from '../../core/api.ts';
import { conflictOf, parseDateInput, reapply, refusalField, sourceInput, type ApiRefusal, type Built, type Draft, type EditTarget, type FieldErrors } from '../../core/editForm.ts';
import { parseTokenTerritory, type Viewer } from '../../core/session.ts';
import { graphql } from '../../gql/index.ts';
import { API_KEY } from '../../app/query.ts';
import type { Territories } from '../../app/TerritorySelect.tsx';
import { ConflictView } from '../ConflictView.tsx';
import { DateField, Refusal, refusalOf } from '../fields.tsx';
import { em } from '../messages.ts';
import { loadRecord, type ReadRecord, type RecordNode } from '../record.ts';
import { EMPTY_SOURCE, SourcePicker, type SourceChoice } from '../SourcePicker.tsx';

const CreateSourceDocument = graphql(`
  mutation EditCreateSource($input: CreateSourceInput!) {
    createSource(input: $input) {
      id
      title
    }
  }
`);

/** Les messages des vérifications locales. */
export const MESSAGES = { badDate: em.badDate, required: em.required, order: em.order, badUrl: em.badUrl, badShare: em.badShare };

export interface FormProps {
  readonly target: EditTarget;
  /** L'enregistrement lu (modification, clôture) ; null à la création. */
  readonly record: RecordNode | null;
  readonly viewer: Viewer;
  readonly territories: Territories;
  /** Ferme le formulaire ; `selected` : la fiche à montrer ensuite. */
  readonly onClose: (selected?: string) => void;
}

export interface Base {
  readonly draft: Draft;
  readonly version: number;
}

export interface CloseVars {
  readonly id: string;
  readonly v: number;
  readonly to: string;
  readonly src: string;
}

/** Ce qu'une famille d'enregistrements donne au formulaire (I : l'entrée de ses mutations). */
export interface RecordSpec<I> {
  /** Un enregistrement lu → son brouillon (aussi pour relire la version d'un autre, en conflit). */
  readonly read: (n: RecordNode) => ReadRecord;
  /** Le brouillon d'un nouvel enregistrement. */
  readonly blank: Draft;
  /** Le brouillon → l'entrée (base null : création), ou les erreurs par champ. */
  readonly build: (d: Draft, base: Draft | null, sourceID: string) => Built<I>;
  /** À la création, ce que l'on vérifie encore (les lignes d'une fiche nouvelle) : les erreurs par champ. */
  readonly checkLines?: () => FieldErrors;
  /** Crée ; rend la fiche à montrer ensuite (la nouvelle, ou celle dont la ligne fait partie). */
  readonly create: (input: I, sourceID: string) => Promise<string | undefined>;
  /** Les mutations qui modifient et closent (leurs variables : id, v, input ; id, v, to, src). */
  readonly update: TypedDocument<unknown, { id: string; v: number; input: never }>;
  readonly close: TypedDocument<unknown, CloseVars>;
}

/**
 * Une ligne (partie, adhésion, rôle, site d'équipe) : créée sous sa fiche
 * (l'adresse la nomme), que le panneau montre ensuite.
 */
export function lineSpec<I>(props: FormProps, spec: Omit<RecordSpec<I>, 'create'> & { readonly createUnder: (input: I, parent: string) => Promise<unknown> }): RecordSpec<I> {
  const parent = props.target.parent ?? '';
  return {
    ...spec,
    create: async (input) => {
      await spec.createUnder(input, parent);
      return parent;
    },
  };
}

/** Ce que les champs d'une famille reçoivent. */
export interface FormState {
  readonly draft: Draft;
  readonly errors: FieldErrors;
  /** null à la création. */
  readonly base: Base | null;
  readonly set: (field: string, value: string | readonly string[]) => void;
  readonly patch: (values: Draft) => void;
  readonly str: (field: string) => string;
  readonly strs: (field: string) => readonly string[];
}

/** Une ligne créée avec sa fiche a été refusée : la fiche existe, le refus dit combien de lignes aussi. */
class PartialSave extends Error {
  constructor(
    readonly refusal: ApiRefusal,
    /** La fiche créée : l'enregistrer encore la créerait deux fois. */
    readonly created: string,
  ) {
    super(refusal.message);
  }
}

/** Crée les lignes d'une fiche nouvelle, une à une : une ligne refusée n'efface pas la fiche créée. */
export async function createLines<T>(created: string, items: readonly T[], create: (item: T) => Promise<unknown>): Promise<string> {
  let done = 0;
  for (const item of items) {
    try {
      await create(item);
      done++;
    } catch (err) {
      const r = refusalOf(err);
      throw new PartialSave({ ...r, message: `${r.message} — ${em.partial(done, items.length)}` }, created);
    }
  }
  return created;
}

/** Le territoire proposé à la création : le premier du jeton. */
export function defaultTerritory(viewer: Viewer, territories: Territories): string {
  const first = viewer.territories[0];
  if (first === undefined) return '';
  const { kind, code } = parseTokenTerritory(first);
  return territories.byKey.get(`${kind ?? 'REGION'}:${code}`)?.id ?? '';
}

/** La source d'un enregistrement lu, pour la proposer à nouveau. */
function initialSource(read: ReadRecord | null): SourceChoice {
  return read?.source != null ? { ...EMPTY_SOURCE, mode: 'existing', existing: read.source } : EMPTY_SOURCE;
}

export function RecordForm<I>({ props, spec, children }: { readonly props: FormProps; readonly spec: RecordSpec<I>; readonly children: (form: FormState) => ReactNode }) {
  const { target, record, onClose } = props;
  const client = useQueryClient();
  const read = record === null ? null : spec.read(record);
  const [base, setBase] = useState<Base | null>(read === null ? null : { draft: read.draft, version: read.version });
  const [draft, setDraft] = useState<Draft>(read?.draft ?? spec.blank);
  const [closeOn, setCloseOn] = useState('');
  const [source, setSource] = useState<SourceChoice>(initialSource(read));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [refusal, setRefusal] = useState<ApiRefusal | null>(null);
  const [conflict, setConflict] = useState<Base | null>(null);
  const [busy, setBusy] = useState(false);
  /** Une fiche créée dont une ligne a été refusée : on ne l'enregistre plus, on l'ouvre. */
  const [created, setCreated] = useState<string | null>(null);

  const form: FormState = {
    draft,
    errors,
    base,
    set: (field, value) => {
      setDraft((d) => ({ ...d, [field]: value }));
    },
    patch: (values) => {
      setDraft((d) => ({ ...d, ...values }));
    },
    str: (f) => {
      const v = draft[f];
      return typeof v === 'string' ? v : '';
    },
    strs: (f) => {
      const v = draft[f];
      return Array.isArray(v) ? (v as readonly string[]) : [];
    },
  };

  /** La source citée : choisie, ou créée (et alors retenue : un nouvel essai ne la recrée pas). */
  async function sourceID(): Promise<string | null> {
    if (source.mode === 'existing') {
      if (source.existing === null) {
        setErrors((e) => ({ ...e, sourceID: em.required }));
        return null;
      }
      return source.existing.id;
    }
    const built = sourceInput(source.draft, MESSAGES);
    if (built.input === null) {
      setErrors((e) => ({ ...e, ...built.errors }));
      return null;
    }
    const created = await gql(CreateSourceDocument, { input: { ...built.input, kind: built.input.kind as 'CONVENTION' } });
    setSource({ ...source, mode: 'existing', existing: created.createSource });
    return created.createSource.id;
  }

  async function save(d: Draft, b: Base | null): Promise<void> {
    setRefusal(null);
    setErrors({});
    // Ce que l'on peut vérifier avant d'envoyer.
    const to = parseDateInput(closeOn);
    if (target.mode === 'close') {
      if (!to.ok || to.date === null || to.precision !== 'DAY') {
        setErrors({ closeOn: to.ok && to.date === null ? em.required : em.dayOnly });
        return;
      }
    } else {
      const local = { ...spec.build(d, b?.draft ?? null, 'probe').errors, ...(b === null ? spec.checkLines?.() : {}) };
      if (Object.keys(local).length > 0) {
        setErrors(local);
        return;
      }
    }
    setBusy(true);
    try {
      const src = await sourceID();
      if (src === null) return;
      const built = spec.build(d, b?.draft ?? null, src);
      let selected: string | undefined;
      if (target.mode === 'close') await gql(spec.close, { id: target.id ?? '', v: b?.version ?? 0, to: to.ok && to.date !== null ? to.date : '', src });
      else if (built.input === null) return;
      else if (b === null) selected = await spec.create(built.input, src);
      else await gql(spec.update, { id: target.id ?? '', v: b.version, input: built.input as never });
      await client.invalidateQueries({ queryKey: API_KEY });
      onClose(selected);
    } catch (err) {
      if (err instanceof PartialSave) {
        await client.invalidateQueries({ queryKey: API_KEY });
        setCreated(err.created);
        setRefusal(err.refusal);
        return;
      }
      const r = refusalOf(err);
      if (r.code === 'CONFLICT' && target.id !== null) {
        // Ce que l'autre a changé : la version actuelle, lue à nouveau.
        const now = await loadRecord(target.id).catch(() => null);
        if (now != null) {
          const current = spec.read(now);
          setConflict({ draft: current.draft, version: current.version });
        }
        setRefusal(r);
        return;
      }
      const field = refusalField(r, Object.keys(d).concat(['sourceID', 'validTo']));
      if (field !== null) setErrors({ [field]: r.message });
      else setRefusal(r);
    } finally {
      setBusy(false);
    }
  }

  const submit = (e: SyntheticEvent) => {
    e.preventDefault();
    void save(draft, base);
  };

  return (
    <form className="form" onSubmit={submit} noValidate data-testid="edit-form">
      {read !== null && <p className="muted" data-testid="edit-of">{em.of(read.label)}</p>}
      <Refusal refusal={conflict === null ? refusal : null} />
      {conflict !== null && base !== null && (
        <ConflictView
          conflict={conflictOf(base.draft, conflict.draft, draft)}
          base={base.draft}
          theirs={conflict.draft}
          mine={draft}
          onReapply={() => {
            const next = reapply(base.draft, conflict.draft, draft);
            setBase(conflict);
            setDraft(next);
            setConflict(null);
            void save(next, conflict);
          }}
          onDiscard={() => {
            setBase(conflict);
            setDraft(conflict.draft);
            setConflict(null);
            setRefusal(null);
          }}
        />
      )}
      {target.mode === 'close' ? (
        <>
          <p className="muted">{em.closeHint}</p>
          <DateField name="closeOn" label={em.closeOn} error={errors['closeOn'] ?? errors['validTo']} value={closeOn} onChange={setCloseOn} dayOnly />
        </>
      ) : (
        children(form)
      )}
      <SourcePicker value={source} onChange={setSource} errors={errors} />
      <div className="form__actions">
        {created === null ? (
          <button type="submit" className="button button--primary" disabled={busy} data-testid="edit-save">
            {busy ? em.saving : target.mode === 'close' ? em.doClose : em.save}
          </button>
        ) : (
          <button type="button" className="button button--primary" data-testid="edit-open-created" onClick={() => { onClose(created); }}>
            {em.openCreated}
          </button>
        )}
        <button type="button" className="button" data-testid="edit-cancel" onClick={() => { onClose(); }}>
          {em.cancel}
        </button>
      </div>
    </form>
  );
}
