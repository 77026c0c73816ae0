/** Un groupement (GHT, GCS…) et l'adhésion d'un membre. */
import { gql } from '../../core/api.ts';
import { conventionInput, groupingDraft, partDraft, partInput, type ConventionInput, type PartInput } from '../../core/editForm.ts';
import { groupingMutations as M } from '../mutations.ts';
import { em } from '../messages.ts';
import { reader } from '../record.ts';
import { PartFields, RecordHead } from './draftFields.tsx';
import { useProposed, type Proposed } from './pickers.tsx';
import { defaultTerritory, lineSpec, MESSAGES, RecordForm, type FormProps, type RecordSpec } from './RecordForm.tsx';

const readGrouping = reader(
  'Grouping',
  (n) => groupingDraft({ ...n, kind: n.groupingKind, validFromPrecision: n.groupingPrecision, territoryID: n.territory?.id ?? null }),
  (n) => n.name,
);

const readMembership = reader(
  'Membership',
  (n) => partDraft({ ...n, legalEntityID: n.member?.id ?? '', legalEntityLabel: n.member?.name ?? '', role: n.memberRole, siteIDs: n.sites.map((s) => s.id), validFromPrecision: n.memberPrecision }, 'MEMBER'),
  (n) => `${n.member?.name ?? '?'} — ${n.grouping.name}`,
);


export function GroupingForm(props: FormProps) {
  const spec: RecordSpec<ConventionInput> = {
    read: readGrouping,
    blank: { ...groupingDraft(null), territoryID: defaultTerritory(props.viewer, props.territories) },
    // Un groupement a les champs d'une convention, moins ses domaines, sa signature et sa description.
    build: (d, base, src) => conventionInput(d, base, src, MESSAGES),
    create: async (input) => (await gql(M.create, { input: input as never })).createGrouping.id,
    update: M.update,
    close: M.close,
  };
  return (
    <RecordForm props={props} spec={spec}>
      {(form) => (
        <>
          <RecordHead form={form} kindField="kind" kinds={em.groupingKinds} withCode={true} territories={props.territories} />
        </>
      )}
    </RecordForm>
  );
}

export function MembershipForm(props: FormProps) {
  const proposed = useProposed(props.target.with);
  if (proposed === undefined) return <p className="status">{em.loading}</p>;
  return <MembershipFormWith props={props} proposed={proposed} />;
}

/** L'adhésion, avec le membre et le rôle que l'adresse propose (une action de la liste de travail, une suggestion à confirmer). */
function MembershipFormWith({ props, proposed }: { readonly props: FormProps; readonly proposed: Proposed | null }) {
  const blank = partDraft(null, props.target.as ?? 'MEMBER');
  const spec = lineSpec<PartInput>(props, {
    read: readMembership,
    blank: proposed === null ? blank : { ...blank, legalEntityID: proposed.id, legalEntityLabel: proposed.label },
    build: (d, base, src) => partInput(d, base, src, MESSAGES, false),
    createUnder: (input, parent) => gql(M.createLine, { input: { ...input, groupingID: parent } as never }),
    update: M.updateLine,
    close: M.closeLine,
  });
  return <RecordForm props={props} spec={spec}>{(form) => <PartFields form={form} roles={em.memberRoles} withDesignation={false} />}</RecordForm>;
}
