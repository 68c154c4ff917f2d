// pacer.js — the one pacer of every mtop.ae.ld.querydetail call, across all tabs
// (aliexpress-live-2026.md §5: one call at a time, ≥ 400 ms apart plus 0–200 ms jitter).
// Before each call a content script (content/bridge.js) asks for the slot (mtopSlot);
// it is granted when no other call holds it and the gap since the last call ended has
// passed, else the answer says how long to wait before asking again. mtopDone gives it
// back. A slot held longer than 15 s, or by a tab that was closed, is taken back (the
// gap then counts from that moment). The state lives in chrome.storage.session, so a
// service worker that sleeps and wakes between two calls cannot shorten the gap, and
// it is gone when the browser closes.
(function (BG) {
  'use strict';
  BG.PACE = Object.freeze({ gapMs: 400, jitterMs: 200, holdMs: 15000, maxRetryMs: 1000 });
  const KEY = 'mtopPacer';

  // makePacer: now() and random() are the clock and the jitter (tests pass fakes),
  // area() the storage (chrome.storage.session, else memory: it must never be local).
  BG.makePacer = function makePacer({ now, random, area }) {
    let chain = Promise.resolve(); // one pacer step at a time within this worker's life
    const serial = (fn) => {
      const p = chain.then(fn, fn);
      chain = p.catch(() => {});
      return p;
    };
    const load = async () => {
      const got = await area().get(KEY);
      const s = got && got[KEY];
      return s && typeof s === 'object'
        ? {
            holder: s.holder || null,
            lastEnd: Number(s.lastEnd) || 0,
            nextAt: Number(s.nextAt) || 0,
          }
        : { holder: null, lastEnd: 0, nextAt: 0 };
    };
    const save = (s) => area().set({ [KEY]: s });
    // release ends the holder's call now: the next one may start after the gap plus jitter.
    const release = (s, t) => {
      s.holder = null;
      s.lastEnd = t;
      s.nextAt = t + BG.PACE.gapMs + Math.floor(random() * BG.PACE.jitterMs);
    };
    const token = () => {
      const a = new Uint32Array(2);
      crypto.getRandomValues(a);
      return a[0].toString(36) + a[1].toString(36);
    };

    return {
      // slot(tabId) → {granted:true, token} or {granted:false, retryMs}.
      slot: (tabId) =>
        serial(async () => {
          const s = await load();
          let t = now();
          if (s.holder && t - s.holder.since > BG.PACE.holdMs) {
            release(s, t);
            BG.stats.mtopReclaimed = (BG.stats.mtopReclaimed || 0) + 1;
          }
          if (s.holder) {
            await save(s); // a reclaim above is kept even when we refuse
            return {
              granted: false,
              // The holder's call usually ends within a few hundred ms: ask again soon.
              retryMs: Math.min(BG.PACE.gapMs / 2, s.holder.since + BG.PACE.holdMs - t + 1),
              holder: s.holder.tabId === tabId ? 'this_tab' : 'other_tab',
            };
          }
          if (t < s.nextAt) {
            await save(s);
            return { granted: false, retryMs: Math.min(BG.PACE.maxRetryMs, s.nextAt - t) };
          }
          t = now();
          s.holder = { tabId, token: token(), since: t };
          await save(s); // stored before the answer: a wake after this still knows
          return { granted: true, token: s.holder.token };
        }),
      // done(token) gives the slot back; a stale token (reclaimed meanwhile) changes nothing.
      done: (tok) =>
        serial(async () => {
          const s = await load();
          if (!s.holder || s.holder.token !== tok) return { ok: false };
          release(s, now());
          await save(s);
          return { ok: true };
        }),
      // tabGone: the tab was closed; a slot it held is taken back now.
      tabGone: (tabId) =>
        serial(async () => {
          const s = await load();
          if (!s.holder || s.holder.tabId !== tabId) return false;
          release(s, now());
          await save(s);
          return true;
        }),
      state: () => serial(load),
    };
  };

  // The session area: chrome.storage.session (Chrome 102+, Firefox 115+); memory otherwise.
  const mem = new Map();
  const memArea = {
    async get(keys) {
      const list = keys === null || keys === undefined ? [...mem.keys()] : [].concat(keys);
      const out = {};
      for (const k of list) if (mem.has(k)) out[k] = structuredClone(mem.get(k));
      return out;
    },
    async set(o) {
      for (const [k, v] of Object.entries(o)) mem.set(k, structuredClone(v));
    },
    async remove(keys) {
      for (const k of [].concat(keys)) mem.delete(k);
    },
  };
  BG.sessionArea = () => (globalThis.chrome && chrome.storage && chrome.storage.session) || memArea;

  BG.pacer = BG.makePacer({ now: () => Date.now(), random: Math.random, area: BG.sessionArea });

  BG.onMtopSlot = async function onMtopSlot(msg, sender) {
    const tabId = sender && sender.tab && typeof sender.tab.id === 'number' ? sender.tab.id : -1;
    if (tabId < 0) return { granted: false, retryMs: BG.PACE.maxRetryMs };
    return BG.pacer.slot(tabId);
  };
  BG.onMtopDone = async function onMtopDone(msg) {
    return BG.pacer.done(typeof msg.token === 'string' ? msg.token : '');
  };
})((globalThis.BG = globalThis.BG || {}));
