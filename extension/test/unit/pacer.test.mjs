// The background's mtop pacer (background/pacer.js) on a fake clock: one querydetail
// call in flight across tabs, ≥ 400 ms + 0–200 ms jitter after the last one ended, a
// slot held > 15 s or by a closed tab taken back, the state in storage.session so a
// worker that sleeps and wakes cannot shorten the gap. And the page-health reports in
// storage.session, per tab, gone with the tab.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadBackground, fakeArea } from '../lib/background.mjs';

const LIST = 'https://www.aliexpress.com/p/order/index.html';
const { BG, area, session, send, closeTab } = loadBackground();

const areaOf = (a) => () => a;

function clock(t = 1_000_000) {
  return {
    now: () => t,
    tick(ms) {
      t += ms;
    },
  };
}

test('one slot across tabs; the next call only ≥ 400 ms + jitter after the last one ended', async () => {
  for (const [rnd, gap] of [
    [0, 400],
    [0.999, 599],
  ]) {
    const c = clock();
    const p = BG.makePacer({ now: c.now, random: () => rnd, area: areaOf(fakeArea()) });
    const a = await p.slot(1);
    assert.equal(a.granted, true);
    const b = await p.slot(2);
    assert.equal(b.granted, false, 'another tab holds the slot');
    assert.equal(b.holder, 'other_tab');
    assert.ok(b.retryMs > 0 && b.retryMs <= 1000, String(b.retryMs));
    assert.equal((await p.slot(1)).granted, false, 'the same tab too: one call in flight');
    c.tick(3000); // the call takes 3 s
    assert.deepEqual(await p.done(a.token), { ok: true });
    const r = await p.slot(2);
    assert.equal(r.granted, false, 'right after the call ended');
    assert.equal(r.retryMs, gap);
    c.tick(gap - 1);
    assert.equal((await p.slot(2)).granted, false, `${gap - 1} ms after`);
    c.tick(1);
    assert.equal((await p.slot(2)).granted, true, `${gap} ms after`);
  }
});

test('asked at the same moment by two tabs: exactly one is granted', async () => {
  const c = clock();
  const p = BG.makePacer({ now: c.now, random: () => 0.5, area: areaOf(fakeArea()) });
  const got = await Promise.all([1, 2, 3, 1].map((t) => p.slot(t)));
  assert.equal(got.filter((g) => g.granted).length, 1);
});

test('a worker that sleeps and wakes keeps the gap: the state is in the session area', async () => {
  const c = clock();
  const store = fakeArea();
  const first = BG.makePacer({ now: c.now, random: () => 0, area: () => store });
  const s = await first.slot(1);
  c.tick(200);
  await first.done(s.token);
  // The worker stops; a new one starts with nothing in memory.
  const woken = BG.makePacer({ now: c.now, random: () => 0, area: () => store });
  c.tick(100);
  const r = await woken.slot(2);
  assert.equal(r.granted, false);
  assert.equal(r.retryMs, 300);
  c.tick(300);
  const held = await woken.slot(2);
  assert.equal(held.granted, true);
  // A wake while a call is in flight: still held.
  const again = BG.makePacer({ now: c.now, random: () => 0, area: () => store });
  assert.equal((await again.slot(1)).granted, false);
  assert.equal((await again.done(held.token)).ok, true);
});

test('a slot held > 15 s is taken back; the late mtopDone changes nothing', async () => {
  const c = clock();
  const p = BG.makePacer({ now: c.now, random: () => 0, area: areaOf(fakeArea()) });
  const a = await p.slot(1);
  c.tick(15000);
  assert.equal((await p.slot(2)).granted, false, 'at 15 s it is still held');
  c.tick(1);
  const r = await p.slot(2);
  assert.equal(r.granted, false, 'taken back, and the gap counts from now');
  assert.equal(r.retryMs, 400);
  c.tick(400);
  const b = await p.slot(2);
  assert.equal(b.granted, true);
  assert.deepEqual(await p.done(a.token), { ok: false }, 'a stale token');
  assert.equal((await p.slot(3)).granted, false, 'b still holds it');
  assert.equal((await p.done(b.token)).ok, true);
});

test('a closed tab gives its slot back (chrome.tabs.onRemoved); messages carry the tab', async () => {
  const a = await send({ type: 'mtopSlot' }, LIST, 7);
  assert.equal(a.granted, true, JSON.stringify(a));
  assert.equal((await send({ type: 'mtopSlot' }, LIST, 8)).granted, false);
  assert.equal(session.data.mtopPacer.holder.tabId, 7, 'in storage.session');
  assert.equal(area.data.mtopPacer, undefined, 'never in storage.local');
  closeTab(8); // another tab: nothing changes
  await new Promise((r) => setTimeout(r, 10));
  assert.equal(session.data.mtopPacer.holder.tabId, 7);
  closeTab(7);
  await new Promise((r) => setTimeout(r, 10));
  assert.equal(session.data.mtopPacer.holder, null);
  const r = await send({ type: 'mtopSlot' }, LIST, 8);
  assert.equal(r.granted, false);
  assert.ok(r.retryMs >= 390 && r.retryMs <= 600, 'the gap still applies: ' + r.retryMs);
  await new Promise((res) => setTimeout(res, r.retryMs + 5));
  const b = await send({ type: 'mtopSlot' }, LIST, 8);
  assert.equal(b.granted, true);
  assert.deepEqual(await send({ type: 'mtopDone', token: b.token }, LIST, 8), { ok: true });
  // A sender without a tab is never granted.
  assert.equal((await BG.onMtopSlot({}, { url: LIST })).granted, false);
});

test('page health: per tab in storage.session, read back after a wake, removed with the tab', async () => {
  const own = 'chrome-extension://test/popup/popup.html';
  const bad = { ok: false, kind: 'list', selectors: { 'list.card': 0 } };
  assert.deepEqual(await send({ type: 'health', report: bad }, LIST, 3), { ok: true });
  await new Promise((r) => setTimeout(r, 2));
  const good = { ok: true, kind: 'track', selectors: {} };
  assert.deepEqual(await send({ type: 'health', report: good }, LIST, 4), { ok: true });
  assert.equal(session.data['health:3'].ok, false);
  assert.equal(area.data['health:3'], undefined, 'not in storage.local');
  // Nothing in the worker's memory: the reports are read from the session area.
  const r3 = await send({ type: 'pageHealth', tabId: 3 }, own);
  assert.equal(r3.report.kind, 'list');
  assert.equal((await send({ type: 'pageHealth' }, own)).report.kind, 'track', 'the latest');
  assert.equal((await send({ type: 'pageHealth', tabId: 99 }, own)).report, null);
  closeTab(3);
  await new Promise((r) => setTimeout(r, 10));
  assert.equal(session.data['health:3'], undefined);
  assert.equal((await send({ type: 'pageHealth', tabId: 3 }, own)).report, null);
  // At most HEALTH_MAX_TABS reports: the oldest go.
  for (let t = 100; t < 100 + BG.HEALTH_MAX_TABS + 5; t++)
    await send({ type: 'health', report: good }, LIST, t);
  const kept = Object.keys(session.data).filter((k) => k.startsWith('health:'));
  assert.equal(kept.length, BG.HEALTH_MAX_TABS);
  assert.ok(kept.includes('health:' + (100 + BG.HEALTH_MAX_TABS + 4)));
});
