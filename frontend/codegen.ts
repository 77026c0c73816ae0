import type { CodegenConfig } from '@graphql-codegen/cli';

/** Types générés depuis le schéma du serveur (../graph/*.graphqls). `npm run codegen`. */
const config: CodegenConfig = {
  schema: '../graph/*.graphqls',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**/*', '!src/**/*.test.ts', '!src/**/*.test.tsx'],
  ignoreNoDocuments: true,
  generates: {
    './src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { Date: 'string', Time: 'string', Cursor: 'string' },
        avoidOptionals: false,
        documentMode: 'string',
      },
    },
  },
};

export default config;
