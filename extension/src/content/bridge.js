// bridge.js — the isolated side of the MAIN-world mtop bridge: asks for
// mtop.ae.ld.querydetail per order id through window.postMessage, validates
// the answers (source, origin, namespace, request id, shape), limits
// concurrency, and caches per order id for the page's lifetime.
(function (WB) {
  'use strict';
  const NS = 'waybill/v1';
  const pending = new Map(); // request id → {resolve, timer}
  const cache = new Map();   // orderId → Promise<result>
  const queue = [];
  let active = 0;
  let stopped = '';          // set on anti-bot / login errors: no more calls on this page

  WB.mtopOptions = { concurrency: 2, gapMs: 150, timeoutMs: 15000 };

  function onMessage(ev) {
    if (ev.source !== window || ev.origin !== location.origin) return;
    const d = ev.data;
    if (!d || typeof d !== 'object' || d.ns !== NS || d.kind !== 'mtop-response' || typeof d.id !== 'string') return;
    const p = pending.get(d.id);
    if (!p) return;
    pending.delete(d.id);
    clearTimeout(p.timer);
    p.resolve(validate(d));
  }
  window.addEventListener('message', onMessage);

  // validate returns {ok:true, payload} for a querydetail answer with a tracking list, else {ok:false, error}.
  function validate(d) {
    if (d.ok !== true) return { ok: false, error: typeof d.error === 'string' ? d.error.slice(0, 200) : 'mtop_failed' };
    const r = d.response;
    if (!r || typeof r !== 'object' || typeof r.data !== 'object' || r.data === null) return { ok: false, error: 'bad_shape' };
    const ret = Array.isArray(r.ret) ? String(r.ret[0] || '') : '';
    if (ret && !ret.startsWith('SUCCESS')) return { ok: false, error: ret.slice(0, 200) };
    const mod = r.data.module;
    if (!mod || typeof mod !== 'object' || !Array.isArray(mod.trackingDetailLineList)) return { ok: false, error: 'bad_shape' };
    return { ok: true, payload: r };
  }

  function newId() {
    const a = new Uint32Array(2);
    crypto.getRandomValues(a);
    return a[0].toString(36) + a[1].toString(36).padStart(7, '0');
  }

  function send(orderId) {
    return new Promise((resolve) => {
      const id = newId();
      const timer = setTimeout(() => { pending.delete(id); resolve({ ok: false, error: 'timeout' }); }, WB.mtopOptions.timeoutMs);
      pending.set(id, { resolve, timer });
      window.postMessage({ ns: NS, kind: 'mtop-request', id, orderId }, location.origin);
    });
  }

  function pump() {
    while (active < WB.mtopOptions.concurrency && queue.length) {
      const job = queue.shift();
      active++;
      const run = stopped ? Promise.resolve({ ok: false, error: stopped }) : send(job.orderId);
      run.then((res) => {
        if (!res.ok && /USER_VALIDATE|SESSION_EXPIRED|NEED_LOGIN|SID_INVALID|TRAFFIC_LIMIT/.test(res.error)) stopped = res.error;
        if (document.querySelector(WB.SEL.captcha)) stopped = 'captcha';
        job.resolve(res);
        setTimeout(() => { active--; pump(); }, WB.mtopOptions.gapMs);
      });
    }
  }

  // querydetail resolves to {ok, payload|error}; one call per order id per page.
  WB.querydetail = function querydetail(orderId) {
    if (!cache.has(orderId)) {
      cache.set(orderId, new Promise((resolve) => { queue.push({ orderId, resolve }); pump(); }));
    }
    return cache.get(orderId);
  };
  WB.mtopStats = () => ({ requested: cache.size, stopped });
})(globalThis.WB = globalThis.WB || {});
