// pause.js — the AliExpress cool-down, shared by every tab: after a bot challenge
// (or a traffic-limit answer) no tab calls mtop for 30 minutes ("insisting deepens
// the block", aliexpress-live-2026.md §5). Kept in chrome.storage.local, so it
// outlives the service worker and a browser restart. Also: the latest page-health
// report per tab (content/health.js), for the popup, in chrome.storage.session.
(function (BG) {
  'use strict';
  BG.PAUSE_MS = 30 * 60e3;
  const KEY = 'aePause';
  const REASONS = ['challenge', 'traffic_limit'];

  // pauseState resolves to {pausedUntil, reason} (pausedUntil 0: not paused).
  BG.pauseState = async function pauseState(now) {
    now = now || Date.now();
    const got = await BG.area().get(KEY);
    const p = got[KEY];
    if (p && typeof p.until === 'number' && p.until > now)
      return { pausedUntil: p.until, reason: String(p.reason || 'challenge') };
    return { pausedUntil: 0, reason: '' };
  };

  BG.onChallenge = async function onChallenge(msg, sender) {
    const reason = REASONS.includes(msg.reason) ? msg.reason : 'challenge';
    const now = Date.now();
    const until = now + BG.PAUSE_MS;
    const host = sender && typeof sender.url === 'string' ? new URL(sender.url).hostname : '';
    await BG.area().set({ [KEY]: { until, reason, at: now, host } });
    BG.stats.challenges = (BG.stats.challenges || 0) + 1;
    return { pausedUntil: until, reason };
  };

  BG.onPauseState = async () => BG.pauseState();

  // Page health: the latest report of each tab (a diagnostic, nothing personal), in
  // chrome.storage.session under health:<tabId> (background/pacer.js BG.sessionArea), so
  // it outlives the service worker's sleep; removed when the tab is closed.
  const HEALTH = 'health:';
  BG.HEALTH_MAX_TABS = 50;
  BG.onHealth = async function onHealth(msg, sender) {
    const tabId = sender && sender.tab && typeof sender.tab.id === 'number' ? sender.tab.id : -1;
    const r = msg.report && typeof msg.report === 'object' ? msg.report : null;
    if (!r || tabId < 0) return { ok: false };
    const clean = JSON.parse(JSON.stringify(r)); // plain data only
    if (JSON.stringify(clean).length > 8192) return { ok: false };
    const area = BG.sessionArea();
    const all = await healthAll(area);
    const stale = all
      .filter(([k]) => k !== HEALTH + tabId)
      .sort((a, b) => b[1].at - a[1].at)
      .slice(BG.HEALTH_MAX_TABS - 1)
      .map(([k]) => k);
    await area.set({ [HEALTH + tabId]: Object.assign(clean, { at: Date.now() }) });
    if (stale.length) await area.remove(stale);
    return { ok: true };
  };
  async function healthAll(area) {
    const got = (await area.get(null)) || {};
    return Object.entries(got).filter(
      ([k, v]) => k.startsWith(HEALTH) && v && typeof v === 'object',
    );
  }
  // onPageHealth: the report of tab msg.tabId, or without a tab id the latest of any tab.
  BG.onPageHealth = async function onPageHealth(msg) {
    const area = BG.sessionArea();
    if (msg.tabId === undefined) {
      let latest = null;
      for (const [, r] of await healthAll(area)) if (!latest || r.at >= latest.at) latest = r;
      return { report: latest };
    }
    const k = HEALTH + Number(msg.tabId);
    const got = await area.get(k);
    return { report: (got && got[k]) || null };
  };
  // healthTabGone: a closed tab's report goes with it.
  BG.healthTabGone = (tabId) => BG.sessionArea().remove(HEALTH + tabId);

  // onExtract: tracking numbers in free text (the tracking page's DOM), through the core.
  BG.onExtract = async function onExtract(msg) {
    const text = typeof msg.text === 'string' ? msg.text.slice(0, 100000) : '';
    if (!text) return { numbers: [] };
    const r = await BG.call('extract', { text });
    const list = Array.isArray(r) ? r : [];
    const numbers = [];
    for (const x of list)
      if (x && x.valid !== false && BG.validNumber(x.number) && !numbers.includes(x.number))
        numbers.push(x.number);
    return { numbers };
  };
})((globalThis.BG = globalThis.BG || {}));
