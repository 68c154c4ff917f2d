// sw.js — the background's last script: in Chrome a classic MV3 service worker
// (background/boot.js, written by build.mjs, imports scripts.json's background list),
// in Firefox an event page (the same list in manifest background.scripts).
(function (BG) {
  'use strict';
  BG.core().catch(() => {}); // start the wasm now: the first message should not pay for it
  // Warm the core with one tiny call, so "first answer" is measured as users get it.
  BG.call('classify', { source: 'text', text: '' }).catch(() => {});
  BG.ready().catch(() => {}); // logged in ready(); every read and write tries again

  // BG.on registers the handler of one message type (WB.MSG, common/messages.js); call it
  // from this file or from a background script listed after it in scripts.json.
  // handler(msg, sender) returns (a promise of) the answer.
  const handlers = new Map();
  BG.on = function on(type, handler) {
    if (!Object.prototype.hasOwnProperty.call(globalThis.WB.MESSAGES, type))
      throw new TypeError('BG.on: unknown message type ' + String(type));
    if (typeof handler !== 'function') throw new TypeError('BG.on: handler for ' + type);
    handlers.set(type, handler);
  };

  const PAGE_HOST = /^https:\/\/([a-z0-9-]+\.)*aliexpress\.(com|us|ru)\//;
  // Registered synchronously at top level, as MV3 requires.
  chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
    if (!msg || typeof msg !== 'object' || sender.id !== chrome.runtime.id) return false;
    const url = typeof sender.url === 'string' ? sender.url : '';
    const own = url.startsWith(chrome.runtime.getURL('')); // popup, options, dashboard
    const page = !own && !!sender.tab && PAGE_HOST.test(url); // content scripts on AliExpress
    if (!own && !page) return false;
    const spec = Object.prototype.hasOwnProperty.call(globalThis.WB.MESSAGES, msg.type)
      ? globalThis.WB.MESSAGES[msg.type]
      : null;
    const h = spec && handlers.get(msg.type);
    if (!h) {
      sendResponse({ error: { code: 'unknown_message' } });
      return false;
    }
    if (spec.from === 'extension' && !own) {
      sendResponse({ error: { code: 'forbidden' } });
      return false;
    }
    const t0 = performance.now();
    Promise.resolve()
      .then(() => h(msg, sender))
      .then(
        (res) => {
          BG.stats.lastMs[msg.type] = Math.round(performance.now() - t0);
          sendResponse(res);
        },
        (err) => sendResponse({ error: String((err && err.message) || err) }),
      );
    return true;
  });

  const M = globalThis.WB.MSG;
  BG.on(M.orders, BG.onOrders);
  BG.on(M.recent, BG.onRecent);
  BG.on(M.aliexpress, BG.onAliExpress);
  BG.on(M.aliexpressDom, BG.onAliExpressDom);
  BG.on(M.crosscheck, BG.onCrosscheck);
  BG.on(M.list, BG.onList);
  BG.on(M.stats, async () => ({ stats: BG.stats, timings: BG.timings }));
  // ping answers after one real core call: how long a sleeping worker takes to answer.
  BG.on(M.ping, async () => {
    const r = await BG.call('classify', { source: 'text', text: 'delivered' });
    return { ok: !r.error, timings: BG.timings };
  });
  BG.on(M.extract, BG.onExtract);
  BG.on(M.challenge, BG.onChallenge);
  BG.on(M.pauseState, BG.onPauseState);
  BG.on(M.mtopSlot, BG.onMtopSlot);
  BG.on(M.mtopDone, BG.onMtopDone);
  BG.on(M.health, BG.onHealth);
  BG.on(M.pageHealth, BG.onPageHealth);
  BG.on(M.refresh, async () => BG.refreshDue(Date.now() + 365 * 864e5));
  chrome.alarms.onAlarm.addListener((a) => {
    if (a.name === BG.ALARM) BG.refreshDue().catch((e) => console.warn('Waybill refresh', e));
  });
  // A closed tab gives back the mtop slot it held and drops its page-health report.
  if (chrome.tabs && chrome.tabs.onRemoved)
    chrome.tabs.onRemoved.addListener((tabId) => {
      BG.pacer.tabGone(tabId).catch(() => {});
      BG.healthTabGone(tabId).catch(() => {});
    });
  chrome.runtime.onInstalled.addListener(() => {
    BG.ensureAlarm();
  });
  chrome.runtime.onStartup.addListener(() => {
    BG.ensureAlarm();
  });
})(globalThis.BG);
