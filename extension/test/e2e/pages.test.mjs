// End to end in headless Chromium and headless Firefox ESR through the browser adapter
// (test/lib/browsers.mjs; WAYBILL_BROWSERS=chromium runs one), with the built extension,
// on fixture AliExpress pages served on the real hosts. Here the proxy is DOWN (nothing
// listens on its port): everything must still work from AliExpress's own data, marked
// "not cross-checked". proxy.test.mjs runs the proxy-up side. Pages are read through
// evaluate (shadow roots opened by hand), so one scenario serves both drivers; each
// browser gets a fresh profile (the scenarios expect an empty store).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { buildExtension, badges, waitFor, ROOT } from '../lib/browser.mjs';
import { openBrowser, BROWSERS, goto, sleep } from '../lib/browsers.mjs';
import { closedPort } from '../lib/ports.mjs';
import { HOSTILE_DESC } from '../fixtures/site.mjs';

const SHOTS = process.env.SHOTS || path.join(ROOT, 'out', 'extension-test');
fs.mkdirSync(SHOTS, { recursive: true });
let ext;

before(async () => {
  ext = buildExtension(`http://127.0.0.1:${await closedPort()}`);
});
after(() => {
  if (ext) fs.rmSync(ext.root, { recursive: true, force: true });
});

// count: how many elements match a selector (in the page's light DOM).
const count = (page, sel) => page.evaluate((s) => document.querySelectorAll(s).length, sel);
// attr: an attribute of the first match, or null.
const attr = (page, [sel, name]) =>
  page.evaluate(
    ([s, n]) => {
      const e = document.querySelector(s);
      return e ? e.getAttribute(n) : null;
    },
    [sel, name],
  );
// inPanel: what the tracking panel's shadow root holds.
const inPanel = (page) =>
  page.evaluate(() => {
    const p = document.querySelector('.waybill-panel');
    const r = p && p.shadowRoot;
    if (!r) return null;
    const all = (s) => [...r.querySelectorAll(s)];
    const nc = r.querySelector('.not-checked');
    return {
      numbers: p.getAttribute('data-waybill-number') || '',
      numberCount: all('.number').length,
      cainiao: all('a.cainiao').length,
      track17: all('a.track17').length,
      notChecked: nc ? nc.textContent : '',
      text: r.textContent,
      unsafe: all('img,script,b').length,
      evs: all('.ev').length,
    };
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

for (const kind of BROWSERS) {
  describe(kind, () => {
    let b;
    before(async () => {
      b = await openBrowser(kind, ext.root);
    });
    after(async () => {
      if (b) await b.close();
    });

    test(`${kind}: list on www.aliexpress.com: late cards, one badge each, AliExpress data, not cross-checked`, async () => {
      const page = await b.newPage();
      await goto(page, 'https://www.aliexpress.com/p/order/index.html?fixture_delay=800');
      assert.equal(await count(page, '.order-item'), 0, 'the SPA renders its cards late');
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
      await page.screenshot({ path: path.join(SHOTS, `${kind}-list-www-proxy-down.png`) });
      await page.close();
    });

    test(`${kind}: "View orders" appends cards; repeated re-renders never duplicate badges`, async () => {
      const page = await b.newPage();
      await goto(
        page,
        'https://www.aliexpress.com/p/order/index.html?fixture_delay=50&fixture_total=30',
      );
      const more = () => page.evaluate(() => document.querySelector('.order-more button').click());
      await allBadged(page, 10);
      await more();
      await allBadged(page, 20);
      await more();
      const bs = await settled(page, 30);
      assert.equal(new Set(bs.map((x) => x.order)).size, 30);
      for (let i = 0; i < 5; i++) {
        await page.evaluate(() => window.__fixture.rerender()); // React-like: every card is a new node
        await sleep(i % 2 ? 0 : 60);
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
      assert.equal(await count(page, '.waybill-badge'), 30);
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

    test(`${kind}: list on a language subdomain speaks the page language (pt.aliexpress.com)`, async () => {
      const page = await b.newPage();
      await goto(page, 'https://pt.aliexpress.com/p/order/index.html?fixture_delay=50');
      const bs = await settled(page, 10);
      assert.equal(await attr(page, ['html', 'lang']), 'pt-BR');
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
      await page.screenshot({ path: path.join(SHOTS, `${kind}-list-pt-proxy-down.png`) });
      await page.close();
    });

    test(`${kind}: list on www.aliexpress.us is read the same way`, async () => {
      const page = await b.newPage();
      await goto(page, 'https://www.aliexpress.us/p/order/index.html?fixture_delay=50');
      const bs = await settled(page, 10);
      assert.equal(bs.filter((x) => x.numbers).length, 2);
      assert.match(bs[0].text, /^In transit/);
      await page.close();
    });

    test(`${kind}: tracking page: merged panel from querydetail; hostile event text shows as text and never runs`, async () => {
      const page = await b.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await goto(
        page,
        'https://www.aliexpress.com/p/tracking/index.html?_addShare=no&_login=yes&tradeOrderId=8212313961591322&fixture_hostile=1',
      );
      const panel = await waitFor(
        async () => {
          const p = await inPanel(page);
          return p && p.numbers && p.notChecked && p;
        },
        { timeout: 15000, what: 'panel numbers, then the cross-check note' },
      );
      const numbers = panel.numbers.split(' ');
      assert.ok(numbers.includes('AA000000014BR'), numbers.join());
      assert.equal(panel.numberCount, numbers.length);
      assert.equal(panel.cainiao, numbers.length);
      assert.equal(panel.track17, numbers.length);
      assert.match(panel.notChecked, /Cross-check unavailable/);
      assert.ok(panel.text.includes(HOSTILE_DESC), 'the hostile description is shown, as text');
      assert.equal(panel.unsafe, 0);
      await sleep(300);
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
        path: path.join(SHOTS, `${kind}-tracking-hostile-proxy-down.png`),
        fullPage: false,
      });
      await page.close();
    });

    test(`${kind}: tracking page without mtop falls back to the page DOM`, async () => {
      const page = await b.newPage();
      const order = b.site.orders(50)[48]; // an order no other test has stored
      const want = b.site.numbersFor(order.orderId).mailNo;
      await goto(
        page,
        `https://www.aliexpress.com/p/tracking/index.html?tradeOrderId=${order.orderId}&fixture_nomtop=1&fixture_delay=100`,
      );
      const panel = await waitFor(
        async () => {
          const p = await inPanel(page);
          return p && p.numbers === want && p;
        },
        { timeout: 20000, what: 'DOM number ' + want },
      );
      assert.ok(panel.evs > 5, `events from the DOM: ${panel.evs}`);
      await page.close();
    });

    test(`${kind}: order detail page gets a badge next to the status`, async () => {
      const page = await b.newPage();
      await goto(
        page,
        'https://www.aliexpress.com/p/order/detail.html?orderId=8214398062177351&fixture_delay=100',
      );
      const nums = await waitFor(
        () => attr(page, ['.order-status .waybill-badge', 'data-waybill-number']),
        { timeout: 15000, what: 'detail numbers' },
      );
      assert.ok(nums.includes('RS0814398526Y'), nums);
      assert.equal(await count(page, '.waybill-badge'), 1);
      await page.close();
    });

    test(`${kind}: aliexpress.ru is recognised and degrades politely`, async () => {
      const page = await b.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await goto(page, 'https://aliexpress.ru/order-list?filterName=active');
      await waitFor(async () => (await count(page, '.waybill-badge')) > 0, {
        timeout: 10000,
        what: 'a badge on aliexpress.ru',
      });
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
  });
}
