// The list controller end to end inside Node: the content scripts in jsdom, the
// MAIN-world bridge in the same window with a stand-in window.lib.mtop.request
// answering from the real capture, and the real background with core.wasm
// behind a fake chrome.runtime. Late cards, appended cards, re-renders.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createSite } from '../fixtures/site.mjs';
import { loadDom, SRC } from '../lib/dom.mjs';
import { SCRIPTS } from '../../build.mjs';
import { loadBackground } from '../lib/background.mjs';

const site = createSite();
const URL_LIST = 'https://www.aliexpress.com/p/order/index.html';
const { send, BG } = loadBackground({ proxy: null }); // the proxy is down

function page(tabId = 1) {
  const d = loadDom(
    '<!doctype html><html lang="en"><body><div id="root"></div></body></html>',
    URL_LIST,
  );
  const w = d.window;
  // jsdom's postMessage leaves origin empty and source null; give it the browser's
  // semantics (same-window messages carry the page origin and the window as source).
  w.postMessage = (data) =>
    setTimeout(
      () =>
        w.dispatchEvent(
          new w.MessageEvent('message', { data, origin: w.location.origin, source: w }),
        ),
      0,
    );
  const mtopCalls = [];
  w.lib = {
    mtop: {
      request: async (opts) => {
        mtopCalls.push(opts.data.tradeOrderId);
        return JSON.parse(JSON.stringify(site.querydetail(opts.data.tradeOrderId)));
      },
    },
  };
  w.chrome = {
    runtime: {
      sendMessage: (msg, cb) => {
        send(JSON.parse(JSON.stringify(msg)), URL_LIST, tabId).then((r) =>
          cb(r && JSON.parse(JSON.stringify(r))),
        );
      },
      lastError: undefined,
    },
  };
  // loadDom ran the content scripts; the MAIN world's and the page controllers follow.
  for (const f of SCRIPTS.page) w.eval(fs.readFileSync(path.join(SRC, f), 'utf8'));
  // The MAIN world's bridge deletes its WB global (the page must not see it); here both
  // worlds share one window, so the isolated world's WB is put back for the controllers.
  w.WB = d.WB;
  for (const f of SCRIPTS.contentPages.filter((f) => f !== 'content/main.js'))
    w.eval(fs.readFileSync(path.join(SRC, f), 'utf8'));
  const group = d.document.createElement('div');
  group.className = 'comet-checkbox-group';
  d.document.getElementById('root').append(group);
  const add = (pageNo, size, total, offset = 0) => {
    const t = d.document.createElement('template');
    t.innerHTML = site.cards({
      page: pageNo,
      size,
      total,
      offset,
      host: 'www.aliexpress.com',
      lang: 'en',
    }).html;
    group.append(t.content);
  };
  const rerender = () => {
    group.replaceChildren(
      ...[...group.children].map((c) => {
        const n = c.cloneNode(true);
        n.querySelectorAll('.waybill-badge').forEach((b) => b.remove());
        return n;
      }),
    );
  };
  const state = () =>
    [...d.document.querySelectorAll('.order-item')].map((c) => {
      const b = c.querySelectorAll('.waybill-badge');
      return {
        n: b.length,
        order: b[0] && b[0].getAttribute('data-waybill-order'),
        status: b[0] && b[0].getAttribute('data-waybill-status'),
        numbers: b[0] && b[0].getAttribute('data-waybill-number'),
      };
    });
  return { ...d, add, rerender, state, mtopCalls };
}

async function until(fn, what, ms = 15000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out: ' + what);
    await new Promise((r) => setTimeout(r, 20));
  }
}

test('late, appended and re-rendered cards: one badge each, numbers from querydetail, one mtop call per order', async () => {
  const p = page();
  const ctl = p.WB.runList(p.document, p.WB.pageInfo(p.document, p.window.location));
  assert.ok(ctl);
  assert.equal(p.state().length, 0);
  p.add(1, 10, 20); // the SPA renders its cards late
  await until(() => {
    const s = p.state();
    return s.length === 10 && s.every((x) => x.n === 1);
  }, '10 badges');
  await until(
    () => p.state().filter((x) => x.numbers).length === 2,
    'numbers of the 2 shipped orders',
  );
  p.add(2, 10, 20); // "View orders"
  await until(() => {
    const s = p.state();
    return s.length === 20 && s.every((x) => x.n === 1);
  }, '20 badges');
  for (let i = 0; i < 3; i++) p.rerender();
  await until(() => {
    const s = p.state();
    return s.length === 20 && s.every((x) => x.n === 1 && x.order);
  }, 'badges back after re-renders');
  const s = p.state();
  const want = site.orders(20);
  assert.deepEqual(
    s.map((x) => x.order),
    want.map((o) => o.orderId),
  );
  // Every card that may have shipped, whatever its Track control (link, bare link, mobile
  // <button>), and the recently completed one; never cancelled, unpaid or long completed.
  const shipped = want.filter((o) => o.fetch).map((o) => o.orderId);
  assert.deepEqual([...new Set(want.filter((o) => o.shipped).map((o) => o.shape))].sort(), [
    'bare',
    'link',
    'mobile',
  ]);
  await until(
    () => p.state().filter((x) => x.numbers).length === shipped.length,
    'all shipped have numbers',
  );
  assert.deepEqual(
    [...p.mtopCalls].sort(),
    [...shipped].sort(),
    'querydetail once per order that may have shipped',
  );
  for (const x of p.state()) {
    if (shipped.includes(x.order))
      assert.ok(x.numbers.split(' ').includes(site.numbersFor(x.order).mailNo), JSON.stringify(x));
    else assert.equal(x.numbers, '');
  }
  assert.ok(BG.stats.proxyErrors > 0, 'the proxy was tried and is down');
});

test('two tabs at once: the background paces their querydetail calls as one (no overlap, ≥ 400 ms apart)', async () => {
  const calls = []; // every call of both tabs: {tab, id, start, end}
  const tabs = [page(21), page(22)].map((p, i) => {
    p.window.lib.mtop.request = async (opts) => {
      const c = { tab: i, id: opts.data.tradeOrderId, start: Date.now(), end: 0 };
      calls.push(c);
      await new Promise((r) => setTimeout(r, 60));
      c.end = Date.now();
      return JSON.parse(JSON.stringify(site.querydetail(opts.data.tradeOrderId)));
    };
    return p;
  });
  const offsets = [60, 66];
  const want = offsets.flatMap((o) =>
    site
      .orders(o + 6)
      .slice(o)
      .filter((x) => x.fetch)
      .map((x) => x.orderId),
  );
  assert.ok(want.length >= 4, 'some orders to fetch in each tab');
  tabs.forEach((p, i) => {
    p.WB.runList(p.document, p.WB.pageInfo(p.document, p.window.location));
    p.add(1, 6, 6, offsets[i]);
  });
  await until(() => calls.filter((c) => c.end).length === want.length, 'every call', 30000);
  assert.deepEqual(calls.map((c) => c.id).sort(), [...want].sort());
  assert.deepEqual([...new Set(calls.map((c) => c.tab))].sort(), [0, 1], 'both tabs called');
  for (let i = 1; i < calls.length; i++)
    assert.ok(
      calls[i].start - calls[i - 1].end >= 400,
      `call ${i} starts ${calls[i].start - calls[i - 1].end} ms after the previous ended`,
    );
});

test('the bridge listens to no window message: forged requests, answers and ports change nothing', async () => {
  const p = page();
  const before = p.mtopCalls.length;
  const W = p.window;
  const good = {
    ns: 'waybill/v1',
    kind: 'mtop-request',
    id: 'abcdefgh12',
    orderId: '8214398062177351',
  };
  W.postMessage(good, W.location.origin); // the former window protocol
  W.postMessage('mtop-request 8214398062177351', W.location.origin);
  // A page script (the document has scripts now) asks for the port, or offers its own.
  p.document.body.append(p.document.createElement('script'));
  const stolen = [];
  const steal = (ev) => stolen.push(...ev.ports);
  p.document.addEventListener('waybill-bridge-port', steal);
  p.document.dispatchEvent(new W.Event('waybill-bridge-hello'));
  p.document.removeEventListener('waybill-bridge-port', steal);
  const mine = new MessageChannel();
  p.document.dispatchEvent(
    new W.MessageEvent('waybill-bridge-port', { ports: [mine.port2], cancelable: true }),
  );
  mine.port1.postMessage(good);
  await new Promise((r) => setTimeout(r, 200));
  mine.port1.close();
  assert.equal(stolen.length, 0, 'the port is never handed out again');
  assert.equal(p.mtopCalls.length, before);
  const ok = await p.WB.querydetail('8214398062177351');
  assert.equal(ok.ok, true);
  assert.equal(p.mtopCalls.length, before + 1);
  assert.equal((await p.WB.querydetail('8214398062177351')).ok, true);
  assert.equal(p.mtopCalls.length, before + 1, 'cached per order');
});

test('the bridge treats answers as untrusted: another order, oversized or malformed payloads are rejected', async () => {
  const p = page();
  const W = p.window;
  const id = '8214779947343229',
    other = '8214398062177351';
  // A page script posts forged answers on the window: nobody listens there any more.
  W.addEventListener('message', () => {});
  for (const orderId of [id, other])
    W.postMessage({
      ns: 'waybill/v1',
      kind: 'mtop-response',
      id: 'abcdefgh12',
      orderId,
      ok: true,
      response: site.querydetail(other),
    });
  const a = await p.WB.querydetail(id);
  assert.equal(a.ok, true, JSON.stringify(a).slice(0, 200));
  assert.ok(JSON.stringify(a.payload).includes('tradeOrderId=' + id));
  // The page's own client answers with another order's payload: rejected.
  W.lib.mtop.request = async () => JSON.parse(JSON.stringify(site.querydetail(other)));
  const b = await p.WB.querydetail('8212313961591322');
  assert.deepEqual([b.ok, b.error], [false, 'order_mismatch']);
  // validate directly: size cap, shapes, order ids in the payload.
  const v = p.WB.validateMtop;
  const good = site.querydetail(id);
  assert.equal(v({ orderId: id, ok: true, response: good }, id).ok, true);
  assert.equal(v({ orderId: other, ok: true, response: good }, id).error, 'order_mismatch');
  assert.equal(v({ ok: true, response: good }, id).error, 'order_mismatch', 'no order id echoed');
  const big = JSON.parse(JSON.stringify(good));
  big.data.module.trackingDetailLineList[0].detailList.push({
    trackingDetailDesc: 'x'.repeat(300 * 1024),
  });
  assert.equal(v({ orderId: id, ok: true, response: big }, id).error, 'too_large');
  const spoof = JSON.parse(JSON.stringify(good));
  spoof.data.module.tradeOrderId = other;
  assert.equal(v({ orderId: id, ok: true, response: spoof }, id).error, 'order_mismatch');
  for (const bad of [
    null,
    [],
    { data: [] },
    { data: { module: { trackingDetailLineList: {} } } },
    { data: { module: { trackingDetailLineList: ['x'] } } },
    { data: { module: { trackingDetailLineList: [{ detailList: 'x' }] } } },
    { data: { module: { trackingDetailLineList: [{ detailList: [null] }] } } },
    { data: { module: { trackingDetailLineList: [{ mailNo: { toString: 1 } }] } } },
    { ret: 'SUCCESS', data: { module: { trackingDetailLineList: [] } } },
  ])
    assert.equal(
      v({ orderId: id, ok: true, response: bad }, id).error,
      'bad_shape',
      JSON.stringify(bad),
    );
});

test('the pipeline survives a background that answers {error}', async () => {
  const p = page();
  const W = p.window;
  const msgs = [];
  W.chrome.runtime.sendMessage = (msg, cb) => {
    msgs.push(msg.type);
    setTimeout(() => cb({ error: 'bad_message' }), 0);
  };
  const applied = [];
  const ctx = { host: 'www.aliexpress.com', lang: 'en', locale: 'en' };
  await p.WB.pipeline(
    ctx,
    [{ orderId: '8214779947343229', statusText: 'Awaiting delivery', hasTrack: true }],
    (b) => applied.push(...b),
  );
  assert.deepEqual(msgs, ['orders']);
  assert.equal(applied.length, 0);
});
