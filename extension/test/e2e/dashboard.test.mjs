// End to end: the dashboard (contract 4) with the worker up (workerd + fake trackers).
// A messy paste → the right parcels and explanations; a status change at the fake
// tracker + refresh → exactly one notification, none on a second refresh; a full store →
// a visible error and no lost record; export → import into a fresh profile → the same
// parcels and events, and importing again duplicates nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildExtension, launch, waitFor, ROOT } from '../lib/browser.mjs';
import { startWorker } from '../lib/worker.mjs';
import { s10 } from '../fixtures/site.mjs';

const SHOTS = process.env.SHOTS || path.join(ROOT, 'out', 'extension-test');
fs.mkdirSync(SHOTS, { recursive: true });
// Answers for moving parcels are cached by the worker; a short TTL lets a story change.
process.env.CACHE_TTL = process.env.CACHE_TTL || '1';
let worker, ext, b;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'waybill-dash-'));

before(async () => {
  worker = await startWorker();
  ext = buildExtension(worker.url);
  b = await launch(ext.dir);
});
after(async () => {
  if (b) await b.close();
  if (ext) fs.rmSync(ext.root, { recursive: true, force: true });
  if (worker) await worker.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const fake = (p, body) =>
  fetch(worker.fakes + p, { method: 'POST', body: JSON.stringify(body) }).then((r) => {
    if (!r.ok) throw new Error(`${p}: ${r.status}`);
  });

async function dashboard(browser) {
  const page = await browser.ctx.newPage();
  await page.goto(`chrome-extension://${browser.extId}/dashboard/dashboard.html`);
  await page.waitForSelector('body[data-ready="1"]');
  return page;
}

// items: what the dashboard shows, per parcel.
const items = (page) =>
  page.$$eval('[data-waybill-parcel]', (els) =>
    els.map((e) => ({
      id: e.dataset.waybillId,
      numbers: e.dataset.waybillNumber,
      status: e.dataset.waybillStatus,
      group: e.dataset.waybillGroup,
    })),
  );

async function add(page, text) {
  await page.fill('#waybill-add', text);
  await page.click('#waybill-add-submit');
  await page.waitForFunction(() => !document.querySelector('#waybill-add-submit').disabled);
  await page.waitForFunction(() => document.querySelector('#waybill-add-result').childElementCount);
}

test('a messy paste: spaced lower-case, fullwidth, an order id and a failed check digit', async () => {
  const page = await dashboard(b);
  await add(
    page,
    'Hi! my parcels: rb 147 799 475 cn and ＬＸ１２３４５６７８５ＣＮ.\n' +
      'Order 8214398062177351 — also RB147799476CN (typo?) and rb 147 799 475 cn again',
  );
  const got = await items(page);
  assert.deepEqual(got.map((x) => x.numbers).sort(), ['LX123456785CN', 'RB147799475CN']);
  for (const x of got) assert.ok(['moving', 'attention'].includes(x.group), JSON.stringify(x));
  const rb = got.find((x) => x.numbers === 'RB147799475CN');
  assert.notEqual(rb.status, 'unknown', 'cross-checked at once: ' + JSON.stringify(rb));
  // The order id is refused and explained.
  const order = page.locator('[data-waybill-problem="order_number"]');
  assert.equal(await order.count(), 1);
  assert.match(await order.textContent(), /8214398062177351.*order number/);
  // The failed check digit is held back, with the suggestion and "add as typed".
  const cd = page.locator('[data-waybill-problem="check_digit"]');
  assert.equal(await cd.count(), 1);
  assert.equal(await cd.getAttribute('data-waybill-input'), 'RB147799476CN');
  assert.equal(await cd.getAttribute('data-waybill-suggestion'), 'RB147799467CN');
  assert.equal(await cd.locator('button.use-suggestion').count(), 1);
  await page.screenshot({ path: path.join(SHOTS, 'dashboard-add.png'), fullPage: true });
  await cd.locator('button.add-as-typed').click();
  await waitFor(async () => (await items(page)).some((x) => x.numbers === 'RB147799476CN'), {
    what: 'added as typed',
  });
  // Opening an item (keyboard: Enter) shows the merged timeline, the panel's component.
  const item = page.locator('[data-waybill-parcel][data-waybill-number="RB147799475CN"]');
  await item.locator('button.open').focus();
  await page.keyboard.press('Enter');
  const panel = item.locator('.waybill-panel');
  await panel.waitFor();
  assert.ok((await panel.locator('.ev').count()) > 0, 'events in the timeline');
  assert.equal(await item.locator('button.open').getAttribute('aria-expanded'), 'true');
  // Search by number narrows the list.
  await page.fill('#waybill-search', 'lx1234');
  assert.deepEqual(
    (await items(page)).map((x) => x.numbers),
    ['LX123456785CN'],
  );
  await page.fill('#waybill-search', '');
  await page.close();
});

test('a status change at the tracker + refresh → exactly one notification; none on a second refresh', async () => {
  const number = s10('LZ', '40000001', 'CN');
  await fake('/_alias', { number, known: 'RC000000002EE' });
  const page = await dashboard(b);
  await add(page, number);
  const first = (await items(page)).find((x) => x.numbers === number);
  assert.ok(first && first.status !== 'delivered', JSON.stringify(first));
  const count = () => b.sw.evaluate(() => BG.notified.length);
  const n0 = await count();
  await page.click('#waybill-refresh');
  await page.waitForFunction(() => !document.querySelector('#waybill-status').textContent);
  assert.equal(await count(), n0, 'a refresh without a change notifies nothing');
  await fake('/_alias', { number, known: 'RC000000001EE' }); // now delivered
  await new Promise((r) => setTimeout(r, 1500)); // past the worker's cache TTL
  await page.click('#waybill-refresh');
  await waitFor(
    async () => (await items(page)).find((x) => x.numbers === number).status === 'delivered',
    { what: 'delivered after refresh', timeout: 30000 },
  );
  const got = await b.sw.evaluate((n0) => BG.notified.slice(n0), n0);
  assert.deepEqual(
    got.map((x) => x.kind),
    ['delivered'],
    JSON.stringify(got),
  );
  assert.match(got[0].message, new RegExp(number));
  assert.equal(
    (await items(page)).find((x) => x.numbers === number).group,
    'delivered',
    'in the delivered group',
  );
  await page.click('#waybill-refresh');
  await page.waitForFunction(() => !document.querySelector('#waybill-status').textContent);
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(await count(), n0 + 1, 'no second notification for the same change');
  await page.close();
});

test('a full store: a visible error, and no record is lost', async () => {
  const page = await dashboard(b);
  const before = await items(page);
  await b.sw.evaluate(() => {
    const real = chrome.storage.local;
    globalThis.__realArea = BG.area;
    BG.area = () => ({
      get: (k) => real.get(k),
      remove: (k) => real.remove(k),
      set: async () => {
        throw new Error('Resource::kQuotaBytes quota exceeded');
      },
    });
  });
  // Renaming writes; the write fails.
  const item = page.locator('[data-waybill-parcel]').first();
  const id = await item.getAttribute('data-waybill-id');
  await item.locator('button.open').click();
  await item.locator('.detail input[type=text]').fill('kitchen scale');
  await item.locator('button.save-name').click();
  const err = page.locator('#waybill-error[data-waybill-error="quota"]');
  await err.waitFor({ state: 'visible' });
  assert.ok((await err.textContent()).length > 20);
  await page.screenshot({ path: path.join(SHOTS, 'dashboard-quota.png'), fullPage: true });
  const during = await items(page);
  assert.deepEqual(during.map((x) => x.id).sort(), before.map((x) => x.id).sort(), 'none lost');
  assert.match(await page.locator(`[data-waybill-id="${id}"] .who`).textContent(), /kitchen scale/);
  // Room again: the next write saves what was kept, and the error goes.
  await b.sw.evaluate(() => {
    BG.area = globalThis.__realArea;
  });
  await page.reload();
  await page.waitForSelector('body[data-ready="1"]');
  await page.locator('[data-waybill-parcel]').last().locator('button.open').click();
  await page.locator('[data-waybill-parcel]').last().locator('button.save-name').click();
  await page.locator('#waybill-error').waitFor({ state: 'hidden' });
  const stored = await b.sw.evaluate((id) => chrome.storage.local.get('p:' + id), id);
  assert.equal(stored['p:' + id].name, 'kitchen scale', 'saved once there was room');
  await page.close();
});

test('export → import into a fresh profile: the same parcels and events, no duplicates', async () => {
  const page = await dashboard(b);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('#waybill-export'),
  ]);
  const file = path.join(tmp, 'export.json');
  await download.saveAs(file);
  const exported = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.equal(exported.schema, 1);
  assert.ok(exported.parcels.length >= 3);
  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    page.click('#waybill-export-csv'),
  ]);
  const csvFile = path.join(tmp, 'export.csv');
  await csv.saveAs(csvFile);
  const rows = fs.readFileSync(csvFile, 'utf8').trim().split('\r\n');
  const events = exported.parcels.reduce((n, p) => n + p.events.length, 0);
  assert.equal(rows.length, 1 + events, 'one CSV row per event');
  await page.close();

  const fresh = await launch(ext.dir);
  try {
    const p2 = await dashboard(fresh);
    assert.equal((await items(p2)).length, 0);
    const summary = async () => {
      const data = await p2.evaluate(() => globalThis.WB.send(globalThis.WB.MSG.dashExport, {}));
      return data.parcels
        .map((p) => [p.id, p.numbers.join(' '), p.events.length, p.name])
        .sort((a, b) => (a[0] < b[0] ? -1 : 1));
    };
    const want = exported.parcels
      .map((p) => [p.id, p.numbers.join(' '), p.events.length, p.name])
      .sort((a, b) => (a[0] < b[0] ? -1 : 1));
    await p2.setInputFiles('#waybill-import', file);
    await waitFor(async () => (await items(p2)).length === exported.parcels.length, {
      what: 'imported parcels',
    });
    assert.deepEqual(await summary(), want);
    // Again: nothing new, nothing twice.
    await p2.evaluate(() => (document.querySelector('#waybill-status').textContent = ''));
    await p2.setInputFiles('#waybill-import', file);
    const said = await waitFor(() => p2.textContent('#waybill-status'), { what: 'import result' });
    assert.equal(said, 'Imported: 0 parcels, 0 new events');
    assert.deepEqual(await summary(), want);
    assert.equal((await items(p2)).length, exported.parcels.length);
    await p2.close();
  } finally {
    await fresh.close();
  }
});

test('"Track with Waybill" and a notification click open the dashboard on the right thing', async () => {
  // The context menu's handler opens the dashboard with the selection (BG.openDashboard).
  const [page] = await Promise.all([
    b.ctx.waitForEvent('page'),
    b.sw.evaluate(() => BG.openDashboard('add=' + encodeURIComponent('see ra 123 456 785 cn'))),
  ]);
  await page.waitForSelector('body[data-ready="1"]');
  await waitFor(async () => (await items(page)).some((x) => x.numbers === 'RA123456785CN'), {
    what: 'the selection added',
  });
  assert.equal(await page.inputValue('#waybill-add'), 'see ra 123 456 785 cn');
  const id = (await items(page)).find((x) => x.numbers === 'RA123456785CN').id;
  await page.close();
  // A notification's click opens its parcel, timeline shown.
  const [p2] = await Promise.all([
    b.ctx.waitForEvent('page'),
    b.sw.evaluate((id) => BG.openDashboard('open=' + encodeURIComponent(id)), id),
  ]);
  await p2.waitForSelector('body[data-ready="1"]');
  const item = p2.locator(`[data-waybill-id="${id}"]`);
  await item.locator('.waybill-panel').waitFor();
  assert.equal(await item.locator('button.open').getAttribute('aria-expanded'), 'true');
  await p2.close();
});
