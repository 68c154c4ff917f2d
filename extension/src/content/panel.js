// panel.js — the tracking page's merged-timeline panel: every event with the
// sources that reported it, conflicts flagged, advice with actions, and every
// leg's number with copy buttons and links to Cainiao and 17TRACK.
// Remote text only through textContent.
(function (WB) {
  'use strict';
  const PANEL_CSS = `
:host{all:initial;display:block;margin:12px 0;font:13px/1.45 system-ui,sans-serif;color:#222}
.box{border:1px solid #c9d1db;border-radius:8px;padding:12px 14px;background:#fbfcfe}
h2{font-size:15px;margin:0 0 8px}h3{font-size:12px;text-transform:uppercase;color:#666;margin:12px 0 4px}
.pill{display:inline-block;padding:1px 8px;border-radius:10px;background:#e8f0fe;border:1px solid #8fb0ee;color:#1a4fb0}
.pill[data-s=delivered]{background:#e3f6ea;border-color:#7cc79a;color:#0b6b35}
.note{margin-inline-start:8px;color:#595959}.warn{color:#9b1c1c}
ul,ol{margin:0;padding:0}li{list-style:none;margin:3px 0}
.number code{font:12px ui-monospace,monospace;background:#eef1f5;padding:1px 5px;border-radius:4px}.leg{color:#555;font-size:12px}
.number a,.number button{margin-inline-start:8px;font-size:12px}
.ev{display:grid;grid-template-columns:150px 1fr;gap:2px 10px;padding:4px 0;border-top:1px solid #eef1f5}
.ev .when{color:#555}.ev .st{font-weight:600}.ev .loc{color:#555}
.src{display:inline-block;margin-right:4px;padding:0 6px;border-radius:8px;background:#eef1f5;font-size:11px;color:#444}
.conflict{color:#9b1c1c}a{color:#1a4fb0}`;

  // renderPanel creates or updates the one panel on the tracking page, or, with
  // ctx.mount (the dashboard), the one panel inside that element: one component for both.
  WB.renderPanel = function renderPanel(doc, view, ctx) {
    const loc = ctx.locale,
      E = (...a) => WB.el(doc, ...a);
    let host = (ctx.mount || doc).querySelector('.waybill-panel');
    if (!host) {
      host = E('section', { class: 'waybill-panel', 'data-waybill-panel': '1' });
      host.attachShadow({ mode: 'open' });
      const anchor = ctx.mount ? null : doc.querySelector(WB.SEL.track.panelAnchor);
      if (ctx.mount) ctx.mount.append(host);
      else if (anchor && anchor.parentNode) anchor.parentNode.insertBefore(host, anchor);
      else doc.body.prepend(host);
    }
    host.setAttribute('data-waybill-status', view.status || 'unknown');
    host.setAttribute('data-waybill-number', (view.numbers || []).join(' '));
    host.setAttribute('data-waybill-checked', view.crossChecked ? 'true' : 'false');
    host.setAttribute('dir', WB.dirFor(loc));
    host.setAttribute('lang', loc.replace('_', '-'));

    const box = E('div', { class: 'box' });
    const head = E(
      'div',
      {},
      E('span', {
        class: 'pill',
        'data-s': view.status || 'unknown',
        text: WB.statusLabel(loc, view.status) + subText(loc, view.sub),
      }),
    );
    if (view.progress && view.progress.stage)
      head.append(
        E('span', {
          class: 'note',
          text: WB.t(loc, 'panel_progress', view.progress.stage, view.progress.of || 5),
        }),
      );
    if (view.crossChecked)
      head.append(
        E('span', {
          class: 'note checked',
          text: WB.t(loc, 'badge_checked', (view.checkedWith || []).join(', ')),
        }),
      );
    else if (!view.checking)
      head.append(
        E('span', {
          class: 'note warn not-checked',
          text: view.proxyError ? WB.t(loc, 'panel_proxyDown') : WB.t(loc, 'badge_notChecked'),
        }),
      );
    const eta = WB.etaText(loc, view.eta);
    if (eta) head.append(E('span', { class: 'note eta', text: WB.t(loc, 'tip_eta') + ': ' + eta }));
    box.append(E('h2', { text: WB.t(loc, 'panel_title') }), head);

    // Numbers of every leg.
    if (view.numbers && view.numbers.length) {
      const ul = E('ul', { class: 'numbers' });
      for (const n of view.numbers) {
        const copy = E('button', {
          type: 'button',
          class: 'copy',
          'data-number': n,
          text: WB.t(loc, 'panel_copy'),
        });
        copy.addEventListener('click', () => {
          const done = () => {
            copy.textContent = WB.t(loc, 'panel_copied');
          };
          if (navigator.clipboard && navigator.clipboard.writeText)
            navigator.clipboard.writeText(n).then(done, done);
          else done();
        });
        const leg = (view.legs || []).find((l) => l && l.number === n) || {};
        const role = typeof leg.role === 'string' && leg.role ? WB.t(loc, 'leg_' + leg.role) : '';
        const about = [
          role.startsWith('leg_') ? '' : role,
          typeof leg.carrier === 'string' ? leg.carrier : '',
        ]
          .filter(Boolean)
          .join(' · ');
        ul.append(
          E(
            'li',
            { class: 'number', 'data-role': leg.role || '' },
            E('code', { text: n }),
            about ? E('span', { class: 'leg', text: ' ' + about }) : '',
            copy,
            E('a', {
              href: WB.links.cainiao(n),
              target: '_blank',
              rel: 'noopener noreferrer',
              class: 'cainiao',
              text: 'Cainiao',
            }),
            E('a', {
              href: WB.links.track17(n),
              target: '_blank',
              rel: 'noopener noreferrer',
              class: 'track17',
              text: '17TRACK',
            }),
          ),
        );
      }
      box.append(E('h3', { text: WB.t(loc, 'panel_numbers') }), ul);
    }

    // Conflicts between sources.
    if (view.conflicts && view.conflicts.length) {
      const ul = E('ul', { class: 'conflicts' });
      for (const c of view.conflicts)
        ul.append(
          E('li', { class: 'conflict', 'data-conflict': c && c.code, text: conflictText(loc, c) }),
        );
      box.append(E('h3', { class: 'conflict', text: WB.t(loc, 'panel_conflicts') }), ul);
    }

    // Advice with actions.
    if (view.advice && view.advice.length) {
      const ul = E('ul', { class: 'advice-list' });
      WB.renderAdvice(doc, ul, loc, view, ctx);
      box.append(E('h3', { text: WB.t(loc, 'tip_advice') }), ul);
    }

    // Events, newest first (the core gives them oldest first).
    const evs = (view.events || []).slice().reverse();
    const ol = E('ol', { class: 'events' });
    for (const ev of evs) {
      const srcs = E('span', { class: 'sources' });
      for (const s of ev.sources || [])
        srcs.append(E('span', { class: 'src', 'data-source': s, text: s }));
      ol.append(
        E(
          'li',
          {
            class: 'ev',
            'data-sources': (ev.sources || []).join(' '),
            'data-status': ev.status || '',
          },
          E('span', { class: 'when', text: WB.fmtTime(loc, ev.time) }),
          E(
            'span',
            {},
            ev.status ? E('span', { class: 'st', text: WB.statusLabel(loc, ev.status) }) : '',
            ' ',
            E('span', { class: 'text', text: ev.text || '' }),
            ev.location ? E('span', { class: 'loc', text: ' · ' + ev.location }) : '',
            ' ',
            srcs,
          ),
        ),
      );
    }
    box.append(
      E('h3', { text: WB.t(loc, 'panel_sources') }),
      evs.length ? ol : E('p', { text: WB.t(loc, 'panel_noEvents') }),
    );
    host.shadowRoot.replaceChildren(WB.shadowStyle(host.shadowRoot, PANEL_CSS) || '', box);
    return host;
  };

  // conflictText renders a conflict ({code, sources, numbers, times}) as plain text in the
  // reader's language: the words come from _locales by code (conflict_<code>), never from
  // the core's English message.
  function conflictText(loc, c) {
    if (!c || typeof c !== 'object') return '';
    const code = typeof c.code === 'string' ? c.code : '';
    const table = globalThis.WAYBILL_STRINGS || {};
    const text =
      code && table.en && table.en['conflict_' + code]
        ? WB.t(loc, 'conflict_' + code)
        : WB.t(loc, 'conflict_other', code || '?');
    const srcs = Array.isArray(c.sources) ? c.sources.filter((x) => typeof x === 'string') : [];
    const nums = Array.isArray(c.numbers) ? c.numbers.filter((x) => typeof x === 'string') : [];
    return (
      text +
      (srcs.length ? ' — ' + srcs.join(', ') : '') +
      (nums.length ? ' (' + nums.join(', ') + ')' : '')
    );
  }
  WB.conflictText = conflictText;

  // subText is " · <sub-status>" when _locales has words for it (the ones a buyer acts on:
  // locker, post office, customs, duties…), else nothing: never the code itself.
  function subText(loc, sub) {
    const table = globalThis.WAYBILL_STRINGS || {};
    return sub && table.en && table.en['sub_' + sub] ? ' · ' + WB.t(loc, 'sub_' + sub) : '';
  }
})((globalThis.WB = globalThis.WB || {}));
