// demo.mjs — `make demo`: the worker in local workerd with the fake trackers, and
// headless Chromium with the extension on fixture AliExpress pages. No network.
// Screenshots go to $OUT (default ../out/demo).
import fs from 'node:fs';
import path from 'node:path';
import { buildExtension, launch, badges, waitFor, ROOT } from '../test/lib/browser.mjs';
import { startWorker } from '../test/lib/worker.mjs';
import { createSite } from '../test/fixtures/site.mjs';
import { STORIES, build } from './stories.mjs';
import { closedPort } from '../test/lib/ports.mjs';

const OUT = path.resolve(process.env.OUT || path.join(ROOT, 'out', 'demo'));
fs.mkdirSync(OUT, { recursive: true });
const shots = [];
const shot = async (page, name, opts = {}) => {
  const f = path.join(OUT, name);
  await page.screenshot({ path: f, ...opts });
  shots.push(f);
};
// settle: n badged cards; every card with a Track button has its numbers, no
// cross-check is still running, and (checked) every such card is cross-checked.
// settle: n badged cards; every card that may have shipped (the fixture's fetch
// set: shipped or completed lately, whatever its Track control looks like) has its
// numbers, no cross-check is still running, and (checked) each of them is cross-checked.
const FETCH = new Set(
  createSite()
    .orders(50)
    .filter((o) => o.fetch)
    .map((o) => o.orderId),
);
const settle = (page, n, checked) =>
  waitFor(
    async () => {
      const bs = await badges(page);
      return (
        bs.length === n &&
        bs.every(
          (x) =>
            x.count === 1 &&
            !x.text.includes('…') &&
            (!FETCH.has(x.order) || (x.numbers && (!checked || x.checked === 'true'))),
        ) &&
        bs
      );
    },
    { timeout: 90000, what: 'badges' },
  ).catch((err) => {
    console.warn('demo: ' + err.message.split(';')[0]);
    return null;
  });

console.log('demo: starting the worker in workerd with the fake trackers…');
const worker = await startWorker();
// Each scenario told the same way by AliExpress and both trackers, dated from now.
const stories = new Map();
for (const story of STORIES) {
  const { site, fakes } = build(story);
  stories.set(story.orderId, site);
  const res = await fetch(worker.fakes + '/_story', {
    method: 'POST',
    body: JSON.stringify(fakes),
  });
  if (!res.ok) throw new Error(`demo: the fakes refused story ${story.name}: ${await res.text()}`);
  console.log(`demo: ${story.name} (order ${story.orderId}, ${story.mailNo}): ${story.what}`);
}
const ext = buildExtension(worker.url);
let b;
try {
  b = await launch(ext.dir, { site: createSite({ stories }) });
  const page = await b.ctx.newPage();
  const trackingShot = async (orderId, name) => {
    await page.goto(
      `https://www.aliexpress.com/p/tracking/index.html?_addShare=no&_login=yes&tradeOrderId=${orderId}`,
    );
    await page.locator('.waybill-panel').waitFor({ timeout: 20000 });
    await waitFor(
      async () => (await page.getAttribute('.waybill-panel', 'data-waybill-checked')) === 'true',
      { timeout: 20000 },
    ).catch(() => console.warn(`demo: ${name}: not cross-checked in time`));
    await shot(page, name, { fullPage: true });
  };

  await page.goto('https://www.aliexpress.com/p/order/index.html?fixture_delay=200');
  await settle(page, 10, true);
  await page.locator('.waybill-badge[data-waybill-order="8214398062177351"]').hover();
  await page.waitForTimeout(150);
  await shot(page, '01-list-www-tooltip.png');

  await page.goto('https://pt.aliexpress.com/p/order/index.html?fixture_delay=200');
  await settle(page, 10, true);
  await shot(page, '02-list-pt-BR.png');

  await trackingShot('8212313961591322', '03-tracking-delivered-cross-checked.png');
  await trackingShot('8214779947343229', '03b-tracking-pickup-point-conflict.png');
  await trackingShot('8214398062177351', '03c-tracking-stalled-protection-ending.png');

  // An order no page above has stored, so its (hostile) querydetail is fetched fresh.
  const hostileId = b.site.orders(50)[45].orderId;
  await page.goto(
    `https://www.aliexpress.com/p/tracking/index.html?tradeOrderId=${hostileId}&fixture_hostile=1`,
  );
  await page.locator('.waybill-panel').waitFor({ timeout: 20000 });
  await page.waitForTimeout(1500);
  await shot(page, '04-tracking-hostile-text.png');

  await page.goto('https://www.aliexpress.com/p/order/detail.html?orderId=8214398062177351');
  await page.locator('.waybill-badge').waitFor({ timeout: 20000 });
  await page.waitForTimeout(800);
  await shot(page, '05-order-detail.png');

  // The page's language decides the badges and the panel: a pt-BR tracking page, an
  // Arabic list (right to left).
  await page.goto(
    'https://pt.aliexpress.com/p/tracking/index.html?_addShare=no&_login=yes&tradeOrderId=8214779947343229',
  );
  await page.locator('.waybill-panel').waitFor({ timeout: 20000 });
  await page.waitForTimeout(800);
  await shot(page, '08-tracking-pt-BR.png', { fullPage: true });
  await page.goto('https://ar.aliexpress.com/p/order/index.html?fixture_delay=200&fixture_lang=ar');
  await settle(page, 10, true);
  await page.locator('.waybill-badge[data-waybill-order="8214398062177351"]').hover();
  await page.waitForTimeout(150);
  await shot(page, '09-list-ar-rtl.png');

  // The dashboard: a messy paste (spaced, fullwidth, an order id, a failed check digit),
  // then the same parcels in Arabic, right to left, one of them opened.
  const dash = `chrome-extension://${b.extId}/dashboard/dashboard.html`;
  await page.setViewportSize({ width: 1100, height: 900 });
  await page.goto(dash);
  await page.waitForSelector('body[data-ready="1"]');
  await page.fill(
    '#waybill-add',
    'my parcels: rb 147 799 475 cn, ＬＸ１２３４５６７８５ＣＮ, order 8214398062177351, RB147799476CN',
  );
  await page.click('#waybill-add-submit');
  await page.waitForSelector('#waybill-add-result [data-waybill-problem]', { timeout: 30000 });
  await page.waitForTimeout(300);
  await shot(page, '10-dashboard.png', { fullPage: true });
  await page.goto(dash + '?lang=ar');
  await page.waitForSelector('body[data-ready="1"]');
  await page.locator('[data-waybill-parcel] button.open').first().click();
  await page.locator('[data-waybill-parcel] .waybill-panel').first().waitFor({ timeout: 20000 });
  await page.waitForTimeout(300);
  await shot(page, '11-dashboard-ar-rtl.png', { fullPage: true });

  await page.setViewportSize({ width: 420, height: 600 });
  await page.goto(`chrome-extension://${b.extId}/popup/popup.html`);
  await page.waitForTimeout(500);
  await shot(page, '06-popup-dashboard.png');
  await b.close();
  b = null;

  // The proxy down: AliExpress's own status, marked "not cross-checked".
  const extDown = buildExtension(`http://127.0.0.1:${await closedPort()}`);
  b = await launch(extDown.dir);
  const p2 = await b.ctx.newPage();
  await p2.goto('https://www.aliexpress.com/p/order/index.html?fixture_delay=200');
  await settle(p2, 10, false);
  await shot(p2, '07-list-proxy-down.png');
  fs.rmSync(extDown.root, { recursive: true, force: true });
} finally {
  if (b) await b.close();
  await worker.stop();
  fs.rmSync(ext.root, { recursive: true, force: true });
}
console.log('demo: screenshots written:');
for (const s of shots) console.log('  ' + path.relative(process.cwd(), s));
