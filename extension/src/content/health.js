// health.js — page health: when an AliExpress order page gives no readable cards or
// order ids within a few seconds, the popup says this page version is not understood
// and offers a diagnostic to copy. The report holds only counts of our selectors, the
// page kind and variant, the host and the extension version — nothing personal (no
// order ids, no text, no cookies).
(function (WB) {
  'use strict';
  WB.HEALTH_AFTER_MS = 5000;

  // healthReport describes how well the page was read, now.
  WB.healthReport = function healthReport(doc, info, loc) {
    const S = WB.SEL;
    const count = (sel) => {
      try {
        return doc.querySelectorAll(sel).length;
      } catch {
        return -1;
      }
    };
    const selectors = {};
    const groups = { list: S.list, detail: S.detail, track: S.track };
    for (const [g, table] of Object.entries(groups))
      if (g === info.kind)
        for (const [k, sel] of Object.entries(table)) selectors[g + '.' + k] = count(sel);
    let ok = true,
      variant = '';
    if (info.kind === 'list') {
      const cards = WB.cards(doc);
      const withId = cards.filter((c) => WB.readCard(c).orderId).length;
      selectors['list.cardsWithOrderId'] = withId;
      variant = cards.some((c) => c.tagName === 'A') ? 'mobile' : cards.length ? 'desktop' : 'none';
      ok = withId > 0;
    } else if (info.kind === 'detail') {
      const id = WB.idFromHref(loc.href);
      variant = doc.querySelector(S.detail.statusTitle)
        ? 'block-title'
        : doc.querySelector(S.detail.statusBlock)
          ? 'first-line'
          : 'none';
      ok = !!id && variant !== 'none';
    } else if (info.kind === 'track') {
      const id = WB.trackOrderId(loc);
      variant = doc.querySelector('[class*="logistic-info-v2--"]')
        ? 'v2'
        : doc.querySelector('[class*="logistic-info--"]')
          ? 'v1'
          : 'none';
      ok = !!id && !!doc.querySelector(S.track.ready);
    }
    const cfg = globalThis.WAYBILL_CONFIG || {};
    return {
      ok,
      kind: info.kind,
      variant,
      host: info.host,
      htmlLang: !!doc.documentElement.getAttribute('lang'),
      extension: String(cfg.version || ''),
      browser: String(cfg.browser || ''),
      selectors,
    };
  };

  // watchHealth reports the page's health to the background after HEALTH_AFTER_MS,
  // and again whenever it changes from "not understood" to understood later.
  WB.watchHealth = function watchHealth(doc, info, loc) {
    if (!['list', 'detail', 'track'].includes(info.kind)) return;
    let last = null;
    const report = () => {
      const r = WB.healthReport(doc, info, loc);
      if (last !== null && last === r.ok) return;
      last = r.ok;
      WB.send(WB.MSG.health, { report: r });
    };
    setTimeout(() => {
      report();
      if (!last) {
        let timer = 0; // at most one check per 500 ms while the page is not understood
        const mo = new MutationObserver(() => {
          if (timer) return;
          timer = setTimeout(() => {
            timer = 0;
            report();
            if (last) mo.disconnect();
          }, 500);
        });
        mo.observe(doc.body, { childList: true, subtree: true });
      }
    }, WB.HEALTH_AFTER_MS);
  };
})((globalThis.WB = globalThis.WB || {}));
