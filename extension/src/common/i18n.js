// i18n.js — strings in the PAGE's language (from <html lang> and the host), not the
// browser's: a Brazilian reading pt.aliexpress.com in an English Chrome gets pt_BR.
// The table is generated from _locales by build.mjs (common/strings.js).
(function (WB) {
  'use strict';
  // Base language → our _locales folder, when the folder is not the base itself.
  // iw and in are the old ISO codes of Hebrew and Indonesian (Java locales, AliExpress's b_locale).
  const ALIAS = { pt: 'pt_BR', iw: 'he', in: 'id' };
  // Languages written right to left: pages and badge shadow roots get dir="rtl".
  const RTL = new Set(['ar', 'he']);
  WB.dirFor = (loc) => (RTL.has(String(loc || '').split('_')[0]) ? 'rtl' : 'ltr');

  // localeFor picks a _locales folder for a BCP 47 tag and/or an AliExpress host.
  WB.localeFor = function localeFor(lang, host, table) {
    table = table || globalThis.WAYBILL_STRINGS || {};
    const tries = [];
    const push = (tag) => {
      if (!tag) return;
      const t = String(tag).trim().replace('-', '_');
      const [base, region] = t.split('_');
      if (region) tries.push(base.toLowerCase() + '_' + region.toUpperCase());
      tries.push(base.toLowerCase());
      if (ALIAS[base.toLowerCase()]) tries.push(ALIAS[base.toLowerCase()]);
    };
    push(lang);
    // Language subdomains: pt.aliexpress.com, es.…, fr.…, de.…; aliexpress.ru is Russian.
    const m = /^([a-z]{2})\.aliexpress\.(?:com|us)$/.exec(host || '');
    if (m && m[1] !== 'www') push(m[1]);
    if (/(^|\.)aliexpress\.ru$/.test(host || '')) push('ru');
    for (const t of tries) if (table[t]) return t;
    return 'en';
  };

  // t returns the message key in locale loc with $1, $2 … replaced (plain text).
  WB.t = function t(loc, key, ...subs) {
    const table = globalThis.WAYBILL_STRINGS || {};
    let s = (table[loc] && table[loc][key]) || (table.en && table.en[key]) || key;
    subs.forEach((v, i) => {
      s = s.split('$' + (i + 1)).join(String(v));
    });
    return s;
  };
})((globalThis.WB = globalThis.WB || {}));
