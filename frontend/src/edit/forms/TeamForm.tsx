/**
 * Une équipe médicale de territoire (avec, à sa création, ses sites) et le
 * site d'une équipe, avec la part du temps qu'elle y passe, saisie en
 * pourcentage ; vide si la source ne la donne pas.
 */
import { gql } from '../../core/api.ts';
import { parseTimeShare, teamDraft, teamInput, teamSiteDraft, teamSiteInput, type TeamInput, type TeamSiteInput } from '../../core/editFiliereTeam.ts';
import { teamMutations as M } from '../mutations.ts';
import { em } from '../messages.ts';
import { reader } from '../record.ts';
import { DraftText, PeriodFields } from './draftFields.tsx';
import { DraftPicker, LinesField, RowText, useLines } from './pickers.tsx';
import { createLines, lineSpec, MESSAGES, RecordForm, type FormProps, type RecordSpec } from './RecordForm.tsx';

/** L'erreur de la part du temps d'une ligne, rangée sous la clé de la ligne. */
const lineField = (key: number) => `line-${String(key)}`;

const readTeam = reader(
  'MedicalTeam',
  (n) =>
    teamDraft({
      ...n,
      specialty: n.teamSpecialty,
      validFromPrecision: n.teamPrecision,
      conventionID: n.teamConvention?.id ?? null,
      conventionLabel: n.teamConvention?.name ?? null,
      groupingID: n.teamGrouping?.id ?? null,
      groupingLabel: n.teamGrouping?.name ?? null,
    }),
  (n) => n.name,
);

const readTeamSite = reader(
  'TeamSite',
  (n) => teamSiteDraft({ ...n, establishmentID: n.site.id, establishmentLabel: n.site.name, validFromPrecision: n.teamSitePrecision }),
  (n) => `${n.site.name} — ${n.team.name}`,
);


export function TeamForm(props: FormProps) {
  const { lines, setLines, add } = useLines();
  const spec: RecordSpec<TeamInput> = {
    read: readTeam,
    blank: teamDraft(null),
    build: (d, base, src) => teamInput(d, base, src, MESSAGES),
    checkLines: () => {
      const errors: Record<string, string> = {};
      for (const l of lines) if (!parseTimeShare(l.values['timeShare'] ?? '').ok) errors[lineField(l.key)] = em.badShare;
      return errors;
    },
    create: async (input, src) => {
      const id = (await gql(M.create, { input: input as never })).createMedicalTeam.id;
      return createLines(id, lines, (l) => {
        const built = teamSiteInput({ ...teamSiteDraft(null), establishmentID: l.id, timeShare: l.values['timeShare'] ?? '' }, null, src, MESSAGES);
        return gql(M.createLine, { input: { ...built.input, teamID: id } as never });
      });
    },
    update: M.update,
    close: M.close,
  };
  return (
    <RecordForm props={props} spec={spec}>
      {(form) => (
        <>
          <DraftText form={form} name="name" required />
          <DraftText form={form} name="specialty" label={em.fields['teamSpecialty'] ?? ''} />
          <p className="muted form__hint">{em.teamPlaces}</p>
          <DraftPicker form={form} field="conventionID" kinds={['CONVENTION']} testId="team-convention" label={em.fields['conventionID'] ?? ''} placeholder={em.pickConvention} clearable />
          <DraftPicker form={form} field="groupingID" kinds={['GROUPING']} testId="team-grouping" label={em.fields['groupingID'] ?? ''} placeholder={em.pickGrouping} clearable />
          <PeriodFields form={form} />
          <DraftText form={form} name="description" multiline />
          {form.base === null && (
            <LinesField
              legend={em.fields['sites'] ?? ''}
              testId="team-sites"
              searchTestId="team-site-search"
              rowTestId="team-site-row"
              lines={lines}
              setLines={setLines}
              onAdd={(hit) => { add(hit, { timeShare: '' }); }}
              kinds={['SITE']}
              addLabel={em.addSite}
              placeholder={em.pickSite}
            >
              {(l, set) => (
                <RowText label={`${em.fields['timeShare'] ?? ''} : ${l.label}`} value={l.values['timeShare'] ?? ''} onChange={(v) => { set('timeShare', v); }} error={form.errors[lineField(l.key)]} testId="row-timeShare" placeholder={em.fields['timeShare'] ?? ''} />
              )}
            </LinesField>
          )}
        </>
      )}
    </RecordForm>
  );
}

export function TeamSiteForm(props: FormProps) {
  const spec = lineSpec<TeamSiteInput>(props, {
    read: readTeamSite,
    blank: teamSiteDraft(null),
    build: (d, base, src) => teamSiteInput(d, base, src, MESSAGES),
    createUnder: (input, parent) => gql(M.createLine, { input: { ...input, teamID: parent } as never }),
    update: M.updateLine,
    close: M.closeLine,
  });
  return (
    <RecordForm props={props} spec={spec}>
      {(form) => (
        <>
          <DraftPicker form={form} field="establishmentID" kinds={['SITE']} testId="site-search" label={em.fields['establishmentID'] ?? ''} placeholder={em.pickSite} fixed={form.base !== null} />
          <DraftText form={form} name="timeShare" hint={em.shareHint} />
          <PeriodFields form={form} />
        </>
      )}
    </RecordForm>
  );
}
