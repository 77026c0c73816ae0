import { playwright } from '@vitest/browser-playwright';
import { defineConfig, mergeConfig } from 'vitest/config';
import viteConfig from './vite.config.ts';
import { fakeApi } from './test/fakeApi.ts';

// Le Chromium du système (paquet Debian), comme les tests de bout en bout :
// rien n'est téléchargé. Absent, les tests navigateur échouent (jamais ignorés).
const chromium = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      projects: [
        {
          extends: true,
          test: {
            name: 'unit',
            include: ['src/**/*.test.ts'],
            environment: 'node',
          },
        },
        {
          extends: true,
          plugins: [fakeApi()],
          test: {
            name: 'browser',
            include: ['src/**/*.test.tsx'],
            browser: {
              enabled: true,
              headless: true,
              provider: playwright({ launchOptions: { executablePath: chromium } }),
              instances: [{ browser: 'chromium' }],
              screenshotFailures: false,
            },
          },
        },
      ],
    },
  }),
);
