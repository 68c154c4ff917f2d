// ru.js — aliexpress.ru is a different app (RedOrderList_* CSS modules) without
// querydetail on its own host. Recognised and degraded politely: a small link per
// order to its tracking on aliexpress.com, where Waybill's panel works.
(function (WB) {
  'use strict';
  WB.runRu = function runRu(doc, info) {
    const loc = info.locale;
    function scan() {
      for (const card of doc.querySelectorAll(WB.SEL.ru.card)) {
        const numEl = card.matches(WB.SEL.ru.number) ? card : card.querySelector(WB.SEL.ru.number);
        let id = numEl ? numEl.textContent.replace(/\D/g, '') : ''; // "5555 0677 2290 9756"
        if (!WB.ORDER_ID.test(id)) {
          const a =
            card.closest('a[href*="/order-list/"]') ||
            card.querySelector('a[href*="/order-list/"]');
          const m = a && /\/order-list\/(\d+)/.exec(a.getAttribute('href'));
          id = m && WB.ORDER_ID.test(m[1]) ? m[1] : '';
        }
        if (!id || doc.querySelector(`.waybill-badge[data-waybill-order="${id}"]`)) continue;
        const link = WB.el(doc, 'a', {
          class: 'waybill-badge',
          'data-waybill-status': 'unknown',
          'data-waybill-number': '',
          'data-waybill-order': id,
          href: WB.links.tracking('www.aliexpress.com', id),
          target: '_blank',
          rel: 'noopener noreferrer',
          title: WB.t(loc, 'ru_notice'),
          style: 'display:inline-block;margin:4px 0;font-size:12px',
          text: 'Waybill ↗ ' + WB.t(loc, 'ru_notice'),
        });
        // Next to the card's own link, never inside it.
        const anchor = (numEl && numEl.closest('a')) || card.closest('a') || numEl || card;
        anchor.after(link);
      }
    }
    let timer = 0;
    new MutationObserver(() => {
      if (!timer)
        timer = setTimeout(() => {
          timer = 0;
          scan();
        }, 50);
    }).observe(doc.body, { childList: true, subtree: true });
    scan();
  };
})((globalThis.WB = globalThis.WB || {}));
