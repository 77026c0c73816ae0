import type { ApiFailure } from '../core/api.ts';
import { useMessages } from './messages.ts';

/** Un message clair quand l'API est injoignable ou refuse la requête. */
export function ErrorNotice({ failure, onRetry }: { readonly failure: ApiFailure; readonly onRetry?: () => void }) {
  const m = useMessages();
  let title: string;
  let body: string;
  switch (failure.kind) {
    case 'unreachable':
      title = m.errors.unreachableTitle;
      body = m.errors.unreachableBody;
      break;
    case 'http':
      title = m.errors.httpTitle;
      body = m.errors.httpBody(failure.status);
      break;
    case 'graphql':
      title = failure.code === 'NOT_FOUND' ? m.errors.notFoundTitle : m.errors.refusedTitle;
      body = failure.code === null ? failure.message : `${failure.message} (${m.errors.code(failure.code)})`;
      break;
    case 'invalid':
      title = m.errors.invalidTitle;
      body = m.errors.invalidBody;
      break;
  }
  return (
    <div className="notice notice--error" role="alert" data-testid="error">
      <strong>{title}</strong>
      <span>{body}</span>
      {onRetry !== undefined && (
        <button type="button" className="button button--small" onClick={onRetry}>
          {m.errors.retry}
        </button>
      )}
    </div>
  );
}
