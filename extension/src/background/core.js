// core.js — loads core.wasm (contract 1) once per service-worker life and calls it.
// Loading starts as soon as the worker starts, so the first message waits for
// the least possible time; timings are kept for `make bench`.
(function (BG) {
  'use strict';
  const T = (BG.timings = { start: performance.now(), coreReady: 0, firstAnswer: 0, error: '' });
  let loading = null;

  BG.core = function core() {
    if (!loading) {
      loading = globalThis.waybillLoad(fetch(chrome.runtime.getURL('core/core.wasm'))).then(
        (w) => {
          T.coreReady = performance.now();
          return w;
        },
        (err) => {
          T.error = String((err && err.message) || err);
          loading = null;
          throw err;
        },
      );
    }
    return loading;
  };

  // call runs one contract-1 function on a JSON-able value and parses the answer.
  // It never throws: failures come back as {error:{code,message}} like the core's own.
  BG.call = async function call(name, value) {
    let w;
    try {
      w = await BG.core();
    } catch (err) {
      return { error: { code: 'core_unavailable', message: String((err && err.message) || err) } };
    }
    const out = w[name](typeof value === 'string' ? value : JSON.stringify(value));
    if (!T.firstAnswer) T.firstAnswer = performance.now();
    BG.stats.coreCalls++;
    try {
      return JSON.parse(out);
    } catch {
      return { error: { code: 'bad_answer', message: name + ' answered non-JSON' } };
    }
  };

  BG.stats = {
    coreCalls: 0,
    proxyCalls: 0,
    proxyNumbers: 0,
    proxyErrors: 0,
    mtopPayloads: 0,
    lastMs: {},
  };
})((globalThis.BG = globalThis.BG || {}));
