// Waybill worker entry point (hand-written; replaces syumai/workers'
// generated shim, which starts a new Go instance for every request).
//
// One Go instance per isolate, created on the first request and kept; a new
// one is made if the Go program exits or traps. Each request gets its own
// Job: Go posts the I/O it needs (fetch, cache, sleep) to the Job, and the
// Job's loop performs it here, inside the request that needs it, because
// workerd ties I/O to the request that starts it. Per-request values (ctx)
// live on the Job, never in shared globals.
import "./build/wasm_exec.js";
import wasmModule from "./build/app.wasm";

const MAX_BODY = 64 * 1024;
const CACHE_ORIGIN = "https://waybill-cache.invalid/";

let current = null; // { go, binding }

function instance(env) {
  if (current && !current.go.exited && !current.dead) return current;
  const binding = {};
  // Read by Go through syscall/js (cloudflare.Getenv and the bridge).
  globalThis.context = { env, binding };
  const go = new Go();
  const inst = new WebAssembly.Instance(wasmModule, go.importObject);
  const state = { go, binding, dead: false, jobs: new Set() };
  // When Go exits (a fatal error), fail the requests it was serving; each
  // Job's loop answers in its own request. The next request starts anew.
  const resolveExit = go._resolveExitPromise;
  go._resolveExitPromise = () => {
    kill(state);
    resolveExit();
  };
  // go.run's synchronous part runs Go's main until it blocks, so the
  // binding is installed when this returns.
  go.run(inst).catch(() => {
    state.dead = true;
  });
  if (typeof binding.handle !== "function") {
    throw new Error("Go worker did not start");
  }
  current = state;
  return state;
}

function kill(state) {
  state.dead = true;
  for (const job of state.jobs) job.post("dead");
  state.jobs.clear();
}

// readBody reads at most MAX_BODY+1 bytes, so an oversized body costs
// little; Go answers 413 for it.
async function readBody(req) {
  if (req.method === "GET" || req.method === "HEAD" || !req.body) return null;
  const declared = Number(req.headers.get("content-length"));
  if (declared > MAX_BODY) return null; // Go sees Content-Length and answers 413
  const reader = req.body.getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size > MAX_BODY) {
      reader.cancel().catch(() => {});
      break;
    }
  }
  const out = new Uint8Array(size);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.byteLength;
  }
  return out;
}

class Job {
  constructor(state, ctx) {
    this.state = state;
    this.binding = state.binding;
    this.ctx = ctx;
    this.queue = [];
    this.wake = null;
  }

  // Called by Go, possibly while it runs on another request's stack: only
  // queue the message and wake this request's loop.
  post(op, a, b, c, d, e, f) {
    this.queue.push([op, a, b, c, d, e, f]);
    if (this.wake) {
      const w = this.wake;
      this.wake = null;
      w();
    }
  }

  reply(id, value) {
    try {
      this.binding.reply(id, value);
    } catch (e) {
      // Go exited or trapped: fail everything it was serving.
      kill(this.state);
    }
  }

  async run() {
    for (;;) {
      while (this.queue.length > 0) {
        const m = this.queue.shift();
        if (m[0] === "dead") return failure("the Go worker stopped while serving this request");
        if (m[0] === "done") {
          const [, status, headers, body] = m;
          const h = new Headers();
          for (let i = 0; i + 1 < headers.length; i += 2) h.append(headers[i], headers[i + 1]);
          const nullBody = status === 204 || status === 304 || status === 101;
          return new Response(nullBody ? null : body, { status, headers: h });
        }
        this.dispatch(m);
      }
      await new Promise((resolve) => (this.wake = resolve));
    }
  }

  dispatch([op, a, b, c, d, e, f]) {
    switch (op) {
      case "fetch":
        this.fetch(a, b, c, d, e, f);
        break;
      case "sleep":
        setTimeout(() => this.reply(a, null), b);
        break;
      case "cget":
        this.cacheGet(a, b);
        break;
      case "cput":
        this.ctx.waitUntil(
          caches.default
            .put(CACHE_ORIGIN + encodeURIComponent(a), new Response(b, { headers: { "cache-control": "max-age=" + c } }))
            .catch(() => {}),
        );
        break;
    }
  }

  async fetch(id, method, url, headers, body, timeoutMs) {
    const h = new Headers();
    for (let i = 0; i + 1 < headers.length; i += 2) h.set(headers[i], headers[i + 1]);
    const signal = AbortSignal.timeout(timeoutMs > 0 ? timeoutMs : 10000);
    try {
      const res = await fetch(url, { method, headers: h, body, signal, redirect: "follow" });
      const buf = new Uint8Array(await res.arrayBuffer());
      this.reply(id, [res.status, buf, null, res.headers.get("retry-after")]);
    } catch (err) {
      const timedOut = signal.aborted || (err && err.name === "TimeoutError");
      this.reply(id, [0, null, timedOut ? "timeout" : "network", null]);
    }
  }

  async cacheGet(id, keys) {
    const cache = caches.default;
    const vals = await Promise.all(
      keys.map(async (k) => {
        try {
          const r = await cache.match(CACHE_ORIGIN + encodeURIComponent(k));
          return r ? new Uint8Array(await r.arrayBuffer()) : null;
        } catch {
          return null;
        }
      }),
    );
    this.reply(id, vals);
  }
}

function failure(message) {
  return new Response(JSON.stringify({ error: { code: "internal", message } }), {
    status: 500,
    headers: { "content-type": "application/json; charset=utf-8" },
  });
}

export default {
  async fetch(req, env, ctx) {
    const body = await readBody(req);
    const headers = [];
    for (const [k, v] of req.headers) headers.push(k, v);
    for (let attempt = 0; attempt < 2; attempt++) {
      let inst;
      try {
        inst = instance(env);
      } catch (e) {
        return failure("the Go worker could not start");
      }
      const job = new Job(inst, ctx);
      inst.jobs.add(job);
      try {
        inst.binding.handle(req.method, req.url, headers, body, job);
      } catch (e) {
        // "Go program has already exited" or a trap: start a new instance.
        inst.jobs.delete(job);
        kill(inst);
        continue;
      }
      try {
        return await job.run();
      } finally {
        inst.jobs.delete(job);
      }
    }
    return failure("the Go worker stopped");
  },
};
