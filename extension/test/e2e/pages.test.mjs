// End to end in real headless Chromium (Debian's), with the built extension, on
// fixture AliExpress pages served on the real hosts. Here the proxy is DOWN
// (nothing listens on its port): everything must still work from AliExpress's
// own data, marked "not cross-checked". proxy.test.mjs runs the proxy-up side.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { buildExtension, launch, badges, waitFor, ROOT } from '../lib/browser.mjs';
import { closedPort } from '../lib/ports.mjs';
import { HOSTILE_DESC } from '../fixtures/site.mjs';

const SHOTS = process.env.SHOTS || path.join(ROOT, 'out', 'extension-test');
fs.mkdirSync(SHOTS, { recursive: true });
let ext, b;

before(async () => {
  ext = buildExtension(`http://127.0.0.1:${await closedPort()}`);
  b = await launch(ext.dir);
});
after(async () => {
  await b.close();
  fs.rmSync(ext.root, { recursive: true, force: true });
});

const allBadged = (page, n) =>
  waitFor(
    async () => {
      const bs = await badges(page);
      return bs.length === n && bs.every((x) => x.count === 1) && bs;
    },
    { what: `${n} badged cards` },
  );

// settled: n cards, one badge each, every card with a Track button has its numbers,
// and no cross-check is still running.
const settled = (page, n) =>
  waitFor(
    async () => {
      const bs = await badges(page);
      const tracked = await page.$$eval('.order-item', (cs) =>
        cs.map((c) => !!c.querySelector('a[href*="tradeOrderId="]')),
      );
      return (
        bs.length === n &&
        bs.every((x, i) => x.count === 1 && !x.text.includes('…') && (!tracked[i] || x.numbers)) &&
        bs
      );
    },
    { what: 'settled badges' },
  );

test('list on www.aliexpress.com: late cards, one badge each, AliExpress data, not cross-checked', async () => {
  const page = await b.ctx.newPage();
  await page.goto('https://www.aliexpress.com/p/order/index.html?fixture_delay=800');
  assert.equal(await page.locator('.order-item').count(), 0, 'the SPA renders its cards late');
  const bs = await settled(page, 10);
  const shipped = bs.filter((x) => ['8214398062177351', '8214779947343229'].includes(x.order));
  assert.equal(shipped.length, 2);
  for (const s of shipped) {
    assert.ok(
      s.numbers
        .split(' ')
        .includes(s.order === '8214398062177351' ? 'RS0814398526Y' : 'RB147799475CN'),
      JSON.stringify(s),
    );
    assert.equal(s.checked, 'false');
    assert.match(s.text, /not cross-checked/);
    assert.notEqual(s.status, 'unknown');
  }
  for (const c of bs.filter((x) => !shipped.includes(x)))
    assert.equal(c.numbers, '', 'no Track button, no mtop call');
  const calls = await page.evaluate(() => window.__fixture.mtopLog);
  assert.deepEqual(calls.sort(), [
    'mtop.ae.ld.querydetail 8214398062177351',
    'mtop.ae.ld.querydetail 8214779947343229',
  ]);
  await page.screenshot({ path: path.join(SHOTS, 'list-www-proxy-down.png') });
  await page.close();
});

test('"View orders" appends cards; repeated re-renders never duplicate badges', async () => {
  const page = await b.ctx.newPage();
  await page.goto(
    'https://www.aliexpress.com/p/order/index.html?fixture_delay=50&fixture_total=30',
  );
  await allBadged(page, 10);
  await page.click('.order-more button');
  await allBadged(page, 20);
  await page.click('.order-more button');
  const bs = await settled(page, 30);
  assert.equal(new Set(bs.map((x) => x.order)).size, 30);
  for (let i = 0; i < 5; i++) {
    await page.evaluate(() => window.__fixture.rerender()); // React-like: every card is a new node
    await page.waitForTimeout(i % 2 ? 0 : 60);
  }
  const after5 = await allBadged(page, 30);
  assert.deepEqual(
    after5.map((x) => x.order),
    bs.map((x) => x.order),
  );
  assert.deepEqual(
    after5.map((x) => x.status),
    bs.map((x) => x.status),
  );
  assert.equal(await page.locator('.waybill-badge').count(), 30);
  const log = await page.evaluate(() => window.__fixture.mtopLog);
  assert.equal(
    new Set(log).size,
    log.length,
    'at most one querydetail per order, cached across re-renders',
  );
  assert.ok(
    log.length <= bs.filter((x) => x.numbers).length,
    'only for shipped orders not in storage yet',
  );
  await page.close();
});

test('list on a language subdomain speaks the page language (pt.aliexpress.com)', async () => {
  const page = await b.ctx.newPage();
  await page.goto('https://pt.aliexpress.com/p/order/index.html?fixture_delay=50');
  const bs = await settled(page, 10);
  assert.equal(await page.getAttribute('html', 'lang'), 'pt-BR');
  const shipped = bs.find((x) => x.order === '8214398062177351');
  assert.match(shipped.text, /não conferido/);
  const STATUS_PT = [
    'Ainda não enviado',
    'Transportadora recebeu os dados',
    'Em trânsito',
    'Saiu para entrega',
    'Pronto para retirada',
    'Falha na tentativa de entrega',
    'Entregue',
    'Problema',
    'Retornando ao remetente',
    'Devolvido ao remetente',
    'Cancelado',
    'Rastreamento expirado',
    'Ainda não encontrado',
    'Status desconhecido',
  ];
  for (const x of bs)
    assert.ok(
      STATUS_PT.some((s) => x.text.startsWith(s)),
      x.text,
    );
  await page.screenshot({ path: path.join(SHOTS, 'list-pt-proxy-down.png') });
  await page.close();
});

test('list on www.aliexpress.us is read the same way', async () => {
  const page = await b.ctx.newPage();
  await page.goto('https://www.aliexpress.us/p/order/index.html?fixture_delay=50');
  const bs = await settled(page, 10);
  assert.equal(bs.filter((x) => x.numbers).length, 2);
  assert.match(bs[0].text, /^In transit/);
  await page.close();
});

test('tracking page: merged panel from querydetail; hostile event text shows as text and never runs', async () => {
  const page = await b.ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(
    'https://www.aliexpress.com/p/tracking/index.html?_addShare=no&_login=yes&tradeOrderId=8212313961591322&fixture_hostile=1',
  );
  const panel = page.locator('.waybill-panel');
  await panel.waitFor({ timeout: 15000 });
  await waitFor(
    async () => (await page.getAttribute('.waybill-panel', 'data-waybill-number')) || '',
    { what: 'panel numbers' },
  );
  const numbers = (await page.getAttribute('.waybill-panel', 'data-waybill-number')).split(' ');
  assert.ok(numbers.includes('AA000000014BR'), numbers.join());
  assert.equal(await panel.locator('.number').count(), numbers.length);
  assert.equal(await panel.locator('a.cainiao').count(), numbers.length);
  assert.equal(await panel.locator('a.track17').count(), numbers.length);
  assert.match(await panel.locator('.not-checked').textContent(), /Cross-check unavailable/);
  const shadowText = await page.evaluate(
    () => document.querySelector('.waybill-panel').shadowRoot.textContent,
  );
  assert.ok(shadowText.includes(HOSTILE_DESC), 'the hostile description is shown, as text');
  assert.equal(
    await page.evaluate(
      () =>
        document.querySelector('.waybill-panel').shadowRoot.querySelectorAll('img,script,b').length,
    ),
    0,
  );
  await page.waitForTimeout(300);
  assert.equal(
    await page.evaluate(() => window.__waybillPwned),
    undefined,
    'no injected script ran',
  );
  await waitFor(
    () =>
      page.evaluate(() => {
        const next = document.querySelector('.waybill-panel').nextElementSibling;
        return (
          !!next &&
          /tab-list-v2|arrival-time-v2--title|logistic-info-v2--mailNo--/.test(next.className)
        );
      }),
    { what: "panel placed above AliExpress's own tracking block" },
  );
  assert.deepEqual(errors, []);
  await page.screenshot({
    path: path.join(SHOTS, 'tracking-hostile-proxy-down.png'),
    fullPage: false,
  });
  await page.close();
});

test('tracking page without mtop falls back to the page DOM', async () => {
  const page = await b.ctx.newPage();
  const order = b.site.orders(50)[48]; // an order no other test has stored
  const want = b.site.numbersFor(order.orderId).mailNo;
  await page.goto(
    `https://www.aliexpress.com/p/tracking/index.html?tradeOrderId=${order.orderId}&fixture_nomtop=1&fixture_delay=100`,
  );
  await page.locator('.waybill-panel').waitFor({ timeout: 20000 });
  await waitFor(
    async () => (await page.getAttribute('.waybill-panel', 'data-waybill-number')) === want,
    { timeout: 20000, what: 'DOM number ' + want },
  );
  const evs = await page.locator('.waybill-panel .ev').count();
  assert.ok(evs > 5, `events from the DOM: ${evs}`);
  await page.close();
});

test('order detail page gets a badge next to the status', async () => {
  const page = await b.ctx.newPage();
  await page.goto(
    'https://www.aliexpress.com/p/order/detail.html?orderId=8214398062177351&fixture_delay=100',
  );
  const badge = page.locator('.order-status .waybill-badge');
  await badge.waitFor({ timeout: 15000 });
  await waitFor(async () => (await badge.getAttribute('data-waybill-number')) || '', {
    what: 'detail numbers',
  });
  assert.ok((await badge.getAttribute('data-waybill-number')).includes('RS0814398526Y'));
  assert.equal(await page.locator('.waybill-badge').count(), 1);
  await page.close();
});

test('aliexpress.ru is recognised and degrades politely', async () => {
  const page = await b.ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto('https://aliexpress.ru/order-list?filterName=active');
  await page.locator('.waybill-badge').first().waitFor({ timeout: 10000 });
  const links = await page.$$eval('.waybill-badge', (as) =>
    as.map((a) => [a.dataset.waybillOrder, a.href, a.textContent]),
  );
  assert.equal(links.length, 3);
  for (const [id, href, text] of links) {
    assert.equal(href, `https://www.aliexpress.com/p/tracking/index.html?tradeOrderId=${id}`);
    assert.match(text, /aliexpress\.com/);
  }
  assert.deepEqual(errors, []);
  await page.close();
});
