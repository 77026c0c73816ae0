/**
 * Les champs d'un brouillon que plusieurs familles partagent : textes et
 * listes libellés par em.fields, territoire, période, et ceux d'une
 * participation (partie d'une convention, adhésion à un groupement).
 */
import type { Territories } from '../../app/TerritorySelect.tsx';
import { DateField, SelectField, TextField } from '../fields.tsx';
import { em } from '../messages.ts';
import { DraftPicker, SitesChecklist } from './pickers.tsx';
import type { FormState } from './RecordForm.tsx';

export function TerritoryField({ form, territories }: { readonly form: FormState; readonly territories: Territories }) {
  const options: Record<string, string> = { '': em.noTerritory };
  for (const r of territories.regions) options[r.id] = r.name;
  for (const d of territories.departments) options[d.id] = `${d.code} — ${d.name}`;
  return <SelectField name="territoryID" label={em.fields['territoryID'] ?? ''} error={form.errors['territoryID']} value={form.str('territoryID')} onChange={(v) => { form.set('territoryID', v); }} options={options} />;
}

/** Un champ texte du brouillon, libellé par em.fields. */
export function DraftText({ form, name, required, multiline, label, hint }: { readonly form: FormState; readonly name: string; readonly required?: boolean; readonly multiline?: boolean; readonly label?: string; readonly hint?: string }) {
  return <TextField name={name} label={label ?? em.fields[name] ?? name} error={form.errors[name]} value={form.str(name)} onChange={(v) => { form.set(name, v); }} required={required === true} multiline={multiline === true} hint={hint} />;
}

/** Une case : cochée, le champ vaut « true » ; décochée, rien. */
export function DraftCheck({ form, name }: { readonly form: FormState; readonly name: string }) {
  return (
    <div className="form__field" data-field={name}>
      <label className="check">
        <input type="checkbox" name={name} data-testid={`field-${name}`} checked={form.str(name) === 'true'} onChange={(e) => { form.set(name, e.target.checked ? 'true' : ''); }} /> {em.fields[name]}
      </label>
    </div>
  );
}

export function DraftSelect({ form, name, options, label }: { readonly form: FormState; readonly name: string; readonly options: Readonly<Record<string, string>>; readonly label?: string }) {
  return <SelectField name={name} label={label ?? em.fields[name] ?? name} error={form.errors[name]} value={form.str(name)} onChange={(v) => { form.set(name, v); }} options={options} />;
}

/** Le début (à l'année, au mois ou au jour) et la fin d'une période. */
export function PeriodFields({ form }: { readonly form: FormState }) {
  return (
    <>
      <DateField name="validFrom" label={em.fields['validFrom'] ?? ''} error={form.errors['validFrom']} value={form.str('validFrom')} onChange={(v) => { form.set('validFrom', v); }} />
      <DateField name="validTo" label={em.fields['validTo'] ?? ''} error={form.errors['validTo']} value={form.str('validTo')} onChange={(v) => { form.set('validTo', v); }} dayOnly />
    </>
  );
}

/** Le début d'une fiche : son nom, sa nature (ou sa spécialité), son code peut-être, son territoire, sa période. */
export function RecordHead({ form, kindField, kinds, withCode, territories }: { readonly form: FormState; readonly kindField: string; readonly kinds: Readonly<Record<string, string>>; readonly withCode: boolean; readonly territories: Territories }) {
  return (
    <>
      <DraftText form={form} name="name" required />
      <DraftSelect form={form} name={kindField} options={kinds} />
      {withCode && <DraftText form={form} name="code" />}
      <TerritoryField form={form} territories={territories} />
      <PeriodFields form={form} />
    </>
  );
}

/** Une participation : l'entité juridique (choisie à la création), ses sites nommés, son rôle, ses dates. */
export function PartFields({ form, roles, withDesignation }: { readonly form: FormState; readonly roles: Readonly<Record<string, string>>; readonly withDesignation: boolean }) {
  return (
    <>
      <DraftPicker form={form} field="legalEntityID" kinds={['LEGAL_ENTITY']} testId="member-search" label={em.fields['legalEntityID'] ?? ''} placeholder={em.pickOrg} fixed={form.base !== null} reset={{ siteIDs: [] }} />
      <SitesChecklist form={form} entityID={form.str('legalEntityID')} />
      <DraftSelect form={form} name="role" options={roles} />
      {withDesignation && <DraftText form={form} name="designation" />}
      <PeriodFields form={form} />
    </>
  );
}
