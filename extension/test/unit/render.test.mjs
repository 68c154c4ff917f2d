// Rendering: one badge per card, updated in place; contract 3 attributes; the
// page's language; hostile remote text stays text; remote URLs are gated; the
// tracking panel shows sources, conflicts, advice with actions and every number.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSite, staticListPage, staticTrackingPage, HOSTILE_DESC } from '../fixtures/site.mjs';
import { loadDom } from '../lib/dom.mjs';

const site = createSite();
const ctx = (locale, host = 'www.aliexpress.com') => ({ locale, host, lang: '' });
const VIEW = {
  orderId: '8214398062177351',
  status: 'in_transit',
  numbers: ['RS0814398526Y', 'LP00000000000001'],
  crossChecked: true,
  checkedWith: ['17track', 'cainiao'],
  latest: { time: '2026-07-20T10:00:00Z', text: HOSTILE_DESC, location: 'Curitiba <b>PR</b>' },
  eta: { min: '2026-08-03T00:00:00Z', max: '2026-08-14T00:00:00Z' },
  stale: true,
  daysSinceUpdate: 12,
  advice: [
    { code: 'open_dispute' },
    {
      code: 'contact_local_carrier',
      contact: {
        name: 'J&T <i>Express</i>',
        url: 'javascript:alert(1)',
        phone: '+55 11 4004-0000',
      },
    },
    { code: 'follow_new_number', number: 'RS0814398526Y' },
    { code: 'no_tracking' },
    { code: 'brand_new_code' },
  ],
};

function listPage(opts) {
  return loadDom(
    staticListPage(site, { total: 10, ...opts }),
    `https://${(opts && opts.host) || 'www.aliexpress.com'}/p/order/index.html`,
  );
}

test('badge: contract 3 attributes, one per card, updated in place', () => {
  const { WB, document } = listPage();
  const card = WB.cards(document)[0];
  const a = WB.renderBadge(card, VIEW, ctx('en'));
  assert.equal(a.getAttribute('data-waybill-status'), 'in_transit');
  assert.equal(a.getAttribute('data-waybill-number'), 'RS0814398526Y LP00000000000001');
  assert.equal(a.getAttribute('data-waybill-checked'), 'true');
  for (let i = 0; i < 5; i++) WB.renderBadge(card, VIEW, ctx('en'));
  const b = WB.renderBadge(
    card,
    { ...VIEW, status: 'delivered', numbers: ['RS0814398526Y'], crossChecked: false },
    ctx('en'),
  );
  assert.equal(b, a, 'the same element, updated in place');
  assert.equal(card.querySelectorAll('.waybill-badge').length, 1);
  assert.equal(b.getAttribute('data-waybill-status'), 'delivered');
  assert.equal(b.getAttribute('data-waybill-number'), 'RS0814398526Y');
  assert.ok(card.querySelector('.order-item-header-status .waybill-badge'), 'next to the status');
  // A duplicate (say, a cloned card) is cleaned up.
  card.append(b.cloneNode(true));
  WB.renderBadge(card, VIEW, ctx('en'));
  assert.equal(card.querySelectorAll('.waybill-badge').length, 1);
});

test('badge text is in the page language', () => {
  const want = {
    en: 'In transit',
    pt_BR: 'Em trânsito',
    es: 'En tránsito',
    ru: 'В пути',
    fr: 'En transit',
    de: 'Unterwegs',
  };
  for (const [loc, text] of Object.entries(want)) {
    const { WB, document } = listPage();
    const b = WB.renderBadge(WB.cards(document)[0], VIEW, ctx(loc));
    assert.equal(b.shadowRoot.querySelector('.pill').textContent, text, loc);
  }
  const { WB, document } = listPage();
  const b = WB.renderBadge(WB.cards(document)[0], { ...VIEW, crossChecked: false }, ctx('pt_BR'));
  assert.equal(b.shadowRoot.querySelector('.note').textContent, 'não conferido');
});

test('tooltip: latest event, ETA, staleness, numbers and advice with actions; remote text stays text', () => {
  const { WB, document } = listPage();
  const b = WB.renderBadge(WB.cards(document)[0], VIEW, {
    ...ctx('en'),
    storeUrl: 'https://www.aliexpress.com/store/1102357078',
  });
  assert.equal(b.shadowRoot.querySelector('.tip'), null, 'built only when wanted');
  b.dispatchEvent(new b.ownerDocument.defaultView.Event('mouseenter'));
  const tip = b.shadowRoot.querySelector('.tip');
  assert.ok(
    tip.querySelector('.latest').textContent.includes(HOSTILE_DESC),
    'the markup shows as text',
  );
  assert.ok(tip.querySelector('.latest').textContent.includes('Curitiba <b>PR</b>'));
  assert.equal(
    b.shadowRoot.querySelectorAll('img, b, i, script').length,
    0,
    'no remote markup became elements',
  );
  assert.match(tip.querySelector('.eta').textContent, /Aug.*2026/);
  assert.equal(tip.querySelector('.stale').textContent, 'No update for 12 days');
  const links = [...tip.querySelectorAll('.advice')].map((li) => [
    li.dataset.advice,
    [...li.querySelectorAll('a')].map((a) => a.getAttribute('href')),
  ]);
  assert.deepEqual(links, [
    ['open_dispute', ['https://www.aliexpress.com/p/order/detail.html?orderId=8214398062177351']],
    ['contact_local_carrier', ['tel:+551140040000']], // the javascript: URL is dropped, the phone stays
    ['follow_new_number', ['https://global.cainiao.com/newDetail.htm?mailNoList=RS0814398526Y']],
    ['no_tracking', ['https://www.aliexpress.com/store/1102357078']],
    ['brand_new_code', ['https://www.aliexpress.com/p/order/detail.html?orderId=8214398062177351']],
  ]);
  assert.ok(tip.textContent.includes('Advice: brand_new_code'));
  for (const a of tip.querySelectorAll('a'))
    assert.equal(a.getAttribute('rel'), 'noopener noreferrer');
});

test('links: only https (or tel:) URLs pass the gate', () => {
  const { WB } = listPage();
  const L = WB.links;
  assert.equal(L.safeHttps('https://www.jtexpress.com.br/'), 'https://www.jtexpress.com.br/');
  assert.equal(L.safeHttps('//www.aliexpress.com/store/1'), 'https://www.aliexpress.com/store/1');
  for (const bad of [
    'javascript:alert(1)',
    'http://x.example/',
    'data:text/html,<script>',
    'https://u:p@x.example/',
    '',
    null,
    5,
  ])
    assert.equal(L.safeHttps(bad), '', String(bad));
  assert.equal(L.tel('+55 (11) 4004-0000'), 'tel:+551140040000');
  assert.equal(L.tel('call us'), '');
  assert.equal(L.cainiao('A B&C'), 'https://global.cainiao.com/newDetail.htm?mailNoList=A%20B%26C');
  assert.equal(
    L.orderDetail('evil.example', '1'),
    'https://www.aliexpress.com/p/order/detail.html?orderId=1',
  );
  assert.equal(
    L.orderDetail('pt.aliexpress.com', '1'),
    'https://pt.aliexpress.com/p/order/detail.html?orderId=1',
  );
});

test('tracking panel: events with sources, conflicts, advice, numbers with copy and links', () => {
  const { WB, document } = loadDom(
    staticTrackingPage(site, '8212313961591322'),
    'https://www.aliexpress.com/p/tracking/index.html?tradeOrderId=8212313961591322',
  );
  const view = {
    ...VIEW,
    progress: { stage: 3, of: 5 },
    legs: [
      { number: 'RS0814398526Y', role: 'last_mile', carrier: 'J&T <b>Express</b>' },
      { number: 'LP00000000000001', role: 'first_mile' },
    ],
    events: [
      {
        time: '2026-07-01T10:00:00Z',
        status: 'in_transit',
        text: 'Package collected by carrier.',
        sources: ['aliexpress', 'cainiao'],
      },
      {
        time: '2026-07-20T10:00:00Z',
        status: 'in_transit',
        text: HOSTILE_DESC,
        location: 'São Paulo',
        sources: ['17track'],
      },
    ],
    conflicts: [
      {
        code: 'delivered_one_source',
        message: 'Only cainiao reports the delivery; 17track does not.',
        sources: ['cainiao', '17track'],
      },
    ],
  };
  const host = WB.renderPanel(document, view, ctx('en'));
  WB.renderPanel(document, view, ctx('en'));
  assert.equal(document.querySelectorAll('.waybill-panel').length, 1);
  assert.equal(host.getAttribute('data-waybill-number'), 'RS0814398526Y LP00000000000001');
  const root = host.shadowRoot;
  const evs = [...root.querySelectorAll('.ev')];
  assert.deepEqual(
    evs.map((e) => e.dataset.sources),
    ['17track', 'aliexpress cainiao'],
    'newest first, with sources',
  );
  assert.equal(evs[0].querySelector('.text').textContent, HOSTILE_DESC);
  assert.equal(root.querySelectorAll('img, script, b').length, 0);
  // Conflicts are words from _locales by code, never the core's English message.
  assert.equal(
    root.querySelector('.conflict:not(h3)').textContent,
    'Only one source says “delivered”. — cainiao, 17track',
  );
  assert.match(WB.conflictText('pt_BR', view.conflicts[0]), /^Só uma fonte diz “entregue”\./);
  assert.match(WB.conflictText('ar', { code: 'new_code' }), /new_code/);
  // A sub-status a buyer acts on is named in the pill; one without words is not shown.
  const pick = WB.renderPanel(
    document,
    { ...view, status: 'available_for_pickup', sub: 'available_for_pickup_locker' },
    ctx('pt_BR'),
  );
  assert.equal(
    pick.shadowRoot.querySelector('.pill').textContent,
    'Pronto para retirada · Em um armário inteligente',
  );
  const other = WB.renderPanel(document, { ...view, sub: 'in_transit_other' }, ctx('en'));
  assert.equal(other.shadowRoot.querySelector('.pill').textContent, 'In transit');
  const nums = [...root.querySelectorAll('.number')].map((li) => [
    li.querySelector('code').textContent,
    li.querySelector('button.copy').dataset.number,
    li.querySelector('a.cainiao').href,
    li.querySelector('a.track17').href,
  ]);
  assert.deepEqual(nums, [
    [
      'RS0814398526Y',
      'RS0814398526Y',
      'https://global.cainiao.com/newDetail.htm?mailNoList=RS0814398526Y',
      'https://t.17track.net/en#nums=RS0814398526Y',
    ],
    [
      'LP00000000000001',
      'LP00000000000001',
      'https://global.cainiao.com/newDetail.htm?mailNoList=LP00000000000001',
      'https://t.17track.net/en#nums=LP00000000000001',
    ],
  ]);
  assert.ok(root.textContent.includes('Stage 3 of 5'));
  assert.deepEqual(
    [...root.querySelectorAll('.number .leg')].map((e) => e.textContent),
    [' last mile · J&T <b>Express</b>', ' first mile'],
  );
  assert.equal(root.querySelectorAll('.advice').length, 5);
  // The panel sits above AliExpress's own tracking block.
  assert.ok(
    host.nextElementSibling &&
      /arrival-time-v2--title|logistic-info-v2--mailNo--/.test(host.nextElementSibling.className),
  );
});

test('panel says so when the cross-check is unavailable', () => {
  const { WB, document } = loadDom(
    staticTrackingPage(site, '8212313961591322'),
    'https://www.aliexpress.com/p/tracking/index.html?tradeOrderId=8212313961591322',
  );
  const host = WB.renderPanel(
    document,
    { ...VIEW, crossChecked: false, proxyError: 'unreachable', events: [] },
    ctx('de'),
  );
  assert.equal(
    host.shadowRoot.querySelector('.not-checked').textContent,
    'Abgleich nicht verfügbar: nur die Sendungsverfolgung von AliExpress.',
  );
  assert.equal(host.shadowRoot.querySelector('p').textContent, 'Noch keine Ereignisse.');
});

test('the page sees only the contract-3 attributes of a badge', () => {
  const { WB, document } = listPage();
  const b = WB.renderBadge(WB.cards(document)[0], VIEW, ctx('en'));
  assert.deepEqual(b.getAttributeNames().sort(), [
    'class',
    'data-waybill-checked',
    'data-waybill-number',
    'data-waybill-order',
    'data-waybill-status',
    'tabindex',
  ]);
});
