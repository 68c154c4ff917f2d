// popup.js — a compact summary in the browser's language: how many parcels per group,
// the parcels needing attention, and the way to the dashboard (dashboard/dashboard.html).
(async function (WB) {
  'use strict';
  const loc = WB.localeFor(chrome.i18n.getUILanguage(), '');
  const t = (k, ...a) => WB.t(loc, k, ...a);
  const $ = (id) => document.getElementById(id);
  const E = (...a) => WB.el(document, ...a);
  document.documentElement.lang = loc.replace('_', '-');
  document.documentElement.dir = WB.dirFor(loc);
  $('title').textContent = t('popup_title');
  const dash = $('open-dashboard');
  dash.textContent = t('popup_open_dashboard');
  dash.href = chrome.runtime.getURL('dashboard/dashboard.html');
  dash.addEventListener('click', (ev) => {
    ev.preventDefault();
    chrome.tabs.create({ url: dash.href });
    window.close();
  });
  const res = await WB.send(WB.MSG.summary, {});
  if (!res || !res.counts) return;
  if (res.storeError && res.storeError.code === 'quota') {
    $('error').hidden = false;
    $('error').textContent = t('dash_quota');
  }
  if (!res.total) {
    $('empty').hidden = false;
    $('empty').textContent = t('popup_empty');
    return;
  }
  for (const g of ['attention', 'moving', 'delivered', 'archived']) {
    $('counts').append(
      E(
        'li',
        { 'data-group': g },
        E('span', { class: 'n', text: String(res.counts[g] || 0) }),
        ' ',
        E('span', { text: t('group_' + g) }),
      ),
    );
  }
  if (res.attention.length) {
    $('attention-title').hidden = false;
    $('attention-title').textContent = t('group_attention');
  }
  for (const p of res.attention) {
    const who = p.name || (p.orderId ? t('popup_order', p.orderId) : p.numbers[0] || '');
    const a = E('a', {
      href: chrome.runtime.getURL('dashboard/dashboard.html') + '#open=' + encodeURIComponent(p.id),
      text: who,
    });
    a.addEventListener('click', (ev) => {
      ev.preventDefault();
      chrome.tabs.create({ url: a.href });
      window.close();
    });
    const adv = (p.advice || [])[0];
    $('attention').append(
      E(
        'li',
        { 'data-waybill-parcel': '', 'data-waybill-status': p.status },
        E('span', { class: 'st', text: WB.statusLabel(loc, p.status) + ' ' }),
        a,
        adv ? E('div', { class: 'latest', text: WB.adviceText(loc, adv) }) : '',
      ),
    );
  }
})(globalThis.WB);
