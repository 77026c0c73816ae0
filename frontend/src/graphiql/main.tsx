import 'graphiql/setup-workers/vite';
// Feuilles de style des paquets GraphiQL, importées une à une plutôt que
// `graphiql/style.css` : celle-ci embarque en base64 toutes les variantes de
// Roboto et Fira Code (~350 ko gzip). L'interface prend les polices du
// système (voir graphiql.css) et les éditeurs Monaco, réglés sur « Fira Code »,
// reçoivent la seule variante latine 400 de @fontsource. La feuille de style
// de Monaco est importée par monaco-editor lui-même.
import '@fontsource/fira-code/latin-400.css';
import '@graphiql/react/style.css';
import '@graphiql/plugin-doc-explorer/style.css';
import '@graphiql/plugin-history/style.css';
import 'graphiql/graphiql.css';
import './graphiql.css';

import { GraphiQL } from 'graphiql';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { GRAPHQL_ENDPOINT } from '../core/api.ts';
import { fr } from '../i18n/fr.ts';
import { DEFAULT_QUERY } from './defaultQuery.ts';
import { EXAMPLES } from './examples.ts';
import { createJsonFetcher } from './fetcher.ts';

const container = document.getElementById('graphiql');
if (container === null) {
  throw new Error('élément #graphiql absent de graphiql.html');
}

document.documentElement.lang = fr.lang;
document.title = fr.graphiqlDocumentTitle;

const url = new URL(GRAPHQL_ENDPOINT, window.location.href).toString();
const fetcher = createJsonFetcher(url);

createRoot(container).render(
  <StrictMode>
    <GraphiQL fetcher={fetcher} defaultQuery={DEFAULT_QUERY} defaultTabs={[...EXAMPLES]}>
      <GraphiQL.Logo>
        <a className="maillage-logo" href="/" title={fr.graphiqlBackLink}>
          {fr.appTitleShort}
        </a>
      </GraphiQL.Logo>
    </GraphiQL>
  </StrictMode>,
);
