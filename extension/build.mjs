// build.mjs — builds the extension from src/ into dist/chrome and dist/firefox.
//
// One source, two browsers: everything is copied as is, and only what must
// differ is generated here: the manifest (background: service_worker for
// Chrome, scripts for Firefox; gecko id), background/boot.js and the pages'
// <script> tags (from scripts.json, the one load order), common/config.js
// (PROXY_URL, a build setting) and common/strings.js (the _locales messages as one table, because
// badges speak the *page's* language, not the browser's, which chrome.i18n
// cannot do).
//
// Usage: node build.mjs [--out DIR] ; env PROXY_URL (default http://127.0.0.1:8787),
// CORE_DIR (default ./core: core.wasm + wasm_exec.js from `make wasm`).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const outRoot = path.resolve(argValue('--out') || path.join(here, '..', 'dist'));
const coreDir = path.resolve(process.env.CORE_DIR || path.join(here, 'core'));
const proxyURL = normaliseProxy(process.env.PROXY_URL || 'http://127.0.0.1:8787');
const pkg = JSON.parse(fs.readFileSync(path.join(here, 'package.json'), 'utf8'));

function argValue(name) {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : '';
}

// normaliseProxy accepts an http(s) origin (a path is allowed) and drops a trailing slash.
export function normaliseProxy(raw) {
  let u;
  try {
    u = new URL(raw);
  } catch {
    fail(`PROXY_URL is not a URL: ${raw}`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') fail(`PROXY_URL must be http(s): ${raw}`);
  return u.href.replace(/\/+$/, '');
}

function fail(msg) {
  console.error('build: ' + msg);
  process.exit(2);
}

// The one load order of every script (scripts.json): later files use what earlier
// ones define. The manifests, background/boot.js (Chrome's service worker) and the
// pages' <script> tags are written from it here; the test loaders read it too.
export const SCRIPTS = JSON.parse(fs.readFileSync(path.join(here, 'scripts.json'), 'utf8'));
export const BACKGROUND_SCRIPTS = SCRIPTS.background;

// The development public key and the Chrome extension id it implies.
export const DEV_PUBLIC_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAvgDC/+ufBpau3i7j85fydDSHdrEbvU8Rd3rPHiVdh7tXix3hLl4trscOoFXw1N5F8xAaH5GW6iFHPrKfULlqm9ZDymcTtDb/8GGvKVXCi/tkpGufwu1wDZqnPnzTbleGcc9bUoDNjWmnKm4ATLnjsFZ/KY/qNZe7YkKZEQFgVq0FwhkZyIGkd/SwuL62mW0pjsK+r/zV5hY0jOOtBcvoonc436LcmAQ27Bou1wO4fbuHH8RPxTq5z9fkZFHqPxUHXhCJKQzd2qf0xWX3vGoXty6RF0GC2j0vjEZt2BnTl/y7YeEwc1Z+cewMoxseLjMM38hdXneFbez49PVitPeW0QIDAQAB';
export const EXTENSION_ID = 'blmacpgplmpfnbdjepcdndpaljlhmgkp';
export const FIREFOX_ID = 'waybill@waybill.invalid';

// AliExpress hosts we read. aliexpress.ru is matched so it can degrade politely.
const ORDER_MATCHES = ['https://*.aliexpress.com/p/order/*', 'https://*.aliexpress.us/p/order/*'];
const TRACK_MATCHES = [
  'https://*.aliexpress.com/p/tracking/*',
  'https://*.aliexpress.us/p/tracking/*',
];
const RU_MATCHES = ['https://aliexpress.ru/order-list*', 'https://*.aliexpress.ru/order-list*'];

export function manifest(browser, proxy) {
  const proxyOrigin = new URL(proxy).origin + '/*';
  const m = {
    manifest_version: 3,
    name: '__MSG_extName__',
    short_name: 'Waybill',
    description: '__MSG_extDescription__',
    version: pkg.version,
    default_locale: 'en',
    icons: Object.fromEntries(ICON_SIZES.map((n) => [n, `icons/${n}.png`])),
    // notifications: parcel changes a buyer acts on; contextMenus: "Track with Waybill".
    permissions: ['storage', 'alarms', 'notifications', 'contextMenus'],
    host_permissions: [...ORDER_MATCHES, ...TRACK_MATCHES, 'https://aliexpress.ru/*', proxyOrigin],
    // Users may point the options page at another proxy; asked for at run time only.
    optional_host_permissions: ['https://*/*', 'http://127.0.0.1/*', 'http://localhost/*'],
    content_security_policy: {
      extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'",
    },
    content_scripts: [
      // The private bridge's isolated side first, at document_start (content/port.js).
      {
        matches: [...ORDER_MATCHES, ...TRACK_MATCHES],
        js: SCRIPTS.contentStart,
        run_at: 'document_start',
      },
      {
        matches: [...ORDER_MATCHES, ...TRACK_MATCHES],
        js: SCRIPTS.page,
        run_at: 'document_start',
        world: 'MAIN',
      },
      {
        matches: [...ORDER_MATCHES, ...TRACK_MATCHES, ...RU_MATCHES],
        js: [...SCRIPTS.content, ...SCRIPTS.contentPages],
        run_at: 'document_end',
      },
    ],
    action: {
      default_popup: 'popup/popup.html',
      default_title: '__MSG_extName__',
      default_icon: Object.fromEntries(ICON_SIZES.slice(0, 2).map((n) => [n, `icons/${n}.png`])),
    },
    options_ui: { page: 'options/options.html', open_in_tab: true },
  };
  if (browser === 'chrome') {
    m.background = { service_worker: 'background/boot.js' };
    // A public key pins the unpacked extension's id (EXTENSION_ID), so the worker's
    // ALLOWED_ORIGINS can name chrome-extension://<id> in make dev/demo/test.
    // No private key exists in this repository: the store assigns its own id.
    m.key = DEV_PUBLIC_KEY;
    m.minimum_chrome_version = '111'; // world: MAIN content scripts
  } else {
    m.background = { scripts: BACKGROUND_SCRIPTS };
    // Tracking numbers read off the pages go to the proxy: declared as website content.
    m.browser_specific_settings = {
      gecko: {
        id: FIREFOX_ID,
        // data_collection_permissions needs Firefox 140 (world: MAIN needs 128).
        strict_min_version: '140.0',
        data_collection_permissions: { required: ['websiteContent'] },
      },
      // Firefox for Android reads data_collection_permissions from 142 on.
      gecko_android: { strict_min_version: '142.0' },
    };
  }
  return m;
}

// strings builds the page-language table from _locales (flat key → message).
export function strings(srcDir) {
  const out = {};
  const dir = path.join(srcDir, '_locales');
  for (const loc of fs.readdirSync(dir).sort()) {
    const msgs = JSON.parse(fs.readFileSync(path.join(dir, loc, 'messages.json'), 'utf8'));
    out[loc] = {};
    for (const [k, v] of Object.entries(msgs)) out[loc][k] = v.message;
  }
  return out;
}

// icon draws Waybill's icon (a cardboard parcel: lid seam, tape on the lid, a blue
// tracking dot) as a PNG of n×n pixels,
// so no binary files live in the repository.
export function icon(n) {
  const rows = [];
  for (let y = 0; y < n; y++) {
    const row = Buffer.alloc(1 + n * 4);
    for (let x = 0; x < n; x++) {
      const u = (x + 0.5) / n,
        v = (y + 0.5) / n;
      const r = 0.18; // corner radius
      const dx = Math.max(r - u, 0, u - (1 - r)),
        dy = Math.max(r - v, 0, v - (1 - r));
      const inside = dx * dx + dy * dy <= r * r;
      const seam = Math.abs(v - 0.36) < 0.035;
      const tape = Math.abs(u - 0.5) < 0.1 && v < 0.36;
      const dot = (u - 0.72) ** 2 + (v - 0.7) ** 2 < 0.016;
      const [R, G, B] = dot
        ? [26, 79, 176]
        : seam
          ? [140, 88, 40]
          : tape
            ? [240, 220, 170]
            : [200, 137, 74];
      row.set([R, G, B, inside ? 255 : 0], 1 + x * 4);
    }
    rows.push(row);
  }
  const crcTable = Array.from({ length: 256 }, (_, k) => {
    let c = k;
    for (let i = 0; i < 8; i++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(n, 0);
  ihdr.writeUInt32BE(n, 4);
  ihdr[8] = 8;
  ihdr[9] = 6; // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
export const ICON_SIZES = [16, 32, 48, 128];

function copyDir(from, to) {
  fs.mkdirSync(to, { recursive: true });
  for (const e of fs.readdirSync(from, { withFileTypes: true })) {
    const s = path.join(from, e.name),
      d = path.join(to, e.name);
    if (e.isDirectory()) copyDir(s, d);
    else fs.copyFileSync(s, d);
  }
}

// serviceWorkerBoot is Chrome's service worker: it imports the background scripts
// in order (Firefox lists the same files in manifest background.scripts).
export function serviceWorkerBoot() {
  const files = BACKGROUND_SCRIPTS.map((f) => JSON.stringify('../' + f));
  return `// Generated by build.mjs from scripts.json.\nimportScripts(${files.join(', ')});\n`;
}

// withScripts puts the page's <script> tags where its <!-- scripts --> marker is.
const SCRIPTS_MARKER = '<!-- scripts -->';
export function withScripts(html, files) {
  if (!html.includes(SCRIPTS_MARKER)) fail(`a page lost its ${SCRIPTS_MARKER} marker`);
  const indent = /([ \t]*)<!-- scripts -->/.exec(html)[1];
  const tags = files.map((f) => `<script src="../${f}"></script>`).join('\n' + indent);
  return html.replace(SCRIPTS_MARKER, tags);
}

export function build() {
  const src = path.join(here, 'src');
  for (const c of ['core.wasm', 'wasm_exec.js']) {
    if (!fs.existsSync(path.join(coreDir, c)))
      fail(`${path.join(coreDir, c)} is missing: run \`make wasm\` first`);
  }
  const table = strings(src);
  for (const browser of ['chrome', 'firefox']) {
    const out = path.join(outRoot, browser);
    fs.rmSync(out, { recursive: true, force: true });
    copyDir(src, out);
    copyDir(coreDir, path.join(out, 'core'));
    fs.mkdirSync(path.join(out, 'icons'), { recursive: true });
    for (const n of ICON_SIZES) fs.writeFileSync(path.join(out, 'icons', `${n}.png`), icon(n));
    fs.writeFileSync(
      path.join(out, 'manifest.json'),
      JSON.stringify(manifest(browser, proxyURL), null, 2) + '\n',
    );
    fs.writeFileSync(
      path.join(out, 'common', 'config.js'),
      '// Generated by build.mjs. PROXY_URL is a build setting; the options page can override it.\n' +
        `globalThis.WAYBILL_CONFIG = Object.freeze(${JSON.stringify({ proxyUrl: proxyURL, version: pkg.version, browser })});\n`,
    );
    fs.writeFileSync(path.join(out, 'background', 'boot.js'), serviceWorkerBoot());
    for (const page of ['popup', 'options', 'dashboard']) {
      const file = path.join(out, page, page + '.html');
      fs.writeFileSync(file, withScripts(fs.readFileSync(file, 'utf8'), SCRIPTS[page]));
    }
    fs.writeFileSync(
      path.join(out, 'common', 'strings.js'),
      '// Generated by build.mjs from _locales/*/messages.json.\n' +
        `globalThis.WAYBILL_STRINGS = Object.freeze(${JSON.stringify(table)});\n`,
    );
  }
  // A status line, on stderr: stdout of `make bench` is the benchmark record.
  console.error(`build: dist/chrome and dist/firefox (proxy ${proxyURL}) in ${outRoot}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) build();
