// links.js — every URL Waybill builds, and the one gate remote URLs pass before
// they may become an href: https only, no credentials, else nothing.
(function (WB) {
  'use strict';
  const enc = encodeURIComponent;
  WB.links = Object.freeze({
    cainiao: (n) => 'https://global.cainiao.com/newDetail.htm?mailNoList=' + enc(n),
    track17: (n) => 'https://t.17track.net/en#nums=' + enc(n),
    // AliExpress has no stable deep link into the dispute form; the order's detail
    // page carries the "Returns/refunds" / open-dispute button.
    orderDetail: (host, id) =>
      'https://' + aeHost(host) + '/p/order/detail.html?orderId=' + enc(id),
    tracking: (host, id) =>
      'https://' + aeHost(host) + '/p/tracking/index.html?tradeOrderId=' + enc(id),
    // safeHttps returns url if it is an https URL without credentials, else ''.
    safeHttps(url) {
      if (typeof url !== 'string' || url.length > 2048) return '';
      let u;
      try {
        u = new URL(url.startsWith('//') ? 'https:' + url : url);
      } catch {
        return '';
      }
      if (u.protocol !== 'https:' || u.username || u.password) return '';
      return u.href;
    },
    // tel returns a tel: URL for a phone-looking string, else ''.
    tel(phone) {
      if (typeof phone !== 'string') return '';
      const p = phone.replace(/[\s().-]/g, '');
      return /^\+?\d{3,20}$/.test(p) ? 'tel:' + p : '';
    },
  });
  function aeHost(host) {
    return /^([a-z0-9-]+\.)?aliexpress\.(com|us)$/.test(host || '') ? host : 'www.aliexpress.com';
  }
})((globalThis.WB = globalThis.WB || {}));
