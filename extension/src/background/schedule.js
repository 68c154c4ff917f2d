// schedule.js — background refreshes with chrome.alarms. One periodic alarm
// wakes the worker; each parcel is due by its own stage-based cadence
// (BG.cadence), so a parcel out for delivery is re-checked every 2 h and one
// crossing the sea every 8 h, and delivered ones never again.
(function (BG) {
  'use strict';
  BG.ALARM = 'waybill-refresh';
  BG.ensureAlarm = async function ensureAlarm() {
    const a = await chrome.alarms.get(BG.ALARM);
    if (!a) await chrome.alarms.create(BG.ALARM, { delayInMinutes: 1, periodInMinutes: 30 });
  };
  BG.refreshDue = async function refreshDue(now) {
    now = now || Date.now();
    const due = (await BG.allRecords()).filter(
      (r) => r.nextCheckAt && r.nextCheckAt <= now && BG.numbersOf(r).length,
    );
    if (!due.length) return { due: 0, calls: 0 };
    const res = await BG.crosscheck(due, '', { force: true });
    return { due: due.length, calls: res.calls, error: res.error ? res.error.code : '' };
  };
})((globalThis.BG = globalThis.BG || {}));
