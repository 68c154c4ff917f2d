// browsers.mjs — one small adapter over the two drivers, so every end-to-end scenario
// runs unchanged in headless Chromium (playwright-core, Debian's chromium) and headless
// Firefox ESR (puppeteer-core over WebDriver BiDi, Debian's firefox-esr).
//
//   const b = await openBrowser('firefox', extRoot);   // extRoot: buildExtension(...).root
//   const page = await b.newPage(); await page.goto(url); await page.evaluate(fn, arg);
//   await b.message(WB.MSG.stats)                       // ask the background, from an extension page
//
// Pages expose what both drivers share: goto, evaluate, $$eval, screenshot, close, on.
// The fixture AliExpress site is served on the real hosts (Chromium: context.route;
// Firefox: request interception per page); everything else outside is refused.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { launch } from './browser.mjs';
import { createSite } from '../fixtures/site.mjs';
import { FIREFOX_ID } from '../../build.mjs';

export const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';
// Which browsers the e2e tests drive (WAYBILL_BROWSERS=chromium to run one).
export const BROWSERS = (process.env.WAYBILL_BROWSERS || 'chromium,firefox')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);

const AE = /^https:\/\/([a-z0-9-]+\.)*aliexpress\.(com|us|ru)\//;

export async function openBrowser(kind, extRoot, { site = createSite() } = {}) {
  return kind === 'firefox' ? openFirefox(extRoot, site) : openChromium(extRoot, site);
}

async function openChromium(extRoot, site) {
  const b = await launch(path.join(extRoot, 'chrome'), { site });
  const origin = `chrome-extension://${b.extId}`;
  const extPage = await b.ctx.newPage(); // first, like Firefox's (see there)
  await extPage.goto(`${origin}/options/options.html`);
  return {
    kind: 'chromium',
    site,
    origin,
    raw: b,
    async newPage() {
      const page = await b.ctx.newPage();
      await page.bringToFront().catch(() => {});
      return page;
    },
    message(type, payload) {
      return extPage.evaluate(([t, p]) => globalThis.WB.send(t, p), [type, payload || {}]);
    },
    close: () => b.close(),
  };
}

async function openFirefox(extRoot, site) {
  const { default: puppeteer } = await import('puppeteer-core');
  const uuid = crypto.randomUUID(); // like a real user's: random per profile
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'waybill-ff-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    userDataDir: profile,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [FIREFOX_ID]: uuid }),
      'xpinstall.signatures.required': false,
      'network.dns.disableIPv6': true,
      'browser.shell.checkDefaultBrowser': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.enabled': false,
    },
  });
  await browser.installExtension(path.join(extRoot, 'firefox'));
  const origin = `moz-extension://${uuid}`;
  const serve = async (req) => {
    const url = req.url();
    if (req.isInterceptResolutionHandled && req.isInterceptResolutionHandled()) return;
    if (AE.test(url)) {
      const res = site.handle(url);
      if (!res)
        return req.respond({
          status: 404,
          contentType: 'text/plain',
          body: 'not in the fixture site',
        });
      return req.respond({ status: res.status, contentType: res.contentType, body: res.body });
    }
    if (/^(data|blob|moz-extension|about):/.test(url)) return req.continue();
    return req.abort(); // nothing else on the internet is reachable here
  };
  async function newPage() {
    const page = await browser.newPage();
    await page.setRequestInterception(true);
    page.on('request', (req) => serve(req).catch(() => {}));
    // A background tab's timers are throttled to ~1 s: the page under test is in front.
    await page.bringToFront().catch(() => {});
    return page;
  }
  // The extension page that talks to the background is opened first, so it never
  // pushes a page under test into the background later.
  const extPage = await browser.newPage();
  // Extension pages may never report "loaded" over BiDi: poll instead.
  await extPage.goto(`${origin}/options/options.html`, { timeout: 5000 }).catch(() => {});
  const end = Date.now() + 20000;
  while (Date.now() < end) {
    const ok = await extPage
      .evaluate(() => document.readyState === 'complete' && !!globalThis.WB)
      .catch(() => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    kind: 'firefox',
    site,
    origin,
    uuid,
    raw: browser,
    newPage,
    message(type, payload) {
      return extPage.evaluate((t, p) => globalThis.WB.send(t, p), type, payload || {});
    },
    async close() {
      await browser.close().catch(() => {});
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

// goto navigates and resolves once the DOM is there (both drivers).
export async function goto(page, url) {
  await page.goto(url, { waitUntil: 'domcontentloaded' });
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
