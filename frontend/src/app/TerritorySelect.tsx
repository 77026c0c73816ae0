import { useId, useMemo } from 'react';
import type { TerritoryRef } from '../core/urlState.ts';
import { graphql } from '../gql/index.ts';
import { useMessages } from './messages.ts';
import { useGql } from './query.ts';

const TerritoriesDocument = graphql(`
  query Territories {
    territories(first: 200, where: { kindIn: [REGION, DEPARTMENT] }, orderBy: { field: CODE, direction: ASC }) {
      edges {
        node {
          id
          kind
          code
          name
          parent {
            code
          }
        }
      }
    }
  }
`);

export interface TerritoryItem {
  readonly id: string;
  readonly kind: 'REGION' | 'DEPARTMENT';
  readonly code: string;
  readonly name: string;
  readonly parent: string | null;
}

export interface Territories {
  readonly regions: readonly TerritoryItem[];
  readonly departments: readonly TerritoryItem[];
  readonly byKey: ReadonlyMap<string, TerritoryItem>;
}

const collator = new Intl.Collator('fr');

export function useTerritories(): Territories {
  const { data } = useGql(TerritoriesDocument, {});
  return useMemo(() => {
    const items: TerritoryItem[] = [];
    if (data !== undefined) {
      for (const edge of data.territories.edges ?? []) {
        const node = edge?.node;
        if (node == null) continue;
        if (node.kind !== 'REGION' && node.kind !== 'DEPARTMENT') continue;
        items.push({ id: node.id, kind: node.kind, code: node.code, name: node.name, parent: node.parent?.code ?? null });
      }
    }
    const sorted = (kind: string) => items.filter((t) => t.kind === kind).sort((a, b) => collator.compare(a.name, b.name));
    return {
      regions: sorted('REGION'),
      departments: items.filter((t) => t.kind === 'DEPARTMENT').sort((a, b) => collator.compare(a.code, b.code)),
      byKey: new Map(items.map((t) => [`${t.kind}:${t.code}`, t])),
    };
  }, [data]);
}

export function TerritorySelect({
  territories,
  value,
  onChange,
}: {
  readonly territories: Territories;
  readonly value: TerritoryRef | null;
  readonly onChange: (value: TerritoryRef | null) => void;
}) {
  const m = useMessages();
  const id = useId();
  const current = value === null ? '' : `${value.kind}:${value.code}`;
  return (
    <div className="territory-select">
      <label htmlFor={id} className="visually-hidden">
        {m.territory.label}
      </label>
      <select
        id={id}
        data-testid="territory-select"
        value={current}
        onChange={(event) => {
          const [kind, code] = event.target.value.split(':');
          onChange(
            (kind === 'REGION' || kind === 'DEPARTMENT') && code !== undefined && code !== '' ? { kind, code } : null,
          );
        }}
      >
        <option value="">{m.territory.all}</option>
        {value !== null && !territories.byKey.has(current) && <option value={current}>{value.name ?? value.code}</option>}
        <optgroup label={m.territory.regions}>
          {territories.regions.map((t) => (
            <option key={t.code} value={`REGION:${t.code}`}>
              {t.name}
            </option>
          ))}
        </optgroup>
        <optgroup label={m.territory.departments}>
          {territories.departments.map((t) => (
            <option key={t.code} value={`DEPARTMENT:${t.code}`}>
              {t.code} — {t.name}
            </option>
          ))}
        </optgroup>
      </select>
    </div>
  );
}
