// worker.mjs — the Waybill worker in local workerd (wrangler dev) with the fake
// trackers, through the worker's own launcher (worker/cmd/servefakes, built by
// `make worker-for-extension`; the Go end-to-end tests use the same package).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { before, after } from 'node:test';
import path from 'node:path';
import { ROOT, buildExtension } from './browser.mjs';
import { closedPort } from './ports.mjs';
import { EXTENSION_ID } from '../../build.mjs';

// Numbers of the fixture pages that the fake trackers should know, as aliases
// of numbers they have real stories for (see worker/trackertest).
export const FAKE_ALIASES = 'AA000000014BR=RC000000001EE,RB147799475CN=RC000000002EE';

export async function startWorker({ timeoutMs = 180000 } = {}) {
  const port = await closedPort();
  const bin = path.join(ROOT, 'worker', 'build', 'servefakes');
  const child = spawn(bin, ['-port', String(port)], {
    cwd: path.join(ROOT, 'worker'),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      // Firefox gives each profile a random moz-extension:// UUID: the worker's wildcard.
      ALLOWED_ORIGINS: `chrome-extension://${EXTENSION_ID},moz-extension://*`,
      FAKE_ALIASES,
      RATE_LIMIT: '100000',
    },
  });
  let log = '';
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('worker did not start in time:\n' + log.slice(-3000))),
      timeoutMs,
    );
    const onData = (d) => {
      log += d;
      const m = /READY worker=(\S+) fakes=(\S+)/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], fakes: m[2] });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d) => {
      log += d;
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`servefakes exited (${code}):\n` + log.slice(-3000)));
    });
  });
  const info = await ready;
  return {
    ...info,
    log: () => log,
    async fakeStats() {
      return (await fetch(info.fakes + '/_stats')).json();
    },
    async stop() {
      if (child.exitCode !== null) return;
      const gone = new Promise((r) => child.once('exit', r));
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
      await Promise.race([gone, new Promise((r) => setTimeout(r, 5000))]);
      // Never let a straggler holding our pipes keep the test process alive.
      child.stdout.destroy();
      child.stderr.destroy();
      child.unref();
    },
  };
}

// workerAndExtension is a test file's setup: before its tests, the worker in
// workerd with the fakes and the extension built against it; after them, both
// gone. Read env.worker and env.ext inside the tests.
export function workerAndExtension() {
  const env = { worker: null, ext: null };
  before(async () => {
    env.worker = await startWorker();
    env.ext = buildExtension(env.worker.url);
  });
  after(async () => {
    if (env.ext) fs.rmSync(env.ext.root, { recursive: true, force: true });
    if (env.worker) await env.worker.stop();
  });
  return env;
}
