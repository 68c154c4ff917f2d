// browser.mjs — headless Chromium (Debian's) with the built extension, serving the
// fixture AliExpress site on the real hosts through context.route (no network).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { createSite } from '../fixtures/site.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const EXT_DIR = path.resolve(here, '..', '..');
export const ROOT = path.resolve(EXT_DIR, '..');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

// buildExtension builds a private copy of the extension for a proxy URL.
export function buildExtension(proxyUrl) {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'waybill-ext-'));
  execFileSync(process.execPath, [path.join(EXT_DIR, 'build.mjs'), '--out', out], {
    env: { ...process.env, PROXY_URL: proxyUrl },
    stdio: 'pipe',
  });
  return { dir: path.join(out, 'chrome'), root: out };
}

// launch starts Chromium with the extension at extDir and the fixture site routed.
// It returns {ctx, sw, extId, site, close}.
export async function launch(extDir, { site = createSite() } = {}) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'waybill-profile-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1200, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--disable-extensions-except=${extDir}`,
      `--load-extension=${extDir}`,
    ],
  });
  const serve = async (route) => {
    const res = site.handle(route.request().url());
    if (!res)
      return route.fulfill({
        status: 404,
        contentType: 'text/plain',
        body: 'not in the fixture site',
      });
    return route.fulfill({ status: res.status, contentType: res.contentType, body: res.body });
  };
  await ctx.route(/^https:\/\/([a-z0-9-]+\.)*aliexpress\.(com|us|ru)\//, serve);
  // Everything else on the internet is unreachable here: fail fast instead of waiting.
  await ctx.route(/^https:\/\/(?!([a-z0-9-]+\.)*aliexpress\.(com|us|ru)\/)/, (r) => r.abort());
  let sw = ctx.serviceWorkers()[0];
  if (!sw) sw = await ctx.waitForEvent('serviceworker', { timeout: 15000 });
  const extId = new URL(sw.url()).host;
  return {
    ctx,
    sw,
    extId,
    site,
    async close() {
      await ctx.close().catch(() => {});
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

// badges returns [{order, status, numbers, checked, text}] for the badges on a page.
export async function badges(page) {
  return page.$$eval('.order-item', (cards) =>
    cards.map((c) => {
      const all = c.querySelectorAll('.waybill-badge');
      const b = all[0];
      return {
        count: all.length,
        order: b ? b.getAttribute('data-waybill-order') : '',
        status: b ? b.getAttribute('data-waybill-status') : '',
        numbers: b ? b.getAttribute('data-waybill-number') : '',
        checked: b ? b.getAttribute('data-waybill-checked') : '',
        text:
          b && b.shadowRoot
            ? Array.from(b.shadowRoot.querySelectorAll('.pill, .note'))
                .map((e) => e.textContent)
                .join(' ')
            : '',
        tip:
          b && b.shadowRoot && b.shadowRoot.querySelector('.tip')
            ? b.shadowRoot.querySelector('.tip').textContent
            : '',
      };
    }),
  );
}

// waitFor polls fn until it returns a truthy value.
export async function waitFor(fn, { timeout = 30000, every = 50, what = 'condition' } = {}) {
  const end = Date.now() + timeout;
  let last;
  while (Date.now() < end) {
    last = await fn();
    if (last) return last;
    await new Promise((r) => setTimeout(r, every));
  }
  throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)}`);
}
