// messages.js — every message between Waybill's scripts, in one typed table
// (background, content scripts, popup, options and any extension page load it).
//
//   content / popup:  const res = await WB.send(WB.MSG.orders, { page, orders });
//   background:       BG.on(WB.MSG.orders, async (msg, sender) => ({ views }));   (sw.js)
//
// WB.send rejects at once for a type that is not in the table (a typo is a bug, not a
// silent null); it resolves to null when the background cannot answer (extension
// updated or disabled): a page must never break because of us. The background
// answers a type it has no handler for with {error:{code:'unknown_message'}}.
//
// from: 'page'  — content scripts on AliExpress pages and our own extension pages may send it;
//       'extension' — only our own extension pages (popup, options, dashboard).
(function (WB) {
  'use strict';
  const TABLE = {
    // Content scripts (and extension pages).
    orders: ['page', 'cards seen on a page {page, orders, full} → {views, needMtop, paused}'],
    recent: ['page', 'stored views of recently updated parcels {page} → {views}'],
    aliexpress: ['page', 'a querydetail answer for one order {page, orderId, payload} → {view}'],
    aliexpressDom: ['page', 'the tracking page DOM fallback {page, orderId, dom} → {view}'],
    crosscheck: [
      'page',
      'cross-check these orders with the proxy {page, orderIds} → {views, proxy}',
    ],
    extract: ['page', 'tracking numbers in free text, through the core {text} → {numbers}'],
    challenge: ['page', 'AliExpress showed a bot challenge {reason} → {pausedUntil}'],
    pauseState: ['page', 'is calling AliExpress paused? {} → {pausedUntil, reason}'],
    mtopSlot: [
      'page',
      'may this tab call querydetail now? one call in flight across tabs {} → {granted, token} | {granted:false, retryMs}',
    ],
    mtopDone: ['page', 'the querydetail call holding the slot ended {token} → {ok}'],
    health: ['page', 'page health report of this tab {report} → {ok}'],
    // Extension pages only.
    list: ['extension', 'every stored parcel, newest first {} → {parcels}'],
    stats: ['extension', 'background counters and timings {} → {stats, timings}'],
    ping: ['extension', 'one real core call, for wake-up timing {} → {ok, timings}'],
    refresh: ['extension', 'cross-check every stored parcel now {} → {due, calls, error}'],
    pageHealth: ['extension', 'the latest page health report of a tab {tabId} → {report}'],
    // The dashboard (dashboard/dashboard.html) and the popup's summary (background/dashboard.js).
    dashList: ['extension', 'every parcel with its group {} → {parcels, counts, storeError}'],
    dashAdd: [
      'extension',
      'add numbers from pasted text {text, asTyped?} → {added, duplicates, problems, parcels}',
    ],
    dashUpdate: ['extension', 'the buyer names, archives or mutes a parcel {id, …} → {parcel}'],
    dashDelete: ['extension', 'delete a parcel for good {id} → {ok}'],
    dashDetail: ['extension', 'one parcel with its merged timeline {id} → {parcel}'],
    dashRefresh: ['extension', 'cross-check every active parcel now {} → {calls, error}'],
    dashExport: ['extension', 'every parcel and its events {} → {schema, parcels}'],
    dashImport: ['extension', 'merge an export back {data} → {imported, events, parcels}'],
    summary: ['extension', 'counts per group and the parcels needing attention {} → {…}'],
  };

  WB.MESSAGES = Object.freeze(
    Object.fromEntries(
      Object.entries(TABLE).map(([type, [from, doc]]) => [
        type,
        Object.freeze({ type, from, doc }),
      ]),
    ),
  );
  // WB.MSG.orders === 'orders': use these at call sites, never string literals.
  WB.MSG = Object.freeze(Object.fromEntries(Object.keys(TABLE).map((t) => [t, t])));

  // send delivers {type, ...payload} to the background and resolves to its answer (or null).
  WB.send = function send(type, payload) {
    if (!Object.prototype.hasOwnProperty.call(WB.MESSAGES, type))
      return Promise.reject(new TypeError('Waybill: unknown message type ' + String(type)));
    const msg = Object.assign({}, payload || {}, { type });
    return new Promise((resolve) => {
      try {
        chrome.runtime.sendMessage(msg, (res) => {
          void chrome.runtime.lastError;
          resolve(res === undefined ? null : res);
        });
      } catch {
        resolve(null);
      }
    });
  };
})((globalThis.WB = globalThis.WB || {}));
