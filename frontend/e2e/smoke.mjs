#!/usr/bin/env node
// Test de fumée de bout en bout, contre un serveur Maillage déjà lancé.
//
//   MAILLAGE_URL=http://127.0.0.1:18080 node e2e/smoke.mjs
//
// Utilise le Chromium du système (Debian : /usr/bin/chromium, ou la variable
// CHROMIUM_PATH) via playwright-core ; aucun navigateur n'est téléchargé.
// Un « test » par page : l'application (/) et GraphiQL (/graphiql). Échoue
// (code de sortie non nul) sur toute assertion fausse, tout message
// console.error, toute exception de page, et toute requête vers une autre
// origine que le serveur testé. Captures d'écran dans e2e/screenshots/.

import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const STEP_TIMEOUT_MS = 30_000;
const VIEWPORT = { width: 1280, height: 800 };
const SCREENSHOT_DIR = fileURLToPath(new URL('./screenshots/', import.meta.url));

const SITE_FINESS = '420782559';
const LEGAL_ENTITY_FINESS = '420784878';
const LATITUDE_PREFIX = '45.41';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

class AssertionError extends Error {}

/**
 * @param {unknown} condition
 * @param {string} message
 * @returns {asserts condition}
 */
function assert(condition, message) {
  if (!condition) {
    throw new AssertionError(message);
  }
}

/**
 * Exécute une étape nommée, bornée à STEP_TIMEOUT_MS.
 * @template T
 * @param {string} name
 * @param {() => Promise<T>} fn
 * @returns {Promise<T>}
 */
async function step(name, fn) {
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`étape « ${name} » : délai de ${String(STEP_TIMEOUT_MS / 1000)} s dépassé`));
    }, STEP_TIMEOUT_MS);
  });
  try {
    const result = await Promise.race([fn(), timeout]);
    console.log(`    ✓ ${name}`);
    return /** @type {T} */ (result);
  } catch (err) {
    console.log(`    ✗ ${name}`);
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

/** @param {unknown} err */
function describeError(err) {
  if (err instanceof AssertionError) {
    return err.message.split('\n').join('\n      ');
  }
  if (err instanceof Error) {
    // Les erreurs de Playwright finissent par un long journal d'appels.
    return err.message.split('\n').slice(0, 6).join('\n      ');
  }
  return String(err);
}

/**
 * Ouvre une page et enregistre tout ce qui doit faire échouer le test.
 * @param {import('playwright-core').BrowserContext} context
 * @param {URL} base
 */
async function openPage(context, base) {
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  page.setDefaultNavigationTimeout(STEP_TIMEOUT_MS);
  /** @type {string[]} */
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      const loc = msg.location();
      const where = loc.url === '' ? '' : ` (${loc.url}:${String(loc.lineNumber)})`;
      problems.push(`console.error : ${msg.text()}${where}`);
    }
  });
  page.on('pageerror', (err) => {
    problems.push(`exception dans la page : ${err.message}`);
  });
  page.on('request', (request) => {
    const url = new URL(request.url());
    if ((url.protocol === 'http:' || url.protocol === 'https:') && url.origin !== base.origin) {
      problems.push(`requête vers une autre origine : ${request.url()}`);
    }
  });
  page.on('requestfailed', (request) => {
    const url = new URL(request.url());
    if (url.origin === base.origin) {
      problems.push(`requête échouée : ${request.url()} (${request.failure()?.errorText ?? '?'})`);
    }
  });
  return { page, problems };
}

/**
 * @param {import('playwright-core').Page} page
 * @param {string} name
 */
async function screenshot(page, name) {
  const file = join(SCREENSHOT_DIR, `${name}.png`);
  try {
    await page.screenshot({ path: file, fullPage: true, timeout: STEP_TIMEOUT_MS });
    console.log(`    capture : ${file}`);
  } catch (err) {
    console.log(`    capture impossible (${describeError(err)})`);
  }
}

/**
 * Page d'accueil : recherche d'un FINESS au clavier, puis lecture du résultat.
 * @param {import('playwright-core').Page} page
 * @param {URL} base
 */
async function testApp(page, base) {
  await step('ouvrir /', async () => {
    const response = await page.goto(new URL('/', base).toString(), { waitUntil: 'load' });
    assert(response !== null && response.ok(), `GET / : statut ${String(response?.status())}`);
  });

  const input = page.getByRole('searchbox', { name: 'Numéro FINESS' });
  await step('le champ de recherche est affiché', async () => {
    await input.waitFor({ state: 'visible' });
    const heading = await page.getByRole('heading', { level: 1 }).innerText();
    assert(heading.includes('Maillage'), `titre inattendu : ${heading}`);
    const link = page.getByRole('link', { name: 'Explorer l’API GraphQL' });
    assert((await link.getAttribute('href')) === '/graphiql', 'lien vers /graphiql absent');
  });

  await step(`saisir ${SITE_FINESS} et valider avec Entrée`, async () => {
    await input.fill(SITE_FINESS);
    const graphqlResponse = page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/graphql' && r.request().method() === 'POST',
    );
    await input.press('Enter');
    const response = await graphqlResponse;
    assert(response.status() === 200, `POST /graphql : statut ${String(response.status())}`);
    const body = /** @type {{ variables?: { finess?: string } } | null} */ (response.request().postDataJSON());
    assert(body?.variables?.finess === SITE_FINESS, 'variable finess absente de la requête');
  });

  await step('le résultat est affiché', async () => {
    // Fiche de l'établissement, ou message (introuvable, erreur) : on échoue
    // tout de suite dans le second cas, avec le texte affiché.
    await page.locator('[data-testid="establishment"], .notice').first().waitFor({ state: 'visible' });
    const notice = page.locator('.notice');
    if ((await notice.count()) > 0) {
      throw new AssertionError(`message affiché au lieu du résultat :\n${await notice.first().innerText()}`);
    }
    const card = page.getByTestId('establishment');
    const text = await card.innerText();
    assert(text.includes(SITE_FINESS), `FINESS ${SITE_FINESS} absent du résultat :\n${text}`);
    assert(text.includes(LEGAL_ENTITY_FINESS), `entité juridique ${LEGAL_ENTITY_FINESS} absente du résultat :\n${text}`);
    // Le nom de l'entité vient du fichier des établissements : il est déduit, et dit comme tel.
    assert((await page.getByTestId('legal-entity-derived').count()) === 1, `nom d'entité juridique non signalé comme provisoire :\n${text}`);
    const latitude = (await page.getByTestId('latitude').innerText()).trim();
    assert(latitude.startsWith(LATITUDE_PREFIX), `latitude « ${latitude} » ne commence pas par ${LATITUDE_PREFIX}`);
  });

  await screenshot(page, 'app');
}

/**
 * GraphiQL : l'éditeur s'affiche, le schéma est chargé, la requête par défaut
 * s'exécute.
 * @param {import('playwright-core').Page} page
 * @param {URL} base
 */
async function testGraphiQL(page, base) {
  const introspection = page.waitForResponse(
    (r) => new URL(r.url()).pathname === '/graphql' && (r.request().postData() ?? '').includes('__schema'),
    { timeout: STEP_TIMEOUT_MS },
  );
  // Évite un rejet non traité si la page n'arrive jamais jusque-là.
  introspection.catch(() => undefined);

  await step('ouvrir /graphiql', async () => {
    const response = await page.goto(new URL('/graphiql', base).toString(), { waitUntil: 'load' });
    assert(response !== null && response.ok(), `GET /graphiql : statut ${String(response?.status())}`);
  });

  await step('l’éditeur GraphiQL est affiché', async () => {
    await page.locator('.graphiql-container').waitFor({ state: 'visible' });
    await page.locator('.graphiql-query-editor .monaco-editor').waitFor({ state: 'visible' });
    await page.locator('.graphiql-query-editor', { hasText: SITE_FINESS }).waitFor({ state: 'visible' });
  });

  await step('le schéma est chargé par introspection', async () => {
    const response = await introspection;
    assert(response.status() === 200, `introspection : statut ${String(response.status())}`);
    const body = /** @type {{ data?: { __schema?: unknown }, errors?: unknown }} */ (await response.json());
    assert(body.data?.__schema !== undefined, `introspection sans __schema : ${JSON.stringify(body).slice(0, 300)}`);
  });

  await step('exécuter la requête par défaut', async () => {
    const execution = page.waitForResponse(
      (r) =>
        new URL(r.url()).pathname === '/graphql' &&
        r.request().method() === 'POST' &&
        !(r.request().postData() ?? '').includes('__schema'),
    );
    await page.locator('.graphiql-execute-button').click();
    const response = await execution;
    const body = await response.text();
    assert(response.status() === 200, `POST /graphql : statut ${String(response.status())}\n${body.slice(0, 500)}`);
    assert(!body.includes('"errors"'), `la réponse contient des erreurs :\n${body.slice(0, 500)}`);
    await page.locator('.graphiql-response', { hasText: SITE_FINESS }).waitFor({ state: 'visible' });
  });

  await screenshot(page, 'graphiql');
}

async function main() {
  const rawBase = process.env['MAILLAGE_URL'];
  if (rawBase === undefined || rawBase === '') {
    console.error('MAILLAGE_URL manquant (par exemple MAILLAGE_URL=http://127.0.0.1:18080)');
    console.log('0 passed, 2 failed');
    return 2;
  }
  const base = new URL(rawBase);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });

  const tests = [
    { name: 'application (/)', slug: 'app', run: testApp },
    { name: 'GraphiQL (/graphiql)', slug: 'graphiql', run: testGraphiQL },
  ];
  let passed = 0;
  let failed = 0;
  let done = 0;

  const userDataDir = mkdtempSync(join(tmpdir(), 'maillage-e2e-'));
  /** @type {import('playwright-core').BrowserContext | undefined} */
  let context;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: VIEWPORT,
      locale: 'fr-FR',
      timeout: STEP_TIMEOUT_MS,
    });

    for (const test of tests) {
      console.log(`• ${test.name}`);
      const { page, problems } = await openPage(context, base);
      try {
        await test.run(page, base);
        // Laisse arriver les derniers messages console éventuels.
        await page.waitForTimeout(300);
        assert(problems.length === 0, `erreurs dans la page :\n${problems.map((p) => `- ${p}`).join('\n')}`);
        passed += 1;
        console.log(`ok   ${test.name}`);
      } catch (err) {
        failed += 1;
        console.log(`FAIL ${test.name}\n      ${describeError(err)}`);
        if (problems.length > 0 && !(err instanceof AssertionError && err.message.startsWith('erreurs dans la page'))) {
          console.log(`      erreurs dans la page :\n      ${problems.map((p) => `- ${p}`).join('\n      ')}`);
        }
        await screenshot(page, `${test.slug}-echec`);
      } finally {
        done += 1;
        await page.close();
      }
    }
  } catch (err) {
    console.log(`FAIL navigateur : ${describeError(err)}`);
    failed += tests.length - done;
  } finally {
    await context?.close().catch(() => undefined);
    rmSync(userDataDir, { recursive: true, force: true });
  }

  console.log(`${String(passed)} passed, ${String(failed)} failed`);
  return failed === 0 ? 0 : 1;
}

process.exitCode = await main();
