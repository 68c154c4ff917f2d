// store.js — parcels in chrome.storage.local with a versioned schema.
//
// Schema 4 (current): key "meta" = {schema:4, …}; one key per parcel, "p:<orderId>" for
// an AliExpress order and "p:n:<NUMBER>" for a number the buyer added, holding a COMPACT
// record (pack/unpack): the merged timeline once, with the index of every source that
// reported each event, instead of every source's raw events plus the merge's copy;
// conflicts without the core's English message (schema 3's packing), then a string table
// per record, the timeline as deltas and indexes, derived fields left out (schema 4's,
// see pack4). Sources are rebuilt from it on read, so the rest of the background sees
// full records. Schema 2 stored records unpacked, schema 3 packed less; 2 → 4 and 3 → 4
// rewrite them in place, a chunk of keys at a time (each key is rewritten by its smaller
// self: the store never needs room for two copies), and reads accept every form, so an
// interrupted migration loses nothing. Schema 1 (the pre-release prototype)
// kept one object "parcels" = {<orderId>: {number, status, events, updatedAt,
// history?}}. migrate() upgrades in place and never drops history: v1 statuses
// become history entries, v1 events become an AliExpress source, and the old
// key is removed only after the new records are written.
(function (BG) {
  'use strict';
  const SCHEMA = 4;
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
  BG.MIGRATE_CHUNK = 50; // records packed per write during 2 → 4 and 3 → 4
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
  // A time that is not a whole minute stays as it came; one that would read as base-36
  // minutes (or starts with "=") is written after a "=" (schema 4: a read never guesses).
  const packTime = (iso) => {
    const ms = Date.parse(iso);
    if (!isNaN(ms) && !(ms % 60e3)) return (ms / 60e3).toString(36);
    const raw = String(iso || '');
    return /^([0-9a-z]{1,9}$|=)/.test(raw) ? '=' + raw : raw;
  };
  const unpackTime = (t) => {
    if (typeof t === 'string' && t[0] === '=') return t.slice(1);
    if (!/^[0-9a-z]{1,9}$/.test(t)) return t;
    const d = new Date(parseInt(t, 36) * 60e3);
    return isNaN(d) ? t : d.toISOString().replace('.000Z', 'Z');
  };

  function pack3(rec) {
    const out = Object.assign({}, rec, { v: 3 });
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
  }

  function unpack3(p) {
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
  }

  // Schema 4 is schema 3's packed form (pack3/unpack3, above) made smaller again by
  // pack4/unpack4, cheap to read back (no async, no binary, one pass over a few KB):
  // - "z" (or "s" when lz does not pay): the record's string table — event texts, locations
  //   and codes, and every string that repeats or is long — as one string whose first
  //   character is the separator (one absent from every entry), packed by lz (below);
  //   index 0 is "", entry k is index k.
  // - "tl": the timeline as text (tlString): per event the time as a delta from the
  //   previous event (minutes, or seconds when "ts" is 1; the first from 1970), the status
  //   index, text and code as "how far back from the next new table entry" (0: a new
  //   one), the location's table index, and the source bitmask XOR the previous event's.
  // - other string values in the table are "~<base 36 index>" (a string starting with "~"
  //   gets one more); keys of nested objects are capitals (KEYS). Top-level scalars (ids,
  //   name, times) stay as they are.
  // - derived fields are left out: merged.errors (1: rebuilt from the sources' errors),
  //   merged.lastEventAt (1: the last event's time), a proxy entry's fetchedAt equal to
  //   checkedAt (0); proxy is [[number, fetchedAt, {rest}?] …] (its order kept); history
  //   entries are [at − previous at (the first from createdAt), status, sub || 0, source?];
  //   a source's metadata with only {at, source} is [at, source].
  // KEYS and DICT are part of schema 4: changing either means a new schema.
  const minutes = /^[0-9a-z]{1,9}$/; // a schema-3 time in base-36 minutes (unpackTime)
  function secondsOf(t) {
    if (typeof t !== 'string') return null;
    if (minutes.test(t)) return parseInt(t, 36) * 60;
    const ms = Date.parse(t);
    if (isNaN(ms) || ms % 1000 || new Date(ms).toISOString().replace('.000Z', 'Z') !== t)
      return null;
    return ms / 1000;
  }
  const timeOf = (sec) =>
    sec % 60 ? new Date(sec * 1000).toISOString().replace('.000Z', 'Z') : (sec / 60).toString(36);
  const HIST_KEYS = new Set(['at', 'status', 'sub', 'source']);
  // Keys of nested objects (merged, sources, advice …) by a capital letter; a key that
  // itself starts with a capital or "~" is stored with one more "~".
  const KEYS = [
    'status', 'sub', 'legs', 'number', 'role', 'carrier', 'conflicts', 'advice', 'code',
    'numbers', 'reason', 'since', 'days', 'lastEventAt', 'daysSinceUpdate', 'stale',
    'staleAfterDays', 'progress', 'stage', 'name', 'eta', 'min', 'max', 'sources',
    'afterProtection', 'protection', 'endsAt', 'estimated', 'daysLeft', 'disputeFrom',
    'errors', 'source', 'at', 'error', 'message', 'contacts', 'phone', 'url', 'fetchedAt',
    'protectionEndsAt', 'placedAt', 'shippedAt', 'times', 'from', 'deadline', 'location',
    'address', 'events', 'text', 'time', 'checkedAt', 'addedAt', 'numbersOf',
  ]; // prettier-ignore
  const ALIAS = new Map(),
    UNALIAS = new Map();
  KEYS.forEach((k, i) => {
    const a =
      i < 26
        ? String.fromCharCode(65 + i)
        : String.fromCharCode(65 + Math.floor(i / 26) - 1) + String.fromCharCode(97 + (i % 26));
    ALIAS.set(k, a);
    UNALIAS.set(a, k);
  });
  const keyOut = (k) => ALIAS.get(k) || (/^[A-Z~]/.test(k) ? '~' + k : k);
  const keyIn = (k) => (k[0] === '~' ? k.slice(1) : UNALIAS.get(k) || k);
  const SEPS = '|^`~\t\u0001\u0002';

  // lz packs the table's text (LZ77 over a fixed preset dictionary, no entropy coding:
  // a loop to read back, no async, no binary). A repeat is "\x7f" + 2 characters (4–9
  // characters from ≤ 961 back) or + 3 (4–67 from ≤ 4189 back), digits from the 93
  // printable ASCII characters JSON writes as themselves; a real "\x7f" is "\x7f\x7f".
  const DICT = [
    'Package arrived at local carrier facility|Package left carrier facility|Package ',
    'delivered.|Package out for delivery|Your package arrived at the origin airport. ',
    'Awaiting transit.|Your delivery information has been updated.|Your order',
    "'s been created|Your package is being prepared|Package collected by carrier.|",
    'Package received by sorting center of origin.|Package left sorting center|',
    'Export customs clearance started|Import customs clearance completed|Awaiting ',
    'flight|Package leaving origin country/region.|Your package will soon be handed ',
    'over to the domestic courier company.|Arrived at departure transport hub|',
    'Departed from|Received by logistics company|Processing at sorting center|',
    'AE_ORDER_PAID|AE_ORDER_PLACED|AE_PICK_UP_SUCCESS|AE_SC_INBOUND_SUCCESS|',
    'AE_SC_OUTBOUND_SUCCESS|AE_LH_HO_IN_SUCCESS|AE_LH_HO_AIRLINE|AE_LH_DEPART|',
    'AE_LH_ARRIVE|AE_CC_EX_START|AE_CC_IM_START|AE_CC_HO_OUT_SUCCESS|AE_GTMS_ACCEPT|',
    'AE_GTMS_SC_DEPART|AE_GTMS_SC_ARRIVE|AE_GTMS_DO_DEPART|AE_GTMS_SIGNED|',
    'AE_GTMS_ORDER_INFO_UPDATE|in_transit_local_facility|out_for_delivery|',
    'available_for_pickup|info_received|contact_local_carrier|no_last_mile_scan|',
    'open_dispute|protection_ending|first_mile|last_mile|destination|aliexpress|',
    'cainiao|17track|https://www.|.com|T00:00:00Z|202|Express|',
  ].join(''); // prettier-ignore
  const ALPHA = [];
  for (let c = 32; c < 127; c++) if (c !== 34 && c !== 92) ALPHA.push(String.fromCharCode(c));
  const DIGIT = new Map(ALPHA.map((c, i) => [c, i]));
  const REF = '\x7f';
  const DICT_AT = new Map(); // 4 characters → where they start in DICT
  for (let k = 0; k + 4 <= DICT.length; k++) {
    const q = DICT.substr(k, 4);
    if (!DICT_AT.has(q)) DICT_AT.set(q, []);
    DICT_AT.get(q).push(k);
  }
  function lz(str) {
    const all = DICT + str;
    let out = '';
    const seen = new Map(); // 4 characters → positions in str (after DICT) where they start
    const note = (k) => {
      const q = all.substr(k, 4);
      if (q.length < 4) return;
      if (!seen.has(q)) seen.set(q, []);
      seen.get(q).push(k);
    };
    for (let i = DICT.length; i < all.length;) {
      let best = 0,
        dist = 0;
      const q = all.substr(i, 4);
      for (const at of [seen.get(q), DICT_AT.get(q)]) {
        if (!at) continue;
        for (let j = at.length - 1; j >= 0 && best < 67; j--) {
          const from = at[j];
          if (i - from > 4189) break;
          let n = 0;
          while (n < 67 && i + n < all.length && all[from + n] === all[i + n]) n++;
          // the short form when it reaches as far: 3 bytes for up to 9 characters
          if (n > best || (n === best && n <= 9 && i - from <= 961 && dist > 961)) {
            best = n;
            dist = i - from;
          }
        }
      }
      let take = 1;
      if (best >= 4 && dist <= 961 && (best <= 9 || best < 5)) {
        take = Math.min(best, 9);
        const v = (dist - 1) * 6 + (take - 4);
        out += REF + ALPHA[Math.floor(v / 93)] + ALPHA[v % 93];
      } else if (best >= 5) {
        take = best;
        const v = (dist - 1) * 64 + (take - 4);
        out +=
          REF + ALPHA[62 + Math.floor(v / 8649)] + ALPHA[Math.floor(v / 93) % 93] + ALPHA[v % 93];
      } else out += all[i] === REF ? REF + REF : all[i];
      for (let k = i; k < i + take; k++) note(k);
      i += take;
    }
    return out;
  }
  function unlz(z) {
    let out = DICT;
    for (let i = 0; i < z.length; i++) {
      if (z[i] !== REF) {
        out += z[i];
        continue;
      }
      if (z[i + 1] === REF) {
        out += REF;
        i++;
        continue;
      }
      const c1 = DIGIT.get(z[i + 1]);
      let dist, n;
      if (c1 < 62) {
        const v = c1 * 93 + DIGIT.get(z[i + 2]);
        dist = Math.floor(v / 6) + 1;
        n = (v % 6) + 4;
        i += 2;
      } else {
        const v = (c1 - 62) * 8649 + DIGIT.get(z[i + 2]) * 93 + DIGIT.get(z[i + 3]);
        dist = Math.floor(v / 64) + 1;
        n = (v % 64) + 4;
        i += 3;
      }
      const from = out.length - dist;
      if (dist >= n) out += out.substr(from, n);
      else for (let k = 0; k < n; k++) out += out[from + k];
    }
    return out.slice(DICT.length);
  }
  BG._lz = lz;
  const INTERN_MIN = 12; // a string this long always goes to the table (where lz finds repeats)

  BG._unlz = unlz;

  function pack4(p3) {
    const out = Object.assign({}, p3, { v: SCHEMA });
    const table = [],
      index = new Map();
    const intern = (s) => {
      if (!s) return 0;
      let i = index.get(s);
      if (i === undefined) {
        table.push(s);
        i = table.length;
        index.set(s, i);
      }
      return i;
    };
    const tl = Array.isArray(p3.tl) ? p3.tl : null;
    if (tl) {
      const secs = tl.map((t) => secondsOf(t[0]));
      const unit = secs.every((x) => x === null || x % 60 === 0) ? 60 : 1;
      const flat = [];
      let prev = 0,
        mask = 0;
      tl.forEach((t, i) => {
        if (secs[i] === null) flat.push(String(t[0]));
        else {
          flat.push(secs[i] / unit - prev);
          prev = secs[i] / unit;
        }
        // text and code: how far back from the next new entry (0: a new string); the mask
        // XOR the previous event's (0: the same sources).
        const rel = (x) => {
          const next = table.length + 1;
          return next - intern(x) || 0;
        };
        const tx = rel(t[2]),
          lo = intern(t[3]),
          co = rel(t[4]);
        flat.push(t[1], tx, lo, co, typeof t[5] === 'number' ? t[5] ^ mask : t[5]);
        if (typeof t[5] === 'number') mask = t[5];
      });
      out.tl = tlString(flat, (out.tx = []));
      if (!out.tx.length) delete out.tx;
      if (unit === 1) out.ts = 1;
      if (out.merged && typeof out.merged === 'object') {
        const m = (out.merged = Object.assign({}, out.merged));
        const errs = JSON.stringify(errorsOf(p3.srcs || []));
        if (Array.isArray(m.errors) && m.errors.length && JSON.stringify(m.errors) === errs)
          m.errors = 1;
        const last = tl[tl.length - 1];
        if (last && typeof m.lastEventAt === 'string' && m.lastEventAt === unpackTime(last[0]))
          m.lastEventAt = 1;
      }
    }
    if (out.proxy && typeof out.proxy === 'object' && !Array.isArray(out.proxy))
      out.proxy = Object.keys(out.proxy).map((n) => {
        const e = Object.assign({}, out.proxy[n]);
        const at = e.fetchedAt === out.checkedAt ? 0 : e.fetchedAt;
        delete e.fetchedAt;
        return Object.keys(e).length ? [n, at, e] : [n, at];
      });
    if (Array.isArray(out.srcs))
      out.srcs = out.srcs.map((m) =>
        m && Object.keys(m).join() === 'at,source' ? [m.at, m.source] : m,
      );
    if (Array.isArray(out.history)) {
      let prev = Number(out.createdAt) || 0;
      out.history = out.history.map((h) => {
        if (
          !h ||
          typeof h !== 'object' ||
          Array.isArray(h) ||
          !Number.isFinite(h.at) ||
          typeof h.status !== 'string' ||
          !Object.keys(h).every((k) => HIST_KEYS.has(k)) ||
          ('sub' in h && (typeof h.sub !== 'string' || !h.sub)) ||
          ('source' in h && (typeof h.source !== 'string' || !h.source))
        )
          return h;
        const e = [h.at - prev, h.status, h.sub || 0];
        if (h.source) e.push(h.source);
        else if (!h.sub) e.pop();
        prev = h.at;
        return e;
      });
    }
    // Repeated strings everywhere else: count, then refer to the table.
    const count = new Map();
    const skip = new Set(['v', 'tl', 'tx', 'ts', 's', 'z']);
    const visit = (x, fn, top) => {
      if (Array.isArray(x)) return x.map((y) => visit(y, fn));
      if (x && typeof x === 'object') {
        const o = {};
        for (const [k, v] of Object.entries(x)) o[top ? k : keyOut(k)] = visit(v, fn);
        return o;
      }
      return typeof x === 'string' ? fn(x) : x;
    };
    const body = {};
    // Top-level scalars (ids, names, times) stay as they are, readable in storage.
    for (const [k, v] of Object.entries(out))
      if (!skip.has(k) && v && typeof v === 'object') body[k] = v;
    visit(
      body,
      (s) => {
        count.set(s, (count.get(s) || 0) + 1);
        return s;
      },
      true,
    );
    const coded = visit(
      body,
      (s) => {
        const ref = index.has(s) || (count.get(s) > 1 && s.length > 3) || s.length >= INTERN_MIN;
        if (ref) {
          const r = '~' + intern(s).toString(36);
          if (r.length < s.length) return r;
        }
        return s[0] === '~' ? '~' + s : s;
      },
      true,
    );
    Object.assign(out, coded);
    let sep = '';
    for (const c of SEPS)
      if (!table.some((s) => s.includes(c))) {
        sep = c;
        break;
      }
    out.s = sep ? sep + table.join(sep) : table;
    if (sep) {
      const z = lz(out.s);
      if (z.length < out.s.length) {
        delete out.s;
        out.z = z;
      }
    }
    return JSON.parse(JSON.stringify(out));
  }

  // tlString writes the flat timeline as text: events joined by ",", an event's six fields
  // by "." (trailing zeros left out, the status always written), numbers in base 36 and 0
  // as nothing; a string (a time or status as it came) is "~<index>" into `side`.
  function tlString(flat, side) {
    const ev = [];
    for (let i = 0; i < flat.length; i += 6) {
      const f = flat.slice(i, i + 6).map((x, k) => {
        if (typeof x !== 'number') return '~' + (side.push(String(x)) - 1).toString(36);
        return x === 0 && k !== 1 ? '' : x.toString(36);
      });
      while (f.length > 2 && f[f.length - 1] === '') f.pop();
      ev.push(f.join('.'));
    }
    return ev.join(',');
  }
  function tlFlat(str, side) {
    const flat = [];
    if (!str) return flat;
    for (const e of str.split(',')) {
      const f = e.split('.');
      for (let k = 0; k < 6; k++) {
        const x = f[k] || '';
        flat.push(x[0] === '~' ? side[parseInt(x.slice(1), 36)] : x ? parseInt(x, 36) : 0);
      }
    }
    return flat;
  }

  // errorsOf is what the merge reports as merged.errors: every source's error, in order.
  function errorsOf(srcs) {
    const out = [];
    for (const s of srcs)
      if (s && s.error && typeof s.error === 'object')
        out.push({
          source: s.source,
          number: s.number || (s.at !== 'a' ? s.at : undefined),
          code: s.error.code,
          message: s.error.message,
        });
    return JSON.parse(JSON.stringify(out));
  }

  function unpack4(p) {
    const st = typeof p.z === 'string' ? unlz(p.z) : p.s;
    const table = Array.isArray(st) ? st : st ? st.slice(1).split(st[0]) : [];
    const str = (i) => (i ? table[i - 1] : '');
    const visit = (x) => {
      if (Array.isArray(x)) return x.map(visit);
      if (x && typeof x === 'object') {
        const o = {};
        for (const [k, v] of Object.entries(x)) o[keyIn(k)] = visit(v);
        return o;
      }
      if (typeof x === 'string' && x[0] === '~')
        return x[1] === '~' ? x.slice(1) : str(parseInt(x.slice(1), 36));
      return x;
    };
    const out = {};
    for (const [k, v] of Object.entries(p))
      out[k] = v && typeof v === 'object' && k !== 'tx' && k !== 's' ? visit(v) : v;
    delete out.s;
    delete out.tx;
    delete out.z;
    delete out.ts;
    out.v = 3;
    if (Array.isArray(out.proxy)) {
      const px = {};
      for (const [n, at, rest] of out.proxy)
        px[n] = Object.assign({}, rest || {}, { fetchedAt: at === 0 ? out.checkedAt : at });
      out.proxy = px;
    }
    if (Array.isArray(out.srcs))
      out.srcs = out.srcs.map((m) => (Array.isArray(m) ? { at: m[0], source: m[1] } : m));
    if (Array.isArray(out.history)) {
      let prev = Number(out.createdAt) || 0;
      out.history = out.history.map((h) => {
        if (!Array.isArray(h)) return h;
        const e = { at: prev + h[0], status: h[1] };
        if (h[2]) e.sub = h[2];
        if (h[3]) e.source = h[3];
        prev = e.at;
        return e;
      });
    }
    if (typeof p.tl === 'string') {
      const flat = tlFlat(p.tl, p.tx || []);
      const unit = p.ts === 1 ? 1 : 60;
      const tl = [];
      let prev = 0,
        mask = 0,
        textCount = 0; // table entries met so far
      for (let i = 0; i + 5 < flat.length; i += 6) {
        const t = flat[i];
        let time = t;
        if (typeof t === 'number') {
          prev += t;
          time = timeOf(prev * unit);
        }
        const ref = (d, at) => (d === 0 ? at : at - d); // rel, read back
        let seen = textCount;
        const tx = ref(flat[i + 2], seen + 1);
        if (tx > seen) seen = tx;
        const lo = flat[i + 3];
        if (lo > seen) seen = lo;
        const co = ref(flat[i + 4], seen + 1);
        if (co > seen) seen = co;
        textCount = seen;
        const mk = flat[i + 5];
        if (typeof mk === 'number') mask ^= mk;
        tl.push([time, flat[i + 1], str(tx), str(lo), str(co), typeof mk === 'number' ? mask : mk]);
      }
      out.tl = tl;
      const m = out.merged;
      if (m && typeof m === 'object') {
        if (m.errors === 1) m.errors = errorsOf(out.srcs || []);
        if (m.lastEventAt === 1) m.lastEventAt = tl.length ? unpackTime(tl[tl.length - 1][0]) : '';
      }
    }
    return out;
  }

  const isPacked4 = (p) =>
    p.v === SCHEMA && (typeof p.s === 'string' || typeof p.z === 'string' || Array.isArray(p.s));
  BG.pack = (rec) => pack4(pack3(rec));
  BG._pack3 = pack3; // tests: the schema-3 form
  BG.unpack = (p) => unpack3(p && typeof p === 'object' && isPacked4(p) ? unpack4(p) : p);

  // isQuota tells a storage quota error (chrome: "QUOTA_BYTES quota exceeded", Firefox:
  // QuotaExceededError) from other failures.
  BG.isQuota = (err) => /quota/i.test(String((err && err.name + ' ' + err.message) || err));

  // allKeys lists the stored keys without reading every value when the browser can.
  async function allKeys(area) {
    if (typeof area.getKeys === 'function') return area.getKeys();
    return Object.keys(await area.get(null));
  }

  // migrateChunks packs schema-2 and schema-3 records in place as schema 4, MIGRATE_CHUNK
  // keys per write: each key is rewritten by its smaller self, never two copies.
  async function migrateChunks(area) {
    const keys = (await allKeys(area)).filter((k) => k.startsWith('p:'));
    let n = 0;
    for (let i = 0; i < keys.length; i += BG.MIGRATE_CHUNK) {
      const got = await area.get(keys.slice(i, i + BG.MIGRATE_CHUNK));
      const out = {};
      for (const [k, r] of Object.entries(got)) {
        if (!r || typeof r !== 'object' || isPacked4(r)) continue; // already schema 4
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
    if (from === 2 || from === 3) {
      const migrated = await migrateChunks(area);
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
      // v1 records are small: written unpacked (reads accept it; the next write packs it).
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
