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
    await chrome.storage.local.set({ options: { proxyUrl } });
    $('msg').textContent = msg('options_saved');
  });
})();
