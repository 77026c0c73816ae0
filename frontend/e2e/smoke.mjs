#!/usr/bin/env node
// Test de fumée de bout en bout, contre un serveur Maillage déjà lancé.
//
//   MAILLAGE_URL=http://127.0.0.1:18080 MAILLAGE_EDITOR_TOKEN=mlg_… node e2e/smoke.mjs
//
// MAILLAGE_ADMIN_TOKEN : un jeton d'admin (l'import depuis l'application).
// MAILLAGE_EDITOR_TOKEN : un jeton d'éditeur de la région 84 sur la base de ce
// serveur (maillage token create --role editor --territory REGION:84 --name …),
// pour le dernier test, qui crée un GCS dans la Loire par l'API ; scripts/e2e.sh
// le crée.
//
// Utilise le Chromium du système, dans sa version faite pour les tests sans
// écran (Debian : /usr/bin/chromium-headless-shell, celle que Playwright prend
// pour headless: true ; ou la variable E2E_CHROMIUM_PATH) via playwright-core ;
// aucun navigateur n'est téléchargé. Le navigateur complet en mode headless
// construit aussi ses propres pages d'interface (la liste de l'omnibox) : sur
// deux cœurs, ce travail hors de l'application se mesurait dans ses temps.
// Un « test » par page : l'application (/) et GraphiQL (/graphiql) ; le dernier
// écrit d'abord par l'API (fetch depuis Node), puis ouvre l'application. Échoue
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
// Les entités juridiques : le niveau par défaut de l'application.
const FIRMINY = '420780652';
const FOREZ = '420013831';

const CHROMIUM = process.env['E2E_CHROMIUM_PATH'] ?? '/usr/bin/chromium-headless-shell';
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
    // Une tuile que la carte ne montre plus (elle a bougé) est abandonnée : voulu.
    const droppedTile = url.pathname.startsWith('/tiles/') && request.failure()?.errorText === 'net::ERR_ABORTED';
    if (url.origin === base.origin && !droppedTile) {
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

/** Les chiffres à reporter dans le README, une ligne chacun. */
/** @type {string[]} */
const figures = [];
/** @param {string} text */
function figure(text) {
  figures.push(text);
  console.log(`    e2e figure: ${text}`);
}

/**
 * Choisit une suggestion au clavier dans une boîte de recherche (combobox).
 * @param {import('playwright-core').Page} page
 * @param {string} testId
 * @param {string} text
 * @param {string} optionSelector sélecteur de l'option voulue dans la liste
 */
async function chooseSuggestion(page, testId, text, optionSelector) {
  const box = page.getByTestId(testId);
  const input = box.getByRole('combobox');
  await input.fill(text);
  // Les suggestions de la saisie précédente restent affichées pendant la
  // frappe : attendre celles de ce texte.
  const option = box.locator(`[role="option"]${optionSelector}`).first();
  try {
    await box.locator(`[role="listbox"][data-results-for="${text}"]`).waitFor({ state: 'attached', timeout: STEP_TIMEOUT_MS / 2 });
    await option.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS / 2 });
  } catch (err) {
    // Ce que montrait la boîte, pour comprendre un échec (liste fermée, résultats d'une autre saisie, aucun).
    const state = await box.evaluate((el) => {
      const list = el.querySelector('[role="listbox"]');
      const field = el.querySelector('[role="combobox"]');
      return {
        value: field !== null && 'value' in field ? String(field.value) : null,
        expanded: field?.getAttribute('aria-expanded'),
        focused: el.ownerDocument.activeElement === field,
        resultsFor: list?.getAttribute('data-results-for'),
        hidden: list?.hasAttribute('hidden'),
        list: list?.textContent.slice(0, 300),
      };
    });
    throw new AssertionError(`suggestions pour « ${text} » : ${err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err)}\nétat de la boîte : ${JSON.stringify(state)}`);
  }
  const options = box.locator('[role="option"]');
  const count = await options.count();
  let index = -1;
  for (let i = 0; i < count; i++) {
    if (await options.nth(i).evaluate((el, sel) => el.matches(`[role="option"]${sel}`), optionSelector)) {
      index = i;
      break;
    }
  }
  assert(index >= 0, `suggestion ${optionSelector} absente pour « ${text} »`);
  for (let i = 0; i <= index; i++) await input.press('ArrowDown');
  assert((await options.nth(index).getAttribute('aria-selected')) === 'true', 'la suggestion n’est pas active après les flèches');
  await input.press('Enter');
}

/**
 * @param {import('playwright-core').Page} page
 * @param {string} selector
 */
async function waitFor(page, selector) {
  await page.locator(selector).first().waitFor({ state: 'attached' });
}

/**
 * Vue nationale : la carte est prête (fond et 95 000 sites) ; taille du JS de la première vue.
 * @param {import('playwright-core').Page} page
 * @param {URL} base
 */
async function testNational(page, base) {
  /** @type {string[]} */
  const scripts = [];
  page.on('response', (r) => {
    if (r.request().resourceType() === 'script' || r.url().endsWith('.js')) scripts.push(r.url());
  });
  const started = Date.now();
  let interactive = 0;
  await step('ouvrir / : carte de France utilisable', async () => {
    const response = await page.goto(new URL('/', base).toString(), { waitUntil: 'domcontentloaded' });
    assert(response !== null && response.ok(), `GET / : statut ${String(response?.status())}`);
    await page.getByTestId('search').getByRole('combobox').waitFor({ state: 'visible' });
    await waitFor(page, '[data-testid="map"][data-base-ready="true"]');
    interactive = (Date.now() - started) / 1000;
  });
  figure(`national view interactive after load: ${interactive.toFixed(2)} s (base map drawn, search and map usable; target ≤ 1.5 s)`);
  let drawn = 0;
  await step('les 95 000 sites sont dessinés (tuiles vectorielles, groupés en vue large)', async () => {
    // data-ready : l'événement « idle » de MapLibre, les tuiles de la vue chargées et dessinées.
    await waitFor(page, '[data-testid="map"][data-ready="true"]');
    drawn = Number(await page.getByTestId('map').getAttribute('data-sites-drawn'));
  });
  const seconds = (Date.now() - started) / 1000;
  await step('chaque site de la France métropolitaine est compté une fois sur la carte', async () => {
    // Les sites en vigueur aujourd'hui dans le cadre de la vue nationale, lus dans la couche GeoJSON de l'API.
    const layer = /** @type {{ features: { geometry: { coordinates: [number, number] } }[] }} */ (
      await (await fetch(new URL('/api/sites.geojson', base))).json()
    );
    const [w, s, e, n] = [-5.2, 41.3, 9.6, 51.1];
    const inView = layer.features.filter(({ geometry: { coordinates: [x, y] } }) => x >= w && x <= e && y >= s && y <= n).length;
    assert(inView > 85000 && drawn === inView, `la carte compte ${String(drawn)} sites, l'API en a ${String(inView)} dans la vue`);
  });
  figure(`national view with every site drawn (vector tiles, ${String(drawn)} sites counted): ${seconds.toFixed(2)} s (target ≤ 3 s)`);
  await step('le panneau dit de quand sont les registres', async () => {
    const line = page.getByTestId('freshness').locator('[data-register="FINESS_SITES"]');
    await line.waitFor({ state: 'visible' });
    const text = await line.innerText();
    assert(text.includes('08/01/2021') && text.includes('importé'), `fraîcheur du registre : ${text}`);
  });
  await step('JavaScript de la première vue', async () => {
    const { gzipSync } = await import('node:zlib');
    let raw = 0;
    let gz = 0;
    const unique = [...new Set(scripts)].filter((u) => new URL(u).origin === base.origin && !u.includes('-worker'));
    for (const url of unique) {
      const body = Buffer.from(await (await fetch(url)).arrayBuffer());
      raw += body.length;
      gz += gzipSync(body, { level: 9 }).length;
    }
    figure(`first-view JS: ${(gz / 1024).toFixed(0)} kB gzipped (${(raw / 1024).toFixed(0)} kB raw, ${String(unique.length)} files; target ≤ 450 kB)`);
    assert(gz <= 450 * 1024, `JS de la première vue trop lourd : ${(gz / 1024).toFixed(0)} kB`);
  });
  await screenshot(page, 'national');
  await step('Saint-Étienne de près : le site survolé est celui qu’un clic ouvre dans le panneau', async () => {
    await page.goto(new URL('/', base).toString(), { waitUntil: 'domcontentloaded' });
    await chooseSuggestion(page, 'search', 'Saint-Étienne', '[data-kind="COMMUNE"]');
    // La carte se centre sur la commune au zoom 11 : ses sites y sont un à un.
    await page.waitForFunction(
      "Number(document.querySelector('[data-testid=\"map\"][data-ready=\"true\"] .map__canvas')?.getAttribute('data-view')?.split(',')[2]) >= 10.9",
    );
    const canvas = page.getByTestId('map').locator('.map__canvas');
    const view = String(await canvas.getAttribute('data-view')).split(',').map(Number);
    const [lng, lat, zoom] = [view[0] ?? NaN, view[1] ?? NaN, view[2] ?? NaN];
    // Mercator (tuiles de 512 px, comme MapLibre) : le pixel du CHU par rapport au centre.
    const mercator = (/** @type {number} */ lo, /** @type {number} */ la) => ({
      x: (lo + 180) / 360,
      y: (1 - Math.log(Math.tan(Math.PI / 4 + (la * Math.PI) / 360)) / Math.PI) / 2,
    });
    const scale = 512 * 2 ** zoom;
    const center = mercator(lng, lat);
    const chu = mercator(4.393283, 45.413162); // 420782559, la position que donne l'API
    const box = await canvas.boundingBox();
    assert(box !== null, 'carte sans taille');
    const position = { x: box.width / 2 + (chu.x - center.x) * scale, y: box.height / 2 + (chu.y - center.y) * scale };
    // Cinq sites du registre sont à cette position : la bulle dit lequel est dessus.
    await canvas.hover({ position });
    const tooltip = await page.locator('.tooltip').innerText();
    const finess = /\b(42\d{7})\b/.exec(tooltip)?.[1];
    assert(finess !== undefined, `bulle du site : « ${tooltip} »`);
    await canvas.click({ position });
    await page.locator(`[data-testid="details"][data-finess="${finess}"]`).waitFor({ state: 'visible' });
  });
}

/**
 * Recherche « Saint-Étienne », ouverture du CHU dans le panneau.
 * @param {import('playwright-core').Page} page
 * @param {URL} base
 */
async function testSearch(page, base) {
  await step('ouvrir /', async () => {
    await page.goto(new URL('/', base).toString(), { waitUntil: 'domcontentloaded' });
  });
  await step('chercher « Saint-Étienne » et choisir le CHU au clavier', async () => {
    await chooseSuggestion(page, 'search', 'Saint-Étienne', `[data-finess="${LEGAL_ENTITY_FINESS}"]`);
  });
  await step('le panneau montre le CHU de Saint-Étienne et son site principal', async () => {
    const details = page.locator(`[data-testid="details"][data-finess="${LEGAL_ENTITY_FINESS}"]`);
    await details.waitFor({ state: 'visible' });
    // La liste des sites (38) est repliée : on la déplie comme le ferait l'utilisateur.
    await details.locator('summary', { hasText: 'Sites' }).click();
    const sites = page.getByTestId('panel-sites');
    await sites.locator(`[data-finess="${SITE_FINESS}"]`).waitFor({ state: 'visible' });
    const text = await details.innerText();
    assert(text.includes(LEGAL_ENTITY_FINESS), `FINESS absent du panneau :\n${text.slice(0, 400)}`);
  });
  await step('la carte et le réseau montrent ses coopérations', async () => {
    await waitFor(page, '[data-testid="network"][data-selected-present="true"][data-layout="done"]');
    const links = Number(await page.getByTestId('map').getAttribute('data-selection-links'));
    assert(links > 0, 'aucun lien de coopération sur la carte');
  });
  await screenshot(page, 'chu-saint-etienne');
  await step('choisir la commune de Firminy : le réseau montre les coopérations de ses organisations', async () => {
    await chooseSuggestion(page, 'search', 'Firminy', '[data-kind="COMMUNE"]');
    await waitFor(page, '[data-testid="network"][data-loading="false"][data-layout="done"]');
    assert(new URL(page.url()).searchParams.get('territory') === 'commune:42095', `commune absente de l'adresse : ${page.url()}`);
    const nodes = Number(await page.getByTestId('network').getAttribute('data-nodes'));
    assert(nodes > 0, 'le réseau de la commune est vide');
  });
}

/**
 * La charte G4 : ses membres sur la carte et dans le réseau ; avant 2016, plus rien.
 * @param {import('playwright-core').Page} page
 * @param {URL} base
 */
async function testCharter(page, base) {
  await step('ouvrir / et chercher la charte G4', async () => {
    await page.goto(new URL('/', base).toString(), { waitUntil: 'domcontentloaded' });
    await chooseSuggestion(page, 'search', 'G4', '[data-kind="CONVENTION"]');
  });
  await step('ses 4 parties dans le panneau', async () => {
    const parties = page.getByTestId('panel-parties').locator('li');
    await parties.first().waitFor({ state: 'visible' });
    assert((await parties.count()) === 4, `parties : ${String(await parties.count())} au lieu de 4`);
    // The charter is dated by its year alone: it says so.
    const panel = await page.getByTestId('side-panel').innerText();
    assert(panel.includes('depuis 2016'), `la période de la charte n'est pas « depuis 2016 » :\n${panel.slice(0, 600)}`);
  });
  await step('ses membres sur la carte et dans le réseau', async () => {
    await waitFor(page, '[data-testid="network"][data-selected-present="true"][data-layout="done"]');
    const degree = Number(await page.getByTestId('network').getAttribute('data-selected-degree'));
    assert(degree >= 4, `la charte n'a que ${String(degree)} voisins dans le réseau`);
    await waitFor(page, '[data-testid="map"][data-ready="true"]');
    const links = Number(await page.getByTestId('map').getAttribute('data-selection-links'));
    assert(links >= 4, `seulement ${String(links)} liens sur la carte`);
  });
  await screenshot(page, 'g4-2016');
  await step('date au 1er juin 2015 : la charte disparaît', async () => {
    await page.getByTestId('date-input').fill('2015-06-01');
    await waitFor(page, '[data-testid="timebar"][data-as-of="2015-06-01"]');
    assert(new URL(page.url()).searchParams.get('date') === '2015-06-01', `date absente de l'adresse : ${page.url()}`);
    await waitFor(page, '[data-testid="network"][data-selected-present="false"][data-loading="false"]');
    await waitFor(page, '[data-testid="map"][data-selection-links="0"]');
    await page.getByTestId('not-in-force').waitFor({ state: 'visible' });
  });
  await screenshot(page, 'g4-2015');
}

/**
 * Chemin Firminy → Forez, puis export CSV du graphe affiché.
 * @param {import('playwright-core').Page} page
 * @param {URL} base
 */
async function testPathAndExport(page, base) {
  await step('ouvrir l’onglet Questions', async () => {
    await page.goto(new URL('/?tab=questions', base).toString(), { waitUntil: 'domcontentloaded' });
    await page.getByTestId('path-finder').waitFor({ state: 'visible' });
  });
  await step('choisir CH de Firminy puis CH du Forez', async () => {
    await chooseSuggestion(page, 'path-from', 'Firminy', `[data-finess="${FIRMINY}"]`);
    await chooseSuggestion(page, 'path-to', 'CH du Forez', `[data-finess="${FOREZ}"]`);
  });
  await step('le chemin passe par la charte G4, sur la carte et dans le réseau', async () => {
    const steps = page.getByTestId('path-result').locator('li');
    await steps.first().waitFor({ state: 'visible' });
    const text = await page.getByTestId('path-result').innerText();
    assert(text.includes('G4'), `chemin sans la charte G4 :\n${text}`);
    assert((await steps.count()) === 3, `chemin de ${String(await steps.count())} nœuds au lieu de 3`);
    await waitFor(page, '[data-testid="map"]:not([data-path-segments="0"])');
    await waitFor(page, '[data-testid="network"][data-layout="done"]');
    const nodes = Number(await page.getByTestId('network').getAttribute('data-nodes'));
    assert(nodes >= 3, `réseau : ${String(nodes)} nœuds`);
  });
  await screenshot(page, 'chemin');
  await step('exporter le graphe en CSV', async () => {
    await page.getByTestId('export-menu').locator('summary').click();
    const downloadPromise = page.waitForEvent('download');
    await page.getByTestId('export-csv').click();
    const download = await downloadPromise;
    const file = await download.path();
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    const [header] = text.split(/\r?\n/);
    assert(header === 'type,id,kind,label,finess,code,category,departement,region,latitude,longitude,source,target,role,validFrom,validTo', `en-tête CSV inattendu : ${String(header)}`);
    assert(text.includes(FIRMINY) && text.includes(FOREZ), `le CSV ne contient pas les deux entités juridiques :\n${text.slice(0, 600)}`);
    assert(text.includes('G4'), 'le CSV ne contient pas la charte');
    assert(download.suggestedFilename().endsWith('.csv'), `nom de fichier : ${download.suggestedFilename()}`);
  });
}

/**
 * L'API refuse la requête : un message clair, pas une page vide.
 * @param {import('playwright-core').Page} page
 * @param {URL} base
 */
async function testApiRefused(page, base) {
  await page.route('**/graphql', (route) =>
    route.fulfill({
      status: 400,
      contentType: 'application/json',
      body: JSON.stringify({ errors: [{ message: 'requête refusée (test)', extensions: { code: 'BAD_REQUEST' } }] }),
    }),
  );
  await step('ouvrir une sélection quand l’API refuse tout', async () => {
    await page.goto(new URL('/?sel=1&territory=dep:42', base).toString(), { waitUntil: 'domcontentloaded' });
    const notice = page.getByTestId('error').first();
    await notice.waitFor({ state: 'visible' });
    const text = await notice.innerText();
    assert(text.includes('Requête refusée') && text.includes('BAD_REQUEST'), `message inattendu :\n${text}`);
  });
  await screenshot(page, 'api-refusee');
}

/**
 * Le réseau d'une région : ses coopérations, puis, sur demande, les
 * structures dont aucune source ne donne les membres, dessinées seules.
 * @param {import('playwright-core').Page} page
 * @param {URL} base
 */
async function testRegionNetwork(page, base) {
  await step('ouvrir la vue réseau', async () => {
    await page.goto(new URL('/?view=network', base).toString(), { waitUntil: 'domcontentloaded' });
    await page.getByTestId('network-empty').waitFor({ state: 'visible' });
  });
  let plain = 0;
  await step('choisir Auvergne-Rhône-Alpes : ses coopérations, sans structure isolée', async () => {
    await page.getByTestId('territory-select').selectOption('REGION:84');
    await waitFor(page, '[data-testid="network"][data-loading="false"][data-layout="done"]:not([data-nodes="0"])');
    plain = Number(await page.getByTestId('network').getAttribute('data-nodes'));
    const edges = Number(await page.getByTestId('network').getAttribute('data-edges'));
    // La charte G4 et ses quatre hôpitaux au moins ; chaque nœud a un lien.
    assert(plain >= 5 && edges >= plain - 1, `réseau régional : ${String(plain)} nœuds, ${String(edges)} liens`);
  });
  let seconds = 0;
  await step('afficher les structures sans membres connus : autant de nœuds en plus que le compte annoncé', async () => {
    await page.locator('details.filters summary').click();
    const toggle = page.getByTestId('memberless');
    const label = await toggle.locator('xpath=..').innerText();
    const announced = Number(/\((\d+)\)/.exec(label)?.[1] ?? 'NaN');
    assert(announced > 100, `structures sans membres annoncées : ${label}`);
    const started = Date.now();
    await toggle.check();
    await waitFor(page, `[data-testid="network"][data-loading="false"][data-layout="done"][data-nodes="${String(plain + announced)}"]`);
    seconds = (Date.now() - started) / 1000;
    figure(`région 84 network with its ${String(announced)} memberless structures rendered and laid out: ${seconds.toFixed(2)} s (${String(plain + announced)} nodes; target ≤ 1.5 s)`);
  });
  await screenshot(page, 'reseau-region');
}

/**
 * Le réseau de la Loire au niveau des entités juridiques : la charte G4 et
 * ses quatre hôpitaux, aucun centre de santé d'ailleurs.
 * @param {import('playwright-core').Page} page
 * @param {URL} base
 */
async function testLoireNetwork(page, base) {
  await step('la Loire, entités juridiques, 2020 : la charte G4 et ses quatre hôpitaux', async () => {
    await page.goto(new URL('/?view=network&territory=dep:42&date=2020-06-01&level=LEGAL_ENTITY', base).toString(), { waitUntil: 'domcontentloaded' });
    await waitFor(page, '[data-testid="network"][data-loading="false"][data-layout="done"]:not([data-nodes="0"])');
    const answer = await page.evaluate(async () => {
      const response = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ cooperationGraph(filter: {territories: ["DEPARTMENT:42"], asOf: "2020-06-01", level: LEGAL_ENTITY}) { nodes { nodeKind label finess departmentCode } } }' }),
      });
      return /** @type {{ data: { cooperationGraph: { nodes: { nodeKind: string, label: string, finess: string | null, departmentCode: string | null }[] } } }} */ (await response.json());
    });
    const nodes = answer.data.cooperationGraph.nodes;
    const shown = Number(await page.getByTestId('network').getAttribute('data-nodes'));
    assert(shown === nodes.length, `le réseau montre ${String(shown)} nœuds, l'API en donne ${String(nodes.length)}`);
    for (const finess of ['420784878', '420013831', '420002495', '420780652']) {
      assert(nodes.some((n) => n.finess === finess), `hôpital ${finess} absent du réseau de la Loire`);
    }
    assert(nodes.some((n) => n.nodeKind === 'CONVENTION' && n.label.includes('G4')), 'la charte G4 absente du réseau de la Loire');
    const outside = nodes.filter((n) => n.nodeKind === 'GROUPING' && /centre de sant/i.test(n.label));
    assert(outside.length === 0, `centres de santé dans le réseau de la Loire : ${outside.map((n) => n.label).join(', ')}`);
  });
  await screenshot(page, 'reseau-loire-entites');
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

  await step('les requêtes d’exemple sont proposées en onglets', async () => {
    for (const name of ['Recherche', 'GrapheDuTerritoire', 'Voisinage', 'Identifiants', 'Anomalies', 'StatistiquesDuTerritoire', 'Evolutions']) {
      await page.locator('.graphiql-tab', { hasText: name }).first().waitFor({ state: 'attached' });
    }
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

/**
 * @typedef {{ data?: Record<string, unknown> | null, errors?: { message: string, extensions?: { code?: string } }[] }} GraphQLBody
 */

/**
 * Envoie une requête GraphQL depuis Node (pas depuis le navigateur), avec ou sans jeton.
 * @param {URL} base
 * @param {string} query
 * @param {Record<string, unknown>} variables
 * @param {string} [token]
 * @returns {Promise<GraphQLBody>}
 */
async function graphql(base, query, variables, token) {
  /** @type {Record<string, string>} */
  const headers = { 'Content-Type': 'application/json' };
  if (token !== undefined) headers['Authorization'] = `Bearer ${token}`;
  const response = await fetch(new URL('/graphql', base), { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const text = await response.text();
  try {
    return /** @type {GraphQLBody} */ (JSON.parse(text));
  } catch {
    throw new AssertionError(`POST /graphql : statut ${String(response.status)}, réponse illisible :\n${text.slice(0, 500)}`);
  }
}

/**
 * La réponse est un succès : renvoie data[field].
 * @param {GraphQLBody} body
 * @param {string} field
 * @returns {unknown}
 */
function dataOf(body, field) {
  const value = body.data?.[field];
  assert(body.errors === undefined && value !== undefined && value !== null, `${field} en échec :\n${JSON.stringify(body).slice(0, 500)}`);
  return value;
}

/**
 * La réponse est un refus FORBIDDEN, sans donnée.
 * @param {GraphQLBody} body
 * @param {string} field
 */
function assertForbidden(body, field) {
  const codes = (body.errors ?? []).map((e) => e.extensions?.code);
  assert(codes.length > 0 && codes.every((c) => c === 'FORBIDDEN'), `${field} sans jeton : FORBIDDEN attendu, reçu :\n${JSON.stringify(body).slice(0, 500)}`);
  assert(body.data?.[field] == null, `${field} sans jeton a renvoyé une donnée : ${JSON.stringify(body.data)}`);
}

const CREATE_SOURCE = 'mutation($in: CreateSourceInput!) { createSource(input: $in) { id } }';
const CREATE_GROUPING = 'mutation($in: CreateGroupingInput!) { createGrouping(input: $in) { id name version } }';
const CREATE_MEMBERSHIP = 'mutation($in: CreateMembershipInput!) { createMembership(input: $in) { id version role legalEntity { id name finess } } }';
const FIND = 'query($text: String!, $kinds: [String!]) { search(text: $text, kinds: $kinds, first: 50) { label finess node { id } } }';
const MEMBERS = 'query($id: ID!) { node(id: $id) { ... on Grouping { memberships { role legalEntity { finess } } } } }';

/**
 * Les groupements dont le nom est exactement `name`.
 * @param {URL} base
 * @param {string} name
 */
async function groupingsNamed(base, name) {
  const hits = /** @type {{ label: string, node: { id: string } }[]} */ (dataOf(await graphql(base, FIND, { text: name, kinds: ['GROUPING'] }), 'search'));
  return hits.filter((h) => h.label === name);
}

/**
 * Les adhésions d'un groupement, lues par l'API.
 * @param {URL} base
 * @param {string} id
 */
async function membersOf(base, id) {
  const node = /** @type {{ memberships?: { role: string, legalEntity: { finess: string } | null }[] }} */ (dataOf(await graphql(base, MEMBERS, { id }), 'node'));
  assert(node.memberships !== undefined, `le nœud ${id} n'est pas un groupement`);
  return node.memberships;
}

/**
 * Une modification envoyée à l'API avec un jeton d'éditeur de la région 84
 * se voit dans l'application ; la même sans jeton est refusée et ne change rien.
 * Le jeton vient de MAILLAGE_EDITOR_TOKEN (scripts/e2e.sh le crée sur la base
 * du serveur). Dernier test de la liste : le GCS créé ne change rien à ce que
 * les autres vérifient.
 * @param {import('playwright-core').Page} page
 * @param {URL} base
 */
async function testApiEdit(page, base) {
  const token = process.env['MAILLAGE_EDITOR_TOKEN'] ?? '';
  // Un nom neuf à chaque passage, si l'on relance le test contre le même serveur.
  const name = `GCS Imagerie Loire essai ${Date.now().toString(36)}`;
  let chuID = '';
  let sourceID = '';
  let groupingID = '';
  let memberName = '';

  await step('un jeton d’éditeur de la région 84 est fourni (MAILLAGE_EDITOR_TOKEN)', () => {
    assert(token.startsWith('mlg_'), 'MAILLAGE_EDITOR_TOKEN manquant : le créer sur la base du serveur avec « maillage token create --role editor --territory REGION:84 --name … » (scripts/e2e.sh le fait)');
    return Promise.resolve();
  });
  await step('l’API trouve le CHU de Saint-Étienne par son FINESS', async () => {
    const hits = /** @type {{ finess: string | null, node: { id: string } }[]} */ (dataOf(await graphql(base, FIND, { text: LEGAL_ENTITY_FINESS, kinds: ['LEGAL_ENTITY'] }), 'search'));
    const hit = hits.find((h) => h.finess === LEGAL_ENTITY_FINESS);
    assert(hit !== undefined, `entité juridique ${LEGAL_ENTITY_FINESS} introuvable`);
    chuID = hit.node.id;
  });
  await step('avec le jeton : enregistrer la source (createSource)', async () => {
    const source = /** @type {{ id: string }} */ (
      dataOf(await graphql(base, CREATE_SOURCE, { in: { kind: 'PRESS', title: `Communiqué de l’ARS (essai e2e) : ${name}`, publisher: 'ARS Auvergne-Rhône-Alpes' } }, token), 'createSource')
    );
    sourceID = source.id;
  });
  const grouping = { name, kind: 'GCS', departmentCode: '42', validFrom: '2024-01-01', description: 'Groupement créé par le test de bout en bout', sourceID };
  await step('sans jeton : créer le GCS est refusé (FORBIDDEN) et rien n’est créé', async () => {
    assertForbidden(await graphql(base, CREATE_GROUPING, { in: grouping }), 'createGrouping');
    const found = await groupingsNamed(base, name);
    assert(found.length === 0, `un groupement « ${name} » existe après le refus`);
  });
  await step('avec le jeton : créer le GCS dans la Loire (createGrouping)', async () => {
    const created = /** @type {{ id: string, name: string, version: number }} */ (dataOf(await graphql(base, CREATE_GROUPING, { in: grouping }, token), 'createGrouping'));
    assert(created.name === name && created.version === 1, `groupement créé inattendu : ${JSON.stringify(created)}`);
    groupingID = created.id;
  });
  const membership = { groupingID, legalEntityID: chuID, role: 'MEMBER', validFrom: '2024-01-01', sourceID };
  await step('sans jeton : ajouter le CHU comme membre est refusé (FORBIDDEN) et rien ne change', async () => {
    assertForbidden(await graphql(base, CREATE_MEMBERSHIP, { in: membership }), 'createMembership');
    const members = await membersOf(base, groupingID);
    assert(members.length === 0, `le GCS a ${String(members.length)} membre(s) après le refus`);
  });
  await step('avec le jeton : ajouter le CHU de Saint-Étienne comme membre (createMembership)', async () => {
    const created = /** @type {{ role: string, version: number, legalEntity: { id: string, name: string, finess: string } | null }} */ (
      dataOf(await graphql(base, CREATE_MEMBERSHIP, { in: membership }, token), 'createMembership')
    );
    assert(created.role === 'MEMBER' && created.version === 1 && created.legalEntity?.finess === LEGAL_ENTITY_FINESS, `adhésion créée inattendue : ${JSON.stringify(created)}`);
    memberName = created.legalEntity.name;
    const members = await membersOf(base, groupingID);
    assert(members.length === 1 && members[0]?.legalEntity?.finess === LEGAL_ENTITY_FINESS, `membres lus par l'API : ${JSON.stringify(members)}`);
    assert((await groupingsNamed(base, name)).length === 1, `la recherche de l'API ne trouve pas « ${name} » une seule fois`);
  });
  await step('ouvrir / et chercher le nouveau GCS', async () => {
    await page.goto(new URL('/', base).toString(), { waitUntil: 'domcontentloaded' });
    await chooseSuggestion(page, 'search', name, '[data-kind="GROUPING"]');
  });
  await step('le panneau montre le GCS et le CHU de Saint-Étienne comme membre', async () => {
    const details = page.locator('[data-testid="details"][data-kind="Grouping"]');
    await details.waitFor({ state: 'visible' });
    const title = await details.getByTestId('details-title').innerText();
    assert(title === name, `panneau ouvert sur « ${title} » au lieu de « ${name} »`);
    const members = details.getByTestId('panel-members').locator('li');
    await members.first().waitFor({ state: 'visible' });
    assert((await members.count()) === 1, `membres : ${String(await members.count())} au lieu de 1`);
    const text = await members.first().innerText();
    assert(text.includes(memberName), `le membre affiché n'est pas ${memberName} :\n${text}`);
  });
  await step('le réseau relie le GCS à son membre', async () => {
    await waitFor(page, '[data-testid="network"][data-selected-present="true"][data-layout="done"]');
    const degree = Number(await page.getByTestId('network').getAttribute('data-selected-degree'));
    assert(degree >= 1, `le GCS n'a que ${String(degree)} voisin dans le réseau`);
  });
  await screenshot(page, 'modification-api');
  await step('le membre mène à la fiche du CHU de Saint-Étienne', async () => {
    await page.getByTestId('panel-members').getByRole('button', { name: memberName }).click();
    await page.locator(`[data-testid="details"][data-finess="${LEGAL_ENTITY_FINESS}"]`).waitFor({ state: 'visible' });
  });
}

/**
 * Se connecter dans l'application avec un jeton (formulaire de la barre du haut).
 * @param {import('playwright-core').Page} page
 * @param {string} token
 */
async function signIn(page, token) {
  await page.getByTestId('sign-in').click();
  await page.getByTestId('sign-in-token').fill(token);
  await page.getByTestId('sign-in-token').press('Enter');
  await page.getByTestId('session-name').waitFor({ state: 'visible' });
}

/**
 * Un admin importe depuis l'application un fichier de coopérations : son
 * avancement puis son rapport ; un fichier erroné est refusé avec sa ligne
 * et rien ne change. Un éditeur ne voit pas l'onglet.
 * @param {import('playwright-core').Page} page
 * @param {URL} base
 */
async function testAppImport(page, base) {
  const token = process.env['MAILLAGE_ADMIN_TOKEN'] ?? '';
  await step('un jeton d’admin est fourni (MAILLAGE_ADMIN_TOKEN)', async () => {
    assert(token.startsWith('mlg_'), 'MAILLAGE_ADMIN_TOKEN manquant (scripts/e2e.sh le crée)');
  });
  await step('se connecter en admin et ouvrir l’onglet Importer', async () => {
    await page.goto(new URL('/?tab=import', base).toString(), { waitUntil: 'domcontentloaded' });
    await signIn(page, token);
    await page.getByTestId('tab-import').click();
    await page.getByTestId('import').waitFor({ state: 'visible' });
  });
  const stamp = Date.now().toString(36);
  /** @param {string} name */
  const file = (name) => ({
    name,
    mimeType: 'application/yaml',
    buffer: Buffer.from(`sources:
  - key: e2e-import-${stamp}
    kind: PRESS
    title: Essai d'import depuis l'application
groupings:
  - code: E2E-IMPORT-${stamp}
    kind: GCS
    name: GCS essai import ${stamp}
    source: e2e-import-${stamp}
    members:
      - {finess: "420784878", role: MEMBER}
      - {finess: "${name === 'bad.yaml' ? '12345' : '420013831'}", role: MEMBER}
`),
  });
  await step('un fichier erroné : refusé avec sa ligne, rien ne change', async () => {
    await page.getByTestId('import-format').selectOption('cooperation');
    await page.getByTestId('import-file').setInputFiles(file('bad.yaml'));
    await page.getByTestId('import-start').click();
    await waitFor(page, '[data-testid="import-job"][data-state="FAILED"]');
    const error = await page.getByTestId('import-error').innerText();
    assert(error.includes('bad.yaml'), `erreur sans son fichier : ${error}`);
  });
  await step('le bon fichier : importé, son rapport affiché', async () => {
    await page.getByTestId('import-file').setInputFiles(file('good.yaml'));
    await page.getByTestId('import-start').click();
    await waitFor(page, '[data-testid="import-job"][data-state="DONE"]');
    const report = await page.getByTestId('import-report').innerText();
    assert(report.includes('grouping +1') && report.includes('membership +2'), `rapport inattendu :\n${report}`);
  });
  await screenshot(page, 'import-rapport');
}

/**
 * Ouvre une adresse de l'application et attend son formulaire d'édition.
 * @param {import('playwright-core').Page} page
 * @param {URL} base
 * @param {string} search
 */
async function openForm(page, base, search) {
  await page.goto(new URL(`/${search}`, base).toString(), { waitUntil: 'domcontentloaded' });
  await page.getByTestId('edit-form').waitFor({ state: 'visible' });
}

/**
 * Un éditeur de la région 84 dans l'application : se connecte, crée une
 * convention entre deux hôpitaux de la Loire avec sa source, la voit dans le
 * réseau et l'historique, est refusé sur un enregistrement d'une autre région
 * (la raison affichée), résout un conflit créé depuis un second contexte de
 * navigateur.
 * @param {import('playwright-core').Page} page
 * @param {URL} base
 */
async function testAppEdit(page, base) {
  const token = process.env['MAILLAGE_EDITOR_TOKEN'] ?? '';
  const stamp = Date.now().toString(36);
  const name = `Convention imagerie Loire essai ${stamp}`;
  // Un code est unique : neuf à chaque passage.
  const otherCode = `IMG-LOIRE-${stamp.toUpperCase()}`;
  let conventionID = '';
  await step('se connecter avec le jeton : nom, rôle et territoire affichés', async () => {
    assert(token.startsWith('mlg_'), 'MAILLAGE_EDITOR_TOKEN manquant (scripts/e2e.sh le crée)');
    await page.goto(new URL('/', base).toString(), { waitUntil: 'domcontentloaded' });
    await signIn(page, token);
    const who = await page.getByTestId('session').innerText();
    assert(who.includes('e2e ARS') && who.includes('Éditeur') && who.includes('Auvergne-Rhône-Alpes'), `session affichée : ${who}`);
    // Le jeton est dans sessionStorage seulement : ni dans localStorage (GraphiQL y garde ses onglets), ni dans l'adresse.
    const stored = /** @type {{ local: string, session: string | null, url: string }} */ (
      await page.evaluate("({ local: Object.values(localStorage).join('\\n'), session: sessionStorage.getItem('maillage.token'), url: location.href })")
    );
    assert(!stored.local.includes(token) && stored.session === token && !stored.url.includes(token), 'le jeton n’est pas gardé en sessionStorage seulement');
  });
  await screenshot(page, 'edition-connexion');
  await step('le formulaire de convention s’ouvre par son adresse', async () => {
    await openForm(page, base, '?edit=convention:new');
    await page.getByTestId('field-name').fill(name);
    await page.getByTestId('field-validFrom').fill('2025');
    await page.getByTestId('precision-validFrom').waitFor({ state: 'visible' });
    assert((await page.getByTestId('precision-validFrom').innerText()).includes('année'), 'la précision « année » n’est pas lue');
    await page.getByLabel('Imagerie').check();
  });
  await step('deux hôpitaux de la Loire choisis comme dans la recherche', async () => {
    await chooseSuggestion(page, 'party-search', LEGAL_ENTITY_FINESS, '[data-kind="LEGAL_ENTITY"]');
    await chooseSuggestion(page, 'party-search', FOREZ, '[data-kind="LEGAL_ENTITY"]');
    const rows = page.getByTestId('party-row');
    await rows.nth(1).waitFor({ state: 'visible' });
    assert((await rows.count()) === 2, `parties choisies : ${String(await rows.count())}`);
  });
  await step('une nouvelle source : titre, éditeur, date, lien', async () => {
    await page.getByTestId('field-sourceTitle').fill(`Convention d’imagerie (essai e2e) : ${name}`);
    await page.getByTestId('field-sourcePublisher').fill('ARS Auvergne-Rhône-Alpes');
    await page.getByTestId('field-sourcePublishedOn').fill('2025-01-15');
    await page.getByTestId('field-sourceUrl').fill('https://www.auvergne-rhone-alpes.ars.sante.fr/');
  });
  await screenshot(page, 'edition-formulaire-convention');
  await step('enregistrer : la fiche de la convention montre ses deux parties', async () => {
    await page.getByTestId('edit-save').click();
    const details = page.locator('[data-testid="details"][data-kind="Convention"]');
    await details.waitFor({ state: 'visible' });
    assert((await details.getByTestId('details-title').innerText()) === name, 'la fiche ouverte n’est pas la convention créée');
    const parties = details.getByTestId('panel-parties').locator('li');
    await parties.nth(1).waitFor({ state: 'visible' });
    assert((await parties.count()) === 2, `parties : ${String(await parties.count())}`);
    conventionID = (await page.getByTestId('panel-selection').getAttribute('data-selected')) ?? '';
    assert(conventionID !== '', 'sélection sans identifiant');
    await details.page().getByTestId('record-edit').waitFor({ state: 'visible' });
  });
  await step('le réseau relie la convention à ses deux parties', async () => {
    await waitFor(page, '[data-testid="network"][data-selected-present="true"][data-layout="done"]');
    const degree = Number(await page.getByTestId('network').getAttribute('data-selected-degree'));
    assert(degree >= 2, `la convention n'a que ${String(degree)} voisin(s) dans le réseau`);
  });
  await screenshot(page, 'edition-convention-creee');
  await step('l’historique montre la création, son auteur et ses valeurs, en français', async () => {
    await page.getByTestId('tab-history').click();
    await waitFor(page, '[data-testid="history"][data-names="done"]');
    const event = page.locator('[data-testid="history-event"][data-operation="CREATE"]').first();
    await event.waitFor({ state: 'visible' });
    const text = await event.innerText();
    assert(text.includes('e2e ARS') && text.includes(name), `événement : ${text}`);
    // Les valeurs codées par leur libellé, la source par son titre (l'identifiant en info-bulle).
    const domains = await event.locator('[data-field="domains"] [data-testid="history-after"]').innerText();
    const source = event.locator('[data-field="source_id"] [data-testid="history-after"] [data-ref]');
    const sourceText = await source.innerText();
    assert(domains === 'Imagerie' && sourceText.startsWith('Convention d’imagerie (essai e2e)'), `valeurs : ${domains} / ${sourceText}`);
    assert(((await source.getAttribute('title')) ?? '').includes((await source.getAttribute('data-ref')) ?? '?'), 'l’identifiant de la source n’est pas en info-bulle');
  });
  await screenshot(page, 'edition-historique');
  await step('le fil de la région 84, lu au serveur : la convention et ses parties, nommées', async () => {
    const body = await graphql(base, '{ legalEntity(finess: "' + LEGAL_ENTITY_FINESS + '") { id name } }', {});
    const org = /** @type {{ id: string, name: string }} */ (dataOf(body, 'legalEntity'));
    await page.goto(new URL('/?territory=region:84&tab=history', base).toString(), { waitUntil: 'domcontentloaded' });
    const history = page.getByTestId('history');
    await history.getByText('Modifications récentes — Auvergne-Rhône-Alpes').waitFor({ state: 'visible' });
    await waitFor(page, '[data-testid="history"][data-names="done"]');
    await page.locator('[data-testid="history-event"][data-operation="CREATE"][data-type="Convention"]').filter({ hasText: name }).first().waitFor({ state: 'visible' });
    // La partie : son type en français, son organisation par son nom, pas par son identifiant.
    const party = page.locator('[data-testid="history-event"][data-operation="CREATE"][data-type="ConventionParty"]').filter({ hasText: name }).filter({ hasText: org.name }).first();
    await party.waitFor({ state: 'visible' });
    assert((await party.getByTestId('history-type').innerText()) === 'Partie', `type : ${await party.getByTestId('history-type').innerText()}`);
    const cell = party.locator('[data-field="legal_entity_id"] [data-testid="history-after"]');
    const shown = await cell.innerText();
    assert(shown === org.name && (await cell.locator(`[data-ref="${org.id}"]`).count()) === 1, `organisation : ${shown} (${org.id})`);
    assert(!(await party.innerText()).includes(org.id), 'l’identifiant de l’organisation est affiché');
  });
  await screenshot(page, 'historique');
  await step('un enregistrement d’une autre région : refus, raison affichée, saisie gardée', async () => {
    const body = await graphql(base, '{ grouping(code: "MAILLAGE-GCS-OLORON") { id } }', {});
    const id = /** @type {{ id: string }} */ (dataOf(body, 'grouping')).id;
    // Sa fiche se lit sans bouton de modification : le serveur dit qu'elle n'est pas modifiable par ce jeton.
    await page.goto(new URL(`/?sel=${id}`, base).toString(), { waitUntil: 'domcontentloaded' });
    await page.getByTestId('read-only').waitFor({ state: 'visible' });
    assert((await page.getByTestId('record-edit').count()) === 0, 'des boutons de modification sur une fiche d’une autre région');
    // Le formulaire reste joignable par son adresse ; le serveur refuse.
    await openForm(page, base, `?sel=${id}&edit=grouping:${id}`);
    const field = page.getByTestId('field-name');
    await field.fill('GCS renommé par un éditeur de la région 84');
    await page.getByTestId('edit-save').click();
    const refusal = page.locator('[data-testid="form-refusal"][data-code="FORBIDDEN"]');
    await refusal.waitFor({ state: 'visible' });
    // La raison, en français, nomme les territoires : celui du jeton, et celui de l'enregistrement.
    const reason = await refusal.getByTestId('form-refusal-reason').innerText();
    assert(reason.includes('Votre jeton couvre Auvergne-Rhône-Alpes') && reason.includes('Pyrénées-Atlantiques (64), Nouvelle-Aquitaine'), `raison : ${reason}`);
    assert((await field.inputValue()) === 'GCS renommé par un éditeur de la région 84', 'la saisie est perdue après le refus');
  });
  await screenshot(page, 'edition-refus-autre-region');
  await step('ouvrir la convention pour la modifier et saisir une description', async () => {
    await openForm(page, base, `?sel=${conventionID}&edit=convention:${conventionID}`);
    await page.getByTestId('field-description').fill('Imagerie partagée, version de l’éditeur');
  });
  const other = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  try {
    const context = await other.newContext({ viewport: VIEWPORT, locale: 'fr-FR' });
    const page2 = await context.newPage();
    page2.setDefaultTimeout(STEP_TIMEOUT_MS);
    await step('entre-temps, un second contexte de navigateur se connecte et change le code', async () => {
      await page2.goto(new URL(`/?sel=${conventionID}&edit=convention:${conventionID}`, base).toString(), { waitUntil: 'domcontentloaded' });
      await signIn(page2, token);
      await page2.getByTestId('edit-form').waitFor({ state: 'visible' });
      await page2.getByTestId('field-code').fill(otherCode);
      await page2.getByTestId('edit-save').click();
      await page2.locator('[data-testid="details"][data-kind="Convention"]').waitFor({ state: 'visible' });
    });
  } catch (err) {
    const pages = other.contexts()[0]?.pages() ?? [];
    if (pages[0] !== undefined) {
      await screenshot(pages[0], 'edition-second-contexte-echec');
      console.log(`      second contexte : ${(await pages[0].locator('[data-testid="field-error"], [data-testid="form-refusal"]').allInnerTexts()).join(' | ')}`);
    }
    throw err;
  } finally {
    await other.close();
  }
  await step('enregistrer : conflit, leur changement à côté du mien', async () => {
    await page.getByTestId('edit-save').click();
    const conflict = page.getByTestId('conflict');
    await conflict.waitFor({ state: 'visible' });
    const theirs = await conflict.locator('[data-testid="conflict-row"][data-field="code"] [data-testid="conflict-theirs"]').innerText();
    const mine = await conflict.locator('[data-testid="conflict-row"][data-field="description"] [data-testid="conflict-mine"]').innerText();
    assert(theirs === otherCode && mine.includes('version de l’éditeur'), `conflit affiché : ${theirs} / ${mine}`);
  });
  await screenshot(page, 'edition-conflit');
  await step('réappliquer : les deux modifications sont gardées', async () => {
    await page.getByTestId('conflict-reapply').click();
    const details = page.locator('[data-testid="details"][data-kind="Convention"]');
    await details.waitFor({ state: 'visible' });
    const text = await details.innerText();
    assert(text.includes(otherCode) && text.includes('version de l’éditeur'), `fiche après réapplication :\n${text}`);
  });
  // Chaque formulaire a son adresse : une capture de chacun.
  const body = await graphql(base, '{ grouping(code: "MAILLAGE-GCS-OLORON") { id } }', {});
  const oloron = /** @type {{ id: string }} */ (dataOf(body, 'grouping')).id;
  for (const [search, shot] of /** @type {const} */ ([
    [`?sel=${conventionID}&edit=party:new:${conventionID}`, 'edition-formulaire-partie'],
    ['?edit=grouping:new', 'edition-formulaire-groupement'],
    [`?sel=${oloron}&edit=membership:new:${oloron}`, 'edition-formulaire-membre'],
  ])) {
    await step(`le formulaire ${search} s’ouvre par son adresse`, () => openForm(page, base, search));
    await screenshot(page, shot);
  }
  await step('clore la convention : sa fin s’affiche sur sa fiche', async () => {
    await openForm(page, base, `?sel=${conventionID}&edit=convention:${conventionID}:close`);
    await page.getByTestId('field-closeOn').fill('2030-01-01');
    await screenshot(page, 'edition-formulaire-cloture');
    await page.getByTestId('edit-save').click();
    const details = page.locator('[data-testid="details"][data-kind="Convention"]');
    await details.waitFor({ state: 'visible' });
    await details.getByText('01/01/2030').first().waitFor({ state: 'visible' });
  });
  await step('se déconnecter oublie le jeton', async () => {
    await page.getByTestId('sign-out').click();
    await page.getByTestId('sign-in').waitFor({ state: 'visible' });
    assert((await page.evaluate("sessionStorage.getItem('maillage.token')")) === null, 'le jeton reste en sessionStorage');
  });
}

/**
 * La liste de travail d'un éditeur de la région 84 : les constats de sa
 * région, chacun avec l'action qui ouvre le formulaire qui le règle ; les
 * membres probables « à confirmer », jamais enregistrés tant que personne ne
 * les confirme.
 * @param {import('playwright-core').Page} page
 * @param {URL} base
 */
async function testWorkList(page, base) {
  const token = process.env['MAILLAGE_EDITOR_TOKEN'] ?? '';
  const FINDINGS = 'query($f: CooperationGraphFilter) { cooperationChecks(filter: $f) { total findings { rule fixes { action record } } } }';
  const SUGGESTIONS = 'query { memberSuggestions(region: "84", first: 100) { grouping { id name memberships { id } } legalEntity { id name } } }';
  await step('se connecter ; l’onglet « À traiter » montre les constats de la région 84', async () => {
    await page.goto(new URL('/', base).toString(), { waitUntil: 'domcontentloaded' });
    await signIn(page, token);
    await page.getByTestId('tab-worklist').click();
    await page.getByTestId('worklist').getByText('À traiter — Auvergne-Rhône-Alpes').waitFor({ state: 'visible' });
    await page.getByTestId('worklist-finding').first().waitFor({ state: 'visible' });
    const api = /** @type {{ total: number }} */ (dataOf(await graphql(base, FINDINGS, { f: { territories: ['REGION:84'], limit: 100 } }), 'cooperationChecks'));
    const count = await page.getByTestId('worklist-count').innerText();
    assert(count.includes(String(api.total)), `constats affichés « ${count} », l’API en compte ${String(api.total)}`);
  });
  await screenshot(page, 'liste-de-travail');
  // Aucune liste de GHT n'est livrée (aucune n'est publique hors ligne) : l'éditeur en saisit un, sans support.
  const ghtName = `GHT essai liste de travail ${Date.now().toString(36)}`;
  await step('un GHT de la Loire sans établissement support : le constat et son action', async () => {
    const hits = /** @type {{ finess: string | null, node: { id: string } }[]} */ (dataOf(await graphql(base, FIND, { text: FOREZ, kinds: ['LEGAL_ENTITY'] }), 'search'));
    const forez = hits.find((h) => h.finess === FOREZ);
    assert(forez !== undefined, `entité juridique ${FOREZ} introuvable`);
    const source = /** @type {{ id: string }} */ (dataOf(await graphql(base, CREATE_SOURCE, { in: { kind: 'EDIT', title: `Saisie de l’éditeur (essai e2e) : ${ghtName}` } }, token), 'createSource'));
    const ght = /** @type {{ id: string }} */ (
      dataOf(await graphql(base, CREATE_GROUPING, { in: { name: ghtName, kind: 'GHT', departmentCode: '42', validFrom: '2016-07-01', sourceID: source.id } }, token), 'createGrouping')
    );
    dataOf(await graphql(base, CREATE_MEMBERSHIP, { in: { groupingID: ght.id, legalEntityID: forez.node.id, role: 'MEMBER', validFrom: '2016-07-01', sourceID: source.id } }, token), 'createMembership');
    await page.goto(new URL('/?tab=worklist', base).toString(), { waitUntil: 'domcontentloaded' });
    const finding = page.locator('[data-testid="worklist-finding"][data-rule="ght-support-count"]').filter({ hasText: ghtName });
    await finding.waitFor({ state: 'visible' });
    await screenshot(page, 'liste-de-travail-constat');
    await finding.locator('[data-testid="worklist-fix"][data-action="ADD_MEMBER"]').click();
    await page.getByTestId('edit-form').waitFor({ state: 'visible' });
    const edit = new URL(page.url()).searchParams.get('edit') ?? '';
    assert(edit === `membership:new:${ght.id}:as:SUPPORT`, `formulaire ouvert : ${edit}`);
    // Le formulaire propose le rôle qui règle le constat ; rien n'est enregistré avant « Enregistrer ».
    assert((await page.getByTestId('field-role').inputValue()) === 'SUPPORT', 'le rôle « support » n’est pas proposé');
  });
  await step('les membres probables sont « à confirmer », et rien n’est enregistré', async () => {
    await page.goto(new URL('/?tab=worklist', base).toString(), { waitUntil: 'domcontentloaded' });
    const first = page.getByTestId('worklist-suggestion').first();
    await first.waitFor({ state: 'visible' });
    assert((await first.innerText()).includes('À confirmer'), 'une suggestion sans la mention « À confirmer »');
    const api = /** @type {{ grouping: { id: string, name: string, memberships: unknown[] }, legalEntity: { id: string, name: string } }[]} */ (dataOf(await graphql(base, SUGGESTIONS, {}), 'memberSuggestions'));
    assert(api.length > 0 && api.every((x) => x.grouping.memberships.length === 0), 'une suggestion pour un groupement qui a des membres enregistrés');
    assert((await page.getByTestId('worklist-suggestion').count()) === Math.min(api.length, 50), 'suggestions affichées ≠ suggestions de l’API');
    const proposed = api[0];
    assert(proposed !== undefined, 'aucune suggestion');
    await first.getByTestId('worklist-confirm').click();
    await page.getByTestId('edit-form').waitFor({ state: 'visible' });
    const edit = new URL(page.url()).searchParams.get('edit') ?? '';
    assert(edit === `membership:new:${proposed.grouping.id}:with:${proposed.legalEntity.id}`, `formulaire ouvert : ${edit}`);
    await page.getByTestId('edit-form').getByText(proposed.legalEntity.name).first().waitFor({ state: 'visible' });
    assert((await page.getByTestId('edit-parent').innerText()).includes(proposed.grouping.name), 'le formulaire ne nomme pas le groupement');
    const after = /** @type {{ grouping: { id: string } }[]} */ (dataOf(await graphql(base, SUGGESTIONS, {}), 'memberSuggestions'));
    assert(after.some((x) => x.grouping.id === proposed.grouping.id), 'la suggestion a disparu sans confirmation');
  });
  await screenshot(page, 'liste-de-travail-confirmer');
}

const FOREZ_SITE = '420000226';

/**
 * Lit un nœud par l'API (sans jeton : ce que tout lecteur voit).
 * @param {URL} base
 * @param {string} query
 * @param {Record<string, unknown>} variables
 * @param {string} field
 * @returns {Promise<any>}
 */
async function read(base, query, variables, field) {
  return dataOf(await graphql(base, query, variables), field);
}

/**
 * Un éditeur de la région 84 crée dans l'application une filière avec deux
 * rôles gradués entre deux hôpitaux de la Loire (l'un sans grade), en citant
 * une nouvelle source ; une équipe médicale de territoire rattachée à une
 * convention, avec deux sites et leur part du temps (une part hors bornes
 * est refusée avant tout envoi) ; une partie de convention avec des sites
 * nommés. L'API relit chaque enregistrement : exactement ces valeurs.
 * @param {import('playwright-core').Page} page
 * @param {URL} base
 */
async function testAppForms(page, base) {
  const token = process.env['MAILLAGE_EDITOR_TOKEN'] ?? '';
  const stamp = Date.now().toString(36);
  const filiereName = `Filière périnatale Loire essai ${stamp}`;
  const teamName = `Équipe d’anesthésie Loire essai ${stamp}`;
  const conventionName = `Convention anesthésie Loire essai ${stamp}`;
  const sourceTitle = `Arrêté de l’ARS (essai e2e) : ${filiereName}`;
  /** @type {Record<string, string>} */
  const ids = {};
  await step('se connecter ; l’API donne les hôpitaux, les sites et une convention de la Loire', async () => {
    assert(token.startsWith('mlg_'), 'MAILLAGE_EDITOR_TOKEN manquant (scripts/e2e.sh le crée)');
    const q = '{ chu: legalEntity(finess: "420784878") { id sites(first: 100) { id finess } } forez: legalEntity(finess: "420013831") { id } bellevue: establishment(finess: "420782559") { id } forezSite: establishment(finess: "420000226") { id } loire: territory(code: "42", kind: DEPARTMENT) { id } }';
    const body = await graphql(base, q, {});
    assert(body.errors === undefined, `lecture : ${JSON.stringify(body.errors)}`);
    const d = /** @type {any} */ (body.data);
    ids['chu'] = d.chu.id;
    ids['forez'] = d.forez.id;
    ids['bellevue'] = d.bellevue.id;
    ids['forezSite'] = d.forezSite.id;
    const other = /** @type {{ id: string, finess: string }[]} */ (d.chu.sites).find((s) => s.finess !== SITE_FINESS);
    assert(other !== undefined, 'le CHU n’a pas d’autre site que Bellevue');
    ids['otherSite'] = other.id;
    ids['otherSiteFiness'] = other.finess;
    const src = /** @type {{ id: string }} */ (dataOf(await graphql(base, CREATE_SOURCE, { in: { kind: 'CONVENTION', title: `Convention (essai e2e) : ${conventionName}` } }, token), 'createSource'));
    const conv = /** @type {{ id: string }} */ (
      dataOf(await graphql(base, 'mutation($in: CreateConventionInput!) { createConvention(input: $in) { id } }', { in: { name: conventionName, kind: 'CONVENTION', territoryID: d.loire.id, sourceID: src.id } }, token), 'createConvention')
    );
    ids['convention'] = conv.id;
    await page.goto(new URL('/', base).toString(), { waitUntil: 'domcontentloaded' });
    await signIn(page, token);
  });

  await step('filière : nom, spécialité, début à l’année, deux hôpitaux de la Loire', async () => {
    await openForm(page, base, '?edit=filiere:new');
    await page.getByTestId('field-name').fill(filiereName);
    await page.getByTestId('field-specialty').selectOption('OBSTETRICS_PAEDIATRICS');
    await page.getByTestId('field-validFrom').fill('2023');
    await chooseSuggestion(page, 'role-search', LEGAL_ENTITY_FINESS, '[data-kind="LEGAL_ENTITY"]');
    await chooseSuggestion(page, 'role-search', FOREZ, '[data-kind="LEGAL_ENTITY"]');
    const rows = page.getByTestId('role-row');
    await rows.nth(1).waitFor({ state: 'visible' });
    assert((await rows.count()) === 2, `rôles choisis : ${String(await rows.count())}`);
  });
  await step('le CHU : référence, maternité type 3, à l’hôpital de Bellevue ; le Forez : grade non précisé', async () => {
    const chu = page.getByTestId('role-row').nth(0);
    await chu.getByTestId('row-level').selectOption('REFERENCE');
    await chu.getByTestId('row-detail').fill('maternité type 3');
    await chu.getByTestId('row-establishmentID').selectOption(ids['bellevue'] ?? '');
    const forez = page.getByTestId('role-row').nth(1);
    assert((await forez.getByTestId('row-level').inputValue()) === '', 'un grade est proposé par défaut');
  });
  await step('une nouvelle source : titre et éditeur', async () => {
    await page.getByTestId('field-sourceTitle').fill(sourceTitle);
    await page.getByTestId('field-sourcePublisher').fill('ARS Auvergne-Rhône-Alpes');
    await page.getByTestId('roles').scrollIntoViewIfNeeded();
  });
  await screenshot(page, 'form-filiere');
  let filiereID = '';
  await step('enregistrer : la fiche de la filière montre ses deux rôles', async () => {
    await page.getByTestId('edit-save').click();
    const details = page.locator('[data-testid="details"][data-kind="Filiere"]');
    await details.waitFor({ state: 'visible' });
    assert((await details.getByTestId('details-title').innerText()) === filiereName, 'la fiche ouverte n’est pas la filière créée');
    await details.getByTestId('panel-roles').locator('li').nth(1).waitFor({ state: 'visible' });
    filiereID = (await page.getByTestId('panel-selection').getAttribute('data-selected')) ?? '';
  });
  let forezRole = '';
  await step('l’API relit la filière et ses rôles : exactement ces valeurs', async () => {
    const f = await read(
      base,
      'query($id: ID!) { node(id: $id) { ... on Filiere { name specialty validFrom validFromPrecision source { title publisher } roles { id level detail legalEntity { finess } establishment { finess } } } } }',
      { id: filiereID },
      'node',
    );
    assert(f.name === filiereName && f.specialty === 'OBSTETRICS_PAEDIATRICS' && f.validFrom === '2023-01-01' && f.validFromPrecision === 'YEAR', `filière : ${JSON.stringify(f)}`);
    assert(f.source.title === sourceTitle && f.source.publisher === 'ARS Auvergne-Rhône-Alpes', `source : ${JSON.stringify(f.source)}`);
    const roles = /** @type {{ id: string, level: string | null, detail: string | null, legalEntity: { finess: string }, establishment: { finess: string } | null }[]} */ (f.roles);
    assert(roles.length === 2, `rôles : ${JSON.stringify(roles)}`);
    const chu = roles.find((r) => r.legalEntity.finess === LEGAL_ENTITY_FINESS);
    const forez = roles.find((r) => r.legalEntity.finess === FOREZ);
    assert(chu?.level === 'REFERENCE' && chu.detail === 'maternité type 3' && chu.establishment?.finess === SITE_FINESS, `rôle du CHU : ${JSON.stringify(chu)}`);
    // Sans précision : le schéma garde une chaîne vide (detail n'est pas nillable).
    assert(forez !== undefined && forez.level === null && (forez.detail ?? '') === '' && forez.establishment === null, `rôle du Forez : ${JSON.stringify(forez)}`);
    forezRole = forez.id;
  });
  await step('le rôle sans grade se rouvre sans grade', async () => {
    await openForm(page, base, `?sel=${filiereID}&edit=role:${forezRole}`);
    assert((await page.getByTestId('field-level').inputValue()) === '', 'le formulaire du rôle propose un grade');
  });

  await step('équipe : nom, spécialité, rattachée à la convention, deux sites', async () => {
    await openForm(page, base, '?edit=team:new');
    await page.getByTestId('field-name').fill(teamName);
    await page.getByTestId('field-specialty').fill('anesthésie');
    await chooseSuggestion(page, 'team-convention', conventionName, '[data-kind="CONVENTION"]');
    await page.getByTestId('conventionID-chosen').waitFor({ state: 'visible' });
    await chooseSuggestion(page, 'team-site-search', SITE_FINESS, '[data-kind="SITE"]');
    await chooseSuggestion(page, 'team-site-search', FOREZ_SITE, '[data-kind="SITE"]');
    const rows = page.getByTestId('team-site-row');
    await rows.nth(1).waitFor({ state: 'visible' });
    assert((await rows.count()) === 2, `sites choisis : ${String(await rows.count())}`);
  });
  await step('une part du temps hors bornes est refusée avant tout envoi, la saisie gardée', async () => {
    const rows = page.getByTestId('team-site-row');
    await rows.nth(0).getByTestId('row-timeShare').fill('60');
    await rows.nth(1).getByTestId('row-timeShare').fill('140');
    await page.getByTestId('source-mode-existing').check();
    await page.getByTestId('source-search').fill(sourceTitle.slice(0, 40));
    await page.getByRole('button', { name: sourceTitle }).click();
    await page.getByTestId('source-chosen').waitFor({ state: 'visible' });
    await page.getByTestId('edit-save').click();
    await rows.nth(1).getByTestId('field-error').waitFor({ state: 'visible' });
    assert((await page.getByTestId('edit-form').count()) === 1 && (await rows.nth(0).getByTestId('row-timeShare').inputValue()) === '60', 'la saisie est perdue');
    await page.getByTestId('team-sites').scrollIntoViewIfNeeded();
  });
  // Le formulaire avec le refus local de la part du temps, à côté de sa ligne.
  await screenshot(page, 'form-equipe');
  await step('corriger la part du temps : 40 %', async () => {
    await page.getByTestId('team-site-row').nth(1).getByTestId('row-timeShare').fill('40 %');
  });
  let teamID = '';
  await step('enregistrer : la fiche de l’équipe montre ses deux sites et leur part', async () => {
    await page.getByTestId('edit-save').click();
    const details = page.locator('[data-testid="details"][data-kind="MedicalTeam"]');
    await details.waitFor({ state: 'visible' });
    assert((await details.getByTestId('details-title').innerText()) === teamName, 'la fiche ouverte n’est pas l’équipe créée');
    await details.getByTestId('panel-team-sites').locator('li').nth(1).waitFor({ state: 'visible' });
    teamID = (await page.getByTestId('panel-selection').getAttribute('data-selected')) ?? '';
  });
  await step('l’API relit l’équipe et ses sites : exactement ces valeurs', async () => {
    const t = await read(base, 'query($id: ID!) { node(id: $id) { ... on MedicalTeam { name specialty convention { id } grouping { id } source { title } sites { timeShare establishment { finess } } } } }', { id: teamID }, 'node');
    assert(t.name === teamName && t.specialty === 'anesthésie' && t.convention?.id === ids['convention'] && t.grouping === null && t.source.title === sourceTitle, `équipe : ${JSON.stringify(t)}`);
    const sites = /** @type {{ timeShare: number | null, establishment: { finess: string } }[]} */ (t.sites);
    const shares = Object.fromEntries(sites.map((s) => [s.establishment.finess, s.timeShare]));
    assert(sites.length === 2 && shares[SITE_FINESS] === 0.6 && shares[FOREZ_SITE] === 0.4, `sites : ${JSON.stringify(sites)}`);
  });
  await step('modifier la part du temps d’un site depuis la fiche de l’équipe : 60 → 55 %', async () => {
    await page.getByTestId('panel-team-sites').locator('li').filter({ hasText: 'BELLEVUE' }).getByTestId('edit-teamSite').click();
    const field = page.getByTestId('field-timeShare');
    await field.waitFor({ state: 'visible' });
    assert((await field.inputValue()) === '60', `part relue : ${await field.inputValue()}`);
    await field.fill('55');
    await page.getByTestId('edit-save').click();
    await page.locator('[data-testid="details"][data-kind="MedicalTeam"]').waitFor({ state: 'visible' });
    const t = await read(base, 'query($id: ID!) { node(id: $id) { ... on MedicalTeam { sites { timeShare establishment { finess } } } } }', { id: teamID }, 'node');
    const shares = Object.fromEntries(/** @type {{ timeShare: number | null, establishment: { finess: string } }[]} */ (t.sites).map((x) => [x.establishment.finess, x.timeShare]));
    assert(shares[SITE_FINESS] === 0.55 && shares[FOREZ_SITE] === 0.4, `parts après modification : ${JSON.stringify(shares)}`);
  });

  await step('une partie de la convention, à deux sites nommés du CHU', async () => {
    await openForm(page, base, `?sel=${ids['convention'] ?? ''}&edit=party:new:${ids['convention'] ?? ''}`);
    await chooseSuggestion(page, 'member-search', LEGAL_ENTITY_FINESS, '[data-kind="LEGAL_ENTITY"]');
    const list = page.getByTestId('sites-checklist');
    await list.waitFor({ state: 'visible' });
    await list.getByLabel(SITE_FINESS).check();
    await list.getByLabel(ids['otherSiteFiness'] ?? '').check();
    await page.getByTestId('source-mode-existing').check();
    await page.getByTestId('source-search').fill(sourceTitle.slice(0, 40));
    await page.getByRole('button', { name: sourceTitle }).click();
    await list.getByLabel(SITE_FINESS).scrollIntoViewIfNeeded();
  });
  await screenshot(page, 'form-partie-sites');
  await step('enregistrer : l’API relit la partie et exactement ses deux sites', async () => {
    await page.getByTestId('edit-save').click();
    await page.locator('[data-testid="details"][data-kind="Convention"]').getByTestId('panel-parties').locator('li').first().waitFor({ state: 'visible' });
    const c = await read(base, 'query($id: ID!) { node(id: $id) { ... on Convention { parties(first: 10) { legalEntity { finess } sites(first: 20) { finess } } } } }', { id: ids['convention'] }, 'node');
    const parties = /** @type {{ legalEntity: { finess: string }, sites: { finess: string }[] }[]} */ (c.parties);
    const got = parties.map((p) => `${p.legalEntity.finess}:${p.sites.map((s) => s.finess).sort().join('+')}`);
    const want = `${LEGAL_ENTITY_FINESS}:${[SITE_FINESS, ids['otherSiteFiness'] ?? ''].sort().join('+')}`;
    assert(got.length === 1 && got[0] === want, `parties : ${JSON.stringify(got)} au lieu de ${want}`);
  });
  await step('modifier la partie depuis la fiche : ne garder que Bellevue', async () => {
    await page.getByTestId('panel-parties').getByTestId('edit-party').first().click();
    const list = page.getByTestId('sites-checklist');
    await list.waitFor({ state: 'visible' });
    assert((await list.getByLabel(SITE_FINESS).isChecked()) && (await list.getByLabel(ids['otherSiteFiness'] ?? '').isChecked()), 'les sites nommés ne sont pas relus');
    await list.getByLabel(ids['otherSiteFiness'] ?? '').uncheck();
    await page.getByTestId('edit-save').click();
    await page.locator('[data-testid="details"][data-kind="Convention"]').waitFor({ state: 'visible' });
    const c = await read(base, 'query($id: ID!) { node(id: $id) { ... on Convention { parties(first: 10) { sites(first: 20) { finess } } } } }', { id: ids['convention'] }, 'node');
    const sites = /** @type {{ sites: { finess: string }[] }[]} */ (c.parties).flatMap((p) => p.sites.map((x) => x.finess));
    assert(sites.length === 1 && sites[0] === SITE_FINESS, `sites après modification : ${JSON.stringify(sites)}`);
  });
}

async function main() {
  const rawBase = process.env['MAILLAGE_URL'];
  if (rawBase === undefined || rawBase === '') {
    console.error('MAILLAGE_URL manquant (par exemple MAILLAGE_URL=http://127.0.0.1:18080)');
    console.log('0 passed, 12 failed');
    return 2;
  }
  const base = new URL(rawBase);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });

  /** @type {{ name: string, slug: string, run: (page: import('playwright-core').Page, base: URL) => Promise<void>, expected?: RegExp }[]} */
  const tests = [
    { name: 'vue nationale', slug: 'national', run: testNational },
    { name: 'recherche « Saint-Étienne »', slug: 'recherche', run: testSearch },
    { name: 'charte G4 dans le temps', slug: 'g4', run: testCharter },
    { name: 'chemin Firminy → Forez et export CSV', slug: 'chemin', run: testPathAndExport },
    { name: 'réseau d’une région', slug: 'region', run: testRegionNetwork },
    { name: 'réseau de la Loire (entités juridiques)', slug: 'loire', run: testLoireNetwork },
    { name: 'API qui refuse les requêtes', slug: 'api-refusee', run: testApiRefused, expected: /Failed to load resource: the server responded with a status of 400/ },
    { name: 'GraphiQL (/graphiql)', slug: 'graphiql', run: testGraphiQL },
    { name: 'modification par l’API visible dans l’application', slug: 'modification-api', run: testApiEdit },
    // Ouvrir un formulaire par son adresse quitte la page : ce qu'elle chargeait encore (couches, worker du réseau) est abandonné.
    { name: 'un éditeur modifie dans l’application', slug: 'edition', run: testAppEdit, expected: /^requête échouée : \S+ \(net::ERR_ABORTED\)$/ },
    { name: 'la liste de travail d’un éditeur', slug: 'liste', run: testWorkList, expected: /^requête échouée : \S+ \(net::ERR_ABORTED\)$/ },
    { name: 'un éditeur crée une filière, une équipe et une partie à sites nommés', slug: 'formulaires', run: testAppForms, expected: /^requête échouée : \S+ \(net::ERR_ABORTED\)$/ },
    { name: 'un admin importe un fichier depuis l’application', slug: 'import', run: testAppImport, expected: /Failed to load resource: the server responded with a status of 40[39]/ },
  ];
  let passed = 0;
  let failed = 0;
  let done = 0;

  const userDataDir = mkdtempSync(join(tmpdir(), 'maillage-e2e-'));
  /** @type {import('playwright-core').BrowserContext | undefined} */
  let context;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: VIEWPORT,
      locale: 'fr-FR',
      timeout: STEP_TIMEOUT_MS,
      acceptDownloads: true,
    });

    // MAILLAGE_E2E_ONLY=slug,slug : ne lancer que ces tests (mise au point).
    const only = (process.env['MAILLAGE_E2E_ONLY'] ?? '').split(',').filter((x) => x !== '');
    for (const test of tests) {
      if (only.length > 0 && !only.includes(test.slug)) {
        done += 1;
        continue;
      }
      console.log(`• ${test.name}`);
      const { page, problems } = await openPage(context, base);
      try {
        await test.run(page, base);
        // Laisse arriver les derniers messages console éventuels.
        await page.waitForTimeout(300);
        // Un test peut attendre un message précis (la console signale une réponse 400 voulue).
        const unexpected = problems.filter((p) => test.expected === undefined || !test.expected.test(p));
        assert(unexpected.length === 0, `erreurs dans la page :\n${unexpected.map((p) => `- ${p}`).join('\n')}`);
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

  for (const line of figures) console.log(`e2e figure: ${line}`);
  console.log(`${String(passed)} passed, ${String(failed)} failed`);
  return failed === 0 ? 0 : 1;
}

process.exitCode = await main();
