// End to end: the dashboard (contract 4) with the worker up (workerd + fake trackers), in
// headless Chromium and headless Firefox through the browser adapter (test/lib/browsers.mjs;
// WAYBILL_BROWSERS=chromium runs one). The page is driven through the DOM (evaluate) and
// real key presses, so one scenario serves both drivers:
//  - a messy paste → the right parcels and explanations; Enter opens the timeline;
//  - a status change at the fake tracker + refresh → exactly one notification, none on a
//    second refresh;
//  - export → import into a fresh profile → the same parcels and events; again: no duplicates;
//  - "Track with Waybill" / a notification's click open the dashboard on the right thing;
//  - a full store → a visible error and no lost record (Chromium: the quota is simulated in
//    its service worker, which only Chromium's driver can reach).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { waitFor, ROOT } from '../lib/browser.mjs';
import { openBrowser, BROWSERS, sleep } from '../lib/browsers.mjs';
import { workerAndExtension } from '../lib/worker.mjs';
import { s10 } from '../fixtures/site.mjs';

const SHOTS = process.env.SHOTS || path.join(ROOT, 'out', 'extension-test');
fs.mkdirSync(SHOTS, { recursive: true });
// Answers for moving parcels are cached by the worker; a short TTL lets a story change.
process.env.CACHE_TTL = process.env.CACHE_TTL || '1';

const env = workerAndExtension();

const fake = (p, body) =>
  fetch(env.worker.fakes + p, { method: 'POST', body: JSON.stringify(body) }).then((r) => {
    if (!r.ok) throw new Error(`${p}: ${r.status}`);
  });

// openDashboard opens dashboard.html (with a #hash) and waits until its list is drawn
// (extension pages may never report "loaded" over Firefox's BiDi: poll).
async function openDashboard(b, hash = '') {
  const page = await b.newPage();
  await page.goto(`${b.origin}/dashboard/dashboard.html${hash}`, { timeout: 5000 }).catch(() => {});
  await waitFor(
    () =>
      page.evaluate(() => document.body && document.body.dataset.ready === '1').catch(() => false),
    { what: 'dashboard ready', timeout: 30000 },
  );
  return page;
}

// items: what the dashboard shows, per parcel.
const items = (page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('[data-waybill-parcel]')].map((e) => ({
      id: e.dataset.waybillId,
      numbers: e.dataset.waybillNumber,
      status: e.dataset.waybillStatus,
      group: e.dataset.waybillGroup,
      who: e.querySelector('.who').textContent,
    })),
  );
const itemOf = async (page, number) => (await items(page)).find((x) => x.numbers === number);

// click clicks the first element matching a selector, through the DOM.
const click = (page, sel) => page.evaluate((s) => document.querySelector(s).click(), sel);

async function add(page, text) {
  await page.evaluate((t) => {
    document.querySelector('#waybill-add-result').replaceChildren();
    document.querySelector('#waybill-add').value = t;
    document.querySelector('#waybill-add-submit').click();
  }, text);
  await waitFor(
    () =>
      page.evaluate(
        () =>
          !document.querySelector('#waybill-add-submit').disabled &&
          document.querySelector('#waybill-add-result').childElementCount > 0,
      ),
    { what: 'add result', timeout: 30000 },
  );
}

async function refresh(page) {
  await click(page, '#waybill-refresh');
  await sleep(50);
  await waitFor(() => page.evaluate(() => !document.querySelector('#waybill-status').textContent), {
    what: 'refresh done',
    timeout: 30000,
  });
}

const stats = async (b) => (await b.message('stats')).stats;

// exportData: what #waybill-export downloads (the same message the button sends).
const exportData = (page) =>
  page.evaluate(() => globalThis.WB.send(globalThis.WB.MSG.dashExport, {}));

// importFile hands a file to #waybill-import, as a buyer picking it would.
async function importFile(page, text) {
  await page.evaluate((t) => {
    document.querySelector('#waybill-status').textContent = '';
    const input = document.querySelector('#waybill-import');
    const dt = new DataTransfer();
    dt.items.add(new File([t], 'waybill-export.json', { type: 'application/json' }));
    input.files = dt.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }, text);
  return waitFor(() => page.evaluate(() => document.querySelector('#waybill-status').textContent), {
    what: 'import result',
  });
}

const summaryOf = (data) =>
  data.parcels
    .map((p) => [p.id, p.numbers.join(' '), p.events.length, p.name])
    .sort((a, b) => (a[0] < b[0] ? -1 : 1));

for (const kind of BROWSERS) {
  describe(kind, () => {
    let b;
    before(async () => {
      b = await openBrowser(kind, env.ext.root);
    });
    after(async () => {
      if (b) await b.close();
    });

    test(`${kind}: a messy paste — spaced lower-case, fullwidth, an order id, a failed check digit`, async () => {
      const page = await openDashboard(b);
      await add(
        page,
        'Hi! my parcels: rb 147 799 475 cn and ＬＸ１２３４５６７８５ＣＮ.\n' +
          'Order 8214398062177351 — also RB147799476CN (typo?) and rb 147 799 475 cn again',
      );
      const got = await items(page);
      assert.deepEqual(got.map((x) => x.numbers).sort(), ['LX123456785CN', 'RB147799475CN']);
      for (const x of got) assert.ok(['moving', 'attention'].includes(x.group), JSON.stringify(x));
      assert.notEqual(
        (await itemOf(page, 'RB147799475CN')).status,
        'unknown',
        'cross-checked at once',
      );
      const problems = await page.evaluate(() =>
        [...document.querySelectorAll('[data-waybill-problem]')].map((e) => ({
          kind: e.dataset.waybillProblem,
          input: e.dataset.waybillInput,
          suggestion: e.dataset.waybillSuggestion || '',
          text: e.textContent,
          buttons: [...e.querySelectorAll('button')].map((x) => x.className),
        })),
      );
      assert.deepEqual(
        problems.map((p) => [p.kind, p.input, p.suggestion]),
        [
          ['order_number', '8214398062177351', ''],
          ['check_digit', 'RB147799476CN', 'RB147799467CN'],
        ],
      );
      assert.match(problems[0].text, /8214398062177351.*order number/);
      assert.deepEqual(problems[1].buttons, ['use-suggestion', 'add-as-typed']);
      await page.screenshot({ path: path.join(SHOTS, `${kind}-dashboard-add.png`) });
      await click(page, '[data-waybill-problem="check_digit"] button.add-as-typed');
      await waitFor(async () => !!(await itemOf(page, 'RB147799476CN')), { what: 'as typed' });
      // Opening an item with the keyboard (Enter) shows the merged timeline: the panel's component.
      await page.evaluate(() =>
        document
          .querySelector('[data-waybill-parcel][data-waybill-number="RB147799475CN"] button.open')
          .focus(),
      );
      await page.keyboard.press('Enter');
      const opened = await waitFor(
        () =>
          page.evaluate(() => {
            const li = document.querySelector(
              '[data-waybill-parcel][data-waybill-number="RB147799475CN"]',
            );
            const panel = li.querySelector('.waybill-panel');
            return (
              panel &&
              panel.shadowRoot && {
                events: panel.shadowRoot.querySelectorAll('.ev').length,
                expanded: li.querySelector('button.open').getAttribute('aria-expanded'),
              }
            );
          }),
        { what: 'timeline' },
      );
      assert.ok(opened.events > 0, 'events in the timeline');
      assert.equal(opened.expanded, 'true');
      // Search narrows the list.
      await page.evaluate(() => {
        const s = document.querySelector('#waybill-search');
        s.value = 'lx1234';
        s.dispatchEvent(new Event('input'));
      });
      assert.deepEqual(
        (await items(page)).map((x) => x.numbers),
        ['LX123456785CN'],
      );
      await page.close();
    });

    test(`${kind}: a status change at the tracker + refresh → exactly one notification, none on a second refresh`, async () => {
      const number = s10(kind === 'firefox' ? 'LY' : 'LZ', '40000001', 'CN');
      await fake('/_alias', { number, known: 'RC000000002EE' }); // in customs
      const page = await openDashboard(b);
      await add(page, number);
      const first = await itemOf(page, number);
      assert.ok(first && first.status !== 'delivered', JSON.stringify(first));
      const n0 = (await stats(b)).notifications || 0;
      await refresh(page);
      assert.equal((await stats(b)).notifications || 0, n0, 'no change, no notification');
      await fake('/_alias', { number, known: 'RC000000001EE' }); // now delivered
      await sleep(1500); // past the worker's cache TTL
      await refresh(page);
      await waitFor(async () => (await itemOf(page, number)).status === 'delivered', {
        what: 'delivered after refresh',
      });
      const s = await stats(b);
      assert.equal(s.notifications, n0 + 1, JSON.stringify(s.lastNotified));
      assert.deepEqual(s.lastNotified[s.lastNotified.length - 1], {
        kind: 'delivered',
        parcel: 'n:' + number,
      });
      assert.equal((await itemOf(page, number)).group, 'delivered');
      await refresh(page);
      await sleep(300);
      assert.equal((await stats(b)).notifications, n0 + 1, 'none for the same change again');
      await page.close();
    });

    test(`${kind}: "Track with Waybill" and a notification's click open the dashboard on the right thing`, async () => {
      // What the context menu's handler opens (BG.openDashboard('add=…')).
      const page = await openDashboard(b, '#add=' + encodeURIComponent('see ra 123 456 785 cn'));
      await waitFor(async () => !!(await itemOf(page, 'RA123456785CN')), {
        what: 'selection added',
      });
      assert.equal(
        await page.evaluate(() => document.querySelector('#waybill-add').value),
        'see ra 123 456 785 cn',
      );
      const id = (await itemOf(page, 'RA123456785CN')).id;
      await page.close();
      // What a notification's click opens (BG.openDashboard('open=<id>')).
      const p2 = await openDashboard(b, '#open=' + encodeURIComponent(id));
      const expanded = await waitFor(
        () =>
          p2.evaluate((id) => {
            const li = document.querySelector(`[data-waybill-id="${CSS.escape(id)}"]`);
            return li && li.querySelector('.waybill-panel')
              ? li.querySelector('button.open').getAttribute('aria-expanded')
              : '';
          }, id),
        { what: 'opened parcel' },
      );
      assert.equal(expanded, 'true');
      await p2.close();
      if (kind === 'chromium') {
        // The handler itself opens a tab (chrome.tabs.create).
        const [tab] = await Promise.all([
          b.raw.ctx.waitForEvent('page'),
          b.raw.sw.evaluate(() => BG.openDashboard('open=x')),
        ]);
        assert.match(tab.url(), /\/dashboard\/dashboard\.html#open=x$/);
        await tab.close();
      }
    });

    test(`${kind}: export → import into a fresh profile: the same parcels and events, no duplicates`, async () => {
      const page = await openDashboard(b);
      const exported = await exportData(page);
      assert.equal(exported.schema, 1);
      assert.ok(exported.parcels.length >= 4, String(exported.parcels.length));
      const events = exported.parcels.reduce((n, p) => n + p.events.length, 0);
      const csv = await page.evaluate((d) => globalThis.WB.exportCsv(d), exported);
      assert.equal(csv.trim().split('\r\n').length, 1 + events, 'one CSV row per event');
      if (kind === 'chromium') {
        // The buttons download them.
        const [dl] = await Promise.all([
          page.waitForEvent('download'),
          page.click('#waybill-export'),
        ]);
        assert.equal(
          summaryOf(JSON.parse(fs.readFileSync(await dl.path(), 'utf8'))).length,
          exported.parcels.length,
        );
        const [dl2] = await Promise.all([
          page.waitForEvent('download'),
          page.click('#waybill-export-csv'),
        ]);
        assert.equal(fs.readFileSync(await dl2.path(), 'utf8'), csv);
      }
      await page.close();

      const fresh = await openBrowser(kind, env.ext.root);
      try {
        const p2 = await openDashboard(fresh);
        assert.equal((await items(p2)).length, 0, 'a fresh profile');
        const text = JSON.stringify(exported);
        assert.match(await importFile(p2, text), new RegExp(`${exported.parcels.length}`));
        await waitFor(async () => (await items(p2)).length === exported.parcels.length, {
          what: 'imported parcels',
        });
        assert.deepEqual(summaryOf(await exportData(p2)), summaryOf(exported));
        assert.equal(await importFile(p2, text), 'Imported: 0 parcels, 0 new events');
        assert.deepEqual(summaryOf(await exportData(p2)), summaryOf(exported));
        assert.equal((await items(p2)).length, exported.parcels.length);
        await p2.close();
      } finally {
        await fresh.close();
      }
    });

    test(`${kind}: a full store: a visible error, and no record is lost`, async (t) => {
      if (kind !== 'chromium') {
        t.skip('the quota is simulated in the service worker, which only Chromium exposes');
        return;
      }
      const sw = b.raw.sw;
      const page = await openDashboard(b);
      const before = await items(page);
      await sw.evaluate(() => {
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
      const id = before[0].id;
      // Renaming writes; the write fails.
      await page.evaluate(
        (id) => document.querySelector(`[data-waybill-id="${CSS.escape(id)}"] button.open`).click(),
        id,
      );
      await waitFor(
        () =>
          page.evaluate(
            (id) => !!document.querySelector(`[data-waybill-id="${CSS.escape(id)}"] .save-name`),
            id,
          ),
        { what: 'details open' },
      );
      await page.evaluate((id) => {
        const li = document.querySelector(`[data-waybill-id="${CSS.escape(id)}"]`);
        li.querySelector('.detail input[type=text]').value = 'kitchen scale';
        li.querySelector('.save-name').click();
      }, id);
      const err = await waitFor(
        () =>
          page.evaluate(() => {
            const e = document.querySelector('#waybill-error');
            return !e.hidden && e.dataset.waybillError === 'quota' && e.textContent;
          }),
        { what: 'quota error shown' },
      );
      assert.ok(err.length > 20);
      await page.screenshot({ path: path.join(SHOTS, `${kind}-dashboard-quota.png`) });
      const during = await items(page);
      assert.deepEqual(during.map((x) => x.id).sort(), before.map((x) => x.id).sort(), 'none lost');
      assert.match(during.find((x) => x.id === id).who, /kitchen scale/, 'the change is kept');
      // Room again: the next write saves what was kept, and the error goes.
      await sw.evaluate(() => {
        BG.area = globalThis.__realArea;
      });
      await page.evaluate(() => globalThis.WB.send(globalThis.WB.MSG.dashUpdate, { id: 'none' }));
      const other = before[before.length - 1].id;
      await page.evaluate(
        (id) => globalThis.WB.send(globalThis.WB.MSG.dashUpdate, { id, muted: false }),
        other,
      );
      await page.reload();
      await waitFor(() => page.evaluate(() => document.body.dataset.ready === '1'), {
        what: 'reloaded',
      });
      assert.equal(
        await page.evaluate(() => document.querySelector('#waybill-error').hidden),
        true,
      );
      const stored = await sw.evaluate((id) => chrome.storage.local.get('p:' + id), id);
      assert.equal(stored['p:' + id].name, 'kitchen scale', 'saved once there was room');
      await page.close();
    });
  });
}
