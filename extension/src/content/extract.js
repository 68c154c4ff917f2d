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

  // placedAt reads the order date off a card's header ("Order date: Jul 15, 2026",
  // "Date: 2026-07-15", "2026. 7. 15", "15.07.2026"), as ms since 1970, or 0 when it cannot tell.
  WB.placedAt = function placedAt(text) {
    const t = WB.collapse(text);
    let m = /\b(\d{4})[-./] ?(\d{1,2})[-./] ?(\d{1,2})\b/.exec(t);
    if (m) return Date.UTC(+m[1], +m[2] - 1, +m[3]) || 0;
    m = /\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b/.exec(t);
    if (m) return Date.UTC(+m[3], +m[2] - 1, +m[1]) || 0;
    m = /\b([A-Z][a-z]{2,8})\.? (\d{1,2}), (\d{4})\b/.exec(t);
    if (m) {
      const d = Date.parse(m[1].slice(0, 3) + ' ' + m[2] + ', ' + m[3] + ' UTC');
      return Number.isFinite(d) ? d : 0;
    }
    return 0;
  };

  // readCard extracts one list card: {orderId, statusText, hasTrack, storeUrl, placedAt,
  // store, product} (store and product name: for the dashboard's search, kept in the browser).
  // The order id comes from the Details link or, in the mobile layout, the card's own
  // link; a Track link (with tradeOrderId or bare) is only a hint: the background decides
  // from the status whether to fetch tracking.
  WB.readCard = function readCard(card) {
    const sel = S().list;
    let id = '';
    const detail = card.querySelector(sel.detailLink);
    if (detail) id = WB.idFromHref(detail.getAttribute('href'));
    if (!id && card.tagName === 'A') id = WB.idFromHref(card.getAttribute('href')); // mobile: the card is the link
    if (!id) {
      const outer = card.closest('a[href*="/p/order/detail.html"]');
      if (outer) id = WB.idFromHref(outer.getAttribute('href'));
    }
    const track = card.querySelector(sel.trackLink);
    if (!id && track) id = WB.idFromHref(track.getAttribute('href'));
    const info = card.querySelector(sel.headerInfo);
    if (!id) {
      // last resort: a long digit run in the header info ("Order ID:", "Ref. Number:" …)
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
      placedAt: info ? WB.placedAt(info.textContent) : 0,
      store: store ? WB.collapse(store.textContent).slice(0, 100) : '',
      product: Array.from(card.querySelectorAll(sel.productName))
        .map((e) => WB.collapse(e.textContent))
        .filter(Boolean)
        .join(' · ')
        .slice(0, 300),
    };
  };

  // cards returns the list cards under root (desktop div.order-item and mobile a.order-item).
  WB.cards = (root) => Array.from(root.querySelectorAll(S().list.card));

  // readTrackingDom reads the package the tracking page shows now: {numberTexts (the
  // number blocks' text, for the core's extract), events (newest first, plain text), eta}.
  // Remote text stays text.
  WB.readTrackingDom = function readTrackingDom(doc) {
    const t = S().track;
    const numberTexts = [];
    for (const el of doc.querySelectorAll(t.mailNo + ', ' + t.mailNoValue)) {
      const s = WB.collapse(el.textContent);
      if (s && !numberTexts.includes(s)) numberTexts.push(s.slice(0, 300));
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
    return { numberTexts, events, eta: eta ? WB.collapse(eta.textContent) : '' };
  };

  // readAllPackages reads every package of the tracking page, not only the one on
  // screen: each tab is selected in turn (the page shows one package at a time) and the
  // tab the buyer was on is selected again at the end. It resolves to
  // {packages: [readTrackingDom…], numberTexts, events, eta}.
  WB.readAllPackages = async function readAllPackages(doc, opts) {
    const t = S().track;
    const waitMs = (opts && opts.waitMs) || 1500;
    // Tabs are looked up again each time: the page may re-render them on every switch.
    const tabAt = (i) => doc.querySelectorAll(t.tab)[i];
    const count = doc.querySelectorAll(t.tab).length;
    const packages = [];
    if (count < 2) packages.push(WB.readTrackingDom(doc));
    else {
      let active = Array.from(doc.querySelectorAll(t.tab)).findIndex((x) => x.matches(t.tabActive));
      if (active < 0) active = 0;
      packages.push(WB.readTrackingDom(doc)); // the package on screen
      for (let i = 0; i < count; i++) {
        if (i === active || !tabAt(i)) continue;
        await selectTab(doc, tabAt(i), waitMs);
        packages.push(WB.readTrackingDom(doc));
      }
      if (tabAt(active)) await selectTab(doc, tabAt(active), waitMs);
    }
    const numberTexts = [...new Set(packages.flatMap((p) => p.numberTexts))];
    return {
      packages,
      numberTexts,
      events: packages.flatMap((p) => p.events),
      eta: packages.map((p) => p.eta).find(Boolean) || '',
    };
  };

  // selectTab clicks a package tab and waits until the page shows that package (its
  // number block changes) or waitMs passes.
  function selectTab(doc, tab, waitMs) {
    const t = S().track;
    const before = () =>
      Array.from(doc.querySelectorAll(t.mailNo))
        .map((e) => e.textContent)
        .join('|');
    const was = before();
    return new Promise((resolve) => {
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        mo.disconnect();
        clearTimeout(timer);
        resolve();
      };
      const mo = new MutationObserver(() => {
        if (before() !== was) finish();
      });
      mo.observe(doc.body, { childList: true, subtree: true, characterData: true });
      const timer = setTimeout(finish, waitMs);
      tab.click();
      if (tab.matches(t.tabActive) && before() !== was) finish();
    });
  }

  // trackOrderId reads tradeOrderId from the tracking page URL.
  WB.trackOrderId = (loc) => WB.idFromHref(loc.href);
})((globalThis.WB = globalThis.WB || {}));
