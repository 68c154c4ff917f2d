// The JavaScript half of the bridge in bridge_js.go, shared by worker.mjs
// and the in-process benchmark.
//
// One Job per request. Go posts to it what the request needs: the answer
// ("done"), an upstream call ("fetch"), cache reads and writes ("cget",
// "cput"), a pause ("sleep"). post only queues and wakes the Job's loop,
// because Go may call it while running on another request's stack; the loop
// runs inside its own request and performs the I/O there (workerd ties I/O to
// the request that starts it). Results go back through binding.reply.
//
// Byte payloads come as (pointer, length) into the Go instance's memory and
// are copied out at once, during the call; headers and cache keys come as one
// "\n"-joined string. Both spare the bridge a JavaScript object per value.

const CACHE_ORIGIN = "https://waybill-cache.invalid/";

// An upstream answer is read as a stream and dropped at MAX_UPSTREAM bytes
// (never more than that in memory: Go's maxUpstreamBody); all answers being
// read in this isolate together stay under INFLIGHT_BUDGET, so concurrent
// large answers cannot exhaust its 128 MB.
const MAX_UPSTREAM = 4 << 20;
const INFLIGHT_BUDGET = 32 << 20;
let inflight = 0;

// readCapped reads res's body, at most max bytes. It returns the bytes, or
// "too_large" / "busy" after cancelling the stream.
async function readCapped(res, max) {
  const declared = Number(res.headers.get("content-length"));
  if (declared > max) {
    if (res.body) res.body.cancel().catch(() => {});
    return "too_large";
  }
  if (!res.body) return new Uint8Array(0);
  const reader = res.body.getReader();
  const chunks = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      inflight += value.byteLength;
      chunks.push(value);
      if (size > max || inflight > INFLIGHT_BUDGET) {
        reader.cancel().catch(() => {});
        return size > max ? "too_large" : "busy";
      }
    }
    const out = new Uint8Array(size);
    let off = 0;
    for (const c of chunks) {
      out.set(c, off);
      off += c.byteLength;
    }
    return out;
  } finally {
    inflight -= size;
  }
}

// The Durable Object that holds the registration ledger: one for the
// whole worker (registrations are rare: only new numbers on a miss).
function ledgerStub(env) {
  return env.LEDGER.get(env.LEDGER.idFromName("global"));
}

export class Job {
  // state: {go, binding, jobs:Set, dead}; ctx: the request's ExecutionContext.
  // env: the request's bindings (RATE_LIMITER, LEDGER).
  constructor(state, ctx, onDead, env) {
    this.env = env || {};
    this.state = state;
    this.binding = state.binding;
    this.ctx = ctx;
    this.onDead = onDead;
    this.queue = [];
    this.wake = null;
  }

  bytes(ptr, len) {
    if (!len) return new Uint8Array(0);
    return new Uint8Array(this.state.go._inst.exports.mem.buffer, ptr, len).slice();
  }

  post(op, a, b, c, d, e, f, g) {
    switch (op) {
      case "done": // status, headers, ptr, len
        this.queue.push([op, a, b, this.bytes(c, d)]);
        break;
      case "fetch": // id, method, url, headers, ptr, len (-1: no body), timeoutMs
        this.queue.push([op, a, b, c, d, f < 0 ? null : this.bytes(e, f), g]);
        break;
      case "cput": // key, ptr, len, ttlSeconds
        this.queue.push([op, a, this.bytes(b, c), d]);
        break;
      default:
        this.queue.push([op, a, b, c, d, e, f, g]);
    }
    if (this.wake) {
      const w = this.wake;
      this.wake = null;
      w();
    }
  }

  reply(id, a, b, c, d) {
    try {
      this.binding.reply(id, a, b, c, d);
    } catch (e) {
      // Go exited or trapped: fail everything it was serving.
      this.onDead(this.state);
    }
  }

  // run resolves to [status, headers "\n"-joined, body] or null if Go died.
  async run() {
    for (;;) {
      while (this.queue.length > 0) {
        const m = this.queue.shift();
        if (m[0] === "dead") return null;
        if (m[0] === "done") return [m[1], m[2], m[3]];
        this.dispatch(m);
      }
      await new Promise((resolve) => (this.wake = resolve));
    }
  }

  dispatch(m) {
    switch (m[0]) {
      case "fetch":
        this.fetch(m[1], m[2], m[3], m[4], m[5], m[6]);
        break;
      case "sleep":
        setTimeout(() => this.reply(m[1]), m[2]);
        break;
      case "cget":
        this.cacheGet(m[1], m[2]);
        break;
      case "rl": // id, key
        this.rateLimit(m[1], m[2]);
        break;
      case "ledger": // id, op, client, numbers "\n"-joined, nowMs, perClient, global
        this.ledger(m[1], m[2], m[3], m[4], m[5], m[6], m[7]);
        break;
      case "cput": {
        const put = caches.default
          .put(CACHE_ORIGIN + encodeURIComponent(m[1]), new Response(m[2], { headers: { "cache-control": "max-age=" + m[3] } }))
          .catch(() => {});
        if (this.ctx && this.ctx.waitUntil) this.ctx.waitUntil(put);
        break;
      }
    }
  }

  async fetch(id, method, url, headers, body, timeoutMs) {
    const h = new Headers();
    const hs = headers ? headers.split("\n") : [];
    for (let i = 0; i + 1 < hs.length; i += 2) h.set(hs[i], hs[i + 1]);
    const signal = AbortSignal.timeout(timeoutMs > 0 ? timeoutMs : 10000);
    try {
      // A redirect must not carry the 17TRACK key to another host: requests
      // with credentials in headers do not follow redirects.
      const redirect = h.has("17token") ? "manual" : "follow";
      const res = await fetch(url, { method, headers: h, body, signal, redirect });
      const buf = await readCapped(res, MAX_UPSTREAM);
      if (typeof buf === "string") {
        this.reply(id, 0, null, buf, null);
        return;
      }
      this.reply(id, res.status, buf, null, res.headers.get("retry-after"));
    } catch (err) {
      const timedOut = signal.aborted || (err && err.name === "TimeoutError");
      this.reply(id, 0, null, timedOut ? "timeout" : "network", null);
    }
  }

  // rateLimit asks the Rate Limiting binding (shared by all isolates in a
  // location; in wrangler dev, its local simulation). Replies success, or
  // null and an error (Go then falls back to its own limiter).
  async rateLimit(id, key) {
    try {
      const { success } = await this.env.RATE_LIMITER.limit({ key });
      this.reply(id, !!success, null);
    } catch (e) {
      this.reply(id, null, "rate limiter: " + (e && e.message));
    }
  }

  // ledger runs one operation on the registration ledger's Durable Object.
  // Replies the per-number verdicts "\n"-joined (reserve) or "" (release),
  // or null and an error.
  async ledger(id, op, client, numbers, nowMs, perClient, global) {
    try {
      const stub = ledgerStub(this.env);
      const list = numbers ? numbers.split("\n") : [];
      const out =
        op === "reserve"
          ? await stub.reserve(client, list, nowMs, perClient, global)
          : await stub.release(list);
      this.reply(id, Array.isArray(out) ? out.join("\n") : "", null);
    } catch (e) {
      this.reply(id, null, "ledger: " + (e && e.message));
    }
  }

  async cacheGet(id, keys) {
    const cache = caches.default;
    const vals = await Promise.all(
      keys.split("\n").map(async (k) => {
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

// The request headers the handler reads. Only these cross into Go: it is
// cheaper than copying every header (wrangler and Cloudflare add many), and
// cookies or credentials a client sends never reach the Go side at all.
const FORWARDED = [
  "origin",
  "cf-connecting-ip",
  "content-length",
  "content-type",
  "access-control-request-method",
  "access-control-request-headers",
];

// headerString turns a request's headers into the "\n"-joined string Go
// reads (Headers values never contain newlines).
export function headerString(headers) {
  let s = "";
  for (const k of FORWARDED) {
    const v = headers.get(k);
    if (v !== null) s += (s ? "\n" : "") + k + "\n" + v;
  }
  return s;
}

// toResponse builds the Response from run()'s result.
export function toResponse([status, headers, body]) {
  const h = new Headers();
  const hs = headers ? headers.split("\n") : [];
  for (let i = 0; i + 1 < hs.length; i += 2) h.append(hs[i], hs[i + 1]);
  const nullBody = status === 204 || status === 304 || status === 101;
  return new Response(nullBody ? null : body, { status, headers: h });
}
