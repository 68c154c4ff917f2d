// extension/core/wasm_exec.js + core.wasm in a real service worker of headless
// Chromium, loaded as a classic script with importScripts, under the extension
// pages' CSP of an MV3 manifest (see chromium.mjs).
import { test } from "node:test";
import assert from "node:assert/strict";
import { runServiceWorker } from "./chromium.mjs";

test("core.wasm runs in a classic service worker under the MV3 CSP", { timeout: 60_000 }, async () => {
	const r = await runServiceWorker();
	assert.equal(r.failed, undefined, r.failed);
	assert.equal(r.ready, true, "waybillReady resolves with waybill");
	assert.equal(r.global, true, "globalThis.waybill is installed");
	assert.match(r.version, /^\d+\.\d+\.\d+/);
	assert.deepEqual(r.functions, ["parse", "extract", "classify", "merge", "decode"]);
	assert.equal(r.evalBlocked, true, "the CSP must forbid eval, as in an extension");
	for (const answer of [r.first, r.parse, r.surrogate]) {
		assert.doesNotThrow(() => JSON.parse(answer), answer);
		assert.notEqual(JSON.parse(answer)?.error?.code, "internal", answer);
	}
	assert.equal(JSON.parse(r.nonString).error.code, "bad_input");
	assert.ok(r.firstAnswerMs > 0);
});
