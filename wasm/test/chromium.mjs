// Runs extension/core/wasm_exec.js + core.wasm in a classic service worker of
// headless Chromium, served from 127.0.0.1 under the extension pages' CSP of an
// MV3 manifest (no eval; 'wasm-unsafe-eval' for wasm). Used by
// serviceworker.test.mjs and by bench/bench.mjs (cold service-worker start).
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { coreWasm, wasmExecJs } from "./helpers.mjs";

export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const CSP = "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'";

const PAGE = `<!doctype html><meta charset="utf-8"><title>waybill sw</title><script src="/page.js"></script>`;
const PAGE_JS = `
navigator.serviceWorker.register("/sw.js").then(() => navigator.serviceWorker.ready).then((reg) => {
	navigator.serviceWorker.onmessage = (e) => fetch("/result", { method: "POST", body: JSON.stringify(e.data) });
	reg.active.postMessage("run");
}).catch((e) => fetch("/result", { method: "POST", body: JSON.stringify({ failed: String(e) }) }));
`;
// The worker loads the core at its top level, as the extension's background does;
// "firstAnswerMs" is from the worker script's first line to the first parse answer.
const SW_JS = `
const t0 = performance.now();
importScripts("/core/wasm_exec.js");
const loaded = waybillLoad(fetch("/core/core.wasm")).then((w) => {
	const first = w.parse("LX299455986CN");
	return { w, first, ms: performance.now() - t0 };
});
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (e) => e.waitUntil(self.clients.claim()));
self.addEventListener("message", (e) => {
	e.waitUntil(loaded.then(async ({ w, first, ms }) => {
		let evalBlocked = false;
		try { (0, eval)("1"); } catch (err) { evalBlocked = true; }
		e.source.postMessage({
			ready: (await self.waybillReady) === w,
			global: self.waybill === w,
			version: w.version,
			functions: ["parse", "extract", "classify", "merge", "decode"].filter((f) => typeof w[f] === "function"),
			first,
			parse: w.parse(" lx 299-455-986 cn "),
			nonString: w.extract({}),
			surrogate: w.extract("\\uD800 LX299455986CN"),
			evalBlocked,
			firstAnswerMs: ms,
		});
	}, (err) => e.source.postMessage({ failed: String(err) })));
});
`;

/** Starts a fresh headless Chromium profile, and resolves with what the service worker reports. */
export async function runServiceWorker(timeoutMs = 45_000) {
	if (!fs.existsSync(CHROMIUM)) {
		throw new Error(`${CHROMIUM} is missing (make setup-wasm installs it)`);
	}
	let resolveResult;
	const result = new Promise((r) => { resolveResult = r; });
	const files = {
		"/": ["text/html", PAGE],
		"/page.js": ["text/javascript", PAGE_JS],
		"/sw.js": ["text/javascript", SW_JS],
		"/core/wasm_exec.js": ["text/javascript", fs.readFileSync(wasmExecJs)],
		"/core/core.wasm": ["application/wasm", fs.readFileSync(coreWasm)],
	};
	const server = http.createServer((req, res) => {
		if (req.method === "POST" && req.url === "/result") {
			let body = "";
			req.on("data", (c) => { body += c; });
			req.on("end", () => { res.end(); resolveResult(JSON.parse(body)); });
			return;
		}
		const f = files[req.url];
		if (!f) {
			res.writeHead(404).end();
			return;
		}
		res.writeHead(200, { "Content-Type": f[0], "Content-Security-Policy": CSP, "Cache-Control": "no-store" });
		res.end(f[1]);
	});
	await new Promise((r) => server.listen(0, "127.0.0.1", r));
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), "waybill-sw-"));
	const chromium = spawn(CHROMIUM, ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
		`--user-data-dir=${profile}`, `http://127.0.0.1:${server.address().port}/`], { stdio: "ignore", detached: true });
	// /usr/bin/chromium is a wrapper script: stop the whole process group we started.
	const gone = new Promise((r) => chromium.on("exit", r));
	let timer;
	try {
		const exited = gone.then((code) => { throw new Error(`chromium exited (${code})`); });
		const timeout = new Promise((_, reject) => {
			timer = setTimeout(() => reject(new Error("no answer from the service worker")), timeoutMs);
		});
		return await Promise.race([result, exited, timeout]);
	} finally {
		clearTimeout(timer);
		try {
			process.kill(-chromium.pid, "SIGKILL");
		} catch {
			// already gone
		}
		await gone;
		server.close();
		fs.rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
	}
}
