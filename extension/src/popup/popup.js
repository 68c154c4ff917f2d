// popup.js — the dashboard: every stored parcel, newest first, in the browser's language.
(async function (WB) {
  'use strict';
  const loc = WB.localeFor(chrome.i18n.getUILanguage(), '');
  const $ = (id) => document.getElementById(id);
  const E = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  };
  $('title').textContent = WB.t(loc, 'popup_title');
  const res = await WB.send(WB.MSG.list);
  const parcels = (res && res.parcels) || [];
  if (!parcels.length) {
    $('empty').hidden = false;
    $('empty').textContent = WB.t(loc, 'popup_empty');
    return;
  }
  for (const p of parcels) {
    const li = E('li');
    li.dataset.waybillStatus = p.status;
    const a = E('a', '', WB.t(loc, 'popup_order', p.orderId));
    a.href = WB.links.tracking(p.host, p.orderId);
    a.target = '_blank';
    li.append(E('span', 'st', WB.t(loc, 'status_' + p.status) + ' '), a);
    if (p.numbers.length) li.append(E('div', 'num', p.numbers.join(' · ')));
    if (p.latest)
      li.append(E('div', 'latest', [p.latest.text, p.latest.location].filter(Boolean).join(' · ')));
    if (p.numbers.length)
      li.append(
        E(
          'div',
          'note',
          p.crossChecked
            ? WB.t(loc, 'badge_checked', p.checkedWith.join(', '))
            : WB.t(loc, 'badge_notChecked'),
        ),
      );
    $('list').append(li);
  }
})(globalThis.WB);
