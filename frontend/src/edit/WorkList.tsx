/**
 * La liste de travail : les constats sur le territoire de l'éditeur, chacun
 * avec le formulaire qui le règle, et les membres probables « à confirmer »
 * que le répertoire suggère (jamais enregistrés tant qu'un éditeur ne les
 * confirme pas avec une source).
 */
import { failureOf } from '../core/api.ts';
import type { TerritoryRef } from '../core/urlState.ts';
import { byUrgency, confirmTarget, fixStep, recordsToType, type FixStep } from '../core/worklist.ts';
import { graphql } from '../gql/index.ts';
import { ErrorNotice } from '../app/ErrorNotice.tsx';
import { useGql } from '../app/query.ts';
import { em } from './messages.ts';

const WorkFindingsDocument = graphql(`
  query WorkFindings($filter: CooperationGraphFilter) {
    cooperationChecks(filter: $filter) {
      total
      truncated
      findings {
        rule
        severity
        records
        message
        fixes {
          action
          record
          organisation
          role
        }
      }
    }
  }
`);

const WorkRecordTypesDocument = graphql(`
  query WorkRecordTypes($ids: [ID!]!) {
    nodes(ids: $ids) {
      __typename
      id
    }
  }
`);

const MemberSuggestionsDocument = graphql(`
  query WorkMemberSuggestions($region: String, $department: String) {
    memberSuggestions(region: $region, department: $department, first: 50) {
      address
      grouping {
        id
        name
      }
      legalEntity {
        id
        name
        finess
      }
      site {
        id
        name
        finess
      }
    }
  }
`);

/** Les constats montrés à la fois : la liste se travaille par le haut. */
const FINDINGS_SHOWN = 100;
/** Les types demandés au plus en une requête. */
const MAX_TYPED = 200;

export interface WorkListProps {
  readonly territory: TerritoryRef | null;
  readonly territoryName: string;
  readonly onFocus: (id: string) => void;
  readonly onEdit: (target: string) => void;
}

export default function WorkList({ territory, territoryName, onFocus, onEdit }: WorkListProps) {
  const filter = territory === null ? null : { filter: { territories: [`${territory.kind}:${territory.code}`], limit: FINDINGS_SHOWN } };
  const checks = useGql(WorkFindingsDocument, filter);
  const findings = checks.data === undefined ? [] : byUrgency(checks.data.cooperationChecks.findings);
  const toType = recordsToType(findings).slice(0, MAX_TYPED);
  const types = useGql(WorkRecordTypesDocument, toType.length === 0 ? null : { ids: toType });
  const typeOf = new Map((types.data?.nodes ?? []).flatMap((n) => (n === null ? [] : [[n.id, n.__typename] as const])));
  const place = territory?.kind === 'REGION' ? { region: territory.code } : territory?.kind === 'DEPARTMENT' ? { department: territory.code } : null;
  const suggestions = useGql(MemberSuggestionsDocument, place);

  const act = (step: FixStep) => {
    if (step.kind === 'edit') onEdit(step.target);
    else onFocus(step.id);
  };

  if (territory === null) {
    return (
      <section className="worklist" data-testid="worklist">
        <h2>{em.worklist.title}</h2>
        <p className="muted">{em.worklist.chooseTerritory}</p>
      </section>
    );
  }
  return (
    <section className="worklist" data-testid="worklist" aria-labelledby="worklist-title">
      <h2 id="worklist-title">{em.worklist.titleIn(territoryName)}</h2>
      <p className="muted">{em.worklist.hint}</p>
      {checks.error !== null && <ErrorNotice failure={failureOf(checks.error)} />}
      {checks.isLoading && <p className="status">{em.loading}</p>}
      {checks.data !== undefined && (
        <>
          <p className="muted" data-testid="worklist-count">
            {em.worklist.count(checks.data.cooperationChecks.total, findings.length)}
          </p>
          <ol className="list worklist__items">
            {findings.map((f, i) => (
              <li key={`${f.rule}-${String(i)}`} className={`finding finding--${f.severity.toLowerCase()}`} data-testid="worklist-finding" data-rule={f.rule}>
                <span className="badge">{em.worklist.severity[f.severity] ?? f.severity}</span> {f.message}{' '}
                {f.records[0] !== undefined && (
                  <button type="button" className="linklike" onClick={() => { onFocus(f.records[0] ?? ''); }}>
                    {em.worklist.open}
                  </button>
                )}
                {f.fixes.length > 0 && (
                  <div className="worklist__fixes">
                    {f.fixes.map((fix, k) => {
                      const step = fixStep(fix, (id) => typeOf.get(id));
                      if (step === null) return null;
                      return (
                        <button
                          key={`${fix.action}-${fix.record ?? ''}-${String(k)}`}
                          type="button"
                          className="button button--small"
                          data-testid="worklist-fix"
                          data-action={fix.action}
                          onClick={() => { act(step); }}
                        >
                          {em.worklist.actions(fix.action, fix.role ?? null, step.kind)}
                        </button>
                      );
                    })}
                  </div>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
      {place !== null && (
        <section className="worklist__suggestions" data-testid="worklist-suggestions" aria-labelledby="worklist-suggestions-title">
          <h3 id="worklist-suggestions-title">{em.worklist.suggestionsTitle}</h3>
          <p className="muted">{em.worklist.suggestionsHint}</p>
          {suggestions.error !== null && <ErrorNotice failure={failureOf(suggestions.error)} />}
          {suggestions.data?.memberSuggestions.length === 0 && <p className="muted">{em.worklist.suggestionsNone}</p>}
          <ul className="list">
            {suggestions.data?.memberSuggestions.map((s) => (
              <li key={`${s.grouping.id}-${s.legalEntity.id}`} className="suggestion" data-testid="worklist-suggestion">
                <span className="badge badge--tentative">{em.worklist.toConfirm}</span> {em.worklist.suggestion(s.legalEntity.name, s.grouping.name, s.site.name, s.address)}{' '}
                <button type="button" className="linklike" onClick={() => { onFocus(s.grouping.id); }}>
                  {em.worklist.open}
                </button>{' '}
                <button type="button" className="button button--small" data-testid="worklist-confirm" onClick={() => { onEdit(confirmTarget(s.grouping.id, s.legalEntity.id)); }}>
                  {em.worklist.confirm}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}
