// options.js — the proxy URL setting (default: the PROXY_URL build setting).
// A different origin needs a host permission, asked for at the moment of saving.
(async function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const msg = (k) => chrome.i18n.getMessage(k) || k;
  $('title').textContent = msg('options_title');
  $('proxyLabel').textContent = msg('options_proxy');
  $('save').textContent = msg('options_save');
  const got = await chrome.storage.local.get('options');
  $('proxy').value = (got.options && got.options.proxyUrl) || globalThis.WAYBILL_CONFIG.proxyUrl;
  document.documentElement.dir = /^(ar|he)\b/.test(chrome.i18n.getUILanguage()) ? 'rtl' : 'ltr';

  // Notifications, per kind (background/notify.js): on unless turned off here.
  const KINDS = {
    out_for_delivery: 'status_out_for_delivery',
    pickup: 'status_available_for_pickup',
    delivered: 'status_delivered',
    delivery_failed: 'status_delivery_failed',
    exception: 'status_exception',
    dispute: 'options_kind_dispute',
    protection: 'options_kind_protection',
    stale: 'options_kind_stale',
  };
  $('notifyLegend').textContent = msg('options_notify');
  const notify = (got.options && got.options.notify) || {};
  for (const [kind, key] of Object.entries(KINDS)) {
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.id = 'notify-' + kind;
    box.dataset.kind = kind;
    box.checked = notify[kind] !== false;
    const label = document.createElement('label');
    label.append(box, document.createTextNode(msg(key)));
    $('notify').append(label);
    box.addEventListener('change', async () => {
      const cur = (await chrome.storage.local.get('options')).options || {};
      const n = Object.assign({}, cur.notify || {}, { [kind]: box.checked });
      await chrome.storage.local.set({ options: Object.assign({}, cur, { notify: n }) });
      $('msg').textContent = msg('options_saved');
    });
  }
  $('save').addEventListener('click', async () => {
    let u;
    try {
      u = new URL($('proxy').value.trim());
    } catch {
      u = null;
    }
    if (!u || (u.protocol !== 'https:' && u.protocol !== 'http:')) {
      $('msg').textContent = msg('options_invalid');
      return;
    }
    const proxyUrl = u.href.replace(/\/+$/, '');
    if (u.origin !== new URL(globalThis.WAYBILL_CONFIG.proxyUrl).origin) {
      const ok = await chrome.permissions
        .request({ origins: [u.origin + '/*'] })
        .catch(() => false);
      if (!ok) {
        $('msg').textContent = msg('options_invalid');
        return;
      }
    }
    const cur = (await chrome.storage.local.get('options')).options || {};
    await chrome.storage.local.set({ options: Object.assign({}, cur, { proxyUrl }) });
    $('msg').textContent = msg('options_saved');
  });
})();
