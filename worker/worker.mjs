// Waybill worker entry point (hand-written; replaces syumai/workers'
// generated shim, which starts a new Go instance for every request).
//
// One Go instance per isolate, created on the first request and kept; a new
// one is made if the Go program exits or traps. Each request gets its own
// Job (job.mjs): Go posts the I/O it needs to the Job and the Job performs it
// inside the request that needs it. Per-request values (ctx) live on the
// Job, never in shared globals.
import "./build/wasm_exec.js";
import wasmModule from "./build/app.wasm";
import { Job, headerString, toResponse } from "./job.mjs";

const MAX_BODY = 64 * 1024;

let current = null; // {go, binding, jobs, dead}

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
  go.run(inst).catch(() => kill(state));
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

function failure(message) {
  return new Response(JSON.stringify({ error: { code: "internal", message } }), {
    status: 500,
    headers: { "content-type": "application/json; charset=utf-8" },
  });
}

export default {
  async fetch(req, env, ctx) {
    const body = await readBody(req);
    const headers = headerString(req.headers);
    for (let attempt = 0; attempt < 2; attempt++) {
      let inst;
      try {
        inst = instance(env);
      } catch (e) {
        return failure("the Go worker could not start");
      }
      const job = new Job(inst, ctx, kill);
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
        const res = await job.run();
        return res ? toResponse(res) : failure("the Go worker stopped while serving this request");
      } finally {
        inst.jobs.delete(job);
      }
    }
    return failure("the Go worker stopped");
  },
};
