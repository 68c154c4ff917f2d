// globalThis.waybillReady across failed and later successful starts (a fresh
// process: this must be the first instance the glue sees).
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { loadWasmExec, coreWasm } from "./helpers.mjs";

test("a failed first start rejects waybillReady; the next start replaces it", async () => {
	const Go = loadWasmExec();
	const first = globalThis.waybillReady;
	const go = new Go();
	// An empty module: a WebAssembly.Instance, but not core.wasm.
	const { instance } = await WebAssembly.instantiate(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]), go.importObject);
	await assert.rejects(go.run(instance));
	await assert.rejects(first, /not core\.wasm/);
	assert.equal(globalThis.waybill, undefined);

	const w = await globalThis.waybillLoad(fs.readFileSync(coreWasm));
	assert.notEqual(globalThis.waybillReady, first);
	assert.equal(await globalThis.waybillReady, w);
	assert.equal(globalThis.waybill, w);
	assert.equal(typeof JSON.parse(w.parse("LX299455986CN")), "object");
});

test("waybillLoad refuses what is not core.wasm", async () => {
	await assert.rejects(globalThis.waybillLoad(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])));
	await assert.rejects(globalThis.waybillLoad(new Uint8Array([1, 2, 3])));
});
