// The build: one source, two manifests; minimal permissions; the wasm CSP;
// the proxy URL as a build setting; _locales complete in every language.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  manifest,
  strings,
  normaliseProxy,
  BACKGROUND_SCRIPTS,
  SCRIPTS,
  serviceWorkerBoot,
  withScripts,
  EXTENSION_ID,
  DEV_PUBLIC_KEY,
} from '../../build.mjs';
import { SRC } from '../lib/dom.mjs';
import crypto from 'node:crypto';
import { JSDOM } from 'jsdom';

test('chrome and firefox manifests differ only where they must', () => {
  const c = manifest('chrome', 'http://127.0.0.1:8787'),
    f = manifest('firefox', 'http://127.0.0.1:8787');
  assert.deepEqual(c.background, { service_worker: 'background/boot.js' });
  assert.deepEqual(f.background, { scripts: BACKGROUND_SCRIPTS });
  assert.ok(f.browser_specific_settings.gecko.id);
  for (const k of ['background', 'browser_specific_settings', 'key', 'minimum_chrome_version']) {
    delete c[k];
    delete f[k];
  }
  assert.deepEqual(c, f);
});

test('minimal permissions: storage, alarms, notifications, contextMenus, AliExpress hosts and the proxy; no cookies, no <all_urls>', () => {
  const m = manifest('chrome', 'https://proxy.example.workers.dev');
  assert.deepEqual(m.permissions, ['storage', 'alarms', 'notifications', 'contextMenus']);
  const hosts = m.host_permissions;
  assert.ok(hosts.includes('https://proxy.example.workers.dev/*'));
  for (const h of hosts)
    assert.match(
      h,
      /^https:\/\/(\*\.aliexpress\.(com|us)\/p\/(order|tracking)\/\*|aliexpress\.ru\/\*|proxy\.example\.workers\.dev\/\*)$/,
      h,
    );
  const all = JSON.stringify(m);
  assert.ok(
    !all.includes('<all_urls>') &&
      !all.includes('"cookies"') &&
      !all.includes('"tabs"') &&
      !all.includes('webRequest'),
  );
  assert.match(m.content_security_policy.extension_pages, /'wasm-unsafe-eval'/);
  assert.doesNotMatch(m.content_security_policy.extension_pages, /'unsafe-eval'/);
  const main = m.content_scripts.find((s) => s.world === 'MAIN');
  assert.deepEqual(
    main.js,
    ['common/ids.js', 'main/mtop-bridge.js'],
    'only the order-id pattern and the bridge run in the page world',
  );
});

test('the page world keeps no global of ours after the bridge starts', () => {
  const m = manifest('chrome', 'http://127.0.0.1:8787');
  const main = m.content_scripts.find((s) => s.world === 'MAIN');
  const dom = new JSDOM('<!doctype html><html><head></head><body></body></html>', {
    url: 'https://www.aliexpress.com/p/order/index.html',
    runScripts: 'outside-only',
  });
  for (const f of main.js) dom.window.eval(fs.readFileSync(path.join(SRC, f), 'utf8'));
  assert.equal(dom.window.eval('typeof WB'), 'undefined');
  dom.window.close();
});

test('the manifest key pins the documented extension id', () => {
  const der = Buffer.from(DEV_PUBLIC_KEY, 'base64');
  const hex = crypto.createHash('sha256').update(der).digest('hex').slice(0, 32);
  assert.equal(
    [...hex].map((x) => String.fromCharCode(97 + parseInt(x, 16))).join(''),
    EXTENSION_ID,
  );
});

test('every file a manifest names exists in src (or is generated)', () => {
  const generated = new Set(['common/config.js', 'common/strings.js', 'core/wasm_exec.js']);
  const m = manifest('firefox', 'http://127.0.0.1:8787');
  const files = [
    ...m.background.scripts,
    ...m.content_scripts.flatMap((s) => s.js),
    m.action.default_popup,
    m.options_ui.page,
  ];
  for (const f of files) assert.ok(generated.has(f) || fs.existsSync(path.join(SRC, f)), f);
});

test('scripts.json is the one load order: boot.js, the pages and the manifests follow it', () => {
  for (const [k, list] of Object.entries(SCRIPTS)) {
    if (k === '//') continue;
    for (const f of list)
      assert.ok(
        f === 'core/wasm_exec.js' ||
          fs.existsSync(path.join(SRC, f)) ||
          /^common\/(config|strings)\.js$/.test(f),
        `${k}: ${f}`,
      );
  }
  assert.equal(
    serviceWorkerBoot().split('\n')[1],
    `importScripts(${BACKGROUND_SCRIPTS.map((f) => `"../${f}"`).join(', ')});`,
  );
  for (const page of ['popup', 'options']) {
    const html = fs.readFileSync(path.join(SRC, page, page + '.html'), 'utf8');
    assert.doesNotMatch(html, /<script/, `${page}.html: scripts come from scripts.json`);
    const built = withScripts(html, SCRIPTS[page]);
    const srcs = [...built.matchAll(/<script src="\.\.\/([^"]+)"><\/script>/g)].map((m) => m[1]);
    assert.deepEqual(srcs, SCRIPTS[page], page);
  }
});

test('PROXY_URL is normalised and must be http(s)', () => {
  assert.equal(normaliseProxy('https://p.example.dev/'), 'https://p.example.dev');
  assert.equal(normaliseProxy('http://127.0.0.1:8787'), 'http://127.0.0.1:8787');
});

test('_locales: every language has every key, with the same placeholders', () => {
  const t = strings(SRC);
  // Every language AliExpress serves (test/unit/locales.test.mjs checks the words).
  assert.deepEqual(Object.keys(t).sort(), [
    'ar',
    'de',
    'en',
    'es',
    'fr',
    'he',
    'id',
    'it',
    'ja',
    'ko',
    'nl',
    'pl',
    'pt_BR',
    'ru',
    'th',
    'tr',
    'uk',
    'vi',
  ]);
  const ph = (s) => (s.match(/\$\d/g) || []).sort().join();
  for (const [loc, msgs] of Object.entries(t)) {
    assert.deepEqual(Object.keys(msgs).sort(), Object.keys(t.en).sort(), loc);
    for (const [k, v] of Object.entries(msgs)) {
      assert.equal(ph(v), ph(t.en[k]), `${loc}.${k}`);
      assert.ok(v.trim(), `${loc}.${k} is empty`);
    }
  }
  for (const s of [
    'pending',
    'info_received',
    'in_transit',
    'out_for_delivery',
    'available_for_pickup',
    'delivery_failed',
    'delivered',
    'exception',
    'returning',
    'returned',
    'cancelled',
    'expired',
    'not_found',
    'unknown',
  ])
    assert.ok(t.en['status_' + s], s);
});

test('no content script builds HTML from strings', () => {
  for (const dir of ['content', 'common', 'main', 'popup', 'options', 'background']) {
    for (const f of fs.readdirSync(path.join(SRC, dir))) {
      const src = fs.readFileSync(path.join(SRC, dir, f), 'utf8');
      assert.doesNotMatch(
        src,
        /innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function/,
        `${dir}/${f}`,
      );
    }
  }
});

test('icons are generated PNGs of the sizes the manifest names', async () => {
  const { icon, ICON_SIZES } = await import('../../build.mjs');
  const m = manifest('chrome', 'http://127.0.0.1:8787');
  assert.deepEqual(Object.keys(m.icons).map(Number), ICON_SIZES);
  for (const n of ICON_SIZES) {
    const png = icon(n);
    assert.deepEqual([...png.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10]);
    assert.equal(png.readUInt32BE(16), n);
    assert.equal(png.readUInt32BE(20), n);
  }
});
