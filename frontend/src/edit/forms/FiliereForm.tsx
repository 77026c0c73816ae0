/**
 * Une filière (avec, à sa création, ses rôles gradués) et le rôle d'une
 * organisation dans une filière : une entité juridique, peut-être un de ses
 * sites, un grade (proximité, recours, référence) ou aucun si la source
 * n'en donne pas.
 */
import { gql } from '../../core/api.ts';
import { filiereDraft, filiereInput, roleDraft, roleInput, type FiliereInput, type RoleInput } from '../../core/editFiliereTeam.ts';
import { filiereMutations as M } from '../mutations.ts';
import { em } from '../messages.ts';
import { reader } from '../record.ts';
import { DraftCheck, DraftSelect, DraftText, PeriodFields, RecordHead } from './draftFields.tsx';
import { DraftPicker, LinesField, RowSelect, RowText, SiteSelect, useLines } from './pickers.tsx';
import { createLines, defaultTerritory, lineSpec, MESSAGES, RecordForm, type FormProps, type RecordSpec } from './RecordForm.tsx';

const readFiliere = reader(
  'Filiere',
  (n) => filiereDraft({ ...n, specialty: n.filiereSpecialty, validFromPrecision: n.filierePrecision, territoryID: n.territory?.id ?? null }),
  (n) => n.name,
);

const readRole = reader(
  'FiliereRole',
  (n) => roleDraft({ ...n, legalEntityID: n.legalEntity.id, legalEntityLabel: n.legalEntity.name, establishmentID: n.roleSite?.id ?? null, validFromPrecision: n.rolePrecision }),
  (n) => `${n.legalEntity.name} — ${n.filiere.name}`,
);


export function FiliereForm(props: FormProps) {
  const { lines, setLines, add } = useLines();
  const spec: RecordSpec<FiliereInput> = {
    read: readFiliere,
    blank: { ...filiereDraft(null), territoryID: defaultTerritory(props.viewer, props.territories) },
    build: (d, base, src) => filiereInput(d, base, src, MESSAGES),
    create: async (input, src) => {
      const id = (await gql(M.create, { input: input as never })).createFiliere.id;
      // Chaque ligne passe par la même construction qu'un rôle ajouté seul : un grade vide n'est pas envoyé.
      return createLines(id, lines, (l) => {
        const built = roleInput({ ...roleDraft(null), ...l.values, legalEntityID: l.id }, null, src, MESSAGES);
        return gql(M.createLine, { input: { ...built.input, filiereID: id } as never });
      });
    },
    update: M.update,
    close: M.close,
  };
  return (
    <RecordForm props={props} spec={spec}>
      {(form) => (
        <>
          <RecordHead form={form} kindField="specialty" kinds={em.specialties} withCode={false} territories={props.territories} />
          <DraftText form={form} name="description" multiline />
          <DraftCheck form={form} name="designations" />
          {form.base === null && (
            <LinesField
              legend={em.fields['roles'] ?? ''}
              testId="roles"
              searchTestId="role-search"
              rowTestId="role-row"
              lines={lines}
              setLines={setLines}
              onAdd={(hit) => { add(hit, { level: '', detail: '', establishmentID: '' }); }}
              kinds={['LEGAL_ENTITY']}
              addLabel={em.addRole}
              placeholder={em.pickOrg}
            >
              {(l, set) => (
                <>
                  <RowSelect label={`${em.fields['level'] ?? ''} : ${l.label}`} value={l.values['level'] ?? ''} onChange={(v) => { set('level', v); }} options={em.levels} testId="row-level" />{' '}
                  <RowText label={`${em.fields['detail'] ?? ''} : ${l.label}`} value={l.values['detail'] ?? ''} onChange={(v) => { set('detail', v); }} testId="row-detail" placeholder={em.detailShort} />{' '}
                  <SiteSelect row entityID={l.id} name="establishmentID" label={`${em.fields['establishmentID'] ?? ''} : ${l.label}`} value={l.values['establishmentID'] ?? ''} onChange={(v) => { set('establishmentID', v); }} />
                </>
              )}
            </LinesField>
          )}
        </>
      )}
    </RecordForm>
  );
}

export function RoleForm(props: FormProps) {
  const spec = lineSpec<RoleInput>(props, {
    read: readRole,
    blank: roleDraft(null),
    build: (d, base, src) => roleInput(d, base, src, MESSAGES),
    createUnder: (input, parent) => gql(M.createLine, { input: { ...input, filiereID: parent } as never }),
    update: M.updateLine,
    close: M.closeLine,
  });
  return (
    <RecordForm props={props} spec={spec}>
      {(form) => (
        <>
          <DraftPicker form={form} field="legalEntityID" kinds={['LEGAL_ENTITY']} testId="member-search" label={em.fields['legalEntityID'] ?? ''} placeholder={em.pickOrg} fixed={form.base !== null} reset={{ establishmentID: '' }} />
          <SiteSelect entityID={form.str('legalEntityID')} name="establishmentID" label={em.fields['establishmentID'] ?? ''} value={form.str('establishmentID')} onChange={(v) => { form.set('establishmentID', v); }} error={form.errors['establishmentID']} />
          <DraftSelect form={form} name="level" options={em.levels} />
          <DraftText form={form} name="detail" />
          <PeriodFields form={form} />
        </>
      )}
    </RecordForm>
  );
}
