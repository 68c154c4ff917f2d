// CPU per request of the Go worker itself (wasm + bridge), in V8 without
// workerd or wrangler around it: the same build/app.wasm and the same Job
// (job.mjs) as worker.mjs, with Node's fetch to the fake trackers and an
// in-memory stand-in for caches.default. Used by `make bench-worker`:
//
//   node bench/inprocess.mjs FAKES_URL TOKEN [N]
//
// Prints one JSON line per scenario: {"scenario","n","cpuMsPerReq","wallMsPerReq"}.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const [fakes, token, nArg] = process.argv.slice(2);
const N = Number(nArg || 2000);

await import(path.join(here, "..", "build", "wasm_exec.js"));
const { Job, headerString } = await import(path.join(here, "..", "job.mjs"));
const wasm = await WebAssembly.compile(fs.readFileSync(path.join(here, "..", "build", "app.wasm")));

const store = new Map();
globalThis.caches = {
  default: {
    async match(url) {
      const v = store.get(url);
      return v ? new Response(v) : undefined;
    },
    async put(url, res) {
      store.set(url, new Uint8Array(await res.arrayBuffer()));
    },
  },
};

const binding = {};
globalThis.context = {
  env: {
    CAINIAO_URL: fakes + "/global/detail.json",
    SEVENTEEN_URL: fakes + "/track/v2.2",
    SEVENTEEN_TOKEN: token,
    RATE_LIMIT: "0",
    ALLOW_NO_ORIGIN: "1", // the benchmark is curl-like
    REGISTER_DAILY: "1000000", // the fakes have no quota
    REGISTER_DAILY_PER_CLIENT: "1000000",
  },
  binding,
};
const go = new Go();
const inst = new WebAssembly.Instance(wasm, go.importObject);
go.run(inst);

const state = { go, binding, jobs: new Set(), dead: false };
const headers = headerString(new Headers({ host: "worker", "cf-connecting-ip": "127.0.0.1" }));

async function request(method, url, body) {
  const job = new Job(state, { waitUntil() {} }, () => {
    throw new Error("Go exited");
  });
  binding.handle(method, url, headers, body, job);
  const res = await job.run();
  if (!res || res[0] !== 200) throw new Error("HTTP " + (res && res[0]) + ": " + (res && new TextDecoder().decode(res[2])));
  return res;
}

function s10(serial) {
  const d = String(100000000 + serial).slice(1);
  const w = [8, 6, 4, 2, 3, 5, 9, 7];
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(d[i]) * w[i];
  let c = 11 - (sum % 11);
  if (c === 10) c = 0;
  if (c === 11) c = 5;
  return "RB" + d + c + "CN";
}

async function measure(scenario, n, fn) {
  for (let i = 0; i < 20; i++) await fn(-1 - i); // warm (JIT, caches)
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await fn(i);
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  console.log(JSON.stringify({ scenario, n, cpuMsPerReq: (c.user + c.system) / 1000 / n, wallMsPerReq: wall / n }));
}

const enc = new TextEncoder();
const forty = enc.encode(JSON.stringify({ numbers: Array.from({ length: 40 }, (_, i) => s10(600000 + i)) }));
const only = process.env.ONLY || "";
if (!only) await measure("healthz (bridge only)", N, () => request("GET", "http://worker/healthz", null));
if (!only) await measure("cache hit, GET /v1/track/{n}", N, () => request("GET", "http://worker/v1/track/RB123456785CN", null));
if (!only) await measure("cache hit, POST 40 numbers", Math.ceil(N / 4), () => request("POST", "http://worker/v1/track", forty));
let seq = 0;
await measure("cache miss, GET /v1/track/{n} (3 fetches; includes Node's fetch)", Math.ceil(N / 10), () =>
  request("GET", "http://worker/v1/track/" + s10(650000 + seq++), null),
);
// Memory must not grow across requests: the instance's linear memory after
// many more requests is what it was after the first batch.
if (!only) {
  const mem = () => go._inst.exports.mem.buffer.byteLength / 1048576;
  for (let i = 0; i < 2000; i++) await request("GET", "http://worker/v1/track/RB123456785CN", null);
  const before = mem();
  for (let i = 0; i < 10000; i++) await request("GET", "http://worker/v1/track/RB123456785CN", null);
  console.log(JSON.stringify({ scenario: "wasm memory (MB) after 2,000 and after 12,000 cache hits", n: 10000, cpuMsPerReq: before, wallMsPerReq: mem() }));
}
process.exit(0);
