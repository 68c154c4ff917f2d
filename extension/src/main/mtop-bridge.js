// mtop-bridge.js — runs in the page's MAIN world (it must: window.lib lives there).
// It answers exactly one kind of request from Waybill's isolated content script —
// "mtop.ae.ld.querydetail for this order id" — through the page's own client
// window.lib.mtop.request, so the page signs and sends it as it always does, with
// the parameters the page itself uses (aliexpress-live-2026.md §4): `_lang` from the
// aep_usuc_f cookie's b_locale (read here, never sent anywhere but to AliExpress, as
// the page does), else the subdomain; `timeZone` as GMT±HH:MM; `_currency` when the
// cookie names one. Requests arrive only over the private MessagePort that
// content/port.js hands over at document_start (before any page script runs); window
// messages are never listened to.
(function () {
  'use strict';
  const ID = globalThis.WB.ORDER_ID; // common/ids.js, loaded just before in this world
  // The page must not see a global of ours (no fingerprint, nothing to tamper with).
  delete globalThis.WB;
  const REQ = /^[a-z0-9]{8,40}$/;
  const HELLO = 'waybill-bridge-hello',
    PORT = 'waybill-bridge-port';
  const WAIT_MS = 4000; // lib-mtop loads with the page: if it is not there by then, it will not come
  const CHALLENGE = /RGV587_ERROR|FAIL_SYS_USER_VALIDATE/;
  const PUNISH = '/_____tmd_____/punish';
  const OVERLAY = '.baxia-dialog, #baxia-dialog-content';
  // Language subdomains → AliExpress's _lang (legacy codes iw_IL, in_ID as the site uses).
  const SUB_LANG = {
    pt: 'pt_BR',
    es: 'es_ES',
    fr: 'fr_FR',
    de: 'de_DE',
    it: 'it_IT',
    nl: 'nl_NL',
    pl: 'pl_PL',
    tr: 'tr_TR',
    ja: 'ja_JP',
    ko: 'ko_KR',
    ar: 'ar_MA',
    he: 'iw_IL',
    th: 'th_TH',
    vi: 'vi_VN',
    id: 'in_ID',
    ru: 'ru_RU',
  };

  // cookieParams reads b_locale and c_tp from aep_usuc_f ("site=glo&c_tp=USD&region=US&b_locale=en_US").
  function cookieParams() {
    const out = {};
    try {
      for (const part of document.cookie.split(';')) {
        const i = part.indexOf('=');
        if (i < 0 || part.slice(0, i).trim() !== 'aep_usuc_f') continue;
        let v = part.slice(i + 1).trim();
        try {
          v = decodeURIComponent(v);
        } catch {
          /* keep raw */
        }
        for (const kv of v.split('&')) {
          const [k, val] = kv.split('=');
          if (k === 'b_locale' && /^[a-z]{2,3}_[A-Z]{2}$/.test(val || '')) out.lang = val;
          if (k === 'c_tp' && /^[A-Z]{3}$/.test(val || '')) out.currency = val;
        }
      }
    } catch {
      /* no cookie access */
    }
    return out;
  }

  function pageLang(c) {
    if (c.lang) return c.lang;
    const sub = location.hostname.split('.')[0];
    if (SUB_LANG[sub]) return SUB_LANG[sub];
    const html = (document.documentElement.getAttribute('lang') || '').trim();
    const m = /^([a-z]{2,3})[-_]([A-Za-z]{2})$/.exec(html);
    if (m) return m[1] + '_' + m[2].toUpperCase();
    return 'en_US';
  }

  // gmtOffset is the page's time zone as AliExpress sends it: GMT+02:00, GMT-07:00.
  function gmtOffset(date) {
    const off = -(date || new Date()).getTimezoneOffset();
    const a = Math.abs(off);
    const pad = (n) => String(n).padStart(2, '0');
    return 'GMT' + (off < 0 ? '-' : '+') + pad(Math.floor(a / 60)) + ':' + pad(a % 60);
  }

  function mtopClient() {
    const lib = window.lib;
    return lib && lib.mtop && typeof lib.mtop.request === 'function' ? lib.mtop : null;
  }

  function whenClient() {
    return new Promise((resolve) => {
      const start = Date.now();
      (function poll() {
        const c = mtopClient();
        if (c || Date.now() - start > WAIT_MS) return resolve(c);
        setTimeout(poll, 50);
      })();
    });
  }

  // plain makes the answer structured-clone safe and drops functions/prototypes.
  function plain(v) {
    try {
      return JSON.parse(JSON.stringify(v));
    } catch {
      return null;
    }
  }

  // challengeOf names the sign of a bot challenge in an answer (or the page), else ''.
  function challengeOf(r, err) {
    const ret = r && Array.isArray(r.ret) ? r.ret.map(String) : [];
    if (ret.some((x) => CHALLENGE.test(x))) return 'challenge';
    const url = r && r.data && typeof r.data.url === 'string' ? r.data.url : '';
    if (url.includes(PUNISH) || String((err && err.message) || '').includes(PUNISH))
      return 'challenge';
    if (location.pathname.startsWith(PUNISH) || document.querySelector(OVERLAY)) return 'challenge';
    return '';
  }

  async function onRequest(port, d) {
    if (!d || typeof d !== 'object' || d.kind !== 'mtop-request') return;
    if (typeof d.id !== 'string' || !REQ.test(d.id)) return;
    if (typeof d.orderId !== 'string' || !ID.test(d.orderId)) return;
    const reply = (msg) =>
      port.postMessage(Object.assign({ kind: 'mtop-response', id: d.id, orderId: d.orderId }, msg));
    const client = await whenClient();
    if (!client) return reply({ ok: false, error: 'no_mtop' });
    const c = cookieParams();
    const data = {
      tradeOrderId: d.orderId,
      tradeOrderLineId: '',
      terminalType: 'PC',
      needPageDisplayInfo: true,
      timeZone: gmtOffset(),
      _lang: pageLang(c),
    };
    if (c.currency) data._currency = c.currency;
    try {
      const res = await client.request({
        api: 'mtop.ae.ld.querydetail',
        v: '1.0',
        needLogin: true,
        dataType: 'originaljsonp',
        data,
      });
      const r = plain(res);
      reply({ ok: true, response: r, challenge: challengeOf(r) });
    } catch (err) {
      // lib.mtop rejects with the response ({ret:[…]}) on FAIL_* codes.
      const r = plain(err);
      const ret =
        r && Array.isArray(r.ret)
          ? r.ret.map(String).join(' ')
          : String((err && err.message) || err);
      reply({ ok: false, error: ret.slice(0, 200), challenge: challengeOf(r, err) });
    }
  }

  // The hand-over: content/port.js dispatches the port in a cancelable event; the first
  // one, while no page script exists yet, is ours. Later ones are ignored.
  let port = null;
  function onPort(ev) {
    if (port || document.scripts.length !== 0 || !ev.ports || !ev.ports[0]) return;
    port = ev.ports[0];
    ev.preventDefault();
    ev.stopImmediatePropagation();
    document.removeEventListener(PORT, onPort, true);
    port.onmessage = (m) => onRequest(port, m.data);
  }
  document.addEventListener(PORT, onPort, true);
  document.dispatchEvent(new Event(HELLO)); // the isolated script ran first: it gives the port now
})();
