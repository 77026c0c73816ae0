import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { fr } from '../i18n/fr.ts';
import { App } from './App.tsx';
import { MessagesContext } from './messages.ts';
import { createQueryClient } from './query.ts';
import { SessionProvider } from './session.tsx';
import './app.css';

const container = document.getElementById('root');
if (container === null) {
  throw new Error('élément #root absent de index.html');
}

document.documentElement.lang = fr.lang;
document.title = fr.documentTitle;

const queryClient = createQueryClient();

createRoot(container).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <MessagesContext value={fr}>
        <SessionProvider>
          <App />
        </SessionProvider>
      </MessagesContext>
    </QueryClientProvider>
  </StrictMode>,
);
