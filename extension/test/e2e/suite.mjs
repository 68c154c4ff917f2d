// suite.mjs — the end-to-end scenarios of the live AliExpress pages, written once and
// run in headless Chromium and in headless Firefox (test/lib/browsers.mjs adapts the
// two drivers). Each scenario meets orders no other one has stored (fixture_offset),
// so they can share one browser; the challenge scenario runs last (its cool-down lasts
// 30 minutes). The stand-in window.lib.mtop.request records every call (data, start,
// end, the most in flight at once).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { buildExtension, badges, waitFor, ROOT } from '../lib/browser.mjs';
import { openBrowser, goto, sleep } from '../lib/browsers.mjs';
import { closedPort } from '../lib/ports.mjs';
import { startWorker } from '../lib/worker.mjs';
import { createSite } from '../fixtures/site.mjs';

const SHOTS = process.env.SHOTS || path.join(ROOT, 'out', 'extension-test');
const LIST = 'https://www.aliexpress.com/p/order/index.html';
const site = createSite();

// The fixture's orders [offset, offset+total) and which of them Waybill should fetch.
function slice(offset, total) {
  const all = site.orders(offset + total).slice(offset);
  return { all, fetch: all.filter((o) => o.fetch).map((o) => o.orderId) };
}

const mtop = (page) =>
  page.evaluate(() => ({
    calls: window.__fixture.calls.map((c) => ({
      id: c.data.tradeOrderId,
      data: c.data,
      start: c.start,
      end: c.end,
    })),
    maxInFlight: window.__fixture.maxInFlight,
  }));

// settled waits until every card has one badge and every card to fetch has numbers.
async function settled(page, n, want, what) {
  return waitFor(
    async () => {
      const bs = await badges(page);
      return (
        bs.length === n &&
        bs.every((x) => x.count === 1 && !x.text.includes('…')) && // no cross-check still running
        want.every((id) => bs.find((x) => x.order === id && x.numbers)) &&
        bs
      );
    },
    { timeout: 60000, what },
  );
}

export function defineLiveSuite(kind) {
  let ext, b;
  fs.mkdirSync(SHOTS, { recursive: true });
  before(async () => {
    ext = buildExtension(`http://127.0.0.1:${await closedPort()}`); // the proxy is down here
    b = await openBrowser(kind, ext.root, { site });
  });
  after(async () => {
    if (b) await b.close();
    if (ext) fs.rmSync(ext.root, { recursive: true, force: true });
  });

  test(`${kind}: every card shape gets its numbers; calls one at a time, ≥ 400 ms apart, page forms`, async () => {
    const { all, fetch } = slice(0, 20);
    const shapes = new Set(all.filter((o) => o.shipped).map((o) => o.shape));
    assert.deepEqual([...shapes].sort(), ['bare', 'link', 'mobile'], 'the fixture has all three');
    assert.ok(all.some((o) => o.choice) && all.some((o) => o.state === 'cancelled'));
    const page = await b.newPage();
    await goto(page, `${LIST}?fixture_delay=50&fixture_size=20&fixture_total=20`);
    const bs = await settled(page, 20, fetch, 'numbers on every card that may have shipped');
    for (const o of all.filter((x) => x.fetch)) {
      const x = bs.find((y) => y.order === o.orderId);
      assert.ok(
        x.numbers.split(' ').includes(site.numbersFor(o.orderId).mailNo),
        JSON.stringify(x),
      );
    }
    for (const o of all.filter((x) => !x.fetch))
      assert.equal(bs.find((y) => y.order === o.orderId).numbers, '', o.state + ' costs no call');
    const m = await mtop(page);
    assert.deepEqual(
      m.calls.map((c) => c.id).sort(),
      [...fetch].sort(),
      'no call for cancelled, unpaid or long completed orders',
    );
    assert.equal(m.maxInFlight, 1, 'one call in flight');
    for (let i = 1; i < m.calls.length; i++)
      assert.ok(
        m.calls[i].start - m.calls[i - 1].end >= 400,
        `gap ${m.calls[i].start - m.calls[i - 1].end} ms`,
      );
    for (const c of m.calls) {
      assert.equal(c.data._lang, 'en_US');
      assert.match(c.data.timeZone, /^GMT[+-]\d{2}:\d{2}$/);
      assert.equal(c.data._currency, undefined, 'no currency shown, none sent');
      assert.equal(c.data.terminalType, 'PC');
    }
    await page.screenshot({ path: path.join(SHOTS, `${kind}-list-shapes.png`) });
    // A second visit costs no call: the data is stored by stage.
    const page2 = await b.newPage();
    await goto(page2, `${LIST}?fixture_delay=0&fixture_size=20&fixture_total=20`);
    await settled(page2, 20, fetch, 'badges from storage');
    await sleep(300);
    assert.equal((await mtop(page2)).calls.length, 0, 'a second visit costs no call');
    await page.close();
    await page2.close();
  });

  test(`${kind}: two list tabs at once — their calls, pooled, never overlap and are ≥ 400 ms apart`, async () => {
    const A = slice(50, 12),
      B = slice(62, 12);
    assert.ok(A.fetch.length >= 3 && B.fetch.length >= 3);
    const ids = new Set([...A.fetch, ...B.fetch]);
    const from = site.mtopRecord.length;
    const pa = await b.newPage();
    const pb = await b.newPage();
    // Both pages load at once; each would call on its own at its own pace.
    await Promise.all([
      goto(pa, `${LIST}?fixture_delay=50&fixture_offset=50&fixture_size=12&fixture_total=12`),
      goto(pb, `${LIST}?fixture_delay=50&fixture_offset=62&fixture_size=12&fixture_total=12`),
    ]);
    await Promise.all([
      settled(pa, 12, A.fetch, 'numbers in tab A'),
      settled(pb, 12, B.fetch, 'numbers in tab B'),
    ]);
    const calls = await waitFor(
      () => {
        const got = site.mtopRecord.slice(from).filter((c) => ids.has(c.id));
        return got.length >= ids.size && got;
      },
      { timeout: 10000, what: 'every call recorded' },
    );
    calls.sort((x, y) => x.start - y.start);
    assert.deepEqual(calls.map((c) => c.id).sort(), [...ids].sort(), 'one call per order');
    assert.equal(new Set(calls.map((c) => c.page)).size, 2, 'calls from both tabs');
    // The two tabs took turns (not one tab's whole queue after the other's is required,
    // only that they were paced as one).
    for (let i = 1; i < calls.length; i++)
      assert.ok(
        calls[i].start - calls[i - 1].end >= 400,
        `call ${i} (tab ${calls[i].page}) starts ${calls[i].start - calls[i - 1].end} ms after call ${i - 1} (tab ${calls[i - 1].page}) ended`,
      );
    for (const p of [pa, pb]) assert.equal((await mtop(p)).maxInFlight, 1);
    await pa.close();
    await pb.close();
  });

  test(`${kind}: <html> without lang + the locale cookie: _lang pt_BR, _currency BRL, Portuguese badges`, async () => {
    const { fetch } = slice(20, 12);
    const cookie = encodeURIComponent('site=bra&c_tp=BRL&region=BR&b_locale=pt_BR');
    const page = await b.newPage();
    // The cookie is the buyer's choice for the whole site: dropped afterwards, whatever happens.
    const dropCookie = () =>
      page.evaluate(() => {
        document.cookie = 'aep_usuc_f=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
      });
    try {
      await goto(
        page,
        `${LIST}?fixture_delay=50&fixture_offset=20&fixture_size=12&fixture_total=12&fixture_nolang=1&fixture_cookie=${cookie}`,
      );
      const bs = await settled(page, 12, fetch, 'numbers (cookie page)');
      assert.equal(await page.evaluate(() => document.documentElement.hasAttribute('lang')), false);
      const m = await mtop(page);
      assert.ok(m.calls.length >= 1);
      for (const c of m.calls) {
        assert.equal(c.data._lang, 'pt_BR');
        assert.equal(c.data._currency, 'BRL');
      }
      const shipped = bs.find((x) => x.order === fetch[0]);
      assert.match(shipped.text, /não conferido/, shipped.text);
    } finally {
      await dropCookie().catch(() => {});
      await page.close();
    }
  });

  test(`${kind}: detail page — status from the block's title line, delivered for a completed order`, async () => {
    for (const variant of ['2026', 'title']) {
      const page = await b.newPage();
      await goto(
        page,
        `https://www.aliexpress.com/p/order/detail.html?orderId=8212313961591322&fixture_delay=50&fixture_detail=${variant}`,
      );
      const st = await waitFor(
        () =>
          page.evaluate(() => {
            const b = document.querySelector('.order-status .waybill-badge');
            return b && b.getAttribute('data-waybill-status');
          }),
        { timeout: 20000, what: 'detail badge (' + variant + ')' },
      );
      assert.equal(st, 'delivered', variant);
      assert.equal(
        await page.evaluate(() => document.querySelectorAll('.waybill-badge').length),
        1,
      );
      await page.close();
    }
  });

  test(`${kind}: tracking page fallback (no mtop) finds both packages through the core's extract`, async () => {
    const id = site.orders(50)[47].orderId;
    const want = [site.numbersFor(id).mailNo, site.packageNumber(id, 2)];
    const page = await b.newPage();
    await goto(
      page,
      `https://www.aliexpress.com/p/tracking/index.html?tradeOrderId=${id}&fixture_nomtop=1&fixture_delay=50&fixture_packages=2`,
    );
    const nums = await waitFor(
      async () => {
        const n = await page.evaluate(() => {
          const p = document.querySelector('.waybill-panel');
          return p ? p.getAttribute('data-waybill-number') : '';
        });
        return n && want.every((w) => n.split(' ').includes(w)) && n;
      },
      { timeout: 30000, what: 'both packages: ' + want.join(' ') },
    );
    assert.ok(nums);
    // The buyer's tab is selected again.
    const active = await page.evaluate(() =>
      document.querySelector('[class*="tab-list-v2--active"]').getAttribute('data-fixture-package'),
    );
    assert.equal(active, '1');
    await page.close();
  });

  test(`${kind}: a page script forging bridge messages and ports changes nothing`, async () => {
    const id = site.orders(50)[44].orderId;
    const page = await b.newPage();
    await goto(
      page,
      `https://www.aliexpress.com/p/tracking/index.html?tradeOrderId=${id}&fixture_delay=50&fixture_forge=1`,
    );
    const nums = await waitFor(
      () =>
        page.evaluate(() => {
          const p = document.querySelector('.waybill-panel');
          return p && p.getAttribute('data-waybill-number');
        }),
      { timeout: 30000, what: 'panel numbers' },
    );
    assert.ok(nums.split(' ').includes(site.numbersFor(id).mailNo), nums);
    assert.ok(!nums.includes('FORGED'), nums);
    const f = await page.evaluate(() => ({
      stolen: window.__fixture.stolen,
      sawRequest: !!window.__fixture.sawRequest,
      calls: window.__fixture.mtopCalls,
    }));
    assert.deepEqual(f, { stolen: 0, sawRequest: false, calls: 1 });
    await page.close();
  });

  test(`${kind}: page health — a page without readable cards is reported, with a diagnostic`, async () => {
    const page = await b.newPage();
    await goto(page, `${LIST}?fixture_delay=50&fixture_total=0`);
    const r = await waitFor(
      async () => {
        const res = await b.message('pageHealth', {});
        return (
          res && res.report && res.report.kind === 'list' && res.report.ok === false && res.report
        );
      },
      { timeout: 20000, what: 'an unhealthy report' },
    );
    assert.equal(r.selectors['list.card'], 0);
    assert.ok('list.detailLink' in r.selectors);
    assert.ok(!JSON.stringify(r).match(/\d{15,}/), 'nothing personal');
    const popup = await b.newPage();
    await goto(popup, `${b.origin}/popup/popup.html?tab=latest`).catch(() => {});
    const text = await waitFor(
      () =>
        popup
          .evaluate(() => {
            const s = document.getElementById('waybill-page-health');
            return s && s.textContent + ' ' + s.querySelector('textarea').value;
          })
          .catch(() => ''),
      { timeout: 15000, what: 'the popup notice' },
    );
    assert.match(text, /does not understand this version/);
    assert.match(text, /"list.card": 0/);
    await popup.close();
    await page.close();
  });

  // Last: a challenge starts a 30-minute cool-down for every tab.
  test(`${kind}: after RGV587_ERROR::SM no further call, in that tab or a new one; badges say paused`, async () => {
    const { fetch } = slice(32, 12);
    assert.ok(fetch.length >= 3);
    const page = await b.newPage();
    await goto(
      page,
      `${LIST}?fixture_delay=50&fixture_offset=32&fixture_size=12&fixture_total=12&fixture_ret=rgv&fixture_ret_after=1`,
    );
    await waitFor(async () => (await mtop(page)).calls.length >= 2, { what: 'two calls' });
    let seen = [];
    const bs = await waitFor(
      async () => {
        const all = await badges(page);
        seen = all.map((x) => x.order.slice(-4) + ' ' + x.text);
        return all.filter((x) => /paused/.test(x.text)).length >= fetch.length - 1 && all;
      },
      { timeout: 20000, what: 'paused badges' },
    ).catch((err) => {
      throw new Error(err.message + ' ' + JSON.stringify(seen) + ' calls for ' + fetch.join());
    });
    await sleep(1500);
    assert.equal((await mtop(page)).calls.length, 2, 'stopped at the first RGV587 answer');
    for (const x of bs.filter((y) => /paused/.test(y.text))) assert.notEqual(x.status, '');
    const st = await b.message('pauseState', {});
    assert.ok(st.pausedUntil > Date.now() + 29 * 60e3, JSON.stringify(st));
    // A new tab with other orders: no call at all, the card status with "paused".
    const { fetch: fetch2 } = slice(44, 6);
    const page2 = await b.newPage();
    await goto(page2, `${LIST}?fixture_delay=50&fixture_offset=44&fixture_size=6&fixture_total=6`);
    const bs2 = await waitFor(
      async () => {
        const all = await badges(page2);
        return all.length === 6 && all.every((x) => x.count === 1) && all;
      },
      { what: 'badges in the new tab' },
    );
    await sleep(1500);
    assert.equal((await mtop(page2)).calls.length, 0, 'no call in a new tab during the cool-down');
    for (const id of fetch2) assert.match(bs2.find((x) => x.order === id).text, /paused/);
    await page.screenshot({ path: path.join(SHOTS, `${kind}-paused.png`) });
    await page.close();
    await page2.close();
  });
}

// defineProxySuite: the proxy up (the worker in workerd with the fake trackers), allowing
// this Chrome extension's id and every moz-extension origin (Firefox's is a random UUID).
export function defineProxySuite(kind) {
  let worker, ext, b;
  before(async () => {
    worker = await startWorker();
    ext = buildExtension(worker.url);
    b = await openBrowser(kind, ext.root, { site });
  });
  after(async () => {
    if (b) await b.close();
    if (ext) fs.rmSync(ext.root, { recursive: true, force: true });
    if (worker) await worker.stop();
  });

  test(`${kind}: proxy up — shipped cards are cross-checked through the worker (origin ${kind === 'firefox' ? 'moz-extension://<random uuid>' : 'chrome-extension://<id>'})`, async () => {
    const { fetch } = slice(0, 10);
    const page = await b.newPage();
    await goto(page, `${LIST}?fixture_delay=50`);
    const bs = await waitFor(
      async () => {
        const all = await badges(page);
        const got = all.filter((x) => fetch.includes(x.order));
        return (
          all.length === 10 &&
          got.length === fetch.length &&
          got.every((x) => x.checked === 'true') &&
          all
        );
      },
      { timeout: 60000, what: 'cross-checked badges' },
    );
    for (const x of bs.filter((y) => fetch.includes(y.order)))
      assert.match(x.text, /cross-checked: .*cainiao/);
    const stats = await b.message('stats', {});
    assert.equal(stats.stats.proxyErrors, 0);
    assert.ok(stats.stats.proxyCalls >= 1);
    if (kind === 'firefox') assert.match(b.origin, /^moz-extension:\/\/[0-9a-f-]{36}$/);
    await page.close();
  });
}
