import type { ReactNode } from 'react';
import type { Establishment, EstablishmentOutcome } from '../core/establishment.ts';
import type { Messages } from '../i18n/fr.ts';

interface ResultViewProps {
  readonly messages: Messages;
  readonly finess: string;
  readonly outcome: EstablishmentOutcome;
}

function Notice({
  tone,
  title,
  children,
  testId,
}: {
  readonly tone: 'info' | 'error';
  readonly title: string;
  readonly children: ReactNode;
  readonly testId: string;
}) {
  return (
    <div className={`notice notice--${tone}`} role={tone === 'error' ? 'alert' : 'status'} data-testid={testId}>
      <h2 className="notice__title">{title}</h2>
      {children}
    </div>
  );
}

/** Coordonnées en degrés décimaux, avec le point comme séparateur (usage GPS). */
function formatCoordinate(value: number): string {
  return String(value);
}

function EstablishmentCard({ messages, establishment }: { readonly messages: Messages; readonly establishment: Establishment }) {
  const m = messages.result;
  const unknown = <span className="muted">{m.unknown}</span>;
  const { latitude, longitude, legalEntity } = establishment;
  return (
    <article className="card" data-testid="establishment" aria-labelledby="establishment-name">
      <p className="card__kicker">{m.heading}</p>
      <h2 id="establishment-name" className="card__title" data-testid="name">
        {establishment.name}
      </h2>
      <dl className="fields">
        <div className="field">
          <dt>{m.finess}</dt>
          <dd className="mono" data-testid="finess">
            {establishment.finess}
          </dd>
        </div>
        <div className="field">
          <dt>{m.category}</dt>
          <dd data-testid="category">{establishment.categoryLabel ?? unknown}</dd>
        </div>
        <div className="field">
          <dt>{m.city}</dt>
          <dd data-testid="city">{establishment.city ?? unknown}</dd>
        </div>
        <div className="field">
          <dt>{m.legalEntity}</dt>
          <dd data-testid="legal-entity">
            {legalEntity === null ? (
              unknown
            ) : (
              <>
                {legalEntity.name}{' '}
                {legalEntity.nameDerived && (
                  <span className="muted" data-testid="legal-entity-derived" title={messages.result.derivedNameHint}>
                    ({messages.result.derivedName}){' '}
                  </span>
                )}
                <span className="mono muted" data-testid="legal-entity-finess">
                  {messages.result.finess} {legalEntity.finess}
                </span>
              </>
            )}
          </dd>
        </div>
        <div className="field field--wide">
          <dt>{m.coordinates}</dt>
          <dd data-testid="coordinates">
            {latitude === null || longitude === null ? (
              unknown
            ) : (
              <span className="coords">
                <span>
                  {m.latitude}{' '}
                  <span className="mono" data-testid="latitude">
                    {formatCoordinate(latitude)}
                  </span>
                </span>
                <span>
                  {m.longitude}{' '}
                  <span className="mono" data-testid="longitude">
                    {formatCoordinate(longitude)}
                  </span>
                </span>
              </span>
            )}
          </dd>
        </div>
      </dl>
    </article>
  );
}

export function ResultView({ messages, finess, outcome }: ResultViewProps) {
  const e = messages.errors;
  switch (outcome.kind) {
    case 'found':
      return <EstablishmentCard messages={messages} establishment={outcome.establishment} />;
    case 'notFound':
      return (
        <Notice tone="info" title={messages.notFound.title} testId="not-found">
          <p>{messages.notFound.body(finess)}</p>
        </Notice>
      );
    case 'graphqlError':
      return (
        <Notice tone="error" title={e.graphqlTitle} testId="graphql-error">
          <p data-testid="error-message">{outcome.message}</p>
          <p className="notice__meta">
            {e.code} <code data-testid="error-code">{outcome.code ?? e.noCode}</code>
          </p>
        </Notice>
      );
    case 'httpError':
      return (
        <Notice tone="error" title={e.httpTitle} testId="http-error">
          <p>{e.httpBody(outcome.status)}</p>
        </Notice>
      );
    case 'unreachable':
      return (
        <Notice tone="error" title={e.unreachableTitle} testId="unreachable">
          <p>{e.unreachableBody}</p>
        </Notice>
      );
    case 'invalidResponse':
      return (
        <Notice tone="error" title={e.invalidTitle} testId="invalid-response">
          <p>{e.invalidBody}</p>
          <p className="notice__meta">{e.invalidReasons[outcome.reason]}</p>
        </Notice>
      );
  }
}
