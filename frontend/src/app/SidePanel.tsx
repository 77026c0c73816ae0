import { lazy, Suspense, useMemo } from 'react';
import { RegisterFreshness } from './RegisterFreshness.tsx';
import { partners } from '../core/graphModel.ts';
import { workTerritory } from '../core/worklist.ts';
import type { AppState, SideTab } from '../core/urlState.ts';
import { graphql } from '../gql/index.ts';
import { ConventionDetails, FiliereDetails, TeamDetails, TerritoryDetails } from './details/ObjectDetails.tsx';
import { EstablishmentDetails, LegalEntityDetails } from './details/OrganisationDetails.tsx';
import { GroupingDetails } from './details/GroupingDetails.tsx';
import { NodeLink } from './details/common.tsx';
import { failureOf } from '../core/api.ts';
import { ErrorNotice } from './ErrorNotice.tsx';
import { useMessages } from './messages.ts';
import { Questions } from './Questions.tsx';
import type { GraphBundle } from './useGraphData.ts';
import { useGql } from './query.ts';
import { useMayChange, useSession } from './session.tsx';
import type { Territories } from './TerritorySelect.tsx';

// L'édition et l'historique ne sont chargés que pour qui s'en sert.
const EditPanel = lazy(() => import('../edit/EditPanel.tsx'));
const ImportView = lazy(() => import('../edit/ImportView.tsx'));
const HistoryView = lazy(() => import('../edit/HistoryView.tsx'));
const WorkList = lazy(() => import('../edit/WorkList.tsx'));

const NodeDetailsDocument = graphql(`
  query NodeDetails($id: ID!, $asOf: Date) {
    node(id: $id) {
      __typename
      id
      ...EstablishmentDetails
      ...LegalEntityDetails
      ...GroupingDetails
      ...ConventionDetails
      ...FiliereDetails
      ...TeamDetails
      ...TerritoryDetails
    }
  }
`);

export interface SidePanelProps {
  readonly state: AppState;
  readonly asOf: string;
  readonly update: (patch: Partial<AppState>) => void;
  readonly data: GraphBundle;
  readonly territoryName: string;
  readonly onFocus: (id: string) => void;
  readonly territories: Territories;
}

export function SidePanel({ state, asOf, update, data, territoryName, onFocus, territories }: SidePanelProps) {
  const m = useMessages();
  const { viewer } = useSession();
  const tabs: readonly SideTab[] =
    viewer?.role === 'admin'
      ? ['details', 'questions', 'worklist', 'history', 'import']
      : viewer?.mayEdit === true
        ? ['details', 'questions', 'worklist', 'history']
        : viewer?.mayReadAudit === true
          ? ['details', 'questions', 'history']
          : ['details', 'questions'];
  const tab = (tabs as readonly string[]).includes(state.tab) ? state.tab : 'details';
  if (state.edit !== null) {
    return (
      <aside className="side" aria-label={m.panel.label} data-testid="side-panel">
        <div className="side__body">
          <Suspense fallback={<p className="status">{m.edit.loading}</p>}>
            <EditPanel
              target={state.edit}
              viewer={viewer}
              territories={territories}
              onClose={(selected) => {
                update({ edit: null, ...(selected === undefined ? {} : { selected, tab: 'details' }) });
              }}
              onEdit={(edit) => {
                update({ edit });
              }}
            />
          </Suspense>
        </div>
      </aside>
    );
  }
  return (
    <aside className="side" aria-label={m.panel.label} data-testid="side-panel">
      <div className="tabs" role="tablist" aria-label={m.panel.label}>
        {tabs.map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            id={`tab-${t}`}
            aria-selected={tab === t}
            aria-controls={`tabpanel-${t}`}
            data-testid={`tab-${t}`}
            className="tabs__tab"
            onClick={() => {
              update({ tab: t });
            }}
          >
            {m.panel.tabs[t]}
          </button>
        ))}
      </div>
      <div className="side__body" role="tabpanel" id={`tabpanel-${tab}`} aria-labelledby={`tab-${tab}`} tabIndex={0}>
        {tab === 'details' ? (
          <Details state={state} asOf={asOf} update={update} data={data} onFocus={onFocus} />
        ) : tab === 'import' ? (
          <Suspense fallback={<p className="status">{m.panel.loading}</p>}>
            <ImportView />
          </Suspense>
        ) : tab === 'worklist' ? (
          <Suspense fallback={<p className="status">{m.panel.loading}</p>}>
            <WorkListTab state={state} update={update} onFocus={onFocus} territories={territories} />
          </Suspense>
        ) : tab === 'history' ? (
          <Suspense fallback={<p className="status">{m.panel.loading}</p>}>
            <HistoryView id={state.selected} onFocus={onFocus} territory={feedTerritory(state, territories)} />
          </Suspense>
        ) : (
          <Questions state={state} asOf={asOf} update={update} data={data} territoryName={territoryName} onFocus={onFocus} />
        )}
      </div>
    </aside>
  );
}

function Details({ state, asOf, update, data, onFocus }: Omit<SidePanelProps, 'territoryName' | 'territories'>) {
  const m = useMessages();
  const { viewer } = useSession();
  const id = state.selected;
  // Sans sélection : créer (dans ses territoires) ; une sélection : seulement ce que le serveur dit modifiable.
  const mayChange = useMayChange(id);
  const onEdit = viewer?.mayEdit === true && (id === null || mayChange === true) ? (edit: string) => { update({ edit }); } : undefined;
  const result = useGql(NodeDetailsDocument, id === null ? null : { id, asOf });
  const partnerIds = useMemo(() => (id === null ? new Set<string>() : partners(data.visible, id)), [data.visible, id]);
  if (id === null) {
    return (
      <>
        <p className="muted" data-testid="panel-empty">
          {m.panel.none}
        </p>
        {onEdit !== undefined && (
          <div className="side__actions">
            <button type="button" className="button button--small" data-testid="new-convention" onClick={() => { onEdit('convention:new'); }}>
              {m.edit.newConvention}
            </button>
            <button type="button" className="button button--small" data-testid="new-grouping" onClick={() => { onEdit('grouping:new'); }}>
              {m.edit.newGrouping}
            </button>
            <button type="button" className="button button--small" data-testid="new-filiere" onClick={() => { onEdit('filiere:new'); }}>
              {m.edit.newFiliere}
            </button>
            <button type="button" className="button button--small" data-testid="new-team" onClick={() => { onEdit('team:new'); }}>
              {m.edit.newTeam}
            </button>
          </div>
        )}
        <GraphActions state={state} update={update} />
        <RegisterFreshness />
      </>
    );
  }
  const labels = new Map(data.visible.nodes.map((n) => [n.id, n.label]));
  const inGraph = data.visible.nodes.some((n) => n.id === id);
  const node = result.data?.node;
  return (
    <div data-testid="panel-selection" data-selected={id}>
      <div className="side__actions">
        <button type="button" className="button button--small" data-testid="expand" onClick={() => { if (!state.expanded.includes(id)) update({ expanded: [...state.expanded, id] }); }}>
          {m.panel.expand}
        </button>
        <button type="button" className="button button--small" data-testid="hide" onClick={() => { update({ hidden: [...state.hidden, id], selected: null }); }}>
          {m.panel.hide}
        </button>
        <button type="button" className="button button--small" onClick={() => { update({ pathFrom: id, tab: 'questions' }); }}>
          {m.panel.pathFrom}
        </button>
        <button type="button" className="button button--small" onClick={() => { update({ pathTo: id, tab: 'questions' }); }}>
          {m.panel.pathTo}
        </button>
        <button type="button" className="button button--small" aria-label={m.panel.close} data-testid="close-selection" onClick={() => { update({ selected: null }); }}>
          ✕
        </button>
      </div>
      {result.error !== null && <ErrorNotice failure={failureOf(result.error)} />}
      {result.isLoading && <p className="status">{m.panel.loading}</p>}
      {node !== undefined && node !== null && (
        <>
          {!inGraph && <p className="notice" data-testid="not-in-force">{m.network.selectionAbsent}</p>}
          {viewer?.mayEdit === true && mayChange === false && (
            <p className="muted" data-testid="read-only">
              {m.edit.readOnly}
            </p>
          )}
          {node.__typename === 'Establishment' && <EstablishmentDetails site={node} asOf={asOf} onFocus={onFocus} onEdit={onEdit} />}
          {node.__typename === 'LegalEntity' && <LegalEntityDetails entity={node} asOf={asOf} onFocus={onFocus} onEdit={onEdit} />}
          {node.__typename === 'Grouping' && (
            <GroupingDetails
              onEdit={onEdit}
              grouping={node}
              asOf={asOf}
              onFocus={onFocus}
              onFindings={(dep) => {
                update({ tab: 'questions', ...(dep === null ? {} : { territory: { kind: 'DEPARTMENT', code: dep } }) });
              }}
            />
          )}
          {onEdit !== undefined && node.__typename in RECORD_KINDS && <RecordEdit typename={node.__typename} id={node.id} onEdit={onEdit} />}
          {node.__typename === 'Convention' && <ConventionDetails convention={node} asOf={asOf} onFocus={onFocus} onEdit={onEdit} />}
          {node.__typename === 'Filiere' && <FiliereDetails filiere={node} asOf={asOf} onFocus={onFocus} onEdit={onEdit} />}
          {node.__typename === 'MedicalTeam' && <TeamDetails team={node} asOf={asOf} onFocus={onFocus} onEdit={onEdit} />}
          {node.__typename === 'Territory' && (
            <TerritoryDetails
              territory={node}
              onFilter={() => {
                if (node.kind === 'REGION' || node.kind === 'DEPARTMENT') update({ territory: { kind: node.kind, code: node.territoryCode }, selected: null });
              }}
            />
          )}
          {!['Establishment', 'LegalEntity', 'Grouping', 'Convention', 'Filiere', 'MedicalTeam', 'Territory'].includes(node.__typename) && <p>{m.panel.unknownType}</p>}
          <section className="panel-section">
            <h3>{m.panel.neighbours(partnerIds.size)}</h3>
            <ul className="list" data-testid="panel-neighbours">
              {[...partnerIds].slice(0, 200).map((p) => (
                <li key={p}>
                  <NodeLink id={p} onFocus={onFocus}>
                    {labels.get(p) ?? p}
                  </NodeLink>
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
      {result.isSuccess && result.data.node === null && <p className="notice">{m.errors.notFoundTitle}</p>}
      <GraphActions state={state} update={update} />
    </div>
  );
}

function GraphActions({ state, update }: { readonly state: AppState; readonly update: (patch: Partial<AppState>) => void }) {
  const m = useMessages();
  if (state.hidden.length === 0 && state.expanded.length === 0) return null;
  return (
    <div className="side__actions">
      {state.hidden.length > 0 && (
        <button type="button" className="button button--small" onClick={() => { update({ hidden: [] }); }}>
          {m.panel.unhideAll(state.hidden.length)}
        </button>
      )}
      {state.expanded.length > 0 && (
        <button type="button" className="button button--small" onClick={() => { update({ expanded: [] }); }}>
          {m.panel.collapseAll}
        </button>
      )}
    </div>
  );
}

/** Le territoire du fil des modifications : le choisi (le serveur y range aussi ce qui touche ses départements). */
function feedTerritory(state: AppState, territories: Territories): { name: string; id: string } | null {
  const t = state.territory;
  if (t === null || t.kind === 'COMMUNE') return null;
  const item = territories.byKey.get(`${t.kind}:${t.code}`);
  return item === undefined ? null : { name: item.name, id: item.id };
}

/** Les fiches qu'un éditeur modifie, clôt et complète : leur formulaire, celui de leurs lignes, le libellé du bouton qui en ajoute. */
const RECORD_KINDS: Readonly<Record<string, { readonly kind: string; readonly line: string; readonly add: 'addParty' | 'addMember' | 'addRole' | 'addSite' }>> = {
  Convention: { kind: 'convention', line: 'party', add: 'addParty' },
  Grouping: { kind: 'grouping', line: 'membership', add: 'addMember' },
  Filiere: { kind: 'filiere', line: 'role', add: 'addRole' },
  MedicalTeam: { kind: 'team', line: 'teamSite', add: 'addSite' },
};

/** Modifier, clore, compléter la fiche affichée (pour qui peut écrire ; le serveur juge). */
function RecordEdit({ typename, id, onEdit }: { readonly typename: string; readonly id: string; readonly onEdit: (target: string) => void }) {
  const m = useMessages();
  const r = RECORD_KINDS[typename];
  if (r === undefined) return null;
  return (
    <div className="side__actions" data-testid="record-edit">
      <button type="button" className="button button--small" data-testid={`edit-${r.kind}`} onClick={() => { onEdit(`${r.kind}:${id}`); }}>
        {m.edit.edit}
      </button>
      <button type="button" className="button button--small" data-testid={`close-${r.kind}`} onClick={() => { onEdit(`${r.kind}:${id}:close`); }}>
        {m.edit.close}
      </button>
      <button type="button" className="button button--small" data-testid={`add-${r.line}`} onClick={() => { onEdit(`${r.line}:new:${id}`); }}>
        {m.edit[r.add]}
      </button>
    </div>
  );
}

/** La liste de travail du territoire de l'éditeur (celui choisi, s'il le couvre). */
function WorkListTab({ state, update, onFocus, territories }: Pick<SidePanelProps, 'state' | 'update' | 'onFocus' | 'territories'>) {
  const { viewer } = useSession();
  const territory = workTerritory(viewer?.territories ?? [], state.territory, viewer?.role === 'admin');
  const name = territory === null ? '' : (territory.name ?? territories.byKey.get(`${territory.kind}:${territory.code}`)?.name ?? territory.code);
  return (
    <WorkList
      territory={territory}
      territoryName={name}
      onFocus={onFocus}
      onEdit={(edit) => {
        update({ edit });
      }}
    />
  );
}
