// Reading orders off the pages: ids from links (not label text), statuses, the
// tracking page's DOM fallback, page kinds and the page language.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSite, staticListPage, staticTrackingPage } from '../fixtures/site.mjs';
import { loadDom } from '../lib/dom.mjs';

const site = createSite();

test('readCard reads every card of the real first page', () => {
  const { WB, document } = loadDom(
    staticListPage(site, { total: 10 }),
    'https://www.aliexpress.com/p/order/index.html',
  );
  const got = JSON.parse(JSON.stringify(WB.cards(document).map((c) => WB.readCard(c)))); // out of jsdom's realm
  const want = site.orders(10);
  assert.deepEqual(
    got.map((g) => g.orderId),
    want.map((o) => o.orderId),
  );
  // A Track link (with tradeOrderId or bare) is a hint; the mobile layout's <button> has none.
  assert.deepEqual(
    got.map((g) => g.hasTrack),
    want.map((o) => o.shipped && o.shape !== 'mobile'),
  );
  assert.deepEqual([...new Set(got.map((g) => g.statusText))].sort(), [
    'Awaiting delivery',
    'Completed',
  ]);
  for (const [i, g] of got.entries())
    if (want[i].choice || want[i].shape === 'mobile') assert.equal(g.storeUrl, '', 'no store link');
    else assert.match(g.storeUrl, /^https:\/\/www\.aliexpress\.com\/store\/\d+$/);
  // Store and product names, for the dashboard's search.
  for (const [i, g] of got.entries())
    if (!want[i].choice && want[i].shape !== 'mobile') assert.ok(g.store.length > 2, g.store);
  assert.ok(got.filter((g) => g.product.length > 5).length >= 8, 'product names');
  // Order dates are read ("Jul 15, 2026"), for "completed recently".
  assert.equal(new Date(got[0].placedAt).toISOString().slice(0, 10), '2026-09-01');
});

test('pt_BR status text is collapsed (trailing space)', () => {
  const { WB, document } = loadDom(
    staticListPage(site, { total: 10, host: 'pt.aliexpress.com', lang: 'pt-BR' }),
    'https://pt.aliexpress.com/p/order/index.html',
  );
  const got = WB.cards(document).map((c) => WB.readCard(c).statusText);
  assert.ok(got.includes('Concluído'));
  assert.ok(got.includes('Aguardando a entrega'));
});

test('order ids come from links, with the header text only as a last resort', () => {
  const { WB, document } = loadDom(
    `<html><body>
    <div class="order-item" id="a"><div class="order-item-header-right-info"><div>Order ID: 1111111111111111</div></div>
      <a data-pl="order_item_header_detail" href="//www.aliexpress.com/p/order/detail.html?orderId=8214398062177351">Details</a></div>
    <div class="order-item" id="b"><a class="order-item-btn" href="https://www.aliexpress.com/p/tracking/index.html?_addShare=no&tradeOrderId=8214779947343229">Track</a></div>
    <a class="order-item order-item-mobile" id="c" href="/p/order/detail.html?orderId=8212313961591322">mobile</a>
    <div class="order-item" id="d"><div class="order-item-header-right-info"><div>주문번호:: 8212268452148012 Copy</div></div></div>
    <div class="order-item" id="e"><div class="order-item-header-right-info"><div>Ref. Number: 5555 0677 2290 9756</div></div></div>
    <div class="order-item" id="f"><div class="order-item-header-right-info"><div>Date: Sep 1, 2026</div></div></div>
  </body></html>`,
    'https://www.aliexpress.com/p/order/index.html',
  );
  const id = (x) => WB.readCard(document.getElementById(x)).orderId;
  assert.equal(id('a'), '8214398062177351', 'the link wins over label text');
  assert.equal(id('b'), '8214779947343229');
  assert.equal(id('c'), '8212313961591322');
  assert.equal(id('d'), '8212268452148012');
  assert.equal(id('e'), '5555067722909756');
  assert.equal(id('f'), '');
});

test('idFromHref', () => {
  const { WB } = loadDom('<html></html>', 'https://www.aliexpress.com/');
  const cases = [
    ['//www.aliexpress.com/p/order/detail.html?orderId=8214398062177351', '8214398062177351'],
    ['/p/tracking/index.html?tradeOrderId=8214398062177351&tradeOrderLineId=1', '8214398062177351'],
    ['https://www.aliexpress.com/p/order/detail.html?orderId=abc', ''],
    ['https://www.aliexpress.com/p/order/detail.html?orderId=123', ''],
    ['', ''],
  ];
  for (const [href, want] of cases) assert.equal(WB.idFromHref(href), want, href);
});

test('readTrackingDom reads numbers and events from the hashed classes', () => {
  const { WB, document } = loadDom(
    staticTrackingPage(site, '8212313961591322', { hostile: true }),
    'https://www.aliexpress.com/p/tracking/index.html?tradeOrderId=8212313961591322',
  );
  const r = JSON.parse(JSON.stringify(WB.readTrackingDom(document)));
  // The number blocks' text, for the core's extract (the background's): no pattern here.
  assert.ok(
    r.numberTexts.some((t) => t.includes('AA000000014BR')),
    r.numberTexts.join('|'),
  );
  assert.equal(r.numbers, undefined);
  assert.equal(r.events.length, 26);
  assert.equal(r.events[0].title, '<script>window.__waybillPwned=2</script>', 'kept as text');
  assert.equal(r.events[1].title, 'Delivery update');
  assert.equal(
    r.events[1].timeText,
    site.querydetail('8212313961591322').data.module.trackingDetailLineList[0].detailList[1]
      .timeText,
  );
  assert.match(r.eta, /^Delivered：/);
});

test('page kinds and languages', () => {
  const { WB } = loadDom('<html></html>', 'https://www.aliexpress.com/');
  const kind = (u) => WB.pageKind(new URL(u));
  assert.equal(kind('https://www.aliexpress.com/p/order/index.html?spm=x'), 'list');
  assert.equal(kind('https://pt.aliexpress.com/p/order/index.html'), 'list');
  assert.equal(kind('https://www.aliexpress.us/p/order/index.html'), 'list');
  assert.equal(kind('https://www.aliexpress.com/p/order/detail.html?orderId=1'), 'detail');
  assert.equal(kind('https://www.aliexpress.com/p/tracking/index.html?tradeOrderId=1'), 'track');
  assert.equal(kind('https://aliexpress.ru/order-list?filterName=active'), 'ru');
  assert.equal(kind('https://evil-aliexpress.com/p/order/index.html'), '');
  assert.equal(kind('https://www.aliexpress.com.evil.example/p/order/index.html'), '');
  const loc = (lang, host) => WB.localeFor(lang, host);
  assert.equal(loc('pt-BR', 'pt.aliexpress.com'), 'pt_BR');
  assert.equal(loc('', 'pt.aliexpress.com'), 'pt_BR');
  assert.equal(loc('es-ES', 'es.aliexpress.com'), 'es');
  assert.equal(loc('fr', 'fr.aliexpress.com'), 'fr');
  assert.equal(loc('de-DE', 'de.aliexpress.com'), 'de');
  assert.equal(loc('', 'aliexpress.ru'), 'ru');
  assert.equal(loc('ko-KR', 'ko.aliexpress.com'), 'ko');
  assert.equal(loc('', 'ar.aliexpress.com'), 'ar');
  assert.equal(loc('iw_IL', 'he.aliexpress.com'), 'he');
  assert.equal(loc('in-ID', ''), 'id');
  assert.equal(loc('zh-CN', ''), 'en');
  assert.equal(WB.dirFor('ar'), 'rtl');
  assert.equal(WB.dirFor('he'), 'rtl');
  assert.equal(WB.dirFor('pt_BR'), 'ltr');
  assert.equal(loc('en-US', 'www.aliexpress.us'), 'en');
});
