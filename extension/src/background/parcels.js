// parcels.js — turns what pages and the proxy tell into stored parcels and the
// views the content scripts draw. All tracking logic (classification, merging,
// advice) is the core's; this file only moves data and decides *when* to ask.
(function (BG) {
  'use strict';
  const ID = globalThis.WB.ORDER_ID; // common/ids.js
  const MIN = 60e3,
    HOUR = 60 * MIN;
  const TERMINAL = new Set(globalThis.WB.TERMINAL_STATUSES); // common/statuses.js, generated from Go
  BG.PAGE_RECHECK_MS = 10 * MIN; // a page view re-asks the proxy at most this often
  BG.AE_REFETCH_MS = 30 * MIN; // and AliExpress's own tracking at most this often
  BG.AE_MAX_SOURCES = 10; // what one decoded AliExpress answer may contribute
  BG.AE_MAX_EVENTS = 200; // … per source
  BG.CROSSCHECK_MAX_NUMBERS = 200; // numbers per cross-check (5 batches of 40)

  // cadence is the refresh interval by stage (null: no more refreshes).
  BG.cadence = function cadence(status, stage) {
    if (TERMINAL.has(status)) return null;
    switch (status) {
      case 'out_for_delivery':
      case 'available_for_pickup':
      case 'delivery_failed':
        return 2 * HOUR;
      case 'exception':
      case 'returning':
        return 6 * HOUR;
      case 'expired':
        return null; // the trackers gave up: no polling (not terminal: page views still ask)
    }
    if (stage >= 4) return 4 * HOUR;
    if (stage === 3) return 8 * HOUR;
    return 12 * HOUR;
  };

  function numbersOf(rec) {
    const out = [];
    const add = (n) => {
      if (BG.validNumber(n) && !out.includes(n)) out.push(n);
    };
    const m = rec.merged;
    if (m && Array.isArray(m.numbers))
      for (const n of m.numbers) add(typeof n === 'string' ? n : n && n.number);
    if (rec.ae) for (const s of rec.ae.sources || []) add(s.number);
    if (rec.aeDom) for (const n of rec.aeDom.numbers || []) add(n);
    if (rec.manual) add(rec.manual.number); // a number the buyer added (dashboard)
    return out;
  }
  BG.numbersOf = numbersOf;

  // A list page repeats a handful of status texts ("Completed" × 40): classify each once.
  const classified = new Map();
  async function classifyCard(statusText, hasTrack, lang) {
    let status = 'unknown';
    if (statusText) {
      const key = (lang || '') + '\u0000' + statusText;
      if (!classified.has(key)) {
        const c = await BG.call('classify', {
          source: 'aliexpress',
          text: statusText,
          lang: lang || '',
        });
        if (classified.size > 500) classified.clear();
        classified.set(key, c && typeof c.status === 'string' ? c.status : 'unknown');
      }
      status = classified.get(key);
    }
    // Language-independent signal (aliexpress-pages.md §8.3): a Track button means shipped.
    if (status === 'unknown' && hasTrack) status = 'in_transit';
    return status;
  }

  // remerge runs the core's merge over everything known about the parcel.
  BG.remerge = async function remerge(rec) {
    const sources = [];
    if (rec.ae) sources.push(...(rec.ae.sources || []));
    for (const n of Object.keys(rec.proxy || {})) sources.push(...(rec.proxy[n].sources || []));
    if (!sources.length) {
      rec.merged = null;
      return rec;
    }
    const order = Object.assign({ id: rec.orderId }, rec.aeOrder || {});
    if (rec.order.status && rec.order.status !== 'unknown') order.status = rec.order.status;
    const input = { now: new Date().toISOString(), order, sources };
    const m = await BG.call('merge', input);
    if (m && !m.error && typeof m.status === 'string') {
      rec.merged = m;
      const last = rec.history[rec.history.length - 1];
      if (!last || last.status !== m.status || (last.sub || '') !== (m.sub || '')) {
        rec.history.push(
          m.sub
            ? { at: Date.now(), status: m.status, sub: m.sub }
            : { at: Date.now(), status: m.status },
        );
      }
      const every = BG.cadence(m.status, m.progress ? m.progress.stage : 0);
      rec.nextCheckAt = every === null ? 0 : (rec.checkedAt || Date.now()) + every;
    } else if (m && m.error) {
      rec.mergeError = m.error;
    }
    return rec;
  };

  // viewOf is what a content script draws. full adds the timeline and conflicts.
  BG.viewOf = function viewOf(rec, full) {
    const m = rec.merged;
    const numbers = numbersOf(rec);
    const checkedWith = [];
    for (const n of numbers) {
      for (const s of (rec.proxy[n] && rec.proxy[n].sources) || [])
        if (!s.error && !checkedWith.includes(s.source)) checkedWith.push(s.source);
    }
    const v = {
      orderId: rec.orderId,
      status: m ? m.status : rec.order.status,
      numbers,
      crossChecked: checkedWith.length > 0 && !rec.proxyError,
      checkedWith: checkedWith.sort(),
      proxyError: rec.proxyError ? rec.proxyError.code : '',
      checkedAt: rec.checkedAt || 0,
    };
    if (m) {
      if (m.sub) v.sub = m.sub;
      const evs = Array.isArray(m.events) ? m.events : [];
      const last = evs[evs.length - 1];
      if (last)
        v.latest = {
          time: last.time,
          text: last.text,
          location: last.location || '',
          sources: last.sources || [],
        };
      if (m.eta) v.eta = m.eta;
      v.stale = !!m.stale;
      v.daysSinceUpdate = m.daysSinceUpdate || 0;
      v.advice = Array.isArray(m.advice) ? m.advice : [];
      if (m.progress) v.progress = m.progress;
      if (full) {
        v.events = evs;
        v.conflicts = Array.isArray(m.conflicts) ? m.conflicts : [];
        v.legs = Array.isArray(m.legs) ? m.legs : [];
      }
    } else if (rec.aeDom && full) {
      // DOM fallback without a usable payload: AliExpress's own lines, as text.
      v.events = rec.aeDom.events
        .slice()
        .reverse()
        .map((e) => ({
          time: e.timeText,
          text: [e.title, e.text].filter(Boolean).join(': '),
          sources: ['aliexpress'],
        }));
      if (rec.aeDom.eta) v.eta = rec.aeDom.eta;
    }
    if (!v.eta && rec.cardEta) v.eta = rec.cardEta;
    const contacts = [];
    for (const s of (rec.ae && rec.ae.sources) || [])
      for (const c of s.contacts || []) if (c && typeof c === 'object') contacts.push(c);
    if (contacts.length) v.contacts = contacts;
    return v;
  };

  function pick(o, keys) {
    const out = {};
    for (const k of keys) if (typeof o[k] === 'string' && o[k]) out[k] = o[k];
    return out;
  }

  function checkPage(page) {
    const p = page && typeof page === 'object' ? page : {};
    return {
      host: typeof p.host === 'string' ? p.host.slice(0, 100) : '',
      lang: typeof p.lang === 'string' ? p.lang.slice(0, 20) : '',
    };
  }

  // needsAliExpress decides whether an order's own tracking should be fetched from
  // AliExpress now — from its status and what is stored, never from the shape of its
  // Track control (a link with tradeOrderId, a bare tracking link, a <button>). Cancelled
  // and unpaid orders cost no call; a completed order only while it is recent (placed
  // ≤ RECENT_COMPLETED_MS ago, when the card shows a readable date) and not yet stored.
  // Stored data is cached by stage (BG.cadence, at least AE_REFETCH_MS), terminal forever.
  BG.RECENT_COMPLETED_MS = 60 * 24 * HOUR;
  BG.needsAliExpress = function needsAliExpress(rec, status, now) {
    if (status === 'cancelled') return false;
    if (status === 'pending' && !rec.hasTrack) return false; // unpaid, or not shipped yet
    if (rec.ae && !rec.ae.error) {
      if (TERMINAL.has(status)) return false;
      const stage = rec.merged && rec.merged.progress ? rec.merged.progress.stage : 0;
      const c = BG.cadence(status, stage);
      const every = c === null ? BG.AE_REFETCH_MS : Math.max(BG.AE_REFETCH_MS, c);
      return now - rec.ae.fetchedAt > every;
    }
    if (rec.ae && now - rec.ae.fetchedAt < BG.AE_REFETCH_MS) return false; // failed lately
    if (TERMINAL.has(status)) {
      const placed = Number(rec.placedAt) || 0;
      return placed > 0 && now - placed <= BG.RECENT_COMPLETED_MS;
    }
    return true; // shipped, in transit, unknown: it may have shipped
  };

  // onOrders: cards seen on a page → views now (stored or from the card), and which
  // orders need AliExpress's tracking fetched (none during a cool-down: their views say
  // "paused").
  BG.onOrders = async function onOrders(msg) {
    const page = checkPage(msg.page);
    const orders = (Array.isArray(msg.orders) ? msg.orders : [])
      .filter((o) => o && ID.test(o.orderId))
      .slice(0, 200);
    const recs = await BG.getRecords(orders.map((o) => o.orderId));
    const pause = await BG.pauseState();
    const views = {},
      needMtop = [],
      dirty = [];
    const now = Date.now();
    for (const o of orders) {
      let rec = recs[o.orderId];
      const statusText = typeof o.statusText === 'string' ? o.statusText.slice(0, 200) : '';
      const placedAt = Number.isFinite(o.placedAt) && o.placedAt > 0 ? o.placedAt : 0;
      if (!rec || rec.statusText !== statusText || rec.hasTrack !== !!o.hasTrack) {
        rec = rec || BG.newRecord(o.orderId);
        rec.host = page.host;
        rec.statusText = statusText;
        rec.hasTrack = !!o.hasTrack;
        rec.order.status = await classifyCard(statusText, rec.hasTrack, page.lang);
        if (!rec.merged && rec.order.status !== 'unknown') {
          const last = rec.history[rec.history.length - 1];
          if (!last || last.status !== rec.order.status)
            rec.history.push({ at: now, status: rec.order.status, source: 'card' });
        }
        dirty.push(rec);
      }
      const cardEta = typeof o.eta === 'string' ? o.eta.slice(0, 100) : '';
      if (cardEta && rec.cardEta !== cardEta) {
        rec.cardEta = cardEta; // the detail page's own ETA line, until AliExpress's data says more
        if (!dirty.includes(rec)) dirty.push(rec);
      }
      // Store and product names: only the dashboard's search reads them (never sent anywhere).
      for (const k of ['store', 'product']) {
        const v = typeof o[k] === 'string' ? o[k].slice(0, k === 'store' ? 100 : 300) : '';
        if (v && rec[k] !== v) {
          rec[k] = v;
          if (!dirty.includes(rec)) dirty.push(rec);
        }
      }
      if (placedAt && rec.placedAt !== placedAt) {
        rec.placedAt = placedAt;
        if (!dirty.includes(rec)) dirty.push(rec);
      }
      const view = BG.viewOf(rec, msg.full);
      if (BG.needsAliExpress(rec, view.status, now)) {
        if (pause.pausedUntil) view.paused = true;
        else needMtop.push(o.orderId);
      }
      views[o.orderId] = view;
    }
    // The answer does not wait for the disk: later messages read the in-memory copy.
    BG.putRecords(dirty).catch((err) => console.warn('Waybill: storing parcels failed', err));
    return { views, needMtop, pausedUntil: pause.pausedUntil };
  };

  // limitSources bounds what a decoded AliExpress answer contributes: ≤ AE_MAX_SOURCES
  // sources, ≤ AE_MAX_EVENTS events each, and only well-formed tracking numbers.
  function limitSources(list) {
    const out = [];
    for (const s of list) {
      if (out.length >= BG.AE_MAX_SOURCES) break;
      if (!s || typeof s !== 'object' || Array.isArray(s)) continue;
      const src = Object.assign({}, s, {
        events: Array.isArray(s.events) ? s.events.slice(0, BG.AE_MAX_EVENTS) : [],
      });
      if (!BG.validNumber(src.number)) delete src.number;
      if (Array.isArray(src.contacts)) src.contacts = src.contacts.slice(0, 10);
      out.push(src);
    }
    return out;
  }
  BG.limitSources = limitSources;

  // onAliExpress: a querydetail payload for one order → decode, store, merge.
  BG.onAliExpress = async function onAliExpress(msg) {
    if (!ID.test(msg.orderId) || !msg.payload || typeof msg.payload !== 'object')
      return { error: 'bad_message' };
    BG.stats.mtopPayloads++;
    const rec = (await BG.getRecords([msg.orderId]))[msg.orderId] || BG.newRecord(msg.orderId);
    const page = checkPage(msg.page);
    const req = { source: 'aliexpress', payload: msg.payload };
    if (page.lang) req.lang = page.lang;
    if (
      Number.isInteger(msg.page && msg.page.utcOffsetMinutes) &&
      Math.abs(msg.page.utcOffsetMinutes) <= 960
    )
      req.utcOffsetMinutes = msg.page.utcOffsetMinutes;
    const d = await BG.call('decode', req);
    const sources = d && Array.isArray(d.sources) ? limitSources(d.sources) : null;
    if (sources) {
      rec.ae = { sources, fetchedAt: Date.now() };
      // What AliExpress says about the order itself (shipped, protection end) feeds merge's advice.
      if (d.order && typeof d.order === 'object')
        rec.aeOrder = pick(d.order, ['placedAt', 'shippedAt', 'protectionEndsAt', 'status']);
    } else
      rec.ae = Object.assign(rec.ae || { sources: [] }, {
        fetchedAt: Date.now(),
        error: d && d.error ? d.error : { code: 'bad_answer' },
      });
    await BG.remerge(rec);
    await BG.putRecords([rec]);
    return { view: BG.viewOf(rec, msg.full) };
  };

  // onAliExpressDom: the tracking page's own DOM, when mtop was not available.
  BG.onAliExpressDom = async function onAliExpressDom(msg) {
    const dom = msg.dom;
    if (!ID.test(msg.orderId) || !dom || !Array.isArray(dom.numbers) || !Array.isArray(dom.events))
      return { error: 'bad_message' };
    const rec = (await BG.getRecords([msg.orderId]))[msg.orderId] || BG.newRecord(msg.orderId);
    const str = (s, n) => (typeof s === 'string' ? s.slice(0, n) : '');
    rec.aeDom = {
      numbers: dom.numbers.filter(BG.validNumber).slice(0, 10),
      events: dom.events.slice(0, 200).map((e) => ({
        title: str(e && e.title, 200),
        text: str(e && e.text, 500),
        timeText: str(e && e.timeText, 60),
      })),
      eta: str(dom.eta, 100),
      fetchedAt: Date.now(),
    };
    if (!rec.merged && rec.aeDom.events.length) {
      const e = rec.aeDom.events[0];
      const c = await BG.call('classify', {
        source: 'text',
        text: [e.title, e.text].join(' '),
        lang: checkPage(msg.page).lang,
      });
      if (c && typeof c.status === 'string' && c.status !== 'unknown') rec.order.status = c.status;
    }
    await BG.putRecords([rec]);
    return { view: BG.viewOf(rec, msg.full) };
  };

  // crosscheck asks the proxy about every number of these records that is due,
  // in batches of ≤ 40, then re-merges. force ignores the page re-check window;
  // retryUnmerged gives a record that still has nothing merged (the proxy was down
  // for a number the buyer added) a retry by the refresh alarm in an hour.
  BG.crosscheck = async function crosscheck(recs, lang, opts) {
    opts = opts || {};
    const now = Date.now();
    const due = recs.filter(
      (r) => numbersOf(r).length && (opts.force || now - (r.checkedAt || 0) > BG.PAGE_RECHECK_MS),
    );
    const numbers = [];
    for (const r of due)
      for (const n of numbersOf(r))
        if (!numbers.includes(n) && numbers.length < BG.CROSSCHECK_MAX_NUMBERS) numbers.push(n);
    if (!numbers.length) return { calls: 0, error: null };
    const before = BG.stats.proxyCalls;
    const { results, error } = await BG.track(numbers, lang);
    for (const r of due) {
      let got = 0;
      for (const n of numbersOf(r)) {
        const res = results.get(n);
        if (res) {
          r.proxy[n] = { sources: BG.toSources(res), fetchedAt: Date.now() };
          got++;
        }
      }
      if (got) {
        r.checkedAt = Date.now();
        r.proxyError = null;
      } else if (error) r.proxyError = error;
      await BG.remerge(r);
      if (opts.retryUnmerged && !r.merged && !r.nextCheckAt)
        r.nextCheckAt = Date.now() + BG.RETRY_UNMERGED_MS;
    }
    await BG.putRecords(due);
    return { calls: BG.stats.proxyCalls - before, error };
  };

  BG.onCrosscheck = async function onCrosscheck(msg) {
    const ids = (Array.isArray(msg.orderIds) ? msg.orderIds : [])
      .filter((id) => ID.test(id))
      .slice(0, 200);
    const recs = await BG.getRecords(ids);
    const page = checkPage(msg.page);
    const lang = BG.proxyLang(page.lang);
    const res = await BG.crosscheck(Object.values(recs), lang);
    const views = {};
    for (const id of Object.keys(recs)) views[id] = BG.viewOf(recs[id], msg.full);
    return { views, proxy: { calls: res.calls, error: res.error ? res.error.code : '' } };
  };

  // onRecent: views of the most recently updated parcels, so a list page can draw
  // badges from storage the moment its cards appear, without a round trip.
  BG.RECENT_MAX = 300;
  BG.onRecent = async function onRecent() {
    const recs = await BG.allRecords();
    recs.sort((a, b) => b.updatedAt - a.updatedAt);
    const views = {};
    for (const r of recs.slice(0, BG.RECENT_MAX)) views[r.orderId] = BG.viewOf(r, false);
    return { views };
  };

  BG.onList = async function onList() {
    const recs = await BG.allRecords();
    recs.sort((a, b) => b.updatedAt - a.updatedAt);
    return {
      parcels: recs.map((r) =>
        Object.assign(BG.viewOf(r, false), {
          host: r.host,
          history: r.history,
          updatedAt: r.updatedAt,
        }),
      ),
    };
  };
})((globalThis.BG = globalThis.BG || {}));
