// bridge.js — the isolated side of the MAIN-world mtop bridge: asks for
// mtop.ae.ld.querydetail per order id through window.postMessage, validates
// the answers (source, origin, namespace, request id, shape), limits
// concurrency, and caches per order id for the page's lifetime.
(function (WB) {
  'use strict';
  const NS = 'waybill/v1';
  const pending = new Map(); // request id → {resolve, timer}
  const cache = new Map(); // orderId → Promise<result>
  const queue = [];
  let active = 0;
  let stopped = ''; // set on anti-bot / login errors: no more calls on this page

  WB.mtopOptions = { concurrency: 2, gapMs: 150, timeoutMs: 15000 };

  function onMessage(ev) {
    if (ev.source !== window || ev.origin !== location.origin) return;
    const d = ev.data;
    if (
      !d ||
      typeof d !== 'object' ||
      d.ns !== NS ||
      d.kind !== 'mtop-response' ||
      typeof d.id !== 'string'
    )
      return;
    const p = pending.get(d.id);
    // An answer for another order is not ours (a page script saw the request id): keep waiting for the bridge.
    if (!p || d.orderId !== p.orderId) return;
    pending.delete(d.id);
    clearTimeout(p.timer);
    p.resolve(validate(d, p.orderId));
  }
  window.addEventListener('message', onMessage);

  WB.MTOP_MAX_BYTES = 256 * 1024; // a real querydetail answer is ~10 KiB
  const isObj = (v) => !!v && typeof v === 'object' && !Array.isArray(v);

  // validate returns {ok:true, payload} for a querydetail answer with a tracking list, else {ok:false, error}.
  // The answer is untrusted: any page script sees the request id on the shared window and
  // can answer first, so it must name the requested order, stay small and have the right shape.
  function validate(d, orderId) {
    if (typeof d.orderId !== 'string' || d.orderId !== orderId)
      return { ok: false, error: 'order_mismatch' };
    if (d.ok !== true)
      return {
        ok: false,
        error: typeof d.error === 'string' ? d.error.slice(0, 200) : 'mtop_failed',
      };
    const r = d.response;
    let json;
    try {
      json = JSON.stringify(r);
    } catch {
      return { ok: false, error: 'bad_shape' };
    }
    if (typeof json !== 'string') return { ok: false, error: 'bad_shape' };
    if (json.length > WB.MTOP_MAX_BYTES) return { ok: false, error: 'too_large' };
    if (!isObj(r) || !isObj(r.data)) return { ok: false, error: 'bad_shape' };
    if (r.ret !== undefined && !Array.isArray(r.ret)) return { ok: false, error: 'bad_shape' };
    const ret = Array.isArray(r.ret) ? String(r.ret[0] || '') : '';
    if (ret && !ret.startsWith('SUCCESS')) return { ok: false, error: ret.slice(0, 200) };
    const mod = r.data.module;
    if (!isObj(mod) || !Array.isArray(mod.trackingDetailLineList))
      return { ok: false, error: 'bad_shape' };
    for (const line of mod.trackingDetailLineList) {
      if (!isObj(line)) return { ok: false, error: 'bad_shape' };
      if (line.detailList !== undefined && !Array.isArray(line.detailList))
        return { ok: false, error: 'bad_shape' };
      for (const e of line.detailList || [])
        if (!isObj(e)) return { ok: false, error: 'bad_shape' };
      for (const k of ['mailNo', 'originMailNo'])
        if (line[k] !== undefined && line[k] !== null && typeof line[k] !== 'string')
          return { ok: false, error: 'bad_shape' };
    }
    // Every order id the payload names (tradeOrderId fields, ?tradeOrderId= links) must be the requested one.
    const named = new Set();
    for (const m of json.matchAll(/tradeOrderId(?:\\?"\s*:\s*\\?"?|=)(\d{6,30})/g)) named.add(m[1]);
    for (const id of named) if (id !== orderId) return { ok: false, error: 'order_mismatch' };
    return { ok: true, payload: r };
  }
  WB.validateMtop = validate;

  function newId() {
    const a = new Uint32Array(2);
    crypto.getRandomValues(a);
    return a[0].toString(36) + a[1].toString(36).padStart(7, '0');
  }

  function send(orderId) {
    return new Promise((resolve) => {
      const id = newId();
      const timer = setTimeout(() => {
        pending.delete(id);
        resolve({ ok: false, error: 'timeout' });
      }, WB.mtopOptions.timeoutMs);
      pending.set(id, { resolve, timer, orderId });
      window.postMessage({ ns: NS, kind: 'mtop-request', id, orderId }, location.origin);
    });
  }

  function pump() {
    while (active < WB.mtopOptions.concurrency && queue.length) {
      const job = queue.shift();
      active++;
      const run = stopped ? Promise.resolve({ ok: false, error: stopped }) : send(job.orderId);
      run.then((res) => {
        if (
          !res.ok &&
          /USER_VALIDATE|SESSION_EXPIRED|NEED_LOGIN|SID_INVALID|TRAFFIC_LIMIT/.test(res.error)
        )
          stopped = res.error;
        if (document.querySelector(WB.SEL.captcha)) stopped = 'captcha';
        job.resolve(res);
        setTimeout(() => {
          active--;
          pump();
        }, WB.mtopOptions.gapMs);
      });
    }
  }

  // querydetail resolves to {ok, payload|error}; one call per order id per page.
  WB.querydetail = function querydetail(orderId) {
    if (!cache.has(orderId)) {
      cache.set(
        orderId,
        new Promise((resolve) => {
          queue.push({ orderId, resolve });
          pump();
        }),
      );
    }
    return cache.get(orderId);
  };
  WB.mtopStats = () => ({ requested: cache.size, stopped });
})((globalThis.WB = globalThis.WB || {}));
