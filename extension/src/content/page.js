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
  // cookieLang is the buyer's AliExpress language from the aep_usuc_f cookie's b_locale
  // ("b_locale=pt_BR" → "pt-BR"; legacy iw_IL → he-IL, in_ID → id-ID), or ''. Read here
  // only: the cookie itself never leaves the page.
  const LEGACY = { iw: 'he', in: 'id' };
  WB.cookieLang = function cookieLang(doc) {
    let raw = '';
    try {
      for (const part of doc.cookie.split(';')) {
        const i = part.indexOf('=');
        if (i > 0 && part.slice(0, i).trim() === 'aep_usuc_f') raw = part.slice(i + 1).trim();
      }
      raw = decodeURIComponent(raw);
    } catch {
      return '';
    }
    const m = /(?:^|&)b_locale=([a-z]{2,3})_([A-Z]{2})(?:&|$)/.exec(raw);
    return m ? (LEGACY[m[1]] || m[1]) + '-' + m[2] : '';
  };

  // The page's language: the cookie's b_locale, then the language subdomain, then
  // <html lang> (often missing on the real site).
  WB.pageInfo = function pageInfo(doc, loc) {
    const html = (doc.documentElement.getAttribute('lang') || '').trim();
    const sub = /^([a-z]{2})\.aliexpress\.(?:com|us)$/.exec(loc.hostname);
    const lang = WB.cookieLang(doc) || (sub && sub[1] !== 'www' ? sub[1] : '') || html;
    return {
      kind: WB.pageKind(loc),
      host: loc.hostname,
      lang,
      locale: WB.localeFor(lang, loc.hostname),
    };
  };
})((globalThis.WB = globalThis.WB || {}));
