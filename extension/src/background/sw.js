// sw.js — the background's last script: in Chrome a classic MV3 service worker
// (background/boot.js, written by build.mjs, imports scripts.json's background list),
// in Firefox an event page (the same list in manifest background.scripts).
(function (BG) {
  'use strict';
  BG.core().catch(() => {}); // start the wasm now: the first message should not pay for it
  // Warm the core with one tiny call, so "first answer" is measured as users get it.
  BG.call('classify', { source: 'text', text: '' }).catch(() => {});
  BG.ready().catch(() => {}); // logged in ready(); every read and write tries again

  const PAGE_HOST = /^https:\/\/([a-z0-9-]+\.)*aliexpress\.(com|us|ru)\//;
  const HANDLERS = {
    orders: BG.onOrders,
    recent: BG.onRecent,
    aliexpress: BG.onAliExpress,
    aliexpressDom: BG.onAliExpressDom,
    crosscheck: BG.onCrosscheck,
  };
  // Registered synchronously at top level, as MV3 requires.
  chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
    if (!msg || typeof msg !== 'object' || sender.id !== chrome.runtime.id) return false;
    let h = null;
    const url = typeof sender.url === 'string' ? sender.url : '';
    if (url.startsWith(chrome.runtime.getURL(''))) {
      // our own pages: popup, options
      h =
        HANDLERS[msg.type] ||
        {
          list: BG.onList,
          stats: async () => ({ stats: BG.stats, timings: BG.timings }),
          // ping answers after one real core call: how long a sleeping worker takes to answer.
          ping: async () => {
            const r = await BG.call('classify', { source: 'text', text: 'delivered' });
            return { ok: !r.error, timings: BG.timings };
          },
          refresh: async () => BG.refreshDue(Date.now() + 365 * 864e5),
        }[msg.type];
    } else if (sender.tab && PAGE_HOST.test(url)) {
      // content scripts on AliExpress pages
      h = HANDLERS[msg.type];
    }
    if (!h) return false;
    const t0 = performance.now();
    h(msg).then(
      (res) => {
        BG.stats.lastMs[msg.type] = Math.round(performance.now() - t0);
        sendResponse(res);
      },
      (err) => sendResponse({ error: String((err && err.message) || err) }),
    );
    return true;
  });
  chrome.alarms.onAlarm.addListener((a) => {
    if (a.name === BG.ALARM) BG.refreshDue().catch((e) => console.warn('Waybill refresh', e));
  });
  chrome.runtime.onInstalled.addListener(() => {
    BG.ensureAlarm();
  });
  chrome.runtime.onStartup.addListener(() => {
    BG.ensureAlarm();
  });
})(globalThis.BG);
