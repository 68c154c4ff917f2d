// store.js — parcels in chrome.storage.local with a versioned schema.
//
// Schema 2 (current): key "meta" = {schema:2, …}; one key per order "p:<orderId>"
// holding a parcel record (see newRecord). Schema 1 (the pre-release prototype)
// kept one object "parcels" = {<orderId>: {number, status, events, updatedAt,
// history?}}. migrate() upgrades in place and never drops history: v1 statuses
// become history entries, v1 events become an AliExpress source, and the old
// key is removed only after the new records are written.
(function (BG) {
  'use strict';
  const SCHEMA = 2;
  const HISTORY_MAX = 500; // generous: a parcel changes status a dozen times
  const mem = new Map(); // orderId → record, write-through cache for this worker's life
  let ready = null;

  BG.SCHEMA = SCHEMA;
  BG.area = () => chrome.storage.local;

  BG.newRecord = function newRecord(orderId) {
    const now = Date.now();
    return {
      v: SCHEMA,
      orderId,
      host: '',
      statusText: '',
      hasTrack: false,
      createdAt: now,
      updatedAt: now,
      order: { status: 'unknown' }, // the card's status, classified
      ae: null, // {sources, fetchedAt, error?}: decoded querydetail
      aeDom: null, // {numbers, events, fetchedAt}: tracking-page DOM fallback
      proxy: {}, // number → {sources, fetchedAt}
      proxyError: null, // {code, at} of the latest failed cross-check
      aeOrder: null, // {placedAt, shippedAt, protectionEndsAt, status} from decode
      merged: null, // the core's merge answer
      history: [], // [{at, status, sub?}] every status change, never trimmed below HISTORY_MAX
      checkedAt: 0,
      nextCheckAt: 0,
    };
  };

  BG.migrate = async function migrate(area) {
    area = area || BG.area();
    const got = await area.get(['meta', 'parcels']);
    const from = got.meta && got.meta.schema ? got.meta.schema : got.parcels ? 1 : 0;
    if (from === SCHEMA) return { from, to: SCHEMA, migrated: 0 };
    if (from > SCHEMA) return { from, to: from, migrated: 0 }; // a newer version wrote this: leave it alone
    let migrated = 0;
    if (from === 1 && got.parcels && typeof got.parcels === 'object') {
      const out = {};
      // A record already in schema 2 (an earlier attempt that failed before removing
      // "parcels", then newer writes) is newer than the v1 copy: never overwrite it.
      const ids = Object.keys(got.parcels).filter((id) => globalThis.WB.ORDER_ID.test(id));
      const have = ids.length ? await area.get(ids.map((id) => 'p:' + id)) : {};
      for (const [id, old] of Object.entries(got.parcels)) {
        if (!globalThis.WB.ORDER_ID.test(id) || !old || typeof old !== 'object') continue;
        if (have['p:' + id]) continue;
        const r = BG.newRecord(id);
        r.createdAt = r.updatedAt = Number(old.updatedAt) || Date.now();
        r.order.status = typeof old.status === 'string' ? old.status : 'unknown';
        const hist = Array.isArray(old.history) ? old.history.filter((h) => h && h.status) : [];
        if (old.status && !hist.some((h) => h.status === old.status))
          hist.push({ at: r.updatedAt, status: old.status });
        r.history = hist.map((h) => ({
          at: Number(h.at) || r.updatedAt,
          status: String(h.status),
        }));
        const numbers = []
          .concat(old.numbers || [], old.number || [])
          .filter((n) => typeof n === 'string' && n);
        if (numbers.length) {
          r.ae = {
            fetchedAt: r.updatedAt,
            sources: numbers.map((n, i) => ({
              source: 'aliexpress',
              number: n,
              events:
                i === 0 && Array.isArray(old.events) ? old.events.filter((e) => e && e.time) : [],
            })),
          };
        }
        out['p:' + id] = r;
        migrated++;
      }
      if (migrated) await area.set(out);
      await area.remove('parcels');
    }
    await area.set({ meta: { schema: SCHEMA, migratedFrom: from, migratedAt: Date.now() } });
    return { from, to: SCHEMA, migrated };
  };

  // ready resolves once the store is migrated; it rejects when migration fails (and the
  // next call tries again), so nothing reads or writes parcels on an unmigrated store.
  BG.ready = function () {
    if (!ready) {
      ready = BG.migrate().catch((err) => {
        console.warn('Waybill: migration failed', err);
        ready = null;
        throw err;
      });
    }
    return ready;
  };

  BG.getRecords = async function getRecords(ids) {
    await BG.ready();
    const out = {},
      missing = [];
    for (const id of ids) {
      if (mem.has(id)) out[id] = mem.get(id);
      else missing.push(id);
    }
    if (missing.length) {
      const got = await BG.area().get(missing.map((id) => 'p:' + id));
      for (const id of missing) {
        const r = got['p:' + id];
        if (r && !mem.has(id)) mem.set(id, r);
        if (mem.has(id)) out[id] = mem.get(id);
      }
    }
    return out;
  };

  BG.putRecords = async function putRecords(recs) {
    await BG.ready(); // never write over a store that is not migrated yet
    const out = {};
    for (const r of recs) {
      r.updatedAt = Date.now();
      if (r.history.length > HISTORY_MAX) r.history.splice(0, r.history.length - HISTORY_MAX);
      mem.set(r.orderId, r);
      out['p:' + r.orderId] = r;
    }
    if (recs.length) await BG.area().set(out);
  };

  BG.allRecords = async function allRecords() {
    await BG.ready();
    const all = await BG.area().get(null);
    const out = [];
    for (const [k, v] of Object.entries(all))
      if (k.startsWith('p:')) out.push(mem.get(v.orderId) || v);
    return out;
  };

  BG.options = async function options() {
    const got = await BG.area().get('options');
    return Object.assign({ proxyUrl: globalThis.WAYBILL_CONFIG.proxyUrl }, got.options || {});
  };
})((globalThis.BG = globalThis.BG || {}));
