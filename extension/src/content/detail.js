// detail.js — the order detail page: one badge next to the order's status title.
// The status block (.order-status) also holds a reminder line and buttons ("Order
// complete. If there are any problems, …", "Track status"): the status is its
// .order-block-title (older pages) or the block's first line of text (2026), never the
// whole block. Per product: its tracking link and ETA line, as the page shows them.
(function (WB) {
  'use strict';

  // firstLine returns the element holding the first non-empty text of el, and that text.
  function firstLine(doc, el) {
    const walk = doc.createTreeWalker(el, 4 /* NodeFilter.SHOW_TEXT */);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      const t = WB.collapse(n.textContent);
      if (t && !(n.parentElement && n.parentElement.closest('.waybill-badge, button, a')))
        return { el: n.parentElement, text: t };
    }
    return null;
  }

  // readDetailStatus finds the status title: {el, text} or null.
  WB.readDetailStatus = function readDetailStatus(doc) {
    const S = WB.SEL.detail;
    const title = doc.querySelector(S.statusTitle);
    if (title)
      return {
        el: title,
        text: WB.collapse(
          title.firstChild && title.firstChild.nodeType === 3
            ? title.firstChild.textContent
            : title.textContent,
        ),
      };
    const block = doc.querySelector(S.statusBlock) || doc.querySelector(S.status);
    return block ? firstLine(doc, block) : null;
  };

  // readDetailProducts: [{trackHref, eta, latest}] per product with a tracking block.
  WB.readDetailProducts = function readDetailProducts(doc) {
    const S = WB.SEL.detail;
    const out = [];
    for (const box of doc.querySelectorAll(S.track)) {
      const a = box.matches(S.trackLink) ? box : box.querySelector(S.trackLink);
      const eta = box.querySelector(S.trackEta);
      const desc = box.querySelector(S.trackDesc);
      out.push({
        trackHref: a ? WB.links.safeHttps(new URL(a.getAttribute('href'), location.href).href) : '',
        eta: eta ? WB.collapse(eta.textContent).slice(0, 100) : '',
        latest: desc ? WB.collapse(desc.textContent).slice(0, 200) : '',
      });
    }
    if (!out.length)
      for (const a of doc.querySelectorAll(S.trackLink))
        out.push({
          trackHref: WB.links.safeHttps(new URL(a.getAttribute('href'), location.href).href),
          eta: '',
          latest: '',
        });
    return out;
  };

  WB.runDetail = function runDetail(doc, info, loc) {
    const ctx = { host: info.host, lang: info.lang, locale: info.locale };
    const orderId = WB.idFromHref(loc.href);
    if (!orderId) return;
    let started = false;
    let view = null;
    let target = null;
    const apply = (batch) => {
      for (const v of batch)
        if (v && v.orderId === orderId) {
          view = v;
          if (target && target.isConnected) WB.renderBadge(target, v, ctx);
        }
    };
    function tryStart() {
      const st = WB.readDetailStatus(doc);
      if (!st || !st.text) return;
      if (!target || !target.isConnected) target = st.el;
      if (view) WB.renderBadge(target, view, ctx);
      if (started) return;
      started = true;
      const products = WB.readDetailProducts(doc);
      const order = {
        orderId,
        statusText: st.text,
        hasTrack: products.some((p) => p.trackHref),
        eta: (products.find((p) => p.eta) || {}).eta || '',
      };
      WB.pipeline(ctx, [order], apply);
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
