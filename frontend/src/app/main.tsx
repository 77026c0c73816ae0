import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { fr } from '../i18n/fr.ts';
import { App } from './App.tsx';
import './app.css';

const container = document.getElementById('root');
if (container === null) {
  throw new Error('élément #root absent de index.html');
}

document.documentElement.lang = fr.lang;
document.title = fr.documentTitle;

createRoot(container).render(
  <StrictMode>
    <App messages={fr} />
  </StrictMode>,
);
