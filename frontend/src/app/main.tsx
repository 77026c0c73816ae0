import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { fr } from '../i18n/fr.ts';
import { App } from './App.tsx';
import { MessagesContext } from './messages.ts';
import './app.css';

const container = document.getElementById('root');
if (container === null) {
  throw new Error('élément #root absent de index.html');
}

document.documentElement.lang = fr.lang;
document.title = fr.documentTitle;

createRoot(container).render(
  <StrictMode>
    <MessagesContext value={fr}>
      <App />
    </MessagesContext>
  </StrictMode>,
);
