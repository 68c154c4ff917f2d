// dom.mjs — loads the extension's content scripts into a jsdom window, in the
// manifest's order, with the _locales table build.mjs would generate.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSDOM } from 'jsdom';
import { strings, SCRIPTS } from '../../build.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const SRC = path.resolve(here, '..', '..', 'src');
// The manifest's content scripts without the page controllers (tests start those),
// and without the build's generated files (their globals are set below).
const GENERATED = ['common/config.js', 'common/strings.js'];
// The document_start isolated script (the private bridge's port) comes first, as in the manifest.
const CONTENT = [...SCRIPTS.contentStart, ...SCRIPTS.content].filter((f) => !GENERATED.includes(f));
export const STRINGS = strings(SRC);

export function loadDom(html, url) {
  const dom = new JSDOM(html, { url, runScripts: 'outside-only', pretendToBeVisual: true });
  const w = dom.window;
  w.WAYBILL_STRINGS = STRINGS;
  w.WAYBILL_CONFIG = { proxyUrl: 'http://127.0.0.1:8787', version: 'test', browser: 'chrome' };
  // jsdom has no MessageChannel: Node's (the bridge's private port, content/port.js).
  // Its ports are unref'd so a test process can end while a page's bridge is open.
  w.MessageChannel = class extends MessageChannel {
    constructor() {
      super();
      for (const port of [this.port1, this.port2])
        Object.defineProperty(port, 'onmessage', {
          configurable: true,
          set(fn) {
            port.addEventListener('message', fn);
            port.unref();
          },
        });
    }
  };
  for (const f of CONTENT)
    w.eval(fs.readFileSync(path.join(SRC, f), 'utf8') + `\n//# sourceURL=${f}`);
  return { dom, window: w, document: w.document, WB: w.WB };
}
