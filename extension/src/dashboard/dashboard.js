// dashboard.js — every parcel Waybill knows (contract 4), in the BROWSER's language:
// add numbers from any pasted text, search, open a parcel's merged timeline (the same
// component as the tracking page's panel, WB.renderPanel), name, archive, mute, delete,
// refresh, export (JSON, CSV) and import. Remote text only through textContent.
(async function (WB) {
  'use strict';
  const M = WB.MSG;
  // The browser's language, unless the address asks for one (?lang=ar: a preview, the demo).
  const asked = new URLSearchParams(location.search).get('lang');
  const loc = WB.localeFor(asked || chrome.i18n.getUILanguage(), '');
  const t = (k, ...a) => WB.t(loc, k, ...a);
  const $ = (id) => document.getElementById(id);
  const E = (...a) => WB.el(document, ...a);
  const GROUPS = ['attention', 'moving', 'delivered', 'archived'];
  const open = new Set(); // ids of the parcels whose timeline is open
  let parcels = [];

  document.documentElement.lang = loc.replace('_', '-');
  document.documentElement.dir = WB.dirFor(loc);
  document.title = t('dash_title');
  $('title').textContent = t('dash_title');
  $('waybill-add-label').textContent = t('dash_add_label');
  $('waybill-add-submit').textContent = t('dash_add_submit');
  $('search-label').textContent = t('dash_search');
  $('waybill-refresh').textContent = t('dash_refresh');
  $('waybill-export').textContent = t('dash_export');
  $('waybill-export-csv').textContent = t('dash_export_csv');
  $('import-label').textContent = t('dash_import');

  const say = (text) => {
    $('waybill-status').textContent = text;
  };

  function showStoreError(err) {
    const box = $('waybill-error');
    if (err && err.code === 'quota') {
      box.hidden = false;
      box.dataset.waybillError = 'quota';
      box.textContent = t('dash_quota');
    } else {
      box.hidden = true;
      delete box.dataset.waybillError;
      box.textContent = '';
    }
  }

  function statusText(p) {
    const sub = p.sub && WB.t(loc, 'sub_' + p.sub) !== 'sub_' + p.sub ? t('sub_' + p.sub) : '';
    return WB.statusLabel(loc, p.status) + (sub ? ' · ' + sub : '');
  }

  function haystack(p) {
    return [
      p.numbers.join(' '),
      p.name,
      p.orderId,
      p.carriers.join(' '),
      p.store,
      p.product,
      statusText(p),
    ]
      .join(' ')
      .toLowerCase();
  }

  // render draws every group; open items keep their timeline.
  function render() {
    const main = $('groups');
    const q = $('waybill-search').value.trim().toLowerCase();
    const byGroup = Object.fromEntries(GROUPS.map((g) => [g, []]));
    for (const p of parcels) if (!q || haystack(p).includes(q)) byGroup[p.group].push(p);
    const sections = [];
    for (const g of GROUPS) {
      if (!byGroup[g].length) continue;
      const ul = E('ul', { class: 'parcels', 'aria-labelledby': 'h-' + g });
      for (const p of byGroup[g]) ul.append(item(p));
      sections.push(
        E(
          'section',
          { 'data-group': g },
          E('h2', { id: 'h-' + g, text: t('group_' + g) + ' (' + byGroup[g].length + ')' }),
          ul,
        ),
      );
    }
    main.replaceChildren(...sections);
    $('empty').hidden = parcels.length > 0;
    $('empty').textContent = parcels.length ? '' : t('dash_empty');
    for (const id of open) {
      const li = main.querySelector(`li[data-waybill-id="${CSS.escape(id)}"]`);
      if (li) openItem(li, false);
    }
  }

  function item(p) {
    const li = E('li', {
      'data-waybill-parcel': '',
      'data-waybill-id': p.id,
      'data-waybill-number': p.numbers.join(' '),
      'data-waybill-status': p.status || 'unknown',
      'data-waybill-group': p.group,
    });
    const who = p.name || (p.orderId ? t('popup_order', p.orderId) : p.numbers[0] || '');
    const latest = p.latest
      ? [WB.fmtTime(loc, p.latest.time), p.latest.text, p.latest.location]
          .filter(Boolean)
          .join(' · ')
      : '';
    const btn = E(
      'button',
      { type: 'button', class: 'open', 'aria-expanded': 'false' },
      E('span', { class: 'pill', 'data-s': p.status || 'unknown', text: statusText(p) }),
      E('span', { class: 'who', text: who }),
      p.name || p.orderId ? E('span', { class: 'num', text: p.numbers.join(' · ') }) : '',
      p.carriers.length ? E('span', { class: 'note', text: p.carriers.join(', ') }) : '',
      p.manual ? E('span', { class: 'note', text: t('dash_added_by_you') }) : '',
      latest ? E('span', { class: 'latest', text: latest }) : '',
    );
    btn.addEventListener('click', () => toggle(li));
    li.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter' && ev.target === li) toggle(li);
    });
    li.append(btn);
    return li;
  }

  function toggle(li) {
    const id = li.dataset.waybillId;
    if (open.has(id)) {
      open.delete(id);
      const d = li.querySelector('.detail');
      if (d) d.remove();
      li.querySelector('.open').setAttribute('aria-expanded', 'false');
    } else {
      open.add(id);
      openItem(li, true);
    }
  }

  // openItem shows the parcel's merged timeline (WB.renderPanel) and the buyer's controls.
  async function openItem(li, focus) {
    const id = li.dataset.waybillId;
    const res = await WB.send(M.dashDetail, { id });
    if (!res || !res.parcel || !li.isConnected) return;
    const p = res.parcel;
    let d = li.querySelector('.detail');
    if (!d) {
      d = E('div', { class: 'detail', id: 'detail-' + id.replace(/\W/g, '_') });
      li.append(d);
    }
    li.querySelector('.open').setAttribute('aria-expanded', 'true');
    li.querySelector('.open').setAttribute('aria-controls', d.id);
    const nameId = 'name-' + id.replace(/\W/g, '_');
    const name = E('input', { type: 'text', id: nameId, value: p.name, maxlength: '80' });
    name.value = p.name;
    const saveName = E('button', { type: 'button', class: 'save-name', text: t('dash_name_save') });
    saveName.addEventListener('click', () => update({ id, name: name.value }));
    name.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter') update({ id, name: name.value });
    });
    const arch = E('button', {
      type: 'button',
      class: 'archive',
      text: p.archived ? t('dash_unarchive') : t('dash_archive'),
    });
    arch.addEventListener('click', () => update({ id, archived: !p.archived }));
    const mute = E('button', {
      type: 'button',
      class: 'mute',
      'aria-pressed': p.muted ? 'true' : 'false',
      text: p.muted ? t('dash_unmute') : t('dash_mute'),
    });
    mute.addEventListener('click', () => update({ id, muted: !p.muted }));
    const del = E('button', { type: 'button', class: 'delete', text: t('dash_delete') });
    del.addEventListener('click', async () => {
      if (!window.confirm(t('dash_delete_confirm'))) return; // for good: ask first
      await WB.send(M.dashDelete, { id });
      open.delete(id);
      await load();
    });
    const mount = E('div', { class: 'timeline' });
    d.replaceChildren(
      E('label', { for: nameId, text: t('dash_name') }),
      name,
      ' ',
      saveName,
      E('div', {}, arch, mute, del),
      mount,
    );
    WB.renderPanel(document, p, {
      locale: loc,
      host: p.host || 'www.aliexpress.com',
      mount,
    });
    if (focus) name.focus({ preventScroll: true });
  }

  async function update(change) {
    await WB.send(M.dashUpdate, change);
    await load();
  }

  async function load(res) {
    res = res || (await WB.send(M.dashList, {}));
    if (!res || !Array.isArray(res.parcels)) return;
    parcels = res.parcels;
    showStoreError(res.storeError);
    render();
  }

  // Adding: the core's extract/parse in the background; problems explained here.
  async function add(text, asTyped) {
    const btn = $('waybill-add-submit');
    btn.disabled = true;
    try {
      const res = await WB.send(M.dashAdd, { text, asTyped });
      if (!res || res.error) return;
      const out = $('waybill-add-result');
      const lines = [];
      if (res.added.length)
        lines.push(E('p', { class: 'ok added', text: t('dash_added', res.added.join(', ')) }));
      if (res.duplicates.length)
        lines.push(
          E('p', {
            class: 'note duplicates',
            text: t('dash_duplicate', res.duplicates.join(', ')),
          }),
        );
      for (const pr of res.problems) {
        if (pr.kind === 'order_number') {
          lines.push(
            E('p', {
              class: 'problem',
              'data-waybill-problem': 'order_number',
              'data-waybill-input': pr.input,
              text: t('dash_problem_order_number', pr.input),
            }),
          );
        } else if (pr.kind === 'check_digit') {
          const box = E(
            'div',
            {
              class: 'problem',
              'data-waybill-problem': 'check_digit',
              'data-waybill-input': pr.number,
              'data-waybill-suggestion': pr.suggestion || '',
            },
            E('p', { text: t('dash_problem_check_digit', pr.number) }),
          );
          if (pr.suggestion) {
            const use = E('button', {
              type: 'button',
              class: 'use-suggestion',
              text: t('dash_use_suggestion', pr.suggestion),
            });
            use.addEventListener('click', () => add(pr.suggestion));
            box.append(use);
          }
          const typed = E('button', {
            type: 'button',
            class: 'add-as-typed',
            text: t('dash_add_as_typed', pr.number),
          });
          typed.addEventListener('click', () => add('', [pr.number]));
          box.append(typed);
          lines.push(box);
        }
      }
      if (!lines.length) lines.push(E('p', { class: 'note', text: t('dash_nothing') }));
      out.replaceChildren(...lines);
      await load(res);
    } finally {
      btn.disabled = false;
    }
  }

  $('waybill-add-submit').addEventListener('click', () => add($('waybill-add').value));
  $('waybill-add').addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) add($('waybill-add').value);
  });
  $('waybill-search').addEventListener('input', () => {
    const t0 = performance.now();
    render();
    document.body.dataset.searchMs = String(Math.round((performance.now() - t0) * 10) / 10);
  });
  $('waybill-refresh').addEventListener('click', async () => {
    say(t('dash_refreshing'));
    const res = await WB.send(M.dashRefresh, {});
    say('');
    await load(res);
  });

  function download(name, type, text) {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const a = E('a', { href: url, download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60e3);
  }
  const stamp = () => new Date().toISOString().slice(0, 10);
  $('waybill-export').addEventListener('click', async () => {
    const data = await WB.send(M.dashExport, {});
    if (data && data.parcels)
      download(`waybill-${stamp()}.json`, 'application/json', JSON.stringify(data, null, 1));
  });
  // CSV: one row per event. A cell starting with = + - @ is prefixed with ' so a
  // spreadsheet never runs remote text as a formula.
  const cell = (v) => {
    let s = v === undefined || v === null ? '' : String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
    return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  };
  WB.exportCsv = function exportCsv(data) {
    const head = [
      'parcel',
      'order',
      'name',
      'numbers',
      'status',
      'group',
      'event_time',
      'event_status',
      'event_text',
      'event_location',
      'event_sources',
    ];
    const rows = [head.join(',')];
    for (const p of data.parcels)
      for (const e of p.events || [])
        rows.push(
          [
            p.id,
            p.orderId,
            p.name,
            (p.numbers || []).join(' '),
            p.status,
            p.group,
            e.time,
            e.status,
            e.text,
            e.location,
            (e.sources || []).join(' '),
          ]
            .map(cell)
            .join(','),
        );
    return rows.join('\r\n') + '\r\n';
  };
  $('waybill-export-csv').addEventListener('click', async () => {
    const data = await WB.send(M.dashExport, {});
    if (data && data.parcels) download(`waybill-${stamp()}.csv`, 'text/csv', WB.exportCsv(data));
  });
  $('waybill-import').addEventListener('change', async (ev) => {
    const file = ev.target.files && ev.target.files[0];
    if (!file) return;
    let data = null;
    try {
      data = JSON.parse(await file.text());
    } catch {
      data = null;
    }
    const res = data ? await WB.send(M.dashImport, { data }) : null;
    ev.target.value = '';
    if (!res || res.error) {
      say(t('dash_import_failed'));
      return;
    }
    say(t('dash_imported', res.imported, res.events));
    await load(res);
  });

  // Other writers (a refresh alarm, an AliExpress tab) change parcels: redraw, debounced.
  let timer = null;
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local' || !Object.keys(changes).some((k) => k.startsWith('p:'))) return;
    clearTimeout(timer);
    timer = setTimeout(() => load(), 250);
  });

  await load();
  performance.mark('waybill-listed'); // the bench's "first paint of the list"
  document.body.dataset.ready = '1';
  // #add=<text> (the "Track with Waybill" context menu) and #open=<id> (a notification).
  const hash = new URLSearchParams(location.hash.slice(1));
  if (hash.get('add')) {
    $('waybill-add').value = hash.get('add');
    await add(hash.get('add'));
  }
  if (hash.get('open')) {
    const li = document.querySelector(`li[data-waybill-id="${CSS.escape(hash.get('open'))}"]`);
    if (li) {
      if (!open.has(li.dataset.waybillId)) toggle(li);
      li.scrollIntoView({ block: 'center' });
      li.querySelector('.open').focus();
    }
  }
})(globalThis.WB);
