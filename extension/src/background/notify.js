// notify.js — notifications (chrome.notifications) when a parcel changes in a way a
// buyer acts on: out for delivery, waiting at a pickup point (with where), delivered,
// delivery failed, exception, the dispute window opening (11 days without a scan after
// shipping), buyer protection ending in ≤ 5 days, stale for its stage.
//
// At most once per change per parcel: each kind has a change key (the moment the parcel
// entered that status, the deadline's date, the last event of a stale parcel); a key is
// notified once and remembered in the record (rec.notes), so a refresh without a change
// never notifies. A record's first merge only sets its baseline (opening the order list
// does not ring for every old parcel). Per-parcel mute (rec.muted) and a per-kind setting
// (options.notify[kind] === false turns a kind off). A click opens the parcel in the
// dashboard. Listed after sw.js in scripts.json.
(function (BG) {
  'use strict';
  BG.NOTIFY_KINDS = [
    'out_for_delivery',
    'pickup',
    'delivered',
    'delivery_failed',
    'exception',
    'dispute',
    'protection',
    'stale',
  ];
  BG.PROTECTION_NOTIFY_DAYS = 5;
  BG.notified = []; // the latest notifications, for tests and the bench: {id, kind, parcel}
  const STATUS_KIND = {
    out_for_delivery: 'out_for_delivery',
    available_for_pickup: 'pickup',
    delivered: 'delivered',
    delivery_failed: 'delivery_failed',
    exception: 'exception',
  };

  // notifyKeys: kind → change key of everything notifiable about the record now.
  BG.notifyKeys = function notifyKeys(rec) {
    const m = rec.merged;
    const out = {};
    if (!m) return out;
    const kind = STATUS_KIND[m.status];
    if (kind) {
      // When did the parcel enter this status? (The latest history entry that says so.)
      let since = 0;
      for (let i = rec.history.length - 1; i >= 0; i--) {
        const h = rec.history[i];
        if (h.status !== m.status) break;
        since = h.at;
      }
      out[kind] = m.status + '@' + (since || m.lastEventAt || '');
    }
    for (const a of Array.isArray(m.advice) ? m.advice : []) {
      // The 11-day rule: nothing scanned 11 days after shipping → a dispute may be opened.
      if (a && a.code === 'open_dispute' && a.reason === 'no_progress')
        out.dispute = 'dispute@' + (a.from || a.since || a.deadline || '');
    }
    const p = m.protection;
    if (
      p &&
      typeof p.daysLeft === 'number' &&
      p.daysLeft >= 0 &&
      p.daysLeft <= BG.PROTECTION_NOTIFY_DAYS &&
      !TERMINAL().has(m.status)
    )
      out.protection = 'protection@' + (p.endsAt || '');
    if (m.stale && !TERMINAL().has(m.status)) out.stale = 'stale@' + (m.lastEventAt || '');
    return out;
  };
  const TERMINAL = () => new Set(globalThis.WB.TERMINAL_STATUSES);

  const msg = (key, subs) =>
    (chrome.i18n && chrome.i18n.getMessage(key, subs)) || key + ' ' + (subs || []).join(' ');

  // label: how a notification names the parcel (the buyer's name first).
  function label(rec) {
    if (rec.name) return rec.name;
    const ns = BG.numbersFor ? BG.numbersFor(rec) : BG.numbersOf(rec);
    if (ns.length) return ns[0];
    return rec.orderId ? msg('popup_order', [rec.orderId]) : 'Waybill';
  }

  function textFor(kind, rec) {
    const m = rec.merged || {};
    const name = label(rec);
    switch (kind) {
      case 'pickup': {
        const evs = Array.isArray(m.events) ? m.events : [];
        const last = evs[evs.length - 1];
        const adv = (m.advice || []).find((a) => a && a.code === 'pick_up') || {};
        const where = [adv.location, adv.address, last && last.location].find(
          (x) => typeof x === 'string' && x,
        );
        return msg('notif_pickup', [name, where || '']).trim();
      }
      case 'protection': {
        const d = m.protection && m.protection.endsAt ? new Date(m.protection.endsAt) : null;
        const ui = chrome.i18n && chrome.i18n.getUILanguage ? chrome.i18n.getUILanguage() : 'en';
        const day = d && !isNaN(d) ? d.toLocaleDateString(ui) : '';
        return msg('notif_protection', [name, day]);
      }
      case 'stale':
        return msg('notif_stale', [name, String(m.daysSinceUpdate || '')]);
      default:
        return msg('notif_' + kind, [name]);
    }
  }

  async function settings() {
    const got = await BG.area().get('options');
    const o = (got.options && got.options.notify) || {};
    return o && typeof o === 'object' ? o : {};
  }

  // onRecordsChanged runs in putRecords before the write: it notifies and stores the keys.
  BG.onRecordsChanged = async function onRecordsChanged(recs) {
    let prefs = null;
    for (const rec of recs) {
      if (!rec.merged) continue;
      const keys = BG.notifyKeys(rec);
      if (!rec.notes) {
        rec.notes = keys; // first merge: the baseline, silently
        continue;
      }
      const fresh = Object.keys(keys).filter((k) => rec.notes[k] !== keys[k]);
      if (!fresh.length) continue;
      for (const k of fresh) rec.notes[k] = keys[k];
      if (rec.muted) continue;
      prefs = prefs || (await settings());
      for (const kind of fresh) {
        if (prefs[kind] === false) continue;
        await show(kind, rec);
      }
    }
  };

  async function show(kind, rec) {
    const id = 'wb|' + BG.idOf(rec) + '|' + kind + '|' + Date.now();
    const entry = { id, kind, parcel: BG.idOf(rec), message: textFor(kind, rec) };
    BG.notified.push(entry);
    if (BG.notified.length > 50) BG.notified.shift();
    BG.stats.notifications = (BG.stats.notifications || 0) + 1;
    // The latest few, as the stats message shows them (tests in both browsers read it).
    BG.stats.lastNotified = BG.notified.slice(-10).map((n) => ({ kind: n.kind, parcel: n.parcel }));
    if (!chrome.notifications) return;
    try {
      await chrome.notifications.create(id, {
        type: 'basic',
        iconUrl: chrome.runtime.getURL('icons/128.png'),
        title: 'Waybill',
        message: entry.message,
      });
    } catch (err) {
      console.warn('Waybill: notification', err);
    }
  }

  if (chrome.notifications) {
    chrome.notifications.onClicked.addListener((nid) => {
      const parts = String(nid).split('|');
      if (parts[0] !== 'wb') return;
      BG.openDashboard('open=' + encodeURIComponent(parts[1]));
      chrome.notifications.clear(nid);
    });
  }
})(globalThis.BG);
