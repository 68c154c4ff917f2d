// track.js — the tracking page: the merged-timeline panel. Data from
// mtop.ae.ld.querydetail through the MAIN-world bridge; the page's own DOM
// (hashed CSS-module classes, v1 and v2, every package tab) is the fallback.
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
    // The fallback reads every package (each tab in turn) and finds the numbers with the
    // core's extract (in the background), not with a pattern of our own.
    const domFallback = async () => {
      await whenReady();
      const all = await WB.readAllPackages(doc);
      const ex = all.numberTexts.length
        ? await WB.send(WB.MSG.extract, { text: all.numberTexts.join('\n') })
        : null;
      return {
        numbers: ex && Array.isArray(ex.numbers) ? ex.numbers : [],
        events: all.events,
        eta: all.eta,
        packages: all.packages.length,
      };
    };
    const whenReady = () =>
      new Promise((resolve) => {
        const done = () => resolve();
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
