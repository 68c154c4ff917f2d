// End to end with the proxy UP: the Waybill worker in local workerd with the fake
// trackers (worker/cmd/servefakes), the extension built against it, fixture AliExpress
// pages on the real hosts — in headless Chromium and headless Firefox ESR through the
// browser adapter (test/lib/browsers.mjs; WAYBILL_BROWSERS=chromium runs one), each with
// a fresh profile. The background's counters are asked from an extension page
// (runtime.sendMessage: Firefox's driver cannot reach the background itself).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { badges, waitFor, ROOT } from '../lib/browser.mjs';
import { openBrowser, BROWSERS, goto, sleep } from '../lib/browsers.mjs';
import { workerAndExtension } from '../lib/worker.mjs';

const SHOTS = process.env.SHOTS || path.join(ROOT, 'out', 'extension-test');
fs.mkdirSync(SHOTS, { recursive: true });
const env = workerAndExtension();

for (const kind of BROWSERS) {
  describe(kind, () => {
    let b;
    before(async () => {
      b = await openBrowser(kind, env.ext.root);
    });
    after(async () => {
      if (b) await b.close();
    });
    const stats = async () => (await b.message('stats', {})).stats;

    test(`${kind}: list: shipped orders are cross-checked through the worker, one proxy call for the page`, async () => {
      const before = await stats();
      const page = await b.newPage();
      await goto(page, 'https://www.aliexpress.com/p/order/index.html?fixture_delay=100');
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
      await page.hover('.waybill-badge[data-waybill-order="8214398062177351"]');
      await sleep(100);
      await page.screenshot({ path: path.join(SHOTS, `${kind}-list-www-proxy-up.png`) });

      // A second visit draws from storage, without asking the proxy or mtop again.
      const page2 = await b.newPage();
      const t0 = Date.now();
      await goto(page2, 'https://www.aliexpress.com/p/order/index.html?fixture_delay=0');
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

    test(`${kind}: tracking page: merged timeline with each event's sources, numbers with copy and links`, async () => {
      const page = await b.newPage();
      await goto(
        page,
        'https://www.aliexpress.com/p/tracking/index.html?_addShare=no&_login=yes&tradeOrderId=8212313961591322',
      );
      const panel = await waitFor(
        () =>
          page.evaluate(() => {
            const p = document.querySelector('.waybill-panel');
            if (!p || !p.shadowRoot || p.getAttribute('data-waybill-checked') !== 'true')
              return null;
            const all = (s) => [...p.shadowRoot.querySelectorAll(s)];
            return {
              sources: all('.ev').map((e) => e.dataset.sources),
              nums: all('.number code').map((e) => e.textContent),
            };
          }),
        { timeout: 60000, what: 'checked panel' },
      );
      const sources = panel.sources;
      assert.ok(sources.length > 5, `events: ${sources.length}`);
      const all = new Set(sources.flatMap((s) => s.split(' ')));
      assert.ok(all.has('aliexpress'), [...all].join());
      assert.ok(all.has('cainiao') || all.has('17track'), [...all].join());
      assert.ok(
        sources.some((s) => s.split(' ').length > 1),
        'at least one event reported by several sources',
      );
      assert.ok(panel.nums.includes('AA000000014BR'), panel.nums.join());
      await page.screenshot({
        path: path.join(SHOTS, `${kind}-tracking-proxy-up.png`),
        fullPage: true,
      });
      await page.close();
    });
  });
}
