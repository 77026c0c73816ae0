/**
 * Les formulaires d'édition (chargés à la demande) : créer, modifier, clore
 * une convention et ses parties, un groupement et ses membres, une filière
 * et ses rôles, une équipe médicale et ses sites. Ce panneau lit l'adresse
 * du formulaire, l'enregistrement à modifier, et donne la main au
 * formulaire de sa famille (edit/forms/).
 */
import type { ComponentType } from 'react';
import { parseEditTarget, type EditKind, type EditTarget } from '../core/editForm.ts';
import type { Viewer } from '../core/session.ts';
import { useGql } from '../app/query.ts';
import { graphql } from '../gql/index.ts';
import type { Territories } from '../app/TerritorySelect.tsx';
import { Refusal, refusalOf } from './fields.tsx';
import { ConventionForm, PartyForm } from './forms/ConventionForm.tsx';
import { FiliereForm, RoleForm } from './forms/FiliereForm.tsx';
import { GroupingForm, MembershipForm } from './forms/GroupingForm.tsx';
import type { FormProps } from './forms/RecordForm.tsx';
import { TeamForm, TeamSiteForm } from './forms/TeamForm.tsx';
import { em } from './messages.ts';
import { EditRecordDocument } from './record.ts';

const FORMS: Readonly<Record<EditKind, ComponentType<FormProps>>> = {
  convention: ConventionForm,
  party: PartyForm,
  grouping: GroupingForm,
  membership: MembershipForm,
  filiere: FiliereForm,
  role: RoleForm,
  team: TeamForm,
  teamSite: TeamSiteForm,
};

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
  const Form = FORMS[t.kind];
  return (
    <section className="edit" aria-labelledby="edit-title" data-testid="edit-panel" data-kind={t.kind} data-mode={t.mode}>
      <h2 id="edit-title">{em.titles[t.kind][t.mode]}</h2>
      {t.parent !== null && <ParentName id={t.parent} />}
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
        <Form key={target} target={t} record={null} viewer={viewer} territories={territories} onClose={onClose} />
      ) : (
        <Loaded key={target} target={t} viewer={viewer} territories={territories} onClose={onClose} Form={Form} />
      )}
    </section>
  );
}

function Loaded({ Form, ...props }: Omit<FormProps, 'record'> & { readonly target: EditTarget; readonly Form: ComponentType<FormProps> }) {
  const result = useGql(EditRecordDocument, { id: props.target.id ?? '' });
  const record = result.data?.node ?? null;
  if (result.error !== null) return <Refusal refusal={refusalOf(result.error)} />;
  // Le formulaire lit la fiche à son montage : la version lue reste sa base, même si la fiche se recharge.
  if (record === null) return <p className="status">{result.isLoading ? em.loading : em.notFound}</p>;
  return <Form {...props} record={record} />;
}

const EditParentDocument = graphql(`
  query EditParent($id: ID!) {
    node(id: $id) {
      id
      ... on Grouping {
        name
      }
      ... on Convention {
        name
      }
      ... on Filiere {
        name
      }
      ... on MedicalTeam {
        name
      }
    }
  }
`);

/** La fiche à laquelle la ligne créée appartiendra (le groupement d'une adhésion…). */
function ParentName({ id }: { readonly id: string }) {
  const node = useGql(EditParentDocument, { id }).data?.node;
  const name = node != null && 'name' in node ? node.name : null;
  return name === null ? null : (
    <p className="muted" data-testid="edit-parent">
      {em.inParent(name)}
    </p>
  );
}
