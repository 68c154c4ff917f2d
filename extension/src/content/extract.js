// extract.js — reads orders off the pages. Order ids come from link URLs
// (orderId= / tradeOrderId=), never from label text first: labels changed in
// 2026 ("Order ID:" → "Ref. Number:", ko "주문번호::"). See aliexpress-pages.md §8.
(function (WB) {
  'use strict';
  const S = () => WB.SEL;
  const ID = WB.ORDER_ID; // common/ids.js

  // idFromHref reads orderId / tradeOrderId from an href ("//www…", relative or absolute).
  WB.idFromHref = function idFromHref(href, base) {
    if (!href) return '';
    let u;
    try {
      u = new URL(href, base || 'https://www.aliexpress.com/');
    } catch {
      return '';
    }
    const id = u.searchParams.get('orderId') || u.searchParams.get('tradeOrderId') || '';
    return ID.test(id) ? id : '';
  };

  // collapse trims and collapses whitespace (pt_BR "Concluído " has a trailing space).
  WB.collapse = (s) =>
    String(s || '')
      .replace(/\s+/g, ' ')
      .trim();

  // readCard extracts one list card: {orderId, statusText, hasTrack, storeUrl}.
  WB.readCard = function readCard(card) {
    const sel = S().list;
    let id = '';
    const detail = card.querySelector(sel.detailLink);
    if (detail) id = WB.idFromHref(detail.getAttribute('href'));
    const track = card.querySelector(sel.trackLink);
    if (!id && track) id = WB.idFromHref(track.getAttribute('href'));
    if (!id && card.tagName === 'A') id = WB.idFromHref(card.getAttribute('href')); // mobile: the card is the link
    if (!id) {
      // last resort: a long digit run in the header info ("Order ID:", "Ref. Number:" …)
      const info = card.querySelector(sel.headerInfo);
      const m = info && /\b(\d{15,19})\b/.exec(info.textContent.replace(/(\d) (?=\d)/g, '$1'));
      if (m) id = m[1];
    }
    const st = card.querySelector(sel.statusText);
    const store = card.querySelector(sel.storeLink);
    return {
      orderId: id,
      statusText: st ? WB.collapse(st.textContent) : '',
      hasTrack: !!track,
      storeUrl: store ? WB.links.safeHttps(store.getAttribute('href')) : '',
    };
  };

  // cards returns the list cards under root (desktop div.order-item and mobile a.order-item).
  WB.cards = (root) => Array.from(root.querySelectorAll(S().list.card));

  // readTrackingDom is the fallback when mtop is unavailable: the tracking page's own DOM.
  // It returns {numbers, events (newest first, plain text), eta} — remote text stays text.
  WB.readTrackingDom = function readTrackingDom(doc) {
    const t = S().track;
    const numbers = [];
    for (const el of doc.querySelectorAll(t.mailNoValue)) {
      const n = WB.collapse(el.textContent).replace(/\s/g, '');
      if (/^[A-Za-z0-9]{6,40}$/.test(n) && !numbers.includes(n)) numbers.push(n);
    }
    const events = [];
    for (const node of doc.querySelectorAll(t.node)) {
      const title = node.querySelector(t.nodeTitle),
        time = node.querySelector(t.nodeTime);
      const descs = Array.from(node.querySelectorAll(t.nodeDesc))
        .map((d) => WB.collapse(d.textContent))
        .filter(Boolean);
      events.push({
        title: title ? WB.collapse(title.textContent) : '',
        text: descs.join(' — '),
        timeText: time ? WB.collapse(time.textContent) : '',
      });
    }
    const eta = doc.querySelector(t.eta);
    return { numbers, events, eta: eta ? WB.collapse(eta.textContent) : '' };
  };

  // trackOrderId reads tradeOrderId from the tracking page URL.
  WB.trackOrderId = (loc) => WB.idFromHref(loc.href);
})((globalThis.WB = globalThis.WB || {}));
