// proxy.js — cross-checks with the Waybill worker (contract 2). Only tracking
// numbers (and the page language) leave the browser, in batches of ≤ 40.
(function (BG) {
  'use strict';
  BG.BATCH = 40;
  BG.PROXY_TIMEOUT_MS = 6000;
  BG.PROXY_CONCURRENCY = 2; // batches in flight at once
  BG.LANG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/; // the only page languages sent to the proxy
  BG.TRACKING_NUMBER = /^[A-Z0-9]{8,40}$/i;
  BG.validNumber = (n) => typeof n === 'string' && BG.TRACKING_NUMBER.test(n);

  // proxyLang is the page language as the proxy may see it ("pt_BR" → "pt-BR"), or '' if it is not one.
  BG.proxyLang = function proxyLang(lang) {
    const l = typeof lang === 'string' ? lang.replace('_', '-') : '';
    return BG.LANG.test(l) ? l : '';
  };

  // track posts numbers in batches; it resolves to {results: Map(number → result), error}.
  BG.track = async function track(numbers, lang) {
    const { proxyUrl } = await BG.options();
    const results = new Map();
    let error = null;
    const batches = [];
    for (let i = 0; i < numbers.length; i += BG.BATCH) batches.push(numbers.slice(i, i + BG.BATCH));
    if (lang && !BG.LANG.test(lang)) lang = '';
    // At most BG.PROXY_CONCURRENCY batches in flight: workers take the next batch when one ends.
    let next = 0;
    const worker = async () => {
      while (next < batches.length) await one(batches[next++]);
    };
    const one = async (batch) => {
      BG.stats.proxyCalls++;
      BG.stats.proxyNumbers += batch.length;
      const ctl = new AbortController();
      const timer = setTimeout(() => ctl.abort(), BG.PROXY_TIMEOUT_MS);
      try {
        const res = await fetch(proxyUrl + '/v1/track', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          signal: ctl.signal,
          body: JSON.stringify(lang ? { numbers: batch, lang } : { numbers: batch }),
          credentials: 'omit',
          cache: 'no-store',
          referrerPolicy: 'no-referrer',
        });
        const body = await res.json().catch(() => null);
        if (!res.ok || !body || !Array.isArray(body.results)) {
          const code =
            body && body.error && typeof body.error.code === 'string'
              ? body.error.code
              : 'http_' + res.status;
          throw Object.assign(new Error(code), { code });
        }
        for (const r of body.results)
          if (r && typeof r.number === 'string') results.set(r.number, r);
      } catch (err) {
        BG.stats.proxyErrors++;
        error = {
          code: err.code || (err.name === 'AbortError' ? 'timeout' : 'unreachable'),
          at: Date.now(),
        };
      } finally {
        clearTimeout(timer);
      }
    };
    await Promise.all(
      Array.from({ length: Math.min(BG.PROXY_CONCURRENCY, batches.length) }, worker),
    );
    return { results, error };
  };

  // toSources turns one contract-2 result into merge-input sources (contract 1).
  BG.toSources = function toSources(result) {
    const out = [];
    for (const s of Array.isArray(result.sources) ? result.sources : []) {
      if (!s || typeof s.source !== 'string') continue;
      const src = {
        source: s.source,
        number: result.number,
        events: Array.isArray(s.events) ? s.events : [],
      };
      if (typeof s.carrier === 'string') src.carrier = s.carrier;
      if (s.ok === false)
        src.error =
          s.error && typeof s.error === 'object' ? s.error : { code: 'failed', message: '' };
      out.push(src);
    }
    return out;
  };
})((globalThis.BG = globalThis.BG || {}));
