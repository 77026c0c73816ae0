import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const page = (file: string): string => fileURLToPath(new URL(file, import.meta.url));

/**
 * En développement (`npm run dev`), sert graphiql.html sur /graphiql comme le
 * fait le serveur Go en production.
 */
function graphiqlRoute(): Plugin {
  return {
    name: 'maillage-graphiql-route',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        if (req.url === '/graphiql' || req.url?.startsWith('/graphiql?') === true) {
          req.url = req.url.replace('/graphiql', '/graphiql.html');
        }
        next();
      });
    },
  };
}

// API utilisée par le serveur de développement (le serveur Go en local).
const apiTarget = process.env['MAILLAGE_API'] ?? 'http://127.0.0.1:8080';

export default defineConfig({
  base: '/',
  plugins: [react(), graphiqlRoute()],
  server: {
    proxy: {
      '/graphql': { target: apiTarget, changeOrigin: true },
      '/api': { target: apiTarget, changeOrigin: true },
    },
  },
  worker: {
    format: 'es',
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    // GraphiQL embarque l'éditeur Monaco : ce gros morceau n'est chargé que
    // par la page /graphiql, jamais par l'application.
    chunkSizeWarningLimit: 4096,
    rolldownOptions: {
      input: {
        main: page('./index.html'),
        graphiql: page('./graphiql.html'),
      },
      onwarn(warning, defaultHandler) {
        // Les paquets GraphiQL marquent leurs modules "use no memo" (React
        // Compiler) : directive sans effet une fois empaquetée, bruit pur.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('use no memo')) {
          return;
        }
        defaultHandler(warning);
      },
    },
  },
});
