// dashboard.js — the background side of the dashboard (contract 4) and the popup's
// summary: every parcel with its group, numbers the buyer adds (through the core's
// extract/parse, cross-checked at once), the buyer's own choices (name, archive, mute),
// export and import. Listed after sw.js in scripts.json, so BG.on exists.
(function (BG) {
  'use strict';
  const WB = globalThis.WB;
  const M = WB.MSG;
  const ID = WB.ORDER_ID;
  const TERMINAL = new Set(WB.TERMINAL_STATUSES);
  BG.EXPORT_SCHEMA = 1;
  BG.ADD_MAX = 100; // numbers added from one paste
  BG.IMPORT_MAX = 5000; // parcels in one import
  BG.RETRY_UNMERGED_MS = 3600e3;

  // What puts a parcel in "attention": a status the buyer acts on, staleness, or advice
  // that asks for an action. not_found/unknown stay "moving" unless advice or staleness says.
  const ATTENTION_STATUS = new Set(['delivery_failed', 'exception', 'available_for_pickup']);
  const ATTENTION_ADVICE = new Set([
    'open_dispute',
    'protection_ending',
    'pick_up',
    'contact_local_carrier',
    'check_number',
  ]);
  BG.groupOf = function groupOf(rec, view) {
    if (rec.archived) return 'archived';
    if (TERMINAL.has(view.status)) return 'delivered';
    if (ATTENTION_STATUS.has(view.status) || view.stale) return 'attention';
    if ((view.advice || []).some((a) => a && ATTENTION_ADVICE.has(a.code))) return 'attention';
    return 'moving';
  };

  // numbersFor: every number of a record, the one the buyer added first.
  function numbersFor(rec) {
    const out = BG.numbersOf(rec);
    if (rec.manual && BG.validNumber(rec.manual.number) && !out.includes(rec.manual.number))
      out.unshift(rec.manual.number);
    return out;
  }
  BG.numbersFor = numbersFor;

  BG.dashView = function dashView(rec, full) {
    const v = BG.viewOf(rec, full);
    v.id = BG.idOf(rec);
    v.numbers = numbersFor(rec);
    v.group = BG.groupOf(rec, v);
    v.name = rec.name || '';
    v.archived = !!rec.archived;
    v.muted = !!rec.muted;
    v.manual = !!rec.manual;
    v.host = rec.host || '';
    v.updatedAt = rec.updatedAt || 0;
    v.createdAt = rec.createdAt || 0;
    const carriers = [];
    const m = rec.merged;
    for (const l of (m && m.legs) || [])
      if (l && typeof l.carrier === 'string' && l.carrier && !carriers.includes(l.carrier))
        carriers.push(l.carrier);
    v.carriers = carriers;
    // What search can match besides numbers and carriers (when a page told us).
    v.store = typeof rec.store === 'string' ? rec.store : '';
    v.product = typeof rec.product === 'string' ? rec.product : '';
    v.eventCount = m && Array.isArray(m.events) ? m.events.length : 0;
    return v;
  };

  const GROUPS = ['attention', 'moving', 'delivered', 'archived'];
  async function listing() {
    const recs = await BG.allRecords();
    const parcels = recs.map((r) => BG.dashView(r, false));
    parcels.sort(
      (a, b) => GROUPS.indexOf(a.group) - GROUPS.indexOf(b.group) || b.updatedAt - a.updatedAt,
    );
    const counts = Object.fromEntries(GROUPS.map((g) => [g, 0]));
    for (const p of parcels) counts[p.group]++;
    return {
      parcels,
      counts,
      storeError: BG.storeError ? { code: BG.storeError.code, unsaved: BG.unsavedCount() } : null,
    };
  }
  BG.dashListing = listing;

  // crosscheckRecords asks the proxy about every number of these records (the added
  // number included) now, and re-merges them: BG.crosscheck, forced, with a retry for
  // what stays unmerged; the error as its code, for the dashboard.
  BG.crosscheckRecords = async function crosscheckRecords(recs, lang) {
    const res = await BG.crosscheck(recs, lang || '', { force: true, retryUnmerged: true });
    return { calls: res.calls, error: res.error ? res.error.code : '' };
  };

  // findProblems looks at the words extract did not take: an AliExpress order id, or a
  // number whose check digit fails (with the core's suggestion). Fullwidth forms are
  // folded first, as the core folds them.
  async function findProblems(text, taken) {
    const words = text.normalize('NFKC').split(/[^0-9A-Za-z]+/);
    const out = [],
      seen = new Set();
    for (const w of words) {
      if (w.length < 8 || w.length > 40 || seen.has(w.toUpperCase()) || out.length >= 50) continue;
      seen.add(w.toUpperCase());
      if (taken.has(w.toUpperCase())) continue;
      const p = await BG.call('parse', w);
      const problems = Array.isArray(p && p.problems) ? p.problems : [];
      if (problems.includes('order_number') || ID.test(w))
        out.push({ kind: 'order_number', input: w });
      else if (problems.includes('check_digit') && BG.validNumber(p.number))
        out.push({
          kind: 'check_digit',
          input: w,
          number: p.number,
          suggestion:
            Array.isArray(p.suggestions) && BG.validNumber(p.suggestions[0])
              ? p.suggestions[0]
              : '',
        });
    }
    return out;
  }

  BG.onDashAdd = async function onDashAdd(msg) {
    const text = typeof msg.text === 'string' ? msg.text.slice(0, 100000) : '';
    const found = [];
    const matches = text ? await BG.call('extract', text) : [];
    for (const m of Array.isArray(matches) ? matches : [])
      if (m && m.valid && BG.validNumber(m.number) && !found.includes(m.number))
        found.push(m.number);
    const problems = text ? await findProblems(text, new Set(found)) : [];
    // Numbers the buyer confirmed as typed (a failed check digit they know is right).
    for (const n of Array.isArray(msg.asTyped) ? msg.asTyped : [])
      if (BG.validNumber(n) && !found.includes(n.toUpperCase())) found.push(n.toUpperCase());
    const all = await BG.allRecords();
    const known = new Set();
    for (const r of all) for (const n of numbersFor(r)) known.add(n);
    const added = [],
      duplicates = [],
      recs = [];
    for (const n of found.slice(0, BG.ADD_MAX)) {
      if (known.has(n)) {
        duplicates.push(n);
        continue;
      }
      known.add(n);
      const r = BG.newManualRecord(n);
      recs.push(r);
      added.push(n);
    }
    if (recs.length) {
      await BG.putRecords(recs);
      await BG.crosscheckRecords(recs, '');
    }
    return Object.assign({ added, duplicates, problems }, await listing());
  };

  async function one(id) {
    if (typeof id !== 'string' || !id) return null;
    return (await BG.getRecords([id]))[id] || null;
  }

  BG.onDashUpdate = async function onDashUpdate(msg) {
    const r = await one(msg.id);
    if (!r) return { error: { code: 'not_found' } };
    if (typeof msg.name === 'string') r.name = msg.name.trim().slice(0, 80);
    if (typeof msg.archived === 'boolean') r.archived = msg.archived;
    if (typeof msg.muted === 'boolean') r.muted = msg.muted;
    await BG.putRecords([r]);
    return { parcel: BG.dashView(r, false) };
  };

  BG.onDashDelete = async function onDashDelete(msg) {
    const r = await one(msg.id);
    if (!r) return { error: { code: 'not_found' } };
    await BG.deleteRecords([BG.idOf(r)]);
    BG.updateActionBadge();
    return { ok: true };
  };

  BG.onDashDetail = async function onDashDetail(msg) {
    const r = await one(msg.id);
    if (!r) return { error: { code: 'not_found' } };
    return { parcel: BG.dashView(r, true) };
  };

  BG.onDashRefresh = async function onDashRefresh() {
    const recs = (await BG.allRecords()).filter((r) => !r.archived && numbersFor(r).length);
    const res = await BG.crosscheckRecords(recs, '');
    return Object.assign({ calls: res.calls, error: res.error }, await listing());
  };

  // Export: every parcel with what a re-import needs (sources) and what a person reads
  // (the merged events), versioned.
  BG.onDashExport = async function onDashExport() {
    const recs = await BG.allRecords();
    return {
      schema: BG.EXPORT_SCHEMA,
      exportedAt: new Date().toISOString(),
      parcels: recs.map((r) => {
        const v = BG.dashView(r, true);
        return {
          id: BG.idOf(r),
          orderId: r.orderId || '',
          manual: r.manual || null,
          host: r.host || '',
          name: r.name || '',
          archived: !!r.archived,
          muted: !!r.muted,
          status: v.status,
          group: v.group,
          numbers: v.numbers,
          createdAt: r.createdAt,
          updatedAt: r.updatedAt,
          order: r.order,
          aeOrder: r.aeOrder,
          history: r.history,
          ae: r.ae,
          proxy: r.proxy,
          events: v.events || [],
        };
      }),
    };
  };

  const str = (s, n) => (typeof s === 'string' ? s.slice(0, n) : '');
  function cleanEvents(list) {
    return (Array.isArray(list) ? list : []).slice(0, BG.AE_MAX_EVENTS).flatMap((e) => {
      if (!e || typeof e !== 'object' || typeof e.time !== 'string') return [];
      const ev = { time: str(e.time, 40), text: str(e.text, 500) };
      if (e.location) ev.location = str(e.location, 200);
      if (e.code) ev.code = str(e.code, 80);
      return [ev];
    });
  }
  function cleanSources(list) {
    return BG.limitSources(Array.isArray(list) ? list : []).map((s) => {
      const out = { source: str(s.source, 20), events: cleanEvents(s.events) };
      if (BG.validNumber(s.number)) out.number = s.number;
      for (const k of ['carrier', 'status']) if (typeof s[k] === 'string') out[k] = str(s[k], 100);
      if (Array.isArray(s.numbers))
        out.numbers = s.numbers
          .filter((l) => l && BG.validNumber(l.number))
          .slice(0, 10)
          .map((l) => ({ number: l.number, role: str(l.role, 20), carrier: str(l.carrier, 100) }));
      if (Array.isArray(s.contacts))
        out.contacts = s.contacts.slice(0, 10).map((c) => ({
          name: str(c && c.name, 100),
          phone: str(c && c.phone, 40),
          url: str(c && c.url, 300),
        }));
      if (s.eta && typeof s.eta === 'object')
        out.eta = { min: str(s.eta.min, 40), max: str(s.eta.max, 40) };
      if (s.error && typeof s.error === 'object')
        out.error = { code: str(s.error.code, 60), message: str(s.error.message, 200) };
      return out;
    });
  }
  // mergeSources adds to `into` (a list of sources) the events of `from` it lacks:
  // sources match by (source, number), events by (time, text).
  function mergeSources(into, from) {
    for (const s of from) {
      const have = into.find((x) => x.source === s.source && (x.number || '') === (s.number || ''));
      if (!have) {
        into.push(s);
        continue;
      }
      const keys = new Set(have.events.map((e) => e.time + '\u0000' + e.text));
      for (const e of s.events)
        if (!keys.has(e.time + '\u0000' + e.text) && have.events.length < BG.AE_MAX_EVENTS) {
          have.events.push(e);
          keys.add(e.time + '\u0000' + e.text);
        }
    }
    return into;
  }

  BG.onDashImport = async function onDashImport(msg) {
    const data = msg.data;
    if (
      !data ||
      typeof data !== 'object' ||
      !Number.isInteger(data.schema) ||
      data.schema > BG.EXPORT_SCHEMA ||
      !Array.isArray(data.parcels)
    )
      return { error: { code: 'not_an_export' } };
    let parcels = 0, // new parcels
      events = 0; // new events
    const touched = [];
    for (const p of data.parcels.slice(0, BG.IMPORT_MAX)) {
      if (!p || typeof p !== 'object') continue;
      const manualNumber = p.manual && BG.validNumber(p.manual.number) ? p.manual.number : '';
      let id = '';
      if (typeof p.orderId === 'string' && ID.test(p.orderId)) id = p.orderId;
      else if (manualNumber) id = 'n:' + manualNumber;
      if (!id) continue;
      let r = await one(id);
      const before = r && r.merged && Array.isArray(r.merged.events) ? r.merged.events.length : 0;
      if (!r) {
        r = id.startsWith('n:') ? BG.newManualRecord(manualNumber) : BG.newRecord(id);
        r.host = str(p.host, 100);
        if (Number(p.createdAt) > 0) r.createdAt = Number(p.createdAt);
        if (p.order && typeof p.order.status === 'string') r.order.status = str(p.order.status, 40);
        parcels++;
      }
      if (!r.name && typeof p.name === 'string') r.name = str(p.name, 80);
      if (p.archived === true) r.archived = true;
      if (p.muted === true) r.muted = true;
      if (!r.aeOrder && p.aeOrder && typeof p.aeOrder === 'object') {
        r.aeOrder = {};
        for (const k of ['placedAt', 'shippedAt', 'protectionEndsAt', 'status'])
          if (typeof p.aeOrder[k] === 'string') r.aeOrder[k] = str(p.aeOrder[k], 40);
      }
      if (p.ae && Array.isArray(p.ae.sources)) {
        r.ae = r.ae || { sources: [], fetchedAt: Number(p.ae.fetchedAt) || 0 };
        r.ae.sources = mergeSources(r.ae.sources || [], cleanSources(p.ae.sources));
      }
      for (const [n, entry] of Object.entries(
        p.proxy && typeof p.proxy === 'object' ? p.proxy : {},
      )) {
        if (!BG.validNumber(n) || !entry || !Array.isArray(entry.sources)) continue;
        const mine = r.proxy[n] || { sources: [], fetchedAt: Number(entry.fetchedAt) || 0 };
        mine.sources = mergeSources(mine.sources, cleanSources(entry.sources));
        r.proxy[n] = mine;
      }
      // History: the union, by (time, status).
      const hk = new Set(r.history.map((h) => h.at + '\u0000' + h.status));
      for (const h of Array.isArray(p.history) ? p.history.slice(-500) : []) {
        if (!h || typeof h.status !== 'string' || !(Number(h.at) > 0)) continue;
        const k = Number(h.at) + '\u0000' + h.status;
        if (hk.has(k)) continue;
        hk.add(k);
        r.history.push(
          h.sub
            ? { at: Number(h.at), status: str(h.status, 40), sub: str(h.sub, 60) }
            : { at: Number(h.at), status: str(h.status, 40) },
        );
      }
      r.history.sort((a, b) => a.at - b.at);
      await BG.remerge(r);
      const after = r.merged && Array.isArray(r.merged.events) ? r.merged.events.length : 0;
      events += Math.max(0, after - before);
      touched.push(r);
    }
    // Imported parcels are history, not news: they set their notification baseline silently.
    for (const r of touched) if (!r.notes && BG.notifyKeys) r.notes = BG.notifyKeys(r);
    await BG.putRecords(touched);
    return Object.assign(await listing(), { imported: parcels, events });
  };

  BG.onSummary = async function onSummary() {
    const l = await listing();
    return {
      counts: l.counts,
      total: l.parcels.length,
      attention: l.parcels.filter((p) => p.group === 'attention').slice(0, 8),
      storeError: l.storeError,
    };
  };

  // The action icon's badge: how many parcels need attention (debounced after writes).
  let badgeTimer = null;
  BG.updateActionBadge = function updateActionBadge() {
    if (badgeTimer) return;
    badgeTimer = setTimeout(async () => {
      badgeTimer = null;
      try {
        const l = await listing();
        const n = l.counts.attention;
        const action = chrome.action || chrome.browserAction;
        if (!action) return;
        await action.setBadgeText({ text: n ? String(n) : '' });
        if (action.setBadgeBackgroundColor)
          await action.setBadgeBackgroundColor({ color: '#b3261e' });
        BG.stats.actionBadge = n;
      } catch (err) {
        console.warn('Waybill: action badge', err);
      }
    }, 300);
  };
  BG.onStored = BG.updateActionBadge;
  // The badge text lasts a browser session: set it again when the browser starts.
  chrome.runtime.onStartup.addListener(() => BG.updateActionBadge());

  BG.on(M.dashList, listing);
  BG.on(M.dashAdd, BG.onDashAdd);
  BG.on(M.dashUpdate, BG.onDashUpdate);
  BG.on(M.dashDelete, BG.onDashDelete);
  BG.on(M.dashDetail, BG.onDashDetail);
  BG.on(M.dashRefresh, BG.onDashRefresh);
  BG.on(M.dashExport, BG.onDashExport);
  BG.on(M.dashImport, BG.onDashImport);
  BG.on(M.summary, BG.onSummary);

  // "Track with Waybill" on selected text, on any page: the dashboard's add flow.
  const MENU = 'waybill-track';
  function createMenu() {
    if (!chrome.contextMenus) return;
    chrome.contextMenus.removeAll(() => {
      void chrome.runtime.lastError;
      chrome.contextMenus.create(
        {
          id: MENU,
          title: (chrome.i18n && chrome.i18n.getMessage('menu_track')) || 'Track with Waybill',
          contexts: ['selection'],
        },
        () => void chrome.runtime.lastError,
      );
    });
  }
  BG.openDashboard = function openDashboard(hash) {
    const url = chrome.runtime.getURL('dashboard/dashboard.html') + (hash ? '#' + hash : '');
    return chrome.tabs.create({ url });
  };
  if (chrome.contextMenus) {
    chrome.runtime.onInstalled.addListener(createMenu);
    chrome.contextMenus.onClicked.addListener((info) => {
      if (info.menuItemId !== MENU || typeof info.selectionText !== 'string') return;
      BG.openDashboard('add=' + encodeURIComponent(info.selectionText.slice(0, 4000)));
    });
  }
})(globalThis.BG);
