// page.js — which AliExpress page is this, on which host, in which language.
(function (WB) {
  'use strict';
  // kind returns 'list' | 'detail' | 'track' | 'ru' | '' for a location.
  WB.pageKind = function pageKind(loc) {
    const host = loc.hostname,
      path = loc.pathname;
    if (/(^|\.)aliexpress\.ru$/.test(host)) return 'ru';
    if (!/(^|\.)aliexpress\.(com|us)$/.test(host)) return '';
    if (path.startsWith('/p/order/index.html') || path === '/p/order/' || path === '/p/order')
      return 'list';
    if (path.startsWith('/p/order/detail.html')) return 'detail';
    if (path.startsWith('/p/tracking/index.html')) return 'track';
    return '';
  };
  WB.pageInfo = function pageInfo(doc, loc) {
    const lang = (doc.documentElement.getAttribute('lang') || '').trim();
    return {
      kind: WB.pageKind(loc),
      host: loc.hostname,
      lang,
      locale: WB.localeFor(lang, loc.hostname),
    };
  };
})((globalThis.WB = globalThis.WB || {}));
