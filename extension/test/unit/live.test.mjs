// What the live AliExpress pages look like (aliexpress-live-2026.md), against the
// fixtures built from that evidence: each ret code, the detail block with its reminder
// and buttons, the tracking page v1/v2 with two packages, the locale cookie without
// <html lang>, and the background's decision to fetch from the status, not the link.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createSite,
  staticDetailPage,
  staticTrackingPage,
  RET,
  PUNISH_URL,
} from '../fixtures/site.mjs';
import fs from 'node:fs';
import path from 'node:path';
import { loadDom, SRC } from '../lib/dom.mjs';
import { loadBackground } from '../lib/background.mjs';

const site = createSite();
const { BG, send } = loadBackground();
const LIST = 'https://www.aliexpress.com/p/order/index.html';

test('every ret code: challenges, logged-out and traffic limit stop; a rotated token does not', () => {
  const { WB } = loadDom('<html><body></body></html>', LIST);
  const id = '8214779947343229';
  const reason = (ret, data) => {
    const v = WB.validateMtop({ orderId: id, ok: true, response: { ret, data: data || {} } }, id);
    assert.equal(v.ok, false, JSON.stringify(ret));
    return WB.stopReason(v.error);
  };
  assert.equal(reason(RET.validate, { url: PUNISH_URL }), 'challenge');
  assert.equal(reason(RET.rgv), 'challenge');
  assert.equal(reason(['SUCCESS::调用成功', 'RGV587_ERROR::SM']), 'challenge', 'in any position');
  assert.equal(reason(RET.session), 'logged_out');
  assert.equal(reason(RET.login), 'logged_out');
  assert.equal(reason(RET.sid), 'logged_out');
  assert.equal(reason(RET.traffic), 'traffic_limit');
  assert.equal(reason(RET.token), '', 'the page library retries a rotated token itself');
  assert.equal(WB.stopReason('challenge'), 'challenge', 'signs the MAIN world saw');
  assert.equal(WB.stopReason('timeout'), '');
  const ok = site.querydetail(id);
  assert.deepEqual(ok.ret, RET.ok);
  assert.equal(WB.validateMtop({ orderId: id, ok: true, response: ok }, id).ok, true);
  // A baxia overlay on the page stops whatever the answer said.
  const c = loadDom('<html><body><div class="baxia-dialog"></div></body></html>', LIST);
  assert.equal(c.WB.stopReason(''), 'challenge');
});

test('detail page: the status is the block title or its first line, never the reminder', () => {
  for (const [id, want] of [
    ['8212313961591322', 'Completed'],
    ['8214398062177351', 'Awaiting delivery'],
  ])
    for (const variant of ['title', '2026']) {
      const { WB, document } = loadDom(
        staticDetailPage(site, id, { variant }),
        'https://www.aliexpress.com/p/order/detail.html?orderId=' + id,
      );
      const w = document.defaultView;
      w.eval(fs.readFileSync(path.join(SRC, 'content/detail.js'), 'utf8')); // a page controller
      const st = WB.readDetailStatus(document);
      assert.equal(st.text, want, variant);
      const products = JSON.parse(JSON.stringify(WB.readDetailProducts(document)));
      assert.equal(products.length, 1);
      assert.match(
        products[0].trackHref,
        new RegExp('^https://www\\.aliexpress\\.com/p/tracking/.*tradeOrderId=' + id),
      );
      assert.equal(products[0].eta, 'Estimated delivery date: Aug 3');
    }
});

test('tracking page v2 and v1 with two packages: prefixes match, each package read', async () => {
  const id = '8214398062177351';
  for (const v of [2, 1]) {
    const { WB, document } = loadDom(
      staticTrackingPage(site, id, { packages: 2, v }),
      'https://www.aliexpress.com/p/tracking/index.html?tradeOrderId=' + id,
    );
    assert.equal(document.querySelectorAll(WB.SEL.track.tab).length, 2, 'v' + v);
    assert.equal(document.querySelectorAll(WB.SEL.track.mailNoValue).length, 1, 'v' + v);
    assert.ok(document.querySelectorAll(WB.SEL.track.node).length > 3, 'v' + v);
    // The static page cannot switch packages: clicking a tab times out and the page's own
    // package is read again; the real switch is the e2e scenario's.
    const all = await WB.readAllPackages(document, { waitMs: 30 });
    assert.equal(all.packages.length, 2);
    assert.ok(all.numberTexts.some((t) => t.includes(site.numbersFor(id).mailNo)));
  }
  // Numbers come from the core's extract (the background), not from a pattern here.
  const r = await BG.onExtract({ text: 'Tracking number: ' + site.packageNumber(id, 2) + ' Copy' });
  assert.deepEqual(r.numbers, [site.packageNumber(id, 2)]);
  assert.deepEqual(await send({ type: 'extract', text: '8214398062177351' }, LIST), {
    numbers: [],
  });
});

test('page language: the aep_usuc_f cookie, then the subdomain, then <html lang>', () => {
  const { WB, document } = loadDom('<html><body></body></html>', LIST);
  document.cookie =
    'aep_usuc_f=' + encodeURIComponent('site=bra&c_tp=BRL&region=BR&b_locale=pt_BR');
  const info = WB.pageInfo(document, new URL(LIST));
  assert.deepEqual([info.lang, info.locale], ['pt-BR', 'pt_BR']);
  document.cookie = 'aep_usuc_f=' + encodeURIComponent('site=isr&b_locale=iw_IL');
  assert.equal(WB.cookieLang(document), 'he-IL', 'legacy iw_IL');
  const sub = loadDom(
    '<html lang="en"><body></body></html>',
    'https://fr.aliexpress.com/p/order/index.html',
  );
  assert.equal(
    sub.WB.pageInfo(sub.document, new URL('https://fr.aliexpress.com/p/order/index.html')).locale,
    'fr',
  );
});

test('the background fetches from the status and stored data, never from the link shape', async () => {
  const now = Date.now();
  const rec = (status, extra) =>
    Object.assign(BG.newRecord('8214398062177351'), extra, { order: { status } });
  assert.equal(BG.needsAliExpress(rec('cancelled'), 'cancelled', now), false);
  assert.equal(BG.needsAliExpress(rec('pending'), 'pending', now), false, 'unpaid');
  assert.equal(
    BG.needsAliExpress(rec('in_transit'), 'in_transit', now),
    true,
    'no Track link needed',
  );
  assert.equal(BG.needsAliExpress(rec('unknown'), 'unknown', now), true);
  assert.equal(
    BG.needsAliExpress(rec('delivered'), 'delivered', now),
    false,
    'completed, date unknown',
  );
  assert.equal(
    BG.needsAliExpress(rec('delivered', { placedAt: now - 200 * 864e5 }), 'delivered', now),
    false,
  );
  assert.equal(
    BG.needsAliExpress(rec('delivered', { placedAt: now - 17 * 864e5 }), 'delivered', now),
    true,
  );
  const fresh = { ae: { sources: [], fetchedAt: now - 40 * 60e3 } };
  assert.equal(
    BG.needsAliExpress(rec('delivered', fresh), 'delivered', now),
    false,
    'stored and terminal',
  );
  assert.equal(
    BG.needsAliExpress(rec('in_transit', fresh), 'in_transit', now),
    false,
    'cached by stage (12 h early on)',
  );
  const old = { ae: { sources: [], fetchedAt: now - 13 * 3600e3 } };
  assert.equal(BG.needsAliExpress(rec('in_transit', old), 'in_transit', now), true);
  // During a cool-down nothing is asked, and the view says paused.
  await BG.onChallenge({ reason: 'challenge' }, { url: LIST });
  const r = await BG.onOrders({
    page: { host: 'www.aliexpress.com', lang: 'en' },
    orders: [{ orderId: '8215000000000011', statusText: 'Awaiting delivery', hasTrack: false }],
  });
  assert.deepEqual(r.needMtop, []);
  assert.equal(r.views['8215000000000011'].paused, true);
  assert.ok(r.pausedUntil > now + 29 * 60e3);
  assert.deepEqual(
    await BG.onChallenge({ reason: 'weird' }, {}).then((x) => x.reason),
    'challenge',
  );
});

test('carrier contact links: https on a known carrier host only; anything else is text', () => {
  const { WB, document } = loadDom('<html><body></body></html>', LIST);
  const L = WB.links;
  assert.equal(
    L.carrierSite('https://www.correios.com.br/atendimento'),
    'https://www.correios.com.br/atendimento',
  );
  assert.equal(
    L.carrierSite('https://tools.usps.com/go/TrackConfirmAction'),
    'https://tools.usps.com/go/TrackConfirmAction',
  );
  for (const bad of [
    'http://www.correios.com.br/',
    'https://correios.com.br.evil.example/',
    'https://evilcorreios.com.br/',
    'https://user:pw@www.ups.com/',
    'https://example.com/track',
    'javascript:alert(1)',
    '',
    null,
  ])
    assert.equal(L.carrierSite(bad), '', String(bad));
  const view = {
    orderId: '8214398062177351',
    numbers: ['RS0814398526Y'],
    contacts: [{ name: 'Shady Post', url: 'https://shady.example/track?x=1', phone: '' }],
    advice: [{ code: 'contact_local_carrier' }],
  };
  const ul = document.createElement('ul');
  WB.renderAdvice(document, ul, 'en', view, { host: 'www.aliexpress.com' });
  assert.equal(ul.querySelectorAll('a').length, 0, 'no link to an unknown host');
  assert.match(
    ul.querySelector('.action-text').textContent,
    /Shady Post — https:\/\/shady\.example/,
  );
  view.contacts = [{ name: 'Correios', url: 'https://www.correios.com.br/', phone: '' }];
  const ul2 = document.createElement('ul');
  WB.renderAdvice(document, ul2, 'en', view, { host: 'www.aliexpress.com' });
  assert.deepEqual(
    [...ul2.querySelectorAll('a')].map((a) => a.getAttribute('href')),
    ['https://www.correios.com.br/'],
  );
});
