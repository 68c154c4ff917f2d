// links.js — every URL Waybill builds, and the one gate remote URLs pass before
// they may become an href: https only, no credentials, else nothing.
(function (WB) {
  'use strict';
  const enc = encodeURIComponent;
  // The carrier sites a contact link may point to, whoever sent it (AliExpress's data,
  // a tracker, the core's advice): https on these hosts or their subdomains, else text.
  const CARRIER_HOSTS = Object.freeze([
    '17track.net', '4px.com', 'aramex.com', 'auspost.com.au', 'boxberry.ru', 'canadapost-postescanada.ca',
    'cainiao.com', 'cdek.ru', 'correios.com.br', 'correos.es', 'ctt.pt', 'deutschepost.de', 'dhl.com',
    'dhl.de', 'dpd.co.uk', 'dpd.com', 'epost.go.kr', 'evri.com', 'fedex.com', 'gls-group.com',
    'gls-group.eu', 'inpost.co.uk', 'inpost.pl', 'israelpost.co.il', 'jadlog.com.br', 'japanpost.jp', 'jtexpress.com.br',
    'laposte.fr', 'loggi.com', 'myhermes.de', 'novaposhta.ua', 'pochta.ru', 'pocztapolska.pl',
    'poste.it', 'postnl.nl', 'postnord.com', 'postnord.dk', 'postnord.se', 'royalmail.com',
    'ukrposhta.ua', 'ups.com', 'usps.com', 'yuntrack.com', 'yw56.com.cn',
  ]); // prettier-ignore
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
    CARRIER_HOSTS,
    // carrierSite returns url if it is an https URL (no credentials) on a known carrier
    // host, else '' (the caller shows it as text).
    carrierSite(url) {
      const safe = WB.links.safeHttps(url);
      if (!safe) return '';
      const host = new URL(safe).hostname.toLowerCase();
      return CARRIER_HOSTS.some((h) => host === h || host.endsWith('.' + h)) ? safe : '';
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
