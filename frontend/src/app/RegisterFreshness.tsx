import { graphql } from '../gql/index.ts';
import { ageText } from '../core/time.ts';
import { formatDate, useMessages } from './messages.ts';
import { useGql } from './query.ts';

export const RegistersDocument = graphql(`
  query Registers {
    registers {
      register
      syncedAt
      source {
        id
        title
        publishedOn
        recordedAt
      }
    }
  }
`);

/** D'où viennent les données et de quand : un registre par ligne. */
export function RegisterFreshness({ now = new Date() }: { readonly now?: Date }) {
  const m = useMessages();
  const result = useGql(RegistersDocument, {});
  const registers = result.data?.registers ?? [];
  if (registers.length === 0) return null;
  return (
    <section className="freshness" data-testid="freshness" aria-label={m.freshness.label}>
      <h3>{m.freshness.label}</h3>
      <ul className="list">
        {registers.map((r) => (
          <li key={r.register} data-register={r.register} title={r.source.title}>
            {m.freshness.register[r.register]} {m.freshness.asOf} {formatDate(r.source.publishedOn)}
            {' · '}
            {r.syncedAt != null
              ? m.freshness.synced(ageText(r.syncedAt, now, 'fr-FR'))
              : m.freshness.imported(ageText(r.source.recordedAt, now, 'fr-FR'))}
          </li>
        ))}
      </ul>
    </section>
  );
}
