/** Une convention (avec, à sa création, ses parties) et une partie d'une convention. */
import { gql } from '../../core/api.ts';
import { conventionDraft, conventionInput, partDraft, partInput, type ConventionInput, type Draft, type PartInput } from '../../core/editForm.ts';
import { conventionMutations as M } from '../mutations.ts';
import { CheckList, DateField } from '../fields.tsx';
import { em } from '../messages.ts';
import { reader } from '../record.ts';
import { DraftText, PartFields, RecordHead } from './draftFields.tsx';
import { LinesField, RowSelect, useLines, useProposed, type Proposed } from './pickers.tsx';
import { createLines, defaultTerritory, lineSpec, MESSAGES, RecordForm, type FormProps, type RecordSpec } from './RecordForm.tsx';

const readConvention = reader(
  'Convention',
  (n) => conventionDraft({ ...n, kind: n.conventionKind, validFromPrecision: n.conventionPrecision, territoryID: n.territory?.id ?? null }),
  (n) => n.name,
);

const readParty = reader(
  'ConventionParty',
  (n) => partDraft({ ...n, legalEntityID: n.legalEntity.id, legalEntityLabel: n.legalEntity.name, role: n.partyRole, siteIDs: n.sites.map((s) => s.id), validFromPrecision: n.partyPrecision }, 'SIGNATORY'),
  (n) => `${n.designation ?? n.legalEntity.name} — ${n.convention.name}`,
);


const buildConvention = (d: Draft, base: Draft | null, src: string) => conventionInput(d, base, src, MESSAGES);

export function ConventionForm(props: FormProps) {
  const proposed = useProposed(props.target.with);
  if (proposed === undefined) return <p className="status">{em.loading}</p>;
  return <ConventionFormWith props={props} proposed={proposed} />;
}

/** La convention, avec la partie que l'adresse propose (l'EHPAD sans convention d'une action de la liste de travail). */
function ConventionFormWith({ props, proposed }: { readonly props: FormProps; readonly proposed: Proposed | null }) {
  const { lines, setLines, add } = useLines(proposed === null ? [] : [{ key: 0, id: proposed.id, label: proposed.label, values: { role: 'SIGNATORY' } }]);
  const spec: RecordSpec<ConventionInput> = {
    read: readConvention,
    blank: { ...conventionDraft(null), territoryID: defaultTerritory(props.viewer, props.territories) },
    build: buildConvention,
    create: async (input, src) => {
      const id = (await gql(M.create, { input: input as never })).createConvention.id;
      return createLines(id, lines, (l) => gql(M.createLine, { input: { conventionID: id, legalEntityID: l.id, role: (l.values['role'] ?? 'SIGNATORY') as 'SIGNATORY', sourceID: src } }));
    },
    update: M.update,
    close: M.close,
  };
  return (
    <RecordForm props={props} spec={spec}>
      {(form) => (
        <>
          <RecordHead form={form} kindField="kind" kinds={em.conventionKinds} withCode={true} territories={props.territories} />
          <DateField name="signedOn" label={em.fields['signedOn'] ?? ''} error={form.errors['signedOn']} value={form.str('signedOn')} onChange={(v) => { form.set('signedOn', v); }} dayOnly />
          <CheckList name="domains" label={em.fields['domains'] ?? ''} error={form.errors['domains']} value={form.strs('domains')} onChange={(v) => { form.set('domains', v); }} options={em.domains} />
          <DraftText form={form} name="description" multiline />
          {form.base === null && (
            <LinesField
              legend={em.fields['parties'] ?? ''}
              testId="parties"
              searchTestId="party-search"
              rowTestId="party-row"
              lines={lines}
              setLines={setLines}
              onAdd={(hit) => { add(hit, { role: 'SIGNATORY' }); }}
              kinds={['LEGAL_ENTITY']}
              addLabel={em.addParty}
              placeholder={em.pickOrg}
            >
              {(l, set) => (
                <RowSelect label={`${em.fields['role'] ?? ''} : ${l.label}`} value={l.values['role'] ?? 'SIGNATORY'} onChange={(v) => { set('role', v); }} options={em.partyRoles} />
              )}
            </LinesField>
          )}
        </>
      )}
    </RecordForm>
  );
}

export function PartyForm(props: FormProps) {
  const spec = lineSpec<PartInput>(props, {
    read: readParty,
    blank: partDraft(null, 'SIGNATORY'),
    build: (d, base, src) => partInput(d, base, src, MESSAGES, true),
    createUnder: (input, parent) => gql(M.createLine, { input: { ...input, conventionID: parent } as never }),
    update: M.updateLine,
    close: M.closeLine,
  });
  return <RecordForm props={props} spec={spec}>{(form) => <PartFields form={form} roles={em.partyRoles} withDesignation />}</RecordForm>;
}
