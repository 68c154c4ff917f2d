// mtop-bridge.js — runs in the page's MAIN world (it must: window.lib lives there).
// It answers exactly one kind of request from Waybill's isolated content script:
// "mtop.ae.ld.querydetail for this order id", through the page's own client
// window.lib.mtop.request, so the page signs and sends it as it always does.
// Requests are checked for source, origin and shape; nothing else is exposed.
(function () {
  'use strict';
  const NS = 'waybill/v1';
  const ID = globalThis.WB.ORDER_ID; // common/ids.js, loaded just before in this world
  const REQ = /^[a-z0-9]{8,40}$/;
  const WAIT_MS = 4000; // lib-mtop loads with the page: if it is not there by then, it will not come

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

  function reply(msg) {
    window.postMessage(Object.assign({ ns: NS, kind: 'mtop-response' }, msg), location.origin);
  }

  // plain makes the answer structured-clone safe and drops functions/prototypes.
  function plain(v) {
    try {
      return JSON.parse(JSON.stringify(v));
    } catch {
      return null;
    }
  }

  window.addEventListener('message', async (ev) => {
    if (ev.source !== window || ev.origin !== location.origin) return;
    const d = ev.data;
    if (!d || typeof d !== 'object' || d.ns !== NS || d.kind !== 'mtop-request') return;
    if (
      typeof d.id !== 'string' ||
      !REQ.test(d.id) ||
      typeof d.orderId !== 'string' ||
      !ID.test(d.orderId)
    )
      return;
    const client = await whenClient();
    if (!client) return reply({ id: d.id, orderId: d.orderId, ok: false, error: 'no_mtop' });
    let tz = 'UTC';
    try {
      tz = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
    } catch {
      /* keep UTC */
    }
    try {
      const res = await client.request({
        api: 'mtop.ae.ld.querydetail',
        v: '1.0',
        needLogin: true,
        dataType: 'originaljsonp',
        data: {
          tradeOrderId: d.orderId,
          tradeOrderLineId: '',
          terminalType: 'PC',
          needPageDisplayInfo: true,
          timeZone: tz,
          __inline: 'true',
          _lang: document.documentElement.lang || '',
        },
      });
      reply({ id: d.id, orderId: d.orderId, ok: true, response: plain(res) });
    } catch (err) {
      // lib.mtop rejects with the response ({ret:[…]}) on FAIL_* codes.
      const r = plain(err);
      const ret =
        r && Array.isArray(r.ret) ? String(r.ret[0] || '') : String((err && err.message) || err);
      reply({ id: d.id, orderId: d.orderId, ok: false, error: ret.slice(0, 200) });
    }
  });
})();
