// list.js — the order list: badges every .order-item card, including cards the
// SPA renders late and cards "View orders" appends (one debounced
// MutationObserver), and re-inserts a badge React dropped on a re-render.
(function (WB) {
  'use strict';
  const M = WB.MSG; // common/messages.js

  // pipeline gets views for orders (apply takes an array of views): stored/card status first, then AliExpress's own
  // tracking (mtop through the MAIN-world bridge), then one cross-check for the batch.
  WB.pipeline = async function pipeline(ctx, orders, apply, opts) {
    opts = opts || {};
    const page = {
      host: ctx.host,
      lang: ctx.lang,
      locale: ctx.locale,
      utcOffsetMinutes: -new Date().getTimezoneOffset(),
    };
    const first = await WB.send(M.orders, { page, orders, full: !!opts.full });
    if (!first) return;
    // The background may answer {error} (bad message, storage failure): no views, nothing to fetch.
    const firstViews = first.views && typeof first.views === 'object' ? first.views : {};
    apply(Object.values(firstViews));
    const fetched = await Promise.all(
      (Array.isArray(first.needMtop) ? first.needMtop : []).map(async (id) => {
        const res = await WB.querydetail(id);
        if (res.stopped && !opts.domFallback) {
          // A challenge, a cool-down or a logged-out page: the card's own status, "paused".
          if (firstViews[id]) apply([Object.assign({}, firstViews[id], { paused: true })]);
          return '';
        }
        if (res.ok) {
          const r = await WB.send(M.aliexpress, {
            page,
            orderId: id,
            payload: res.payload,
            full: !!opts.full,
          });
          if (r && r.view)
            apply([Object.assign({}, r.view, { checking: !!(r.view.numbers || []).length })]);
          return id;
        }
        if (opts.domFallback) {
          const dom = await opts.domFallback();
          const r =
            dom && (await WB.send(M.aliexpressDom, { page, orderId: id, dom, full: !!opts.full }));
          if (r && r.view) {
            apply([Object.assign({}, r.view, { checking: !!(r.view.numbers || []).length })]);
            return id;
          }
        }
        return '';
      }),
    );
    const ids = orders
      .map((o) => o.orderId)
      .filter(
        (id) => fetched.includes(id) || (firstViews[id] && (firstViews[id].numbers || []).length),
      );
    if (!ids.length) return;
    const cc = await WB.send(M.crosscheck, { page, orderIds: ids, full: !!opts.full });
    if (cc) apply(Object.values(cc.views || {}));
  };

  WB.runList = function runList(doc, info) {
    const ctx = { host: info.host, lang: info.lang, locale: info.locale };
    const views = new Map(); // orderId → latest view
    const asked = new Set(); // order ids already sent to the pipeline
    const storeUrls = new Map();

    // apply draws a batch of views: one pass over the cards, whatever the batch size.
    function apply(batch) {
      const fresh = new Set();
      for (const v of batch)
        if (v && v.orderId) {
          views.set(v.orderId, v);
          fresh.add(v.orderId);
        }
      if (!fresh.size) return;
      for (const card of WB.cards(doc)) {
        const id = cardId(card);
        if (fresh.has(id))
          WB.renderBadge(card, views.get(id), Object.assign({ storeUrl: storeUrls.get(id) }, ctx));
      }
    }

    // Card → what it was read as, keyed by its Details link: if the SPA reuses a
    // card element for another order, the link changes and the card is read again.
    const ids = new WeakMap();
    function cardId(card) {
      const a = card.querySelector(WB.SEL.list.detailLink);
      const key = a ? a.getAttribute('href') : card.getAttribute('href') || '';
      let r = ids.get(card);
      if (!r || r.key !== key) {
        r = Object.assign(WB.readCard(card), { key });
        ids.set(card, r);
      }
      return r.orderId;
    }

    function scan() {
      const fresh = [];
      for (const card of WB.cards(doc)) {
        const id = cardId(card);
        if (!id) continue;
        const known = views.get(id);
        if (known) WB.renderBadge(card, known, Object.assign({ storeUrl: storeUrls.get(id) }, ctx)); // React may have dropped it
        if (!asked.has(id)) {
          asked.add(id);
          const o = ids.get(card);
          storeUrls.set(id, o.storeUrl);
          fresh.push({
            orderId: id,
            statusText: o.statusText,
            hasTrack: o.hasTrack,
            placedAt: o.placedAt,
            store: o.store,
            product: o.product,
          });
        }
      }
      if (fresh.length) WB.pipeline(ctx, fresh, apply);
    }

    // Stored views first (before the SPA has drawn its cards): a card that appears
    // later is badged in the same observer callback, with no round trip.
    WB.send(M.recent, { page: { host: ctx.host, lang: ctx.lang } }).then((res) => {
      const batch = [];
      for (const v of Object.values((res && res.views) || {}))
        if (v && v.orderId && !views.has(v.orderId)) batch.push(v);
      if (batch.length) apply(batch);
    });

    // MutationObserver callbacks already come batched (once per microtask checkpoint),
    // so the scan runs right away: badges appear in the same frame as the cards.
    new MutationObserver((muts) => {
      // Only DOM growth can bring new or re-rendered cards; our own badge updates
      // happen inside shadow roots and never reach this observer.
      if (
        muts.some(
          (m) =>
            m.addedNodes.length &&
            [...m.addedNodes].some(
              (n) => n.nodeType === 1 && !(n.classList && n.classList.contains('waybill-badge')),
            ),
        )
      )
        scan();
    }).observe(doc.body, { childList: true, subtree: true });
    scan();
    return { scan, views };
  };
})((globalThis.WB = globalThis.WB || {}));
