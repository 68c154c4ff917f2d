// detail.js — the order detail page: one badge next to the order status.
(function (WB) {
  'use strict';
  WB.runDetail = function runDetail(doc, info, loc) {
    const ctx = { host: info.host, lang: info.lang, locale: info.locale };
    const orderId = WB.idFromHref(loc.href);
    if (!orderId) return;
    let started = false;
    let view = null;
    const target = () => doc.querySelector(WB.SEL.detail.status);
    const apply = (batch) => {
      for (const v of batch)
        if (v && v.orderId === orderId) {
          view = v;
          const t = target();
          if (t) WB.renderBadge(t, v, ctx);
        }
    };
    function tryStart() {
      const t = target();
      if (!t) return;
      if (view) WB.renderBadge(t, view, ctx);
      if (started) return;
      started = true;
      const statusText = WB.collapse(
        t.firstChild && t.firstChild.nodeType === 3 ? t.firstChild.textContent : t.textContent,
      );
      const hasTrack = !!doc.querySelector(WB.SEL.detail.trackLink);
      WB.pipeline(ctx, [{ orderId, statusText, hasTrack }], apply);
    }
    let timer = 0;
    new MutationObserver(() => {
      if (!timer)
        timer = setTimeout(() => {
          timer = 0;
          tryStart();
        }, 30);
    }).observe(doc.body, { childList: true, subtree: true });
    tryStart();
  };
})((globalThis.WB = globalThis.WB || {}));
