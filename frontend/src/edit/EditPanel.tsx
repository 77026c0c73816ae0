/**
 * Les formulaires d'édition (chargés à la demande) : créer, modifier, clore
 * une convention et ses parties, un groupement et ses membres. Chaque
 * formulaire cite une source, lit les dates avec leur précision, montre les
 * refus de l'API à côté du champ qu'ils nomment et garde la saisie ; un
 * conflit de version montre ce que l'autre a changé à côté de la saisie.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode, type SyntheticEvent } from 'react';
import { gql } from '../core/api.ts';
import {
  conflictOf,
  conventionDraft,
  conventionInput,
  groupingDraft,
  parseDateInput,
  parseEditTarget,
  partDraft,
  partInput,
  reapply,
  refusalField,
  sourceInput,
  type ApiRefusal,
  type Draft,
  type EditTarget,
} from '../core/editForm.ts';
import { parseTokenTerritory, type Viewer } from '../core/session.ts';
import { graphql } from '../gql/index.ts';
import { API_KEY, useGql } from '../app/query.ts';
import { SearchBox } from '../app/SearchBox.tsx';
import type { Territories } from '../app/TerritorySelect.tsx';
import { ConflictView } from './ConflictView.tsx';
import { CheckList, DateField, FieldError, Refusal, refusalOf, SelectField, TextField } from './fields.tsx';
import { em } from './messages.ts';
import { EMPTY_SOURCE, SourcePicker, type SourceChoice } from './SourcePicker.tsx';

const EditRecordDocument = graphql(`
  query EditRecord($id: ID!) {
    node(id: $id) {
      __typename
      id
      ... on Convention {
        version
        name
        conventionKind: kind
        code
        domains
        description
        signedOn
        validFrom
        conventionPrecision: validFromPrecision
        validTo
        territory {
          id
        }
        source {
          id
          title
        }
      }
      ... on Grouping {
        version
        name
        groupingKind: kind
        code
        validFrom
        groupingPrecision: validFromPrecision
        validTo
        territory {
          id
        }
        source {
          id
          title
        }
      }
      ... on ConventionParty {
        version
        partyRole: role
        designation
        validFrom
        partyPrecision: validFromPrecision
        validTo
        legalEntity {
          id
          name
        }
        convention {
          id
          name
        }
        source {
          id
          title
        }
      }
      ... on Membership {
        version
        memberRole: role
        validFrom
        memberPrecision: validFromPrecision
        validTo
        member: legalEntity {
          id
          name
        }
        grouping {
          id
          name
        }
        source {
          id
          title
        }
      }
    }
  }
`);

const CreateSourceDocument = graphql(`
  mutation EditCreateSource($input: CreateSourceInput!) {
    createSource(input: $input) {
      id
      title
    }
  }
`);

const SaveDocuments = {
  createConvention: graphql(`
    mutation EditCreateConvention($input: CreateConventionInput!) {
      createConvention(input: $input) {
        id
      }
    }
  `),
  updateConvention: graphql(`
    mutation EditUpdateConvention($id: ID!, $v: Int!, $input: UpdateConventionInput!) {
      updateConvention(id: $id, expectedVersion: $v, input: $input) {
        id
      }
    }
  `),
  closeConvention: graphql(`
    mutation EditCloseConvention($id: ID!, $v: Int!, $to: Date!, $src: ID!) {
      closeConvention(id: $id, expectedVersion: $v, validTo: $to, sourceID: $src) {
        id
      }
    }
  `),
  createParty: graphql(`
    mutation EditCreateParty($input: CreateConventionPartyInput!) {
      createConventionParty(input: $input) {
        id
      }
    }
  `),
  updateParty: graphql(`
    mutation EditUpdateParty($id: ID!, $v: Int!, $input: UpdateConventionPartyInput!) {
      updateConventionParty(id: $id, expectedVersion: $v, input: $input) {
        id
      }
    }
  `),
  closeParty: graphql(`
    mutation EditCloseParty($id: ID!, $v: Int!, $to: Date!, $src: ID!) {
      closeConventionParty(id: $id, expectedVersion: $v, validTo: $to, sourceID: $src) {
        id
      }
    }
  `),
  createGrouping: graphql(`
    mutation EditCreateGrouping($input: CreateGroupingInput!) {
      createGrouping(input: $input) {
        id
      }
    }
  `),
  updateGrouping: graphql(`
    mutation EditUpdateGrouping($id: ID!, $v: Int!, $input: UpdateGroupingInput!) {
      updateGrouping(id: $id, expectedVersion: $v, input: $input) {
        id
      }
    }
  `),
  closeGrouping: graphql(`
    mutation EditCloseGrouping($id: ID!, $v: Int!, $to: Date!, $src: ID!) {
      closeGrouping(id: $id, expectedVersion: $v, validTo: $to, sourceID: $src) {
        id
      }
    }
  `),
  createMembership: graphql(`
    mutation EditCreateMembership($input: CreateMembershipInput!) {
      createMembership(input: $input) {
        id
      }
    }
  `),
  updateMembership: graphql(`
    mutation EditUpdateMembership($id: ID!, $v: Int!, $input: UpdateMembershipInput!) {
      updateMembership(id: $id, expectedVersion: $v, input: $input) {
        id
      }
    }
  `),
  closeMembership: graphql(`
    mutation EditCloseMembership($id: ID!, $v: Int!, $to: Date!, $src: ID!) {
      closeMembership(id: $id, expectedVersion: $v, validTo: $to, sourceID: $src) {
        id
      }
    }
  `),
};

type RecordNode = NonNullable<Awaited<ReturnType<typeof loadRecord>>>;

function loadRecord(id: string) {
  return gql(EditRecordDocument, { id }).then((d) => d.node);
}

/** Un enregistrement lu → son brouillon, sa version, sa source, son nom. */
function readRecord(n: RecordNode): { draft: Draft; version: number; source: { id: string; title: string } | null; label: string } {
  switch (n.__typename) {
    case 'Convention':
      return {
        draft: conventionDraft({ ...n, kind: n.conventionKind, validFromPrecision: n.conventionPrecision, territoryID: n.territory?.id ?? null }),
        version: n.version,
        source: n.source,
        label: n.name,
      };
    case 'Grouping':
      return {
        draft: groupingDraft({ ...n, kind: n.groupingKind, validFromPrecision: n.groupingPrecision, territoryID: n.territory?.id ?? null }),
        version: n.version,
        source: n.source,
        label: n.name,
      };
    case 'ConventionParty':
      return {
        draft: partDraft({ legalEntityID: n.legalEntity.id, legalEntityLabel: n.legalEntity.name, role: n.partyRole, designation: n.designation, validFrom: n.validFrom, validFromPrecision: n.partyPrecision, validTo: n.validTo }, 'SIGNATORY'),
        version: n.version,
        source: n.source,
        label: `${n.designation ?? n.legalEntity.name} — ${n.convention.name}`,
      };
    case 'Membership':
      return {
        draft: partDraft({ legalEntityID: n.member?.id ?? '', legalEntityLabel: n.member?.name ?? '', role: n.memberRole, validFrom: n.validFrom, validFromPrecision: n.memberPrecision, validTo: n.validTo }, 'MEMBER'),
        version: n.version,
        source: n.source,
        label: `${n.member?.name ?? '?'} — ${n.grouping.name}`,
      };
    default:
      return { draft: {}, version: 0, source: null, label: n.id };
  }
}

/** Un objet sans certaines clés (ce qu'une autre mutation n'accepte pas). */
function omit<T extends object, K extends keyof T>(o: T, keys: readonly K[]): Omit<T, K> {
  const out: Partial<T> = { ...o };
  for (const k of keys) Reflect.deleteProperty(out, k);
  return out as Omit<T, K>;
}

const MESSAGES = { badDate: em.badDate, required: em.required, order: em.order, badUrl: em.badUrl };

export interface EditPanelProps {
  readonly target: string;
  readonly viewer: Viewer | null;
  readonly territories: Territories;
  /** Ferme le formulaire ; `selected` : la fiche à montrer ensuite (celle créée). */
  readonly onClose: (selected?: string) => void;
  readonly onEdit: (target: string) => void;
}

export default function EditPanel({ target, viewer, territories, onClose }: EditPanelProps) {
  const t = parseEditTarget(target);
  if (t === null) return null;
  const title = em.titles[t.kind][t.mode];
  return (
    <section className="edit" aria-labelledby="edit-title" data-testid="edit-panel" data-kind={t.kind} data-mode={t.mode}>
      <h2 id="edit-title">{title}</h2>
      {viewer?.mayEdit !== true ? (
        <>
          <p className="notice" data-testid="edit-signin">{em.notSignedIn}</p>
          <button type="button" className="button" onClick={() => { onClose(); }}>
            {em.cancel}
          </button>
        </>
      ) : territories.byKey.size === 0 ? (
        <p className="status">{em.loading}</p>
      ) : t.id === null ? (
        <RecordForm key={target} target={t} record={null} viewer={viewer} territories={territories} onClose={onClose} />
      ) : (
        <Loaded key={target} target={t} viewer={viewer} territories={territories} onClose={onClose} />
      )}
    </section>
  );
}

function Loaded({ target, viewer, territories, onClose }: { readonly target: EditTarget; readonly viewer: Viewer; readonly territories: Territories; readonly onClose: (selected?: string) => void }) {
  const result = useGql(EditRecordDocument, { id: target.id ?? '' });
  const record = result.data?.node ?? null;
  if (result.error !== null) return <Refusal refusal={refusalOf(result.error)} />;
  // Le formulaire lit la fiche à son montage : la version lue reste sa base, même si la fiche se recharge.
  if (record === null) return <p className="status">{result.isLoading ? em.loading : em.notFound}</p>;
  return <RecordForm target={target} record={record} viewer={viewer} territories={territories} onClose={onClose} />;
}

interface Party {
  readonly key: number;
  readonly legalEntityID: string;
  readonly label: string;
  readonly role: string;
}

function RecordForm({ target, record, viewer, territories, onClose }: { readonly target: EditTarget; readonly record: RecordNode | null; readonly viewer: Viewer; readonly territories: Territories; readonly onClose: (selected?: string) => void }) {
  const client = useQueryClient();
  const read = record === null ? null : readRecord(record);
  const defaultTerritory = (() => {
    const first = viewer.territories[0];
    if (first === undefined) return '';
    const { kind, code } = parseTokenTerritory(first);
    return territories.byKey.get(`${kind ?? 'REGION'}:${code}`)?.id ?? '';
  })();
  const initial: Draft =
    read?.draft ??
    (target.kind === 'convention'
      ? { ...conventionDraft(null), territoryID: defaultTerritory }
      : target.kind === 'grouping'
        ? { ...groupingDraft(null), territoryID: defaultTerritory }
        : partDraft(null, target.kind === 'party' ? 'SIGNATORY' : 'MEMBER'));
  const [base, setBase] = useState<{ draft: Draft; version: number } | null>(read === null ? null : { draft: read.draft, version: read.version });
  const [draft, setDraft] = useState<Draft>(initial);
  const [closeOn, setCloseOn] = useState('');
  const [source, setSource] = useState<SourceChoice>(read?.source != null ? { ...EMPTY_SOURCE, mode: 'existing', existing: read.source } : EMPTY_SOURCE);
  const [parties, setParties] = useState<readonly Party[]>([]);
  const [errors, setErrors] = useState<Readonly<Record<string, string>>>({});
  const [refusal, setRefusal] = useState<ApiRefusal | null>(null);
  const [conflict, setConflict] = useState<{ theirs: Draft; version: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const [partyKey, setPartyKey] = useState(1);

  const set = (field: string, value: string | readonly string[]) => {
    setDraft((d) => ({ ...d, [field]: value }));
  };
  const str = (f: string) => {
    const v = draft[f];
    return typeof v === 'string' ? v : '';
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

  async function save(d: Draft, b: { draft: Draft; version: number } | null): Promise<void> {
    setRefusal(null);
    setErrors({});
    const fields = Object.keys(d).concat(['sourceID', 'validTo']);
    // Ce que l'on peut vérifier avant d'envoyer.
    if (target.mode === 'close') {
      const p = parseDateInput(closeOn);
      if (!p.ok || p.date === null || p.precision !== 'DAY') {
        setErrors({ closeOn: p.ok && p.date === null ? em.required : em.dayOnly });
        return;
      }
    } else {
      const probe = target.kind === 'convention' || target.kind === 'grouping' ? conventionInput(d, b?.draft ?? null, 'probe', MESSAGES) : partInput(d, b?.draft ?? null, 'probe', MESSAGES, target.kind === 'party');
      if (probe.input === null) {
        setErrors(probe.errors);
        return;
      }
    }
    setBusy(true);
    try {
      const src = await sourceID();
      if (src === null) return;
      const id = target.id ?? '';
      const v = b?.version ?? 0;
      let selected: string | undefined;
      if (target.mode === 'close') {
        const to = parseDateInput(closeOn);
        const vars = { id, v, to: to.ok && to.date !== null ? to.date : '', src };
        if (target.kind === 'convention') await gql(SaveDocuments.closeConvention, vars);
        else if (target.kind === 'grouping') await gql(SaveDocuments.closeGrouping, vars);
        else if (target.kind === 'party') await gql(SaveDocuments.closeParty, vars);
        else await gql(SaveDocuments.closeMembership, vars);
      } else if (target.kind === 'convention' || target.kind === 'grouping') {
        const built = conventionInput(d, b?.draft ?? null, src, MESSAGES);
        if (built.input === null) return;
        if (target.kind === 'convention') {
          if (b === null) {
            const created = await gql(SaveDocuments.createConvention, { input: { ...built.input, name: built.input.name ?? '', kind: (built.input.kind ?? 'CONVENTION') as 'CONVENTION' } });
            selected = created.createConvention.id;
            // Les parties, une à une : une partie refusée n'efface pas la convention créée.
            let done = 0;
            for (const p of parties) {
              try {
                await gql(SaveDocuments.createParty, { input: { conventionID: selected, legalEntityID: p.legalEntityID, role: p.role as 'SIGNATORY', sourceID: src } });
                done++;
              } catch (err) {
                await client.invalidateQueries({ queryKey: API_KEY });
                setRefusal({ ...refusalOf(err), message: `${refusalOf(err).message} — ${em.partial(done, parties.length)}` });
                return;
              }
            }
          } else {
            await gql(SaveDocuments.updateConvention, { id, v, input: built.input as never });
          }
        } else if (b === null) {
          const rest = omit(built.input, ['domains', 'signedOn', 'description']);
          const created = await gql(SaveDocuments.createGrouping, { input: { ...rest, name: rest.name ?? '', kind: (rest.kind ?? 'GCS') as 'GCS' } });
          selected = created.createGrouping.id;
        } else {
          const rest = omit(built.input, ['domains', 'signedOn', 'description', 'clearDomains', 'clearSignedOn', 'clearDescription']);
          await gql(SaveDocuments.updateGrouping, { id, v, input: rest as never });
        }
      } else {
        const built = partInput(d, b?.draft ?? null, src, MESSAGES, target.kind === 'party');
        if (built.input === null) return;
        if (target.kind === 'party') {
          if (b === null) await gql(SaveDocuments.createParty, { input: { ...built.input, conventionID: target.parent ?? '', legalEntityID: built.input.legalEntityID ?? '' } as never });
          else await gql(SaveDocuments.updateParty, { id, v, input: built.input as never });
        } else if (b === null) {
          const rest = omit(built.input, ['designation', 'clearDesignation']);
          await gql(SaveDocuments.createMembership, { input: { ...rest, groupingID: target.parent ?? '', role: (rest.role ?? 'MEMBER') as 'MEMBER' } as never });
        } else {
          const rest = omit(built.input, ['designation', 'clearDesignation']);
          await gql(SaveDocuments.updateMembership, { id, v, input: rest as never });
        }
        selected = target.parent ?? undefined;
      }
      await client.invalidateQueries({ queryKey: API_KEY });
      onClose(selected);
    } catch (err) {
      const r = refusalOf(err);
      if (r.code === 'CONFLICT' && target.id !== null) {
        // Ce que l'autre a changé : la version actuelle, lue à nouveau.
        const now = await loadRecord(target.id).catch(() => null);
        if (now != null) {
          const current = readRecord(now);
          setConflict({ theirs: current.draft, version: current.version });
        }
        setRefusal(r);
        return;
      }
      const field = refusalField(r, fields);
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

  const territoryOptions: Record<string, string> = { '': em.noTerritory };
  for (const r of territories.regions) territoryOptions[r.id] = r.name;
  for (const dpt of territories.departments) territoryOptions[dpt.id] = `${dpt.code} — ${dpt.name}`;

  let body: ReactNode;
  if (target.mode === 'close') {
    body = (
      <>
        <p className="muted">{em.closeHint}</p>
        <DateField name="closeOn" label={em.closeOn} error={errors['closeOn'] ?? errors['validTo']} value={closeOn} onChange={setCloseOn} dayOnly />
      </>
    );
  } else if (target.kind === 'convention' || target.kind === 'grouping') {
    const isConvention = target.kind === 'convention';
    body = (
      <>
        <TextField name="name" label={em.fields['name'] ?? ''} error={errors['name']} value={str('name')} onChange={(v) => { set('name', v); }} required />
        <SelectField name="kind" label={em.fields['kind'] ?? ''} error={errors['kind']} value={str('kind')} onChange={(v) => { set('kind', v); }} options={isConvention ? em.conventionKinds : em.groupingKinds} />
        <TextField name="code" label={em.fields['code'] ?? ''} error={errors['code']} value={str('code')} onChange={(v) => { set('code', v); }} />
        <SelectField name="territoryID" label={em.fields['territoryID'] ?? ''} error={errors['territoryID']} value={str('territoryID')} onChange={(v) => { set('territoryID', v); }} options={territoryOptions} />
        <DateField name="validFrom" label={em.fields['validFrom'] ?? ''} error={errors['validFrom']} value={str('validFrom')} onChange={(v) => { set('validFrom', v); }} />
        <DateField name="validTo" label={em.fields['validTo'] ?? ''} error={errors['validTo']} value={str('validTo')} onChange={(v) => { set('validTo', v); }} dayOnly />
        {isConvention && (
          <>
            <DateField name="signedOn" label={em.fields['signedOn'] ?? ''} error={errors['signedOn']} value={str('signedOn')} onChange={(v) => { set('signedOn', v); }} dayOnly />
            <CheckList name="domains" label={em.fields['domains'] ?? ''} error={errors['domains']} value={Array.isArray(draft['domains']) ? (draft['domains'] as readonly string[]) : []} onChange={(v) => { set('domains', v); }} options={em.domains} />
            <TextField name="description" label={em.fields['description'] ?? ''} error={errors['description']} value={str('description')} onChange={(v) => { set('description', v); }} multiline />
          </>
        )}
        {isConvention && base === null && (
          <fieldset className="form__group" data-testid="parties">
            <legend>{em.fields['parties']}</legend>
            <ul className="list">
              {parties.map((p) => (
                <li key={p.key} data-testid="party-row">
                  {p.label}{' '}
                  <select aria-label={`${em.fields['role'] ?? ''} : ${p.label}`} value={p.role} onChange={(e) => { setParties(parties.map((q) => (q.key === p.key ? { ...q, role: e.target.value } : q))); }}>
                    {Object.entries(em.partyRoles).map(([k, v]) => (
                      <option key={k} value={k}>
                        {v}
                      </option>
                    ))}
                  </select>{' '}
                  <button type="button" className="linklike" onClick={() => { setParties(parties.filter((q) => q.key !== p.key)); }}>
                    {em.removeParty}
                  </button>
                </li>
              ))}
            </ul>
            <SearchBox
              label={em.addParty}
              kinds={['LEGAL_ENTITY']}
              testId="party-search"
              placeholder={em.pickOrg}
              chosenLabel={null}
              onChoose={(hit) => {
                if (parties.some((p) => p.legalEntityID === hit.node.id)) return;
                setParties([...parties, { key: partyKey, legalEntityID: hit.node.id, label: hit.label, role: 'SIGNATORY' }]);
                setPartyKey(partyKey + 1);
              }}
            />
          </fieldset>
        )}
      </>
    );
  } else {
    const isParty = target.kind === 'party';
    body = (
      <>
        {base === null ? (
          <div className="form__field" data-field="legalEntityID">
            <SearchBox
              label={em.fields['legalEntityID'] ?? ''}
              kinds={['LEGAL_ENTITY']}
              testId="member-search"
              placeholder={em.pickOrg}
              chosenLabel={str('legalEntityLabel') === '' ? null : str('legalEntityLabel')}
              onChoose={(hit) => {
                setDraft((d) => ({ ...d, legalEntityID: hit.node.id, legalEntityLabel: hit.label }));
              }}
            />
            {str('legalEntityLabel') !== '' && <p data-testid="member-chosen">{em.chosen(str('legalEntityLabel'))}</p>}
            <FieldError id="legal-entity-err" text={errors['legalEntityID']} />
          </div>
        ) : (
          <p>
            <strong>{em.fields['legalEntityID']} :</strong> {str('legalEntityLabel')}
          </p>
        )}
        <SelectField name="role" label={em.fields['role'] ?? ''} error={errors['role']} value={str('role')} onChange={(v) => { set('role', v); }} options={isParty ? em.partyRoles : em.memberRoles} />
        {isParty && <TextField name="designation" label={em.fields['designation'] ?? ''} error={errors['designation']} value={str('designation')} onChange={(v) => { set('designation', v); }} />}
        <DateField name="validFrom" label={em.fields['validFrom'] ?? ''} error={errors['validFrom']} value={str('validFrom')} onChange={(v) => { set('validFrom', v); }} />
        <DateField name="validTo" label={em.fields['validTo'] ?? ''} error={errors['validTo']} value={str('validTo')} onChange={(v) => { set('validTo', v); }} dayOnly />
      </>
    );
  }

  return (
    <form className="form" onSubmit={submit} noValidate data-testid="edit-form">
      {read !== null && <p className="muted" data-testid="edit-of">{em.of(read.label)}</p>}
      <Refusal refusal={conflict === null ? refusal : null} />
      {conflict !== null && base !== null && (
        <ConflictView
          conflict={conflictOf(base.draft, conflict.theirs, draft)}
          base={base.draft}
          theirs={conflict.theirs}
          mine={draft}
          onReapply={() => {
            const next = reapply(base.draft, conflict.theirs, draft);
            const nextBase = { draft: conflict.theirs, version: conflict.version };
            setBase(nextBase);
            setDraft(next);
            setConflict(null);
            void save(next, nextBase);
          }}
          onDiscard={() => {
            setBase({ draft: conflict.theirs, version: conflict.version });
            setDraft(conflict.theirs);
            setConflict(null);
            setRefusal(null);
          }}
        />
      )}
      {body}
      <SourcePicker value={source} onChange={setSource} errors={errors} />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={busy} data-testid="edit-save">
          {busy ? em.saving : target.mode === 'close' ? em.doClose : em.save}
        </button>
        <button type="button" className="button" data-testid="edit-cancel" onClick={() => { onClose(); }}>
          {em.cancel}
        </button>
      </div>
    </form>
  );
}
