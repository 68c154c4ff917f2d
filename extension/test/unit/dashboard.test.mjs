// The dashboard's background: adding numbers from pasted text (extract/parse), a number
// added while the proxy is down is retried by the refresh alarm, export → import merges
// without losing or duplicating parcels or events, and a hostile import stays data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadBackground } from '../lib/background.mjs';

let up = false;
const EVENTS = [
  { time: '2026-11-20T10:00:00Z', text: 'Accepted by carrier' },
  { time: '2026-11-22T10:00:00Z', text: 'Departed from origin' },
];
const { BG } = loadBackground({
  proxy: (url, init) => {
    if (!up) throw new TypeError('fetch failed');
    const body = JSON.parse(init.body);
    return {
      status: 200,
      body: {
        results: body.numbers.map((n) => ({
          number: n,
          sources: [{ source: 'cainiao', ok: true, events: EVENTS }],
        })),
      },
    };
  },
});

test('a messy paste: numbers added, the order id and the failed check digit explained', async () => {
  const r = await BG.onDashAdd({
    text: 'rb 147 799 475 cn; ＬＸ１２３４５６７８５ＣＮ; 8214398062177351; RB147799476CN; rb147799475cn',
  });
  assert.deepEqual(r.added, ['RB147799475CN', 'LX123456785CN']);
  assert.deepEqual(
    r.problems.map((p) => [p.kind, p.number || p.input, p.suggestion || '']),
    [
      ['order_number', '8214398062177351', ''],
      ['check_digit', 'RB147799476CN', 'RB147799467CN'],
    ],
  );
  // Proxy down: kept, numbered, and due again for the alarm.
  const rec = (await BG.getRecords(['n:RB147799475CN']))['n:RB147799475CN'];
  assert.deepEqual(BG.numbersOf(rec), ['RB147799475CN']);
  assert.ok(rec.nextCheckAt > Date.now(), 'retried later');
  up = true;
  const res = await BG.refreshDue(Date.now() + 2 * 3600e3);
  assert.equal(res.due, 2);
  const back = (await BG.getRecords(['n:RB147799475CN']))['n:RB147799475CN'];
  assert.equal(back.merged.events.length, 2);
  // Again: duplicates, nothing added; "as typed" adds the held-back number.
  const again = await BG.onDashAdd({ text: 'RB147799475CN', asTyped: ['RB147799476CN'] });
  assert.deepEqual(again.added, ['RB147799476CN']);
  assert.deepEqual(again.duplicates, ['RB147799475CN']);
});

test('export → import: nothing lost, nothing twice; a hostile file stays data', async () => {
  const exported = JSON.parse(JSON.stringify(await BG.onDashExport({})));
  assert.equal(exported.schema, 1);
  const fresh = loadBackground({}).BG;
  const first = await fresh.onDashImport({ data: exported });
  assert.equal(first.imported, exported.parcels.length);
  const second = await fresh.onDashImport({ data: exported });
  assert.equal(second.imported, 0);
  assert.equal(second.events, 0);
  const mine = (await fresh.onDashExport({})).parcels.map((p) => [p.id, p.events.length]).sort();
  const theirs = exported.parcels.map((p) => [p.id, p.events.length]).sort();
  assert.deepEqual(mine, theirs);
  // A newer event in a later export is merged in, once.
  const later = structuredClone(exported);
  const p = later.parcels.find((x) => x.id === 'n:RB147799475CN');
  p.proxy.RB147799475CN.sources[0].events.push({
    time: '2026-11-25T10:00:00Z',
    text: 'Arrived at destination',
  });
  assert.equal((await fresh.onDashImport({ data: later })).events, 1);
  assert.equal((await fresh.onDashImport({ data: later })).events, 0);
  // Hostile or foreign files.
  assert.equal(
    (await fresh.onDashImport({ data: { schema: 99, parcels: [] } })).error.code,
    'not_an_export',
  );
  assert.equal((await fresh.onDashImport({ data: [] })).error.code, 'not_an_export');
  const bad = await fresh.onDashImport({
    data: {
      schema: 1,
      parcels: [
        { orderId: '<img src=x>', name: 'x' },
        { manual: { number: '../../etc' } },
        { manual: { number: 'LX123456785CN' }, name: '<b>lamp</b>'.repeat(50) },
      ],
    },
  });
  assert.equal(bad.imported, 0, 'LX123456785CN was there already; the rest is refused');
  const lx = (await fresh.getRecords(['n:LX123456785CN']))['n:LX123456785CN'];
  assert.ok(lx.name.length <= 80);
});

test("an order's store and product names reach the dashboard's search", async () => {
  await BG.onOrders({
    page: { host: 'www.aliexpress.com', lang: 'en' },
    orders: [
      {
        orderId: '8214398062177351',
        statusText: 'Awaiting delivery',
        hasTrack: true,
        store: 'LIMA Store',
        product: 'Neo XENON 2.1 cable',
      },
    ],
  });
  const list = await BG.dashListing();
  const p = list.parcels.find((x) => x.orderId === '8214398062177351');
  assert.equal(p.store, 'LIMA Store');
  assert.equal(p.product, 'Neo XENON 2.1 cable');
});
