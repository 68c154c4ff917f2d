// ru.js — aliexpress.ru is a different app (RedOrderList_* CSS modules) without
// querydetail on its own host. Recognised and degraded politely: a small link per
// card to the order's tracking on aliexpress.com, where Waybill's panel works.
(function (WB) {
  'use strict';
  WB.runRu = function runRu(doc, info) {
    const loc = info.locale;
    function scan() {
      for (const card of doc.querySelectorAll(WB.SEL.ru.card)) {
        if (card.querySelector('.waybill-badge')) continue;
        const numEl = card.querySelector(WB.SEL.ru.number) || (card.matches(WB.SEL.ru.number) ? card : null);
        let id = numEl ? numEl.textContent.replace(/\D/g, '') : '';
        if (!/^\d{10,22}$/.test(id)) {
          const a = card.closest('a[href*="/order-list/"]') || card.querySelector('a[href*="/order-list/"]');
          const m = a && /\/order-list\/(\d{10,22})/.exec(a.getAttribute('href'));
          id = m ? m[1] : '';
        }
        if (!id) continue;
        const link = WB.el(doc, 'a', { class: 'waybill-badge', 'data-waybill-status': 'unknown', 'data-waybill-number': '',
          'data-waybill-order': id, href: WB.links.tracking('www.aliexpress.com', id), target: '_blank', rel: 'noopener noreferrer',
          title: WB.t(loc, 'ru_notice'), style: 'margin-left:6px;font-size:12px', text: 'Waybill ↗' });
        link.addEventListener('click', (e) => e.stopPropagation());
        (numEl || card).after(link);
      }
    }
    let timer = 0;
    new MutationObserver(() => { if (!timer) timer = setTimeout(() => { timer = 0; scan(); }, 50); })
      .observe(doc.body, { childList: true, subtree: true });
    scan();
  };
})(globalThis.WB = globalThis.WB || {});
