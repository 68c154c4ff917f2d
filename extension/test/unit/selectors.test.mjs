// Every selector in src/common/selectors.js is tested against the fixture pages
// (built from the reference DOM and the real captures), one assertion each.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createSite,
  staticListPage,
  staticTrackingPage,
  staticDetailPage,
} from '../fixtures/site.mjs';
import { loadDom } from '../lib/dom.mjs';

const site = createSite();
const list = loadDom(
  staticListPage(site, { total: 10 }),
  'https://www.aliexpress.com/p/order/index.html',
);
const track = loadDom(
  staticTrackingPage(site, '8212313961591322'),
  'https://www.aliexpress.com/p/tracking/index.html?tradeOrderId=8212313961591322',
);
const detail = loadDom(
  staticDetailPage(site, '8214398062177351'),
  'https://www.aliexpress.com/p/order/detail.html?orderId=8214398062177351',
);
// aliexpress.ru (reference §2.5) and the anti-bot slider (§4.1): small snippets with the documented classes.
const ru = loadDom(
  `<html lang="ru"><body><div class="RedOrderList_OrderList__item__a2315"><a class="RedOrderList_OrderItem__link__1tjf5" href="/order-list/5555067722909756?filterName=active">
  <span class="RedOrderList_OrderItem__number__1tjf5">5555 0677 2290 9756</span></a></div></body></html>`,
  'https://aliexpress.ru/order-list?filterName=active',
);
const captcha = loadDom(
  '<html><body><div class="baxia-dialog"><div id="nc_1_wrapper" class="nc-container">please slide to verify</div></div></body></html>',
  'https://www.aliexpress.com/p/order/index.html',
);

const SEL = list.WB.SEL;
// The list fixture mixes the live card shapes (link, bare link, mobile button) and Choice
// cards without a store link: count what each selector must find from the orders.
const ten = site.orders(10);
const desktop = ten.filter((o) => o.shape !== 'mobile');
// Where each selector must match, and how many elements at least (exact when `exact`).
const EXPECT = {
  list: {
    doc: list.document,
    container: [1, true],
    card: [10, true],
    header: [10, true],
    headerStatus: [10, true],
    statusText: [10, true],
    headerInfo: [10, true],
    detailLink: [10, true], // the Details link, or the mobile card itself
    trackLink: [desktop.filter((o) => o.shipped).length, true],
    storeLink: [desktop.filter((o) => !o.choice).length, true],
    more: [1, true],
    productName: [8], // not every capture's card has its product line
  },
  detail: {
    doc: detail.document,
    status: [1],
    statusBlock: [1, true],
    statusTitle: [1, true],
    track: [1, true],
    trackLink: [1, true],
    trackEta: [1, true],
    trackDesc: [1, true],
    orderIdRow: [1, true],
  },
  track: {
    doc: track.document,
    ready: [2],
    tab: [1, true],
    tabActive: [1, true],
    eta: [1, true],
    mailNo: [1, true],
    carrier: [1, true],
    mailNoValue: [1, true],
    node: [26, true],
    nodeTitle: [26, true],
    nodeDesc: [26, true],
    nodeTime: [26, true],
    panelAnchor: [2],
    error: [0, true],
  },
  ru: { doc: ru.document, card: [2, true], number: [1, true] },
};

for (const [group, sels] of Object.entries(SEL)) {
  if (typeof sels === 'string') continue;
  for (const [name, sel] of Object.entries(sels)) {
    test(`selector ${group}.${name} matches the fixture page`, () => {
      const exp = EXPECT[group] && EXPECT[group][name];
      assert.ok(exp, `no expectation for ${group}.${name}: every selector needs one`);
      const n = EXPECT[group].doc.querySelectorAll(sel).length;
      if (exp[1]) assert.equal(n, exp[0], `${group}.${name} (${sel})`);
      else assert.ok(n >= exp[0], `${group}.${name} (${sel}) matched ${n}`);
    });
  }
}

test('selector captcha matches the slider and nothing on normal pages', () => {
  assert.equal(captcha.document.querySelectorAll(SEL.captcha).length, 2); // .baxia-dialog, and #nc_1_wrapper.nc-container
  for (const d of [list, track, detail])
    assert.equal(d.document.querySelectorAll(SEL.captcha).length, 0);
});

test('list selectors do not match on the tracking page and vice versa', () => {
  assert.equal(track.document.querySelectorAll(SEL.list.card).length, 0);
  assert.equal(list.document.querySelectorAll(SEL.track.node).length, 0);
});
