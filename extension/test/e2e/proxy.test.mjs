// End to end with the proxy UP: the Waybill worker in local workerd with the
// fake trackers (worker/cmd/servefakes), the extension built
// against it, fixture AliExpress pages on the real hosts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { buildExtension, launch, badges, waitFor, ROOT } from '../lib/browser.mjs';
import { startWorker } from '../lib/worker.mjs';

const SHOTS = process.env.SHOTS || path.join(ROOT, 'out', 'extension-test');
fs.mkdirSync(SHOTS, { recursive: true });
let worker, ext, b;

before(async () => {
  worker = await startWorker();
  ext = buildExtension(worker.url);
  b = await launch(ext.dir);
});
after(async () => {
  if (b) await b.close();
  if (ext) fs.rmSync(ext.root, { recursive: true, force: true });
  if (worker) await worker.stop();
});

const stats = () => b.sw.evaluate(() => ({ ...BG.stats }));

test('list: shipped orders are cross-checked through the worker, one proxy call for the page', async () => {
  const before = await stats();
  const page = await b.ctx.newPage();
  await page.goto('https://www.aliexpress.com/p/order/index.html?fixture_delay=100');
  const bs = await waitFor(
    async () => {
      const all = await badges(page);
      const shipped = all.filter((x) => x.numbers);
      return (
        all.length === 10 &&
        shipped.length === 2 &&
        shipped.every((x) => x.checked === 'true') &&
        all
      );
    },
    { timeout: 60000, what: 'cross-checked badges' },
  );
  for (const x of bs.filter((y) => y.numbers)) assert.match(x.text, /cross-checked: .*cainiao/);
  const after = await stats();
  assert.equal(after.proxyCalls - before.proxyCalls, 1, 'one batched call for the page');
  assert.equal(after.proxyErrors - before.proxyErrors, 0);
  // Hover shows the tooltip with the latest event and advice.
  await page.locator('.waybill-badge[data-waybill-order="8214398062177351"]').hover();
  await page.waitForTimeout(100);
  await page.screenshot({ path: path.join(SHOTS, 'list-www-proxy-up.png') });

  // A second visit draws from storage, without asking the proxy or mtop again.
  const page2 = await b.ctx.newPage();
  const t0 = Date.now();
  await page2.goto('https://www.aliexpress.com/p/order/index.html?fixture_delay=0');
  const again = await waitFor(
    async () => {
      const all = await badges(page2);
      return all.length === 10 && all.filter((x) => x.checked === 'true').length === 2 && all;
    },
    { timeout: 10000, every: 10, what: 'badges from storage' },
  );
  assert.ok(Date.now() - t0 < 10000);
  assert.deepEqual(
    again.map((x) => x.status),
    bs.map((x) => x.status),
  );
  assert.equal(
    (await stats()).proxyCalls,
    after.proxyCalls,
    'no proxy call within the re-check window',
  );
  assert.equal(
    await page2.evaluate(() => window.__fixture.mtopCalls),
    0,
    'no querydetail again within the refetch window',
  );
  await page.close();
  await page2.close();
});

test("tracking page: merged timeline with each event's sources, numbers with copy and links", async () => {
  const page = await b.ctx.newPage();
  await page.goto(
    'https://www.aliexpress.com/p/tracking/index.html?_addShare=no&_login=yes&tradeOrderId=8212313961591322',
  );
  const panel = page.locator('.waybill-panel');
  await waitFor(
    async () =>
      (await panel.count()) && (await panel.getAttribute('data-waybill-checked')) === 'true',
    { timeout: 60000, what: 'checked panel' },
  );
  const sources = await panel
    .locator('.ev')
    .evaluateAll((evs) => evs.map((e) => e.dataset.sources));
  assert.ok(sources.length > 5, `events: ${sources.length}`);
  const all = new Set(sources.flatMap((s) => s.split(' ')));
  assert.ok(all.has('aliexpress'), [...all].join());
  assert.ok(all.has('cainiao') || all.has('17track'), [...all].join());
  assert.ok(
    sources.some((s) => s.split(' ').length > 1),
    'at least one event reported by several sources',
  );
  const nums = await panel.locator('.number code').allTextContents();
  assert.ok(nums.includes('AA000000014BR'), nums.join());
  await page.screenshot({ path: path.join(SHOTS, 'tracking-proxy-up.png'), fullPage: true });
  await page.close();
});
