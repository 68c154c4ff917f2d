// bridge.js — the isolated side of the MAIN-world mtop bridge: asks for
// mtop.ae.ld.querydetail per order id over the private MessagePort (content/port.js),
// validates the answers (request id, order id, shape, size), and calls AliExpress the
// way the page does (aliexpress-live-2026.md §5): one call in flight ACROSS TABS, ≥ 400 ms
// between calls plus 0–200 ms jitter — the background is the one pacer (background/pacer.js):
// each call first asks whether a cool-down is on, then for the slot (mtopSlot), and gives
// it back when it ends (mtopDone). It stops at the first sign of a bot challenge
// (FAIL_SYS_USER_VALIDATE or RGV587_ERROR anywhere in ret, a punish redirect, a baxia
// overlay): the background keeps a 30-minute cool-down in storage, shared by all tabs,
// and asked before every call. Logged-out and traffic-limit answers stop too.
(function (WB) {
  'use strict';
  const pending = new Map(); // request id → {resolve, timer, orderId}
  const cache = new Map(); // orderId → Promise<result>
  const queue = [];
  let busy = false;
  let held = ''; // the token of the background's mtop slot while our call is in flight
  let stopped = ''; // 'challenge' | 'logged_out' | 'traffic_limit' | 'paused': no more calls on this page

  WB.mtopOptions = { timeoutMs: 15000 }; // the gap between calls is the background's (pacer.js)
  WB.MTOP_STOP = Object.freeze({
    challenge: /RGV587_ERROR|FAIL_SYS_USER_VALIDATE|_____tmd_____\/punish/,
    logged_out: /FAIL_SYS_SESSION_EXPIRED|NEED_LOGIN|FAIL_SYS_SID_INVALID|FAIL_SYS_LOGIN/,
    traffic_limit: /FAIL_SYS_TRAFFIC_LIMIT/,
  });

  const port = WB.bridgePort || null; // content/port.js (document_start)
  if (port) {
    port.onmessage = (ev) => {
      const d = ev.data;
      if (!d || typeof d !== 'object' || d.kind !== 'mtop-response' || typeof d.id !== 'string')
        return;
      const p = pending.get(d.id);
      if (!p) return;
      pending.delete(d.id);
      clearTimeout(p.timer);
      p.resolve(validate(d, p.orderId));
    };
  }

  WB.MTOP_MAX_BYTES = 256 * 1024; // a real querydetail answer is ~10 KiB
  const isObj = (v) => !!v && typeof v === 'object' && !Array.isArray(v);

  // validate returns {ok:true, payload} for a querydetail answer with a tracking list, else {ok:false, error}.
  // The answer is still untrusted (it is what the page's mtop client resolved to): it must
  // name the requested order, stay small and have the right shape.
  function validate(d, orderId) {
    if (typeof d.orderId !== 'string' || d.orderId !== orderId)
      return { ok: false, error: 'order_mismatch' };
    if (d.challenge) return { ok: false, error: 'challenge' };
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
    const rets = Array.isArray(r.ret) ? r.ret.map((x) => String(x)) : [];
    // A challenge may follow SUCCESS or another code: every position of ret counts.
    const bad = rets.find((x) => !x.startsWith('SUCCESS') || WB.MTOP_STOP.challenge.test(x));
    if (bad !== undefined) return { ok: false, error: rets.join(' ').slice(0, 200) };
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
    // No MAIN-world side took the port (it was not injected): nobody would ever answer.
    if (!port || !WB.bridgeTaken) return Promise.resolve({ ok: false, error: 'no_bridge' });
    return new Promise((resolve) => {
      const id = newId();
      const timer = setTimeout(() => {
        pending.delete(id);
        resolve({ ok: false, error: 'timeout' });
      }, WB.mtopOptions.timeoutMs);
      pending.set(id, { resolve, timer, orderId });
      port.postMessage({ kind: 'mtop-request', id, orderId });
    });
  }

  // stopReason names why an answer (or the page) means "no more calls", else ''.
  WB.stopReason = function stopReason(error) {
    if (document.querySelector(WB.SEL.captcha)) return 'challenge';
    if (location.pathname.startsWith('/_____tmd_____/punish')) return 'challenge';
    if (error === 'challenge') return 'challenge'; // the MAIN world saw the signs
    for (const [reason, re] of Object.entries(WB.MTOP_STOP))
      if (re.test(error || '')) return reason;
    return '';
  };

  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

  // waitSlot asks, until granted, first whether a cool-down is on (another tab may have
  // met a challenge meanwhile), then for the one mtop slot of every tab; a refusal says
  // how long to wait. Resolves to the slot's token, or '' with `stopped` set.
  async function waitSlot() {
    for (;;) {
      const st = await WB.send(WB.MSG.pauseState, {});
      if (st && st.pausedUntil > Date.now()) stopped = 'paused';
      else if (WB.stopReason('')) stopped = 'challenge';
      if (stopped) return '';
      const slot = await WB.send(WB.MSG.mtopSlot, {});
      if (!slot || slot.error) return ''; // no background to pace us: no call
      if (slot.granted && typeof slot.token === 'string') return slot.token;
      await sleep(Math.max(20, Math.min(1000, Number(slot.retryMs) || 200)));
    }
  }

  // One call at a time, paced by the background across tabs.
  async function pump() {
    if (busy) return;
    busy = true;
    while (queue.length) {
      const job = queue.shift();
      const token = stopped ? '' : await waitSlot();
      if (stopped) {
        job.resolve({ ok: false, error: stopped, stopped });
        continue;
      }
      if (!token) {
        job.resolve({ ok: false, error: 'no_slot' });
        continue;
      }
      held = token;
      const res = await send(job.orderId);
      held = '';
      await WB.send(WB.MSG.mtopDone, { token });
      const reason = res.ok ? WB.stopReason('') : WB.stopReason(res.error);
      if (reason) {
        stopped = reason;
        if (reason !== 'logged_out') await WB.send(WB.MSG.challenge, { reason });
        job.resolve({ ok: false, error: reason, stopped: reason });
        continue;
      }
      job.resolve(res);
    }
    busy = false;
  }
  // Leaving the page mid-call gives the slot back at once (else the background takes it
  // back after 15 s or when the tab closes).
  addEventListener('pagehide', () => {
    if (held) WB.send(WB.MSG.mtopDone, { token: held });
  });

  // querydetail resolves to {ok, payload|error, stopped?}; one call per order id per page.
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
  WB.mtopStopped = () => stopped;
})((globalThis.WB = globalThis.WB || {}));
