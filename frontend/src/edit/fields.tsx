import { useEffect, useId, useMemo, useRef, type ReactNode } from 'react';
import { useTerritories, type Territories } from '../app/TerritorySelect.tsx';
import { ApiError } from '../core/api.ts';
import { parseDateInput, type ApiRefusal } from '../core/editForm.ts';
import { codeNamer, explainRefusal, type PlaceNamer } from '../core/refusal.ts';
import { em } from './messages.ts';

/** Nomme les territoires par leur nom quand la liste est chargée, par leur code sinon. */
function placeNamer(territories: Territories | null): PlaceNamer {
  return codeNamer(
    (code) => em.reasons.region(code, territories?.byKey.get(`REGION:${code}`)?.name),
    (code) => em.reasons.department(code, territories?.byKey.get(`DEPARTMENT:${code}`)?.name),
  );
}

/** Un refus de l'API (ou une panne) tel qu'un formulaire le montre : sa raison en français quand le serveur la donne. */
export function refusalOf(err: unknown): ApiRefusal {
  if (err instanceof ApiError) {
    const f = err.failure;
    if (f.kind === 'graphql') {
      const explained = explainRefusal(f.reason, f.details, em.reasons, placeNamer(null));
      return { code: f.code, message: explained ?? f.message, field: f.field, reason: f.reason, details: f.details };
    }
    return { code: null, message: f.kind === 'http' ? `HTTP ${String(f.status)}` : f.kind };
  }
  return { code: null, message: err instanceof Error ? err.message : String(err) };
}

export function FieldError({ id, text }: { readonly id: string; readonly text: string | undefined }) {
  if (text === undefined) return null;
  return (
    <p className="field-error" id={id} role="alert" data-testid="field-error">
      {text}
    </p>
  );
}

interface BaseProps {
  readonly name: string;
  readonly label: string;
  readonly error: string | undefined;
  readonly hint?: ReactNode;
}

export function TextField({ name, label, error, hint, value, onChange, multiline, required }: BaseProps & { readonly value: string; readonly onChange: (v: string) => void; readonly multiline?: boolean; readonly required?: boolean }) {
  const id = useId();
  const errId = `${id}-err`;
  const common = {
    id,
    name,
    value,
    'aria-invalid': error !== undefined,
    'aria-describedby': error !== undefined ? errId : undefined,
    'data-testid': `field-${name}`,
    required,
  };
  return (
    <div className="form__field" data-field={name}>
      <label htmlFor={id}>{label}</label>
      {multiline === true ? <textarea rows={3} {...common} onChange={(e) => { onChange(e.target.value); }} /> : <input type="text" {...common} onChange={(e) => { onChange(e.target.value); }} />}
      {hint !== undefined && <p className="muted form__hint">{hint}</p>}
      <FieldError id={errId} text={error} />
    </div>
  );
}

/** Une date avec sa précision : l'année, le mois ou le jour, lue de la saisie. */
export function DateField({ name, label, error, value, onChange, dayOnly }: BaseProps & { readonly value: string; readonly onChange: (v: string) => void; readonly dayOnly?: boolean }) {
  const parsed = parseDateInput(value);
  const precision = parsed.ok && parsed.precision !== null ? em.precision[parsed.precision] : null;
  return (
    <TextField
      name={name}
      label={label}
      error={error}
      value={value}
      onChange={onChange}
      hint={
        <>
          {dayOnly === true ? em.dayOnly : em.dateHint}
          {precision !== null && dayOnly !== true && <strong data-testid={`precision-${name}`}> — {precision}</strong>}
        </>
      }
    />
  );
}

export function SelectField({ name, label, error, value, onChange, options }: BaseProps & { readonly value: string; readonly onChange: (v: string) => void; readonly options: Readonly<Record<string, string>> }) {
  const id = useId();
  return (
    <div className="form__field" data-field={name}>
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} value={value} data-testid={`field-${name}`} aria-invalid={error !== undefined} onChange={(e) => { onChange(e.target.value); }}>
        {Object.entries(options).map(([k, v]) => (
          <option key={k} value={k}>
            {v}
          </option>
        ))}
      </select>
      <FieldError id={`${id}-err`} text={error} />
    </div>
  );
}

export function CheckList({ name, label, error, value, onChange, options }: BaseProps & { readonly value: readonly string[]; readonly onChange: (v: string[]) => void; readonly options: Readonly<Record<string, string>> }) {
  return (
    <fieldset className="form__field form__checks" data-field={name}>
      <legend>{label}</legend>
      {Object.entries(options).map(([k, v]) => (
        <label key={k} className="check">
          <input
            type="checkbox"
            checked={value.includes(k)}
            onChange={(e) => {
              onChange(e.target.checked ? [...value, k] : value.filter((x) => x !== k));
            }}
          />{' '}
          {v}
        </label>
      ))}
      <FieldError id={`${name}-err`} text={error} />
    </fieldset>
  );
}

/** Un refus qui ne nomme aucun champ (droits, conflit sans détail…) : en tête du formulaire. */
export function Refusal({ refusal }: { readonly refusal: ApiRefusal | null }) {
  const ref = useRef<HTMLDivElement>(null);
  const territories = useTerritories();
  const text = useMemo(
    () => (refusal === null ? '' : (explainRefusal(refusal.reason, refusal.details, em.reasons, placeNamer(territories)) ?? refusal.message)),
    [refusal, territories],
  );
  useEffect(() => {
    if (refusal !== null) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [refusal]);
  if (refusal === null) return null;
  return (
    <div ref={ref} className="notice notice--error" role="alert" data-testid="form-refusal" data-code={refusal.code ?? ''}>
      <strong>{refusal.code === 'FORBIDDEN' ? em.forbidden : em.refused}</strong>
      <span data-testid="form-refusal-reason" data-reason={refusal.reason ?? ''}>
        {text}
      </span>
      <span className="muted">{em.kept}</span>
    </div>
  );
}
