import { chromium } from 'playwright-core';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu'] });
const p = await b.newPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
p.on('pageerror', (e) => console.log('PAGEERROR', e.stack));
p.on('console', (m) => { if (m.type() === 'error') console.log('CONSOLE', m.type(), m.text().slice(0, 300)); });
const shot = async (n) => { await p.screenshot({ path: `/tmp/fe/${n}.png` }); console.log('shot', n); };
const attrs = async (id) => p.getByTestId(id).evaluate((e) => [...e.attributes].filter((a) => a.name.startsWith('data-')).map((a) => `${a.name}=${a.value}`).join(' '));
await p.goto('http://127.0.0.1:18081/?territory=dep:42&sel=1&tab=questions&since=2015-01-01');
await p.locator('[data-testid="network"][data-layout="done"]').waitFor({ state: 'attached' });
await p.locator('[data-testid="map"][data-ready="true"]').waitFor({ state: 'attached' });
await p.waitForTimeout(1500);
console.log(await attrs('map')); console.log(await attrs('network'));
await shot('dep42-compare');
// click on the map background at zoom large -> département
await p.goto('http://127.0.0.1:18081/?view=map');
await p.locator('[data-testid="map"][data-base-ready="true"]').waitFor({ state: 'attached' });
await p.mouse.click(600, 450);
await p.waitForTimeout(1500);
console.log('after click', p.url());
await shot('map-click');
// play
await p.goto('http://127.0.0.1:18081/?territory=dep:42&view=network&level=LEGAL_ENTITY');
await p.locator('[data-testid="network"][data-layout="done"]').waitFor({ state: 'attached' });
await p.getByTestId('play').click();
await p.waitForTimeout(5000);
console.log('playing', p.url(), await attrs('network'));
await shot('play');
await p.getByTestId('play').click();
// export pngs
await p.getByTestId('export-menu').locator('summary').click();
const d1 = p.waitForEvent('download'); await p.getByTestId('export-network-png').click(); const dl = await d1; console.log('png', dl.suggestedFilename());
await dl.saveAs('/tmp/fe/net-export.png');
await b.close();
