// store.js — parcels in chrome.storage.local with a versioned schema.
//
// Schema 3 (current): key "meta" = {schema:3, …}; one key per parcel, "p:<orderId>" for
// an AliExpress order and "p:n:<NUMBER>" for a number the buyer added, holding a COMPACT
// record (pack/unpack): the merged timeline once, as tuples, with the index of every source
// that reported each event, instead of every source's raw events plus the merge's copy;
// conflicts without the core's English message. Sources are rebuilt from it on read, so
// the rest of the background sees full records. Schema 2 stored records unpacked; 2 → 3
// packs them in place, a chunk of keys at a time (each key is rewritten by its smaller
// self: the store never needs room for two copies), and reads accept both forms, so an
// interrupted migration loses nothing. Schema 1 (the pre-release prototype)
// kept one object "parcels" = {<orderId>: {number, status, events, updatedAt,
// history?}}. migrate() upgrades in place and never drops history: v1 statuses
// become history entries, v1 events become an AliExpress source, and the old
// key is removed only after the new records are written.
(function (BG) {
  'use strict';
  const SCHEMA = 3;
  const HISTORY_MAX = 500; // generous: a parcel changes status a dozen times
  const mem = new Map(); // record id → record, write-through cache for this worker's life
  const unsaved = new Map(); // record id → record whose last write failed (kept, retried)
  let ready = null;

  BG.SCHEMA = SCHEMA;
  BG.area = () => chrome.storage.local;
  // The cap and its eviction rule: past MAX_PARCELS records, archived parcels go first,
  // oldest (least recently updated) first; an active (not archived) parcel is never evicted,
  // so the store may stay above the cap when everything in it is active.
  BG.MAX_PARCELS = 2000;
  BG.MIGRATE_CHUNK = 50; // records packed per write during 2 → 3
  BG.storeError = null; // {code, message, at, unsaved}: the latest failed write, for the dashboard

  // idOf is a record's storage identity: the order id, or "n:<NUMBER>" for an added number.
  BG.idOf = (r) => r.id || r.orderId;
  BG.keyOf = (id) => 'p:' + id;

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
      // Buyer's choices (dashboard): archived, a name, notifications muted.
      archived: false,
      name: '',
      muted: false,
      notes: null, // {kind: change key} of the last notification per kind (notify.js)
    };
  };

  // newManualRecord is a parcel the buyer added by number (no AliExpress order).
  BG.newManualRecord = function newManualRecord(number) {
    const r = BG.newRecord('');
    r.id = 'n:' + number;
    r.manual = { number, addedAt: r.createdAt };
    return r;
  };

  // pack turns a record into its stored form (see the header); unpack reverses it.
  // An event is [minutes since 1970 in base 36, status index, text, location, code,
  // source indexes]; fields at their default are left out of the record.
  const STATUSES = [
    'unknown', 'pending', 'info_received', 'in_transit', 'out_for_delivery',
    'available_for_pickup', 'delivery_failed', 'delivered', 'exception', 'returning',
    'returned', 'cancelled', 'expired', 'not_found',
  ]; // prettier-ignore
  const DEFAULTS = {
    host: '',
    statusText: '',
    hasTrack: false,
    aeDom: null,
    proxyError: null,
    aeOrder: null,
    checkedAt: 0,
    nextCheckAt: 0,
    archived: false,
    name: '',
    muted: false,
    notes: null,
  };
  const packTime = (iso) => {
    const ms = Date.parse(iso);
    return isNaN(ms) || ms % 60e3 ? String(iso || '') : (ms / 60e3).toString(36);
  };
  const unpackTime = (t) =>
    /^[0-9a-z]{1,9}$/.test(t)
      ? new Date(parseInt(t, 36) * 60e3).toISOString().replace('.000Z', 'Z')
      : t;

  BG.pack = function pack(rec) {
    const out = Object.assign({}, rec, { v: SCHEMA });
    for (const [k, v] of Object.entries(DEFAULTS))
      if (out[k] === v || (k === 'proxy' && !Object.keys(out[k] || {}).length)) delete out[k];
    const m = rec.merged;
    if (!m || !Array.isArray(m.events)) return JSON.parse(JSON.stringify(out)); // nothing merged: sources as they are
    const all = [];
    if (rec.ae) for (const s of rec.ae.sources || []) all.push(['a', s]);
    for (const n of Object.keys(rec.proxy || {}))
      for (const s of rec.proxy[n].sources || []) all.push([n, s]);
    if (all.length > 31) return JSON.parse(JSON.stringify(out)); // past the bitmask: unpacked
    const legsNoSources = JSON.stringify(
      (m.legs || []).map((l) => Object.assign({}, l, { sources: undefined })),
    );
    const etaMinMax = m.eta ? JSON.stringify({ min: m.eta.min, max: m.eta.max }) : '';
    const srcs = all.map(([at, s]) => {
      const meta = { at };
      for (const [k, v] of Object.entries(s)) {
        if (k === 'events' || (k === 'number' && v === at)) continue;
        if (k === 'numbers' && JSON.stringify(v) === legsNoSources) meta[k] = '=legs';
        else if (k === 'eta' && v && JSON.stringify({ min: v.min, max: v.max }) === etaMinMax)
          meta[k] = '=eta';
        else meta[k] = v;
      }
      return meta;
    });
    const numberOf = (s) => (s.at === 'a' ? s.number : s.number || s.at);
    const tl = [];
    for (const e of m.events) {
      const names = Array.isArray(e.sources) ? e.sources : [];
      const nums = Array.isArray(e.numbers) ? e.numbers : [];
      let mask = 0; // bit i: srcs[i] reported this event
      srcs.forEach((s, i) => {
        const n = numberOf(s);
        if (i < 31 && names.includes(s.source) && (!nums.length || !n || nums.includes(n)))
          mask |= 1 << i;
      });
      const st = STATUSES.indexOf(e.status);
      tl.push([
        packTime(e.time),
        st < 0 ? e.status || '' : st,
        e.text || '',
        e.location || '',
        e.code || '',
        mask,
      ]);
    }
    out.ae = rec.ae ? Object.assign({}, rec.ae, { sources: undefined }) : undefined;
    out.proxy = {};
    for (const n of Object.keys(rec.proxy || {}))
      out.proxy[n] = Object.assign({}, rec.proxy[n], { sources: undefined });
    const merged = Object.assign({}, m, { events: undefined });
    if (Array.isArray(m.conflicts))
      merged.conflicts = m.conflicts.map((c) =>
        c && typeof c === 'object' ? Object.assign({}, c, { message: undefined }) : c,
      );
    if (Array.isArray(m.legs))
      merged.legs = m.legs.map((l) =>
        l && typeof l === 'object' ? Object.assign({}, l, { sources: undefined }) : l,
      );
    if (
      Array.isArray(m.numbers) &&
      Array.isArray(m.legs) &&
      JSON.stringify(m.numbers) === JSON.stringify(m.legs.map((l) => l && l.number))
    )
      merged.numbers = undefined; // the legs' numbers, in order: rebuilt on read
    out.merged = merged;
    out.srcs = srcs;
    out.tl = tl;
    return JSON.parse(JSON.stringify(out)); // drops the undefined fields
  };

  BG.unpack = function unpack(p) {
    if (!p || typeof p !== 'object') return p;
    const rec = Object.assign({}, p);
    for (const [k, v] of Object.entries(DEFAULTS)) if (!(k in rec)) rec[k] = v;
    if (!rec.proxy) rec.proxy = {};
    if (!rec.ae) rec.ae = null;
    if (!Array.isArray(p.tl) || !Array.isArray(p.srcs)) return rec;
    delete rec.tl;
    delete rec.srcs;
    const pm = p.merged || {};
    const sources = p.srcs.map((meta) => {
      const s = Object.assign({}, meta, { events: [] });
      if (s.numbers === '=legs') s.numbers = (pm.legs || []).map((l) => Object.assign({}, l));
      if (s.eta === '=eta') s.eta = pm.eta ? { min: pm.eta.min, max: pm.eta.max } : undefined;
      if (meta.at !== 'a' && !s.number) s.number = meta.at;
      delete s.at;
      return s;
    });
    const events = [];
    for (const t of p.tl) {
      const [pt, st, text, location, code, mask] = t;
      const time = unpackTime(pt);
      const status = typeof st === 'number' ? STATUSES[st] || 'unknown' : st;
      const names = [],
        nums = [];
      for (let i = 0; i < sources.length && i < 31; i++) {
        if (!(mask & (1 << i))) continue;
        const s = sources[i];
        const ev = { time, text };
        if (location) ev.location = location;
        if (code) ev.code = code;
        s.events.push(ev);
        if (!names.includes(s.source)) names.push(s.source);
        if (s.number && !nums.includes(s.number)) nums.push(s.number);
      }
      const me = { time, status, text, location, sources: names.sort(), numbers: nums };
      if (code) me.code = code;
      events.push(me);
    }
    rec.merged = Object.assign({}, p.merged, { events });
    if (!Array.isArray(rec.merged.numbers) && Array.isArray(rec.merged.legs))
      rec.merged.numbers = rec.merged.legs.map((l) => l.number);
    if (Array.isArray(rec.merged.legs))
      rec.merged.legs = rec.merged.legs.map((l) => {
        const from = [];
        for (const s of sources)
          if (s.number === l.number && !from.includes(s.source)) from.push(s.source);
        return Object.assign({ sources: from }, l);
      });
    rec.ae = p.ae ? Object.assign({}, p.ae, { sources: [] }) : null;
    rec.proxy = {};
    for (const n of Object.keys(p.proxy || {}))
      rec.proxy[n] = Object.assign({}, p.proxy[n], { sources: [] });
    p.srcs.forEach((meta, i) => {
      const s = sources[i];
      if (meta.at === 'a') {
        if (!rec.ae) rec.ae = { sources: [], fetchedAt: 0 };
        rec.ae.sources.push(s);
      } else {
        if (!rec.proxy[meta.at]) rec.proxy[meta.at] = { sources: [], fetchedAt: 0 };
        rec.proxy[meta.at].sources.push(s);
      }
    });
    return rec;
  };

  // isQuota tells a storage quota error (chrome: "QUOTA_BYTES quota exceeded", Firefox:
  // QuotaExceededError) from other failures.
  BG.isQuota = (err) => /quota/i.test(String((err && err.name + ' ' + err.message) || err));

  // allKeys lists the stored keys without reading every value when the browser can.
  async function allKeys(area) {
    if (typeof area.getKeys === 'function') return area.getKeys();
    return Object.keys(await area.get(null));
  }

  // migrate23 packs schema-2 records in place, MIGRATE_CHUNK keys per write.
  async function migrate23(area) {
    const keys = (await allKeys(area)).filter((k) => k.startsWith('p:'));
    let n = 0;
    for (let i = 0; i < keys.length; i += BG.MIGRATE_CHUNK) {
      const got = await area.get(keys.slice(i, i + BG.MIGRATE_CHUNK));
      const out = {};
      for (const [k, r] of Object.entries(got)) {
        if (!r || typeof r !== 'object' || Array.isArray(r.tl)) continue; // already packed
        out[k] = BG.pack(BG.unpack(r));
        n++;
      }
      if (Object.keys(out).length) await area.set(out);
    }
    return n;
  }

  BG.migrate = async function migrate(area) {
    area = area || BG.area();
    const got = await area.get(['meta', 'parcels']);
    const from = got.meta && got.meta.schema ? got.meta.schema : got.parcels ? 1 : 0;
    if (from === SCHEMA) return { from, to: SCHEMA, migrated: 0 };
    if (from === 2) {
      const migrated = await migrate23(area);
      await area.set({ meta: { schema: SCHEMA, migratedFrom: from, migratedAt: Date.now() } });
      return { from, to: SCHEMA, migrated };
    }
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
      // v1 records are small: written as schema 3 directly (packing is a no-op without a merge).
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
      const got = await BG.area().get(missing.map(BG.keyOf));
      for (const id of missing) {
        const r = got[BG.keyOf(id)];
        if (r && !mem.has(id)) mem.set(id, BG.unpack(r));
        if (mem.has(id)) out[id] = mem.get(id);
      }
    }
    return out;
  };

  // putRecords writes records (packed). A quota error is not swallowed: the records stay
  // in memory (every view keeps showing them), are retried with the next write, and
  // BG.storeError says so to the dashboard; the copies already on disk are untouched.
  BG.putRecords = async function putRecords(recs) {
    await BG.ready(); // never write over a store that is not migrated yet
    for (const r of recs) {
      r.updatedAt = Date.now();
      if (r.history.length > HISTORY_MAX) r.history.splice(0, r.history.length - HISTORY_MAX);
      mem.set(BG.idOf(r), r);
      unsaved.set(BG.idOf(r), r);
    }
    if (BG.onRecordsChanged && recs.length) {
      try {
        await BG.onRecordsChanged(recs); // notifications (notify.js), before the write
      } catch (err) {
        console.warn('Waybill: after-change hook failed', err);
      }
    }
    return flush();
  };

  async function flush() {
    if (!unsaved.size) return;
    const out = {};
    for (const [id, r] of unsaved) out[BG.keyOf(id)] = BG.pack(r);
    const batch = new Map(unsaved);
    try {
      await BG.area().set(out);
    } catch (err) {
      if (!BG.isQuota(err)) throw err;
      BG.storeError = {
        code: 'quota',
        message: String((err && err.message) || err),
        at: Date.now(),
        unsaved: unsaved.size,
      };
      console.warn('Waybill: storage full, keeping', unsaved.size, 'parcels in memory', err);
      return;
    }
    for (const [id, r] of batch) if (unsaved.get(id) === r) unsaved.delete(id);
    if (!unsaved.size) BG.storeError = null;
    if (BG.onStored) BG.onStored();
  }
  BG.flush = async () => {
    await BG.ready();
    return flush();
  };
  BG.unsavedCount = () => unsaved.size;

  // deleteRecords removes parcels for good (the buyer's Delete, or eviction).
  BG.deleteRecords = async function deleteRecords(ids) {
    await BG.ready();
    for (const id of ids) {
      mem.delete(id);
      unsaved.delete(id);
    }
    if (ids.length) await BG.area().remove(ids.map(BG.keyOf));
  };

  BG.allRecords = async function allRecords() {
    await BG.ready();
    const all = await BG.area().get(null);
    const out = [],
      seen = new Set();
    for (const [k, v] of Object.entries(all)) {
      if (!k.startsWith('p:') || !v || typeof v !== 'object') continue;
      const id = k.slice(2);
      seen.add(id);
      if (!mem.has(id)) mem.set(id, BG.unpack(v));
      out.push(mem.get(id));
    }
    for (const [id, r] of unsaved) if (!seen.has(id)) out.push(r); // never written yet: still here
    return out;
  };

  // evict applies the cap: archived parcels, least recently updated first, until the store
  // holds MAX_PARCELS; active parcels are never evicted. Returns the evicted ids.
  BG.evict = async function evict() {
    const all = await BG.allRecords();
    const over = all.length - BG.MAX_PARCELS;
    if (over <= 0) return [];
    const victims = all
      .filter((r) => r.archived)
      .sort((a, b) => (a.updatedAt || 0) - (b.updatedAt || 0))
      .slice(0, over)
      .map(BG.idOf);
    await BG.deleteRecords(victims);
    return victims;
  };

  BG.options = async function options() {
    const got = await BG.area().get('options');
    return Object.assign({ proxyUrl: globalThis.WAYBILL_CONFIG.proxyUrl }, got.options || {});
  };
})((globalThis.BG = globalThis.BG || {}));
