import { chromium } from 'playwright-core';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu'] });
const p = await b.newPage({ viewport: { width: 1280, height: 800 } });
p.on('pageerror', (e) => console.log('PAGEERROR', e.stack));
for (const [name, url] of [['net-sel', '/?territory=dep:42&sel=1&view=network'], ['net-nosel', '/?territory=dep:42&view=network']]) {
  await p.goto('http://127.0.0.1:18081' + url);
  await p.locator('[data-testid="network"][data-layout="done"]').waitFor({ state: 'attached' });
  await p.waitForTimeout(1200);
  await p.screenshot({ path: `/tmp/fe/${name}.png` });
}
await b.close();
