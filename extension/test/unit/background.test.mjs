// The background: storage schema and migration, proxy batches of ≤ 40, graceful
// degradation when the proxy is down, refresh cadence by stage, and the views.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSite } from '../fixtures/site.mjs';
import { loadBackground } from '../lib/background.mjs';

const site = createSite();
const V1 = {
  parcels: {
    8214398062177351: {
      number: 'RS0814398526Y',
      status: 'in_transit',
      updatedAt: 1780000000000,
      events: [{ time: '2026-07-01T10:00:00Z', text: 'Departed' }],
      history: [
        { at: 1779000000000, status: 'info_received' },
        { at: 1780000000000, status: 'in_transit' },
      ],
    },
    8212313961591322: { number: 'AA000000000BR', status: 'delivered', updatedAt: 1781000000000 },
    'not-an-order': { number: 'X' },
  },
};

let proxyHandler = null;
const { BG, area, calls } = loadBackground({
  storage: V1,
  proxy: (url, init) => proxyHandler(url, init),
});

test('migration v1 → v4 keeps every status of the history and removes the old key', async () => {
  await BG.ready(); // the worker migrates as it starts
  assert.equal(area.data.meta.migratedFrom, 1);
  assert.equal(area.data.parcels, undefined);
  assert.equal(area.data.meta.schema, BG.SCHEMA);
  const a = area.data['p:8214398062177351'];
  assert.deepEqual(
    a.history.map((h) => h.status),
    ['info_received', 'in_transit'],
  );
  assert.equal(a.ae.sources[0].number, 'RS0814398526Y');
  assert.equal(a.ae.sources[0].events.length, 1);
  const b = area.data['p:8212313961591322'];
  assert.deepEqual(
    b.history.map((h) => h.status),
    ['delivered'],
    'the v1 status becomes history',
  );
  assert.equal(area.data['p:not-an-order'], undefined);
  // Idempotent, and a newer schema is left alone.
  assert.deepEqual(await BG.migrate(area), { from: 4, to: 4, migrated: 0 });
  area.data.meta.schema = 5;
  assert.deepEqual(await BG.migrate(area), { from: 5, to: 5, migrated: 0 });
  area.data.meta.schema = 4;
});

test('proxy calls carry numbers only, in batches of at most 40', async () => {
  proxyHandler = (url, init) => {
    const body = JSON.parse(init.body);
    return {
      status: 200,
      body: {
        results: body.numbers.map((n) => ({
          number: n,
          sources: [{ source: 'cainiao', ok: true, events: [] }],
        })),
      },
    };
  };
  calls.length = 0;
  const numbers = Array.from({ length: 95 }, (_, i) => 'LX' + String(10000000 + i) + '5CN');
  const { results, error } = await BG.track(numbers, 'pt-BR');
  assert.equal(error, null);
  assert.equal(results.size, 95);
  assert.deepEqual(
    calls.map((c) => c.body.numbers.length),
    [40, 40, 15],
  );
  for (const c of calls) {
    assert.equal(c.url, 'http://127.0.0.1:8787/v1/track');
    assert.deepEqual(
      Object.keys(c.body).sort(),
      ['lang', 'numbers'],
      'nothing but numbers and the language',
    );
  }
});

test('cadence follows the stage; finished parcels are never refreshed', () => {
  const H = 3600e3;
  assert.equal(BG.cadence('delivered', 5), null);
  assert.equal(BG.cadence('cancelled', 1), null);
  assert.equal(BG.cadence('out_for_delivery', 4), 2 * H);
  assert.equal(BG.cadence('in_transit', 4), 4 * H);
  assert.equal(BG.cadence('in_transit', 3), 8 * H);
  assert.equal(BG.cadence('info_received', 2), 12 * H);
});

test('orders → views from the card; a Track button asks for AliExpress tracking', async () => {
  const r = await BG.onOrders({
    page: { host: 'www.aliexpress.com', lang: 'en' },
    orders: [
      { orderId: '8214779947343229', statusText: 'Awaiting delivery', hasTrack: true },
      { orderId: '8212268452148012', statusText: 'Completed', hasTrack: false },
      { orderId: 'bad', statusText: 'x' },
    ],
  });
  assert.deepEqual(Object.keys(r.views).sort(), ['8212268452148012', '8214779947343229']);
  assert.deepEqual(r.needMtop, ['8214779947343229']);
  assert.equal(r.views['8214779947343229'].crossChecked, false);
  assert.notEqual(r.views['8214779947343229'].status, 'unknown', 'a Track button means it shipped');
});

test('proxy down: AliExpress data still gives a view, marked not cross-checked', async () => {
  const id = '8214779947343229';
  const a = await BG.onAliExpress({
    orderId: id,
    payload: site.querydetail(id),
    page: { lang: 'en' },
    full: true,
  });
  assert.ok(a.view, JSON.stringify(a));
  proxyHandler = () => {
    throw new TypeError('fetch failed');
  };
  const before = BG.stats.proxyErrors;
  const cc = await BG.onCrosscheck({ orderIds: [id], page: { lang: 'en' } });
  const v = cc.views[id];
  assert.equal(v.crossChecked, false);
  assert.ok(v.numbers.length > 0, 'decode gave the parcel its numbers: ' + JSON.stringify(v));
  assert.equal(cc.proxy.error, 'unreachable');
  assert.equal(v.proxyError, 'unreachable');
  assert.ok(BG.stats.proxyErrors > before);
  assert.equal(v.orderId, id);
});

test('a slow proxy times out and degrades the same way', async () => {
  const id = '8214398062177351';
  await BG.onAliExpress({ orderId: id, payload: site.querydetail(id), page: { lang: 'en' } });
  const rec = (await BG.getRecords([id]))[id];
  rec.checkedAt = 0;
  rec.ae.sources = rec.ae.sources.length
    ? rec.ae.sources
    : [{ source: 'aliexpress', number: 'RS0814398526Y', events: [] }];
  const old = BG.PROXY_TIMEOUT_MS;
  BG.PROXY_TIMEOUT_MS = 100;
  proxyHandler = (url, init) =>
    new Promise((resolve, reject) =>
      init.signal.addEventListener('abort', () =>
        reject(Object.assign(new Error('aborted'), { name: 'AbortError' })),
      ),
    );
  const cc = await BG.onCrosscheck({ orderIds: [id], page: { lang: 'en' } });
  BG.PROXY_TIMEOUT_MS = old;
  assert.equal(cc.proxy.error, 'timeout');
  assert.equal(cc.views[id].crossChecked, false);
  assert.equal(cc.views[id].proxyError, 'timeout');
});

test('toSources maps contract 2 results to merge input, failures included', () => {
  const s = BG.toSources({
    number: 'RS0814398526Y',
    sources: [
      {
        source: 'cainiao',
        ok: true,
        cached: false,
        fetchedAt: '2026-07-01T00:00:00Z',
        status: 'in_transit',
        events: [{ time: '2026-07-01T00:00:00Z', text: 'x' }],
      },
      { source: '17track', ok: false, error: { code: 'upstream_timeout', message: 'slow' } },
      null,
    ],
  });
  assert.deepEqual(JSON.parse(JSON.stringify(s)), [
    {
      source: 'cainiao',
      number: 'RS0814398526Y',
      events: [{ time: '2026-07-01T00:00:00Z', text: 'x' }],
    },
    {
      source: '17track',
      number: 'RS0814398526Y',
      events: [],
      error: { code: 'upstream_timeout', message: 'slow' },
    },
  ]);
});

test('history records every status change and survives re-merges', async () => {
  const rec = BG.newRecord('8211589415816822');
  rec.order.status = 'in_transit';
  rec.ae = {
    fetchedAt: Date.now(),
    sources: [
      {
        source: 'aliexpress',
        number: 'RC000000002EE',
        events: [
          {
            time: '2026-07-01T10:00:00Z',
            text: 'Package collected by carrier.',
            code: 'AE_PICK_UP_SUCCESS',
          },
        ],
      },
    ],
  };
  await BG.remerge(rec);
  const n = rec.history.length;
  await BG.remerge(rec);
  assert.equal(rec.history.length, n, 'no new entry without a change');
  assert.ok(rec.merged, 'merge answered: ' + JSON.stringify(rec.mergeError || null));
  rec.ae.sources[0].events.push({
    time: '2026-07-09T10:00:00Z',
    text: 'Package delivered.',
    code: 'AE_GTMS_SIGNED',
  });
  await BG.remerge(rec);
  assert.equal(rec.history.length, n + 1);
  assert.equal(rec.history[rec.history.length - 1].status, rec.merged.status);
});

test('the refresh alarm re-checks only parcels that are due, in one batch, and skips finished ones', async () => {
  const now = Date.now();
  const mk = (id, number, status, due) => {
    const r = BG.newRecord(id);
    r.ae = { fetchedAt: now, sources: [{ source: 'aliexpress', number, events: [] }] };
    r.merged = { status, numbers: [number], events: [], advice: [] };
    r.nextCheckAt = due;
    return r;
  };
  await BG.putRecords([
    mk('8200000000000001', 'RB000000015CN', 'in_transit', now - 1000),
    mk('8200000000000002', 'RB000000029CN', 'out_for_delivery', now - 1),
    mk('8200000000000003', 'RB000000032CN', 'in_transit', now + 3600e3),
    mk('8200000000000004', 'RB000000046CN', 'delivered', 0),
  ]);
  const seen = [];
  proxyHandler = (url, init) => {
    const body = JSON.parse(init.body);
    seen.push(...body.numbers);
    return {
      status: 200,
      body: {
        results: body.numbers.map((n) => ({
          number: n,
          sources: [{ source: 'cainiao', ok: true, events: [] }],
        })),
      },
    };
  };
  const r = await BG.refreshDue(now);
  assert.equal(r.calls, 1);
  assert.ok(seen.includes('RB000000015CN') && seen.includes('RB000000029CN'), seen.join());
  assert.ok(!seen.includes('RB000000032CN'), 'not due yet');
  assert.ok(!seen.includes('RB000000046CN'), 'delivered: never refreshed');
  const recs = await BG.getRecords(['8200000000000001']);
  assert.ok(recs['8200000000000001'].checkedAt >= now);
});

test('a decoded AliExpress answer is bounded: ≤ 10 sources, ≤ 200 events each, only well-formed numbers', async () => {
  const id = '8214779947343230';
  const q = site.querydetail('8214779947343229');
  const line = q.data.module.trackingDetailLineList[0];
  // Every number the line carries (mailNo, originMailNo, the carrier's "Copy" number) becomes the hostile one.
  const hostile = JSON.stringify(line)
    .split(line.mailNo)
    .join('XXXXX0<script>')
    .split(line.originMailNo || line.mailNo)
    .join('XXXXX0<script>')
    .split('CNBR00160702682')
    .join('XXXXX0<script>');
  q.data.module.trackingDetailLineList = Array.from({ length: 200 }, () => JSON.parse(hostile));
  const a = await BG.onAliExpress({ orderId: id, payload: q, page: { lang: 'en' } });
  assert.ok(a.view, JSON.stringify(a).slice(0, 300));
  const rec = (await BG.getRecords([id]))[id];
  assert.ok(
    rec.ae.sources.length > 0 && rec.ae.sources.length <= 10,
    String(rec.ae.sources.length),
  );
  for (const s of rec.ae.sources) assert.equal(s.number, undefined);
  assert.deepEqual(BG.numbersOf(rec), []);
  assert.deepEqual(a.view.numbers, []);
  let proxied = 0;
  proxyHandler = () => {
    proxied++;
    return { status: 200, body: { results: [] } };
  };
  const cc = await BG.onCrosscheck({ orderIds: [id], page: { lang: 'en' } });
  assert.equal(proxied, 0, 'no proxy call');
  assert.equal(cc.proxy.calls, 0);
  // Events per source and sources per answer, straight through the limiter.
  const many = BG.limitSources(
    Array.from({ length: 30 }, (_, i) => ({
      source: 'aliexpress',
      number: 'LX' + String(10000000 + i) + '5CN',
      events: Array.from({ length: 500 }, () => ({ time: '2026-07-01T10:00:00Z', text: 'x' })),
    })),
  );
  assert.equal(many.length, 10);
  for (const s of many) assert.equal(s.events.length, 200);
  assert.ok(
    BG.validNumber('RS0814398526Y') &&
      !BG.validNumber('SHORT1') &&
      !BG.validNumber('AB12<b>345678') &&
      !BG.validNumber('A'.repeat(41)),
  );
});

test('a page cross-check asks about ≤ 200 numbers, ≤ 2 batches in flight', async () => {
  const recs = [];
  for (let i = 0; i < 60; i++) {
    const r = BG.newRecord('83000000000' + String(10000 + i));
    r.ae = {
      fetchedAt: Date.now(),
      sources: Array.from({ length: 5 }, (_, j) => ({
        source: 'aliexpress',
        number: 'LY' + String(10000000 + i * 10 + j) + '5CN',
        events: [],
      })),
    };
    recs.push(r);
  }
  let inFlight = 0,
    maxInFlight = 0;
  const sent = [];
  proxyHandler = async (url, init) => {
    const body = JSON.parse(init.body);
    sent.push(body.numbers.length);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await new Promise((r) => setTimeout(r, 20));
    inFlight--;
    return { status: 200, body: { results: [] } };
  };
  const res = await BG.crosscheck(recs, 'en', { force: true });
  assert.equal(
    sent.reduce((a, b) => a + b, 0),
    200,
    'capped at 200 of 300 numbers',
  );
  assert.ok(sent.every((n) => n <= 40));
  assert.equal(res.calls, 5);
  assert.equal(maxInFlight, 2);
});

test('the page language reaches the proxy only when it looks like a language tag', async () => {
  const id = '8214398062177351';
  const langs = [];
  proxyHandler = (url, init) => {
    const body = JSON.parse(init.body);
    langs.push(body.lang === undefined ? '(none)' : body.lang);
    return { status: 200, body: { results: [] } };
  };
  for (const lang of [
    'pt_BR',
    'en',
    'en\r\nX-Evil: 1',
    'x'.repeat(20),
    '../../etc',
    'EN',
    'zh-Hans',
  ]) {
    const rec = (await BG.getRecords([id]))[id];
    rec.checkedAt = 0;
    await BG.onCrosscheck({ orderIds: [id], page: { lang } });
  }
  assert.deepEqual(langs, ['pt-BR', 'en', '(none)', '(none)', '(none)', '(none)', 'zh-Hans']);
  assert.equal(BG.proxyLang('pt_BR'), 'pt-BR');
  assert.equal(BG.proxyLang('<script>'), '');
});
