// sw.js — the background: a classic MV3 service worker in Chrome, an event
// page (the same files listed in manifest background.scripts) in Firefox.
if (typeof importScripts === 'function' && typeof globalThis.BG === 'undefined') {
  importScripts('../core/wasm_exec.js', '../common/config.js', '../common/links.js', 'core.js', 'store.js',
    'proxy.js', 'parcels.js', 'schedule.js');
}
(function (BG) {
  'use strict';
  BG.core().catch(() => {}); // start the wasm now: the first message should not pay for it
  // Warm the core with one tiny call, so "first answer" is measured as users get it.
  BG.call('classify', { source: 'text', text: '' }).catch(() => {});
  BG.ready();

  const PAGE_HOST = /^https:\/\/([a-z0-9-]+\.)*aliexpress\.(com|us|ru)\//;
  const HANDLERS = {
    orders: BG.onOrders, aliexpress: BG.onAliExpress, aliexpressDom: BG.onAliExpressDom, crosscheck: BG.onCrosscheck,
  };
  // Registered synchronously at top level, as MV3 requires.
  chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
    if (!msg || typeof msg !== 'object' || sender.id !== chrome.runtime.id) return false;
    let h = null;
    const fromPage = sender.tab && typeof sender.url === 'string';
    if (fromPage && PAGE_HOST.test(sender.url)) h = HANDLERS[msg.type];
    else if (!fromPage) { // our own pages: popup, options, tests' extension pages
      h = HANDLERS[msg.type] || { list: BG.onList, stats: async () => ({ stats: BG.stats, timings: BG.timings }),
        refresh: async () => BG.refreshDue(Date.now() + 365 * 864e5) }[msg.type];
    }
    if (!h) return false;
    h(msg).then(sendResponse, (err) => sendResponse({ error: String(err && err.message || err) }));
    return true;
  });
  chrome.alarms.onAlarm.addListener((a) => { if (a.name === BG.ALARM) BG.refreshDue().catch((e) => console.warn('Waybill refresh', e)); });
  chrome.runtime.onInstalled.addListener(() => { BG.ensureAlarm(); });
  chrome.runtime.onStartup.addListener(() => { BG.ensureAlarm(); });
})(globalThis.BG);
