// track.js — the tracking page: the merged-timeline panel. Data from
// mtop.ae.ld.querydetail through the MAIN-world bridge; the page's own DOM
// (hashed CSS-module classes) is the fallback.
(function (WB) {
  'use strict';
  WB.runTrack = function runTrack(doc, info, loc) {
    const ctx = { host: info.host, lang: info.lang, locale: info.locale };
    const orderId = WB.trackOrderId(loc);
    if (!orderId) return;
    let view = null;
    const apply = (batch) => {
      for (const v of batch)
        if (v && v.orderId === orderId) {
          view = v;
          WB.renderPanel(doc, v, ctx);
        }
    };
    const domFallback = () =>
      new Promise((resolve) => {
        const done = () => resolve(WB.readTrackingDom(doc));
        if (doc.querySelector(WB.SEL.track.ready)) return done();
        const mo = new MutationObserver(() => {
          if (doc.querySelector(WB.SEL.track.ready)) {
            mo.disconnect();
            clearTimeout(t);
            done();
          }
        });
        mo.observe(doc.body, { childList: true, subtree: true });
        const t = setTimeout(() => {
          mo.disconnect();
          done();
        }, 10000);
      });
    // The SPA may re-render its container and drop our panel: put it back. If the
    // panel came before AliExpress's own block, move it next to that block once it exists.
    new MutationObserver(() => {
      if (!view) return;
      const panel = doc.querySelector('.waybill-panel');
      if (!panel) {
        WB.renderPanel(doc, view, ctx);
        return;
      }
      const anchor = panel.parentNode === doc.body && doc.querySelector(WB.SEL.track.panelAnchor);
      if (anchor && anchor.parentNode) anchor.parentNode.insertBefore(panel, anchor);
    }).observe(doc.body, { childList: true, subtree: true });
    WB.pipeline(ctx, [{ orderId, statusText: '', hasTrack: true }], apply, {
      full: true,
      domFallback,
    });
  };
})((globalThis.WB = globalThis.WB || {}));
