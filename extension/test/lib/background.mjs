// background.mjs — runs the background scripts in this Node process with a fake
// chrome.* (storage in memory) and a fetch that serves core.wasm from
// extension/core and sends proxy calls to a handler the test provides.
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';
import { BACKGROUND_SCRIPTS } from '../../build.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const EXT = path.resolve(here, '..', '..');

export function fakeArea(initial = {}) {
  const data = structuredClone(initial);
  return {
    data,
    async get(keys) {
      if (keys === null || keys === undefined) return structuredClone(data);
      const list =
        typeof keys === 'string' ? [keys] : Array.isArray(keys) ? keys : Object.keys(keys);
      const out = {};
      for (const k of list) if (k in data) out[k] = structuredClone(data[k]);
      return out;
    },
    async set(obj) {
      for (const [k, v] of Object.entries(obj)) data[k] = structuredClone(v);
    },
    async remove(keys) {
      for (const k of [].concat(keys)) delete data[k];
    },
  };
}

// loadBackground returns globalThis.BG wired to a fake chrome (storage.local and
// storage.session in memory, tabs.onRemoved through closeTab) and proxy.
// proxy(url, init) → {status, body} answers fetches to the proxy.
export function loadBackground({
  storage = {},
  proxy = null,
  proxyUrl = 'http://127.0.0.1:8787',
} = {}) {
  const area = fakeArea(storage);
  const session = fakeArea();
  const listeners = [];
  const tabRemoved = [];
  globalThis.chrome = {
    runtime: {
      id: 'test',
      getURL: (p) => 'chrome-extension://test/' + p,
      onMessage: {
        addListener(fn) {
          listeners.push(fn);
        },
      },
      onInstalled: { addListener() {} },
      onStartup: { addListener() {} },
    },
    storage: { local: area, session },
    tabs: {
      onRemoved: {
        addListener(fn) {
          tabRemoved.push(fn);
        },
      },
    },
    alarms: { get: async () => null, create: async () => {}, onAlarm: { addListener() {} } },
  };
  globalThis.WAYBILL_CONFIG = { proxyUrl, version: 'test', browser: 'chrome' };
  const calls = [];
  globalThis.fetch = async (url, init) => {
    url = String(url);
    if (url.startsWith('chrome-extension://test/core/')) {
      return new Response(
        fs.readFileSync(path.join(EXT, 'core', url.slice('chrome-extension://test/core/'.length))),
        { headers: { 'content-type': 'application/wasm' } },
      );
    }
    calls.push({ url, body: init && init.body ? JSON.parse(init.body) : null });
    if (!proxy) throw new TypeError('fetch failed');
    const r = await proxy(url, init);
    return new Response(JSON.stringify(r.body), {
      status: r.status || 200,
      headers: { 'content-type': 'application/json' },
    });
  };
  for (const f of BACKGROUND_SCRIPTS) {
    const file = f.startsWith('core/') ? path.join(EXT, f) : path.join(EXT, 'src', f);
    if (f === 'common/config.js') continue; // generated; WAYBILL_CONFIG is set above
    vm.runInThisContext(fs.readFileSync(file, 'utf8'), { filename: file });
  }
  // send delivers a message as Chrome would from a content script on pageUrl.
  const send = (msg, pageUrl, tabId = 1) =>
    new Promise((resolve) => {
      const sender = { id: 'test', tab: { id: tabId }, url: pageUrl };
      let async = false;
      for (const fn of listeners) if (fn(msg, sender, resolve) === true) async = true;
      if (!async) resolve(undefined);
    });
  // closeTab fires chrome.tabs.onRemoved as the browser does when a tab is closed.
  const closeTab = (tabId) => tabRemoved.forEach((fn) => fn(tabId, {}));
  return { BG: globalThis.BG, area, session, calls, send, closeTab };
}
