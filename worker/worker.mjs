// Waybill worker entry point (hand-written; replaces syumai/workers'
// generated shim, which starts a new Go instance for every request).
//
// One Go instance per isolate, created on the first request and kept; a new
// one is made if the Go program exits or traps. Each request gets its own
// Job (job.mjs): Go posts the I/O it needs to the Job and the Job performs it
// inside the request that needs it. Per-request values (ctx) live on the
// Job, never in shared globals.
import { DurableObject } from "cloudflare:workers";
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
      const job = new Job(inst, ctx, kill, env);
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

// Ledger is the registration ledger (bound as LEDGER; see README
// "Bindings"): which numbers this worker registered with 17TRACK, and the
// daily registration budgets. One SQLite-backed Durable Object for the
// whole worker, so every isolate in every location sees one truth, and each
// method is atomic (its body never awaits: a Durable Object runs one event
// at a time). Only hashed client ids and tracking numbers are stored.
const REGISTRATION_TTL_MS = 60 * 24 * 3600 * 1000; // 17TRACK keeps numbers 60 days

export class Ledger extends DurableObject {
  constructor(ctx, env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.sql.exec(`CREATE TABLE IF NOT EXISTS reg (number TEXT PRIMARY KEY, at INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS spent (day TEXT NOT NULL, client TEXT NOT NULL, n INTEGER NOT NULL,
        PRIMARY KEY (day, client));
      CREATE INDEX IF NOT EXISTS reg_at ON reg (at);`);
  }

  count(day, client) {
    const row = this.sql.exec("SELECT n FROM spent WHERE day = ? AND client = ?", day, client).toArray()[0];
    return row ? row.n : 0;
  }

  // reserve answers per number "known", "new" (marked, budgets spent),
  // "quota_client" or "quota_global" — as memLedger in limit.go.
  reserve(client, numbers, nowMs, perClient, global) {
    const day = new Date(nowMs).toISOString().slice(0, 10);
    this.sql.exec("DELETE FROM spent WHERE day <> ?", day);
    this.sql.exec("DELETE FROM reg WHERE at <= ?", nowMs - REGISTRATION_TTL_MS);
    let all = this.count(day, "*");
    let mine = this.count(day, client);
    const out = [];
    for (const n of numbers) {
      if (this.sql.exec("SELECT 1 FROM reg WHERE number = ?", n).toArray().length) out.push("known");
      else if (all >= global) out.push("quota_global");
      else if (mine >= perClient) out.push("quota_client");
      else {
        this.sql.exec("INSERT OR REPLACE INTO reg (number, at) VALUES (?, ?)", n, nowMs);
        all++;
        mine++;
        out.push("new");
      }
    }
    const put = "INSERT OR REPLACE INTO spent (day, client, n) VALUES (?, ?, ?)";
    this.sql.exec(put, day, "*", all);
    this.sql.exec(put, day, client, mine);
    return out;
  }

  // release unmarks numbers whose registration did not happen.
  release(numbers) {
    for (const n of numbers) this.sql.exec("DELETE FROM reg WHERE number = ?", n);
    return [];
  }
}
