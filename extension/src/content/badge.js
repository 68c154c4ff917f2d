// badge.js — renders Waybill's views into the page: one badge per order card
// (contract 3: data-waybill-status, data-waybill-number), updated in place.
// Every remote string goes in through textContent or a checked href, never
// as HTML. Styles live in a shadow root so Comet CSS cannot touch them.
(function (WB) {
  'use strict';

  // el creates an element with attributes and plain-text children.
  WB.el = function el(doc, tag, attrs, ...kids) {
    const e = doc.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'text') e.textContent = String(v);
      else e.setAttribute(k, String(v));
    }
    for (const k of kids) if (k) e.append(typeof k === 'string' ? doc.createTextNode(k) : k);
    return e;
  };

  WB.statusLabel = (loc, status) => WB.t(loc, 'status_' + (status || 'unknown'));

  // Intl formatters are costly to build (milliseconds each): one per locale and style.
  const formatters = new Map();
  function formatter(loc, style) {
    const key = loc + '|' + style;
    let f = formatters.get(key);
    if (!f) {
      const opts =
        style === 'day' ? { dateStyle: 'medium' } : { dateStyle: 'medium', timeStyle: 'short' };
      try {
        f = new Intl.DateTimeFormat(loc.replace('_', '-'), opts);
      } catch {
        f = new Intl.DateTimeFormat('en', opts);
      }
      formatters.set(key, f);
    }
    return f;
  }

  // fmtTime formats an RFC 3339 time in the page's locale; invalid input is shown as is.
  WB.fmtTime = function fmtTime(loc, iso) {
    if (!iso) return '';
    const d = new Date(iso);
    if (isNaN(d)) return String(iso);
    return formatter(loc, 'time').format(d);
  };

  WB.etaText = function etaText(loc, eta) {
    if (!eta) return '';
    if (typeof eta === 'string') return eta;
    const day = (s) => WB.fmtDay(loc, s);
    const a = day(eta.min || eta.from || ''),
      b = day(eta.max || eta.to || '');
    if (a && b && a !== b) return a + ' – ' + b;
    return a || b || (typeof eta.text === 'string' ? eta.text : '');
  };

  // actionsFor turns one advice into the links that act on it. Advice comes from the
  // core's merge ({code, numbers, carrier?, phone?, url?, deadline?, …}); carrier
  // contacts may also come from AliExpress's own tracking data (view.contacts).
  WB.actionsFor = function actionsFor(loc, advice, view, ctx) {
    const L = WB.links,
      out = [];
    const nums =
      Array.isArray(advice.numbers) && advice.numbers.length ? advice.numbers : view.numbers || [];
    const number = typeof advice.number === 'string' ? advice.number : nums[0] || '';
    const seller = () =>
      out.push({
        label: WB.t(loc, 'action_seller'),
        href: L.safeHttps(ctx.storeUrl || '') || L.orderDetail(ctx.host, view.orderId),
      });
    const carrier = () => {
      const own =
        advice.contact ||
        (advice.url || advice.phone
          ? { name: advice.carrier, url: advice.url, phone: advice.phone }
          : null);
      const c = own || (view.contacts || []).find((x) => x && (x.url || x.phone)) || {};
      // A link only to a carrier host we know (links.js CARRIER_HOSTS), else the URL as text.
      const site = L.carrierSite(c.url || '');
      const tel = L.tel(c.phone || '');
      const name =
        typeof c.name === 'string' && c.name
          ? c.name
          : typeof advice.carrier === 'string'
            ? advice.carrier
            : '';
      if (site)
        out.push({
          label: (name ? name + ' — ' : '') + WB.t(loc, 'action_carrierSite'),
          href: site,
        });
      else if (typeof c.url === 'string' && c.url)
        out.push({ label: (name ? name + ' — ' : '') + c.url.slice(0, 200), href: '' });
      if (tel) out.push({ label: WB.t(loc, 'action_carrierPhone', c.phone), href: tel });
      if (!site && !tel && !c.url && number)
        out.push({ label: WB.t(loc, 'action_cainiao', number), href: L.cainiao(number) });
    };
    switch (advice.code) {
      case 'open_dispute':
      case 'protection_ending':
        out.push({
          label: WB.t(loc, 'action_dispute'),
          href: L.orderDetail(ctx.host, view.orderId),
        });
        break;
      case 'contact_local_carrier':
      case 'pick_up':
        carrier();
        break;
      case 'follow_new_number':
      case 'check_number':
        if (number)
          out.push({ label: WB.t(loc, 'action_cainiao', number), href: L.cainiao(number) });
        if (advice.code === 'check_number') seller();
        break;
      case 'no_tracking':
        seller();
        break;
      default:
        out.push({ label: WB.t(loc, 'action_order'), href: L.orderDetail(ctx.host, view.orderId) });
    }
    return out;
  };

  WB.adviceText = function adviceText(loc, a) {
    const key = 'advice_' + a.code;
    const table = globalThis.WAYBILL_STRINGS || {};
    const text = table.en && table.en[key] ? WB.t(loc, key) : WB.t(loc, 'advice_other', a.code);
    const when = a.deadline ? WB.fmtDay(loc, a.deadline) : '';
    return when ? text + ' (' + when + ')' : text;
  };

  WB.fmtDay = function fmtDay(loc, iso) {
    const d = new Date(iso || '');
    return isNaN(d) ? '' : formatter(loc, 'day').format(d);
  };

  // renderAdvice appends advice items (text + action links) to parent.
  WB.renderAdvice = function renderAdvice(doc, parent, loc, view, ctx) {
    for (const a of view.advice || []) {
      if (!a || typeof a.code !== 'string') continue;
      const li = WB.el(
        doc,
        'li',
        { class: 'advice', 'data-advice': a.code },
        WB.el(doc, 'span', { text: WB.adviceText(loc, a) }),
      );
      for (const act of WB.actionsFor(loc, a, view, ctx)) {
        li.append(
          ' ',
          act.href
            ? WB.el(doc, 'a', {
                href: act.href,
                target: '_blank',
                rel: 'noopener noreferrer',
                class: 'action',
                text: act.label,
              })
            : WB.el(doc, 'span', { class: 'action-text', text: act.label }), // not a link we trust
        );
      }
      parent.append(li);
    }
  };

  const BADGE_CSS = `
:host{all:initial;display:inline-block;position:relative;margin-inline-start:8px;vertical-align:middle;font:12px/1.4 system-ui,sans-serif}
.pill{display:inline-block;padding:1px 8px;border-radius:10px;background:#eef1f5;color:#333;border:1px solid #c9d1db;white-space:nowrap;cursor:default}
.pill[data-s=delivered]{background:#e3f6ea;border-color:#7cc79a;color:#0b6b35}
.pill[data-s=in_transit],.pill[data-s=info_received]{background:#e8f0fe;border-color:#8fb0ee;color:#1a4fb0}
.pill[data-s=out_for_delivery],.pill[data-s=available_for_pickup]{background:#fff4dc;border-color:#e7b54d;color:#7a4b00}
.pill[data-s=exception],.pill[data-s=delivery_failed],.pill[data-s=returning],.pill[data-s=returned],.pill[data-s=expired],.pill[data-s=not_found]{background:#fde8e8;border-color:#e99;color:#9b1c1c}
.note{margin-inline-start:6px;color:#595959;font-size:11px}
.tip{display:none;position:absolute;z-index:2147483000;left:0;top:100%;margin-top:4px;min-width:260px;max-width:380px;padding:8px 10px;background:#fff;color:#222;border:1px solid #c9d1db;border-radius:6px;box-shadow:0 4px 14px rgba(0,0,0,.15);white-space:normal}
.tip[dir=rtl]{left:auto;right:0}
:host(:hover) .tip,:host(:focus-within) .tip,:host([data-waybill-open]) .tip{display:block}
.tip h4{margin:6px 0 2px;font-size:11px;color:#666;text-transform:uppercase}
.tip p,.tip ul{margin:0;padding:0}.tip li{list-style:none;margin:2px 0}
a{color:#1a4fb0}`;

  // shadowStyle styles a shadow root: one shared constructable sheet when the
  // browser allows it in content scripts (parsed once for all badges), else a <style>.
  const sheets = new Map();
  WB.shadowStyle = function shadowStyle(root, css) {
    try {
      let sheet = sheets.get(css);
      if (!sheet) {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(css);
        sheets.set(css, sheet);
      }
      root.adoptedStyleSheets = [sheet];
      return null;
    } catch {
      return WB.el(root.ownerDocument || document, 'style', { text: css });
    }
  };

  // buildTip is the badge's tooltip: latest event, ETA, staleness, numbers, advice.
  function buildTip(doc, view, ctx) {
    const loc = ctx.locale;
    const tip = WB.el(doc, 'div', { class: 'tip', role: 'tooltip', dir: WB.dirFor(loc) });
    if (view.latest && (view.latest.text || view.latest.time)) {
      tip.append(
        WB.el(doc, 'h4', { text: WB.t(loc, 'tip_latest') }),
        WB.el(doc, 'p', {
          class: 'latest',
          text: [WB.fmtTime(loc, view.latest.time), view.latest.text, view.latest.location]
            .filter(Boolean)
            .join(' · '),
        }),
      );
    }
    const eta = WB.etaText(loc, view.eta);
    if (eta)
      tip.append(
        WB.el(doc, 'h4', { text: WB.t(loc, 'tip_eta') }),
        WB.el(doc, 'p', { class: 'eta', text: eta }),
      );
    if (view.stale && view.daysSinceUpdate)
      tip.append(
        WB.el(doc, 'p', { class: 'stale', text: WB.t(loc, 'tip_stale', view.daysSinceUpdate) }),
      );
    if (view.numbers && view.numbers.length) {
      const ul = WB.el(doc, 'ul', { class: 'numbers' });
      for (const n of view.numbers)
        ul.append(
          WB.el(
            doc,
            'li',
            {},
            WB.el(doc, 'a', {
              href: WB.links.cainiao(n),
              target: '_blank',
              rel: 'noopener noreferrer',
              text: n,
            }),
          ),
        );
      tip.append(WB.el(doc, 'h4', { text: WB.t(loc, 'tip_numbers') }), ul);
    }
    if (view.advice && view.advice.length) {
      const ul = WB.el(doc, 'ul', { class: 'advice-list' });
      WB.renderAdvice(doc, ul, loc, view, ctx);
      tip.append(WB.el(doc, 'h4', { text: WB.t(loc, 'tip_advice') }), ul);
    }
    return tip;
  }

  // renderBadge creates or updates (in place) the one badge of a card.
  WB.renderBadge = function renderBadge(card, view, ctx) {
    const doc = card.ownerDocument,
      loc = ctx.locale;
    const found = card.querySelectorAll('.waybill-badge');
    for (let i = 1; i < found.length; i++) found[i].remove(); // never more than one
    let host = found[0];
    if (!host) {
      host = WB.el(doc, 'span', { class: 'waybill-badge', tabindex: '0' });
      host.attachShadow({ mode: 'open' });
      const anchor =
        card.querySelector(WB.SEL.list.headerStatus) || card.querySelector(WB.SEL.list.header);
      if (anchor) anchor.append(host);
      else card.append(host);
    }
    // What was drawn is remembered on the element in this (isolated) world only: the
    // page sees the contract-3 attributes, never the whole view.
    const sig = JSON.stringify([view, loc]);
    if (host.waybillSig === sig) return host; // nothing changed: keep the DOM untouched
    host.waybillSig = sig;
    host.setAttribute('data-waybill-status', view.status || 'unknown');
    host.setAttribute('data-waybill-number', (view.numbers || []).join(' '));
    host.setAttribute('data-waybill-order', view.orderId || '');
    host.setAttribute('data-waybill-checked', view.crossChecked ? 'true' : 'false');

    const root = host.shadowRoot;
    // Inside the shadow root only (the page sees just the contract-3 attributes): the
    // page's language decides the direction (Arabic, Hebrew: right to left), and screen
    // readers hear the status as text with what it is.
    const pill = WB.el(doc, 'span', {
      class: 'pill',
      'data-s': view.status || 'unknown',
      dir: WB.dirFor(loc),
      lang: loc.replace('_', '-'),
      'aria-label': WB.t(loc, 'badge_label', WB.statusLabel(loc, view.status)),
      text: WB.statusLabel(loc, view.status),
    });
    // A cool-down after an AliExpress challenge: the card's own status, quietly "paused".
    const note = view.paused
      ? WB.t(loc, 'badge_paused')
      : view.checking
        ? WB.t(loc, 'badge_checking')
        : view.crossChecked
          ? WB.t(loc, 'badge_checked', (view.checkedWith || []).join(', '))
          : view.numbers && view.numbers.length
            ? WB.t(loc, 'badge_notChecked')
            : '';
    const style = WB.shadowStyle(root, BADGE_CSS);
    root.replaceChildren(
      style || '',
      pill,
      note ? WB.el(doc, 'span', { class: 'note', dir: WB.dirFor(loc), text: note }) : '',
    );
    // The tooltip is built when first wanted (hover, focus): 50 cards should not
    // pay for 50 tooltips nobody opens.
    host.waybillTip = () => buildTip(doc, view, ctx);
    if (!host.waybillOpen) {
      host.waybillOpen = () => {
        if (!host.waybillTip) return;
        const tip = host.waybillTip();
        host.waybillTip = null;
        const old = host.shadowRoot.querySelector('.tip');
        if (old) old.remove();
        if (tip.childNodes.length) host.shadowRoot.append(tip);
      };
      host.addEventListener('mouseenter', host.waybillOpen);
      host.addEventListener('focusin', host.waybillOpen);
    }
    if (host.matches(':hover') || host.matches(':focus-within')) host.waybillOpen(); // updated while open
    return host;
  };
})((globalThis.WB = globalThis.WB || {}));
