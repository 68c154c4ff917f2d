// health.js (popup) — when the AliExpress page in the active tab gave no readable cards
// or order ids, say that this page version is not understood and offer the diagnostic
// (selector counts, page variant, extension version — nothing personal) to copy.
// popup.html?tab=<id> / ?tab=latest shows another tab's report (tests, support).
(async function (WB) {
  'use strict';
  const loc = WB.localeFor(chrome.i18n.getUILanguage(), '');
  const q = new URLSearchParams(location.search).get('tab');
  let ask = {};
  if (q && q !== 'latest') ask = { tabId: Number(q) };
  else if (!q) {
    const tabs = await chrome.tabs.query({ active: true, currentWindow: true }).catch(() => []);
    if (!tabs[0]) return;
    ask = { tabId: tabs[0].id };
  }
  const res = await WB.send(WB.MSG.pageHealth, ask);
  const r = res && res.report;
  if (!r || r.ok) return;
  const E = (tag, attrs, text) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    if (text) e.textContent = text;
    return e;
  };
  const diag = JSON.stringify(
    {
      waybill: r.extension,
      browser: r.browser,
      kind: r.kind,
      variant: r.variant,
      host: r.host,
      htmlLang: r.htmlLang,
      selectors: r.selectors,
    },
    null,
    1,
  );
  const box = E('section', {
    id: 'waybill-page-health',
    role: 'alert',
    style:
      'margin:8px 12px;padding:8px;border:1px solid #e7b54d;background:#fff8e6;border-radius:6px',
  });
  const text = E('textarea', {
    readonly: '',
    rows: '6',
    style: 'width:100%;box-sizing:border-box;font:11px ui-monospace,monospace',
  });
  text.value = diag;
  const btn = E(
    'button',
    { type: 'button', id: 'waybill-copy-diagnostic' },
    WB.t(loc, 'popup_copyDiagnostic'),
  );
  btn.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(diag);
    } catch {
      text.select();
      document.execCommand('copy');
    }
    btn.textContent = WB.t(loc, 'popup_copied');
  });
  box.append(E('p', { style: 'margin:0 0 6px' }, WB.t(loc, 'popup_pageUnreadable')), text, btn);
  document.body.prepend(box);
})(globalThis.WB);
