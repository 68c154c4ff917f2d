// Notifications and groups: at most once per change per parcel, never on a refresh
// without a change, a silent baseline at a parcel's first merge, per-parcel mute and
// per-kind settings; the dashboard's groups.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadBackground } from '../lib/background.mjs';

const { BG, area } = loadBackground({});
const shown = [];
globalThis.chrome.notifications = {
  create: async (id, o) => shown.push([id, o.message]),
};
globalThis.chrome.i18n = {
  getMessage: (k, subs) => k + ':' + [].concat(subs || []).join('|'),
  getUILanguage: () => 'en',
};

const N = 'RB147799475CN';
function rec(id, merged) {
  const r = BG.newManualRecord(id);
  r.merged = Object.assign({ events: [], advice: [], numbers: [id] }, merged);
  r.history.push({ at: 1, status: r.merged.status });
  return r;
}
const kinds = () => BG.notified.map((n) => n.kind);
async function step(r, merged) {
  r.merged = Object.assign({ events: [], advice: [], numbers: [r.manual.number] }, merged);
  const last = r.history[r.history.length - 1];
  if (last.status !== merged.status) r.history.push({ at: Date.now(), status: merged.status });
  await BG.putRecords([r]);
}

test('first merge is a silent baseline; each change notifies once; a refresh without change never', async () => {
  const r = rec(N, { status: 'out_for_delivery' });
  await BG.putRecords([r]);
  assert.deepEqual(kinds(), [], 'baseline');
  await step(r, { status: 'out_for_delivery' });
  assert.deepEqual(kinds(), []);
  await step(r, { status: 'available_for_pickup', events: [{ location: 'Loja 12, Curitiba' }] });
  assert.deepEqual(kinds(), ['pickup']);
  assert.match(BG.notified[0].message, /notif_pickup:RB147799475CN\|Loja 12, Curitiba/);
  await step(r, { status: 'available_for_pickup' });
  await step(r, { status: 'available_for_pickup' });
  assert.deepEqual(kinds(), ['pickup'], 'no change, no notification');
  await step(r, { status: 'delivered' });
  assert.deepEqual(kinds(), ['pickup', 'delivered']);
  assert.ok(
    shown.length >= 2 && shown[shown.length - 1][0].startsWith('wb|n:' + N + '|delivered|'),
  );
  // Persisted: a new worker life (the record read back) does not notify again.
  const back = BG.unpack(JSON.parse(JSON.stringify(area.data['p:n:' + N])));
  back.merged = r.merged;
  await BG.putRecords([back]);
  assert.deepEqual(kinds(), ['pickup', 'delivered']);
});

test('deadlines and staleness: dispute (11-day rule), protection ≤ 5 days, stale', async () => {
  BG.notified.length = 0;
  const r = rec('LX123456785CN', { status: 'in_transit' });
  await BG.putRecords([r]);
  await step(r, {
    status: 'in_transit',
    advice: [{ code: 'open_dispute', reason: 'no_progress', from: '2026-11-20T00:00:00Z' }],
  });
  assert.deepEqual(kinds(), ['dispute']);
  await step(r, {
    status: 'in_transit',
    advice: [{ code: 'open_dispute', reason: 'no_progress', from: '2026-11-20T00:00:00Z' }],
    protection: { endsAt: '2026-12-10T00:00:00Z', daysLeft: 3 },
    stale: true,
    lastEventAt: '2026-11-01T00:00:00Z',
    daysSinceUpdate: 36,
  });
  assert.deepEqual(kinds().sort(), ['dispute', 'protection', 'stale']);
  assert.match(BG.notified.find((n) => n.kind === 'stale').message, /\|36$/);
  // Far from the end: nothing.
  const q = rec('LX123456794CN', { status: 'in_transit' });
  await BG.putRecords([q]);
  await step(q, { status: 'in_transit', protection: { endsAt: 'x', daysLeft: 20 } });
  assert.equal(BG.notified.length, 3);
});

test('per-parcel mute and per-kind settings', async () => {
  BG.notified.length = 0;
  const r = rec('LX123456803CN', { status: 'in_transit' });
  r.muted = true;
  await BG.putRecords([r]);
  await step(r, { status: 'delivery_failed' });
  assert.deepEqual(kinds(), [], 'muted');
  r.muted = false;
  await area.set({ options: { notify: { exception: false } } });
  await step(r, { status: 'exception' });
  assert.deepEqual(kinds(), [], 'exception notifications are off');
  await step(r, { status: 'out_for_delivery' });
  assert.deepEqual(kinds(), ['out_for_delivery']);
});

test('groups: attention, moving, delivered, archived', () => {
  const g = (status, extra = {}, recExtra = {}) =>
    BG.groupOf(Object.assign({ archived: false }, recExtra), Object.assign({ status }, extra));
  assert.equal(g('in_transit'), 'moving');
  assert.equal(g('not_found'), 'moving', 'not found stays moving…');
  assert.equal(
    g('not_found', { advice: [{ code: 'check_number' }] }),
    'attention',
    '…until advice',
  );
  assert.equal(g('unknown', { stale: true }), 'attention', '…or staleness');
  assert.equal(g('delivery_failed'), 'attention');
  assert.equal(g('available_for_pickup'), 'attention');
  assert.equal(g('delivered', { stale: true }), 'delivered');
  assert.equal(g('delivered', {}, { archived: true }), 'archived');
  assert.equal(g('in_transit', { advice: [{ code: 'follow_new_number' }] }), 'moving');
});
