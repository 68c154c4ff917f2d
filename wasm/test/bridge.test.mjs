// The bridge itself: what glue.js and wasm/main.go promise, whatever the core answers.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { start, call, isError, coreWasm, loadWasmExec } from "./helpers.mjs";

const FUNCTIONS = ["parse", "extract", "classify", "merge", "decode"];
const MAX_INPUT = 4 << 20; // internal/api.MaxInput

const { go, instance, waybill } = await start();

test("after go.run, globalThis.waybill has version and the contract-1 functions", () => {
	assert.equal(typeof waybill, "object");
	assert.equal(typeof waybill.version, "string");
	assert.match(waybill.version, /^\d+\.\d+\.\d+/);
	for (const name of FUNCTIONS) {
		assert.equal(typeof waybill[name], "function", name);
	}
	assert.ok(Object.isFrozen(waybill));
});

test("waybillReady resolves with the running waybill", async () => {
	assert.equal(await globalThis.waybillReady, waybill);
});

test("waybillLoad starts another instance and installs it", async () => {
	const other = await globalThis.waybillLoad(fs.readFileSync(coreWasm));
	assert.notEqual(other, waybill);
	assert.equal(globalThis.waybill, other);
	assert.equal(other.version, waybill.version);
	assert.equal(other.parse("LX299455986CN"), waybill.parse("LX299455986CN"));
	const mod = await WebAssembly.compile(fs.readFileSync(coreWasm));
	const third = await globalThis.waybillLoad(mod);
	assert.equal(third.extract("x LX299455986CN y"), waybill.extract("x LX299455986CN y"));
});

const big = 1 << 20;
const hostile = {
	"empty": "",
	"space": " ",
	"NUL": "\0",
	"lone high surrogate": "\uD800",
	"lone low surrogate inside text": "LX299\uDC00455986CN",
	"reversed surrogate pair": "\uDC00\uD800",
	"astral": "\u{1F4E6}\u{1F69A}",
	"broken JSON": '{"source":',
	"JSON null": "null",
	"1 MB of numbers": "LX299455986CN ".repeat(big / 14),
	"1 MB of digits": "7".repeat(big),
	"1 MB of emoji": "\u{1F4E6}".repeat(big / 2),
	"1 MB of lone surrogates": "\uD800a".repeat(big / 2),
	"1 MB of JSON brackets": "[".repeat(big),
	"1 MB of separators": "- . \u00A0\u3000".repeat(big / 5),
};

for (const name of FUNCTIONS) {
	test(`${name} answers JSON for hostile text and never throws`, () => {
		for (const [label, text] of Object.entries(hostile)) {
			let out;
			assert.doesNotThrow(() => { out = waybill[name](text); }, label);
			assert.equal(typeof out, "string", label);
			assert.doesNotThrow(() => JSON.parse(out), `${label}: ${out.slice(0, 120)}`);
		}
	});

	test(`${name} answers an error for non-string arguments`, () => {
		const args = [undefined, null, 42, 4.2, NaN, true, 10n, Symbol("s"), {}, [], ["LX299455986CN"],
			{ toString: () => "LX299455986CN" }, new String("LX299455986CN"), () => "x",
			new Uint8Array([76, 88])];
		for (const arg of args) {
			let out;
			assert.doesNotThrow(() => { out = waybill[name](arg); });
			const v = JSON.parse(out);
			assert.ok(isError(v), out);
			assert.equal(v.error.code, "bad_input", out);
			assert.match(v.error.message, new RegExp(`^${name}: `));
		}
		const none = JSON.parse(waybill[name]());
		assert.equal(none.error.code, "bad_input");
	});

	test(`${name} answers too_large past internal/api.MaxInput, and only then`, () => {
		for (const text of ["a".repeat(MAX_INPUT + 1), "\u00E9".repeat(MAX_INPUT / 2 + 1),
			"\u20AC".repeat(MAX_INPUT / 3 + 2), "\u{1F4E6}".repeat(MAX_INPUT / 4 + 1)]) {
			const v = call(waybill[name], text);
			assert.ok(isError(v), JSON.stringify(v).slice(0, 200));
			assert.equal(v.error.code, "too_large");
		}
		// Just under the limit in bytes although text.length*3 is far over it:
		// the glue's cut-off must not turn these into too_large.
		for (const text of ["a".repeat(MAX_INPUT), "\u20AC".repeat(Math.floor(MAX_INPUT / 3)),
			"\u{1F4E6}".repeat(MAX_INPUT / 4)]) {
			const v = call(waybill[name], text);
			assert.ok(!isError(v) || v.error.code !== "too_large", `${text.length} code units`);
		}
	});
}

test("many calls in a row do not grow memory beyond a bound", () => {
	const small = ["LX299455986CN", " lx 299-455-986 cn ", "order 8123456789012345", "",
		'{"source":"cainiao","code":"GTMS_SIGNED"}', "\uD800".repeat(64)];
	const big = ["x".repeat(16 << 10), "LX299455986CN ".repeat(1000), "\uD800".repeat(4096)];
	const round = (n) => {
		for (let i = 0; i < n; i++) {
			const t = i % 100 === 0 ? big[(i / 100) % big.length] : small[i % small.length];
			for (const name of FUNCTIONS) {
				waybill[name](t);
			}
		}
	};
	round(1000); // warm up: buffers and the heap reach their working size
	const before = instance.exports.mem.buffer.byteLength;
	round(6000); // 30,000 calls
	const after = instance.exports.mem.buffer.byteLength;
	assert.ok(after - before <= 32 << 20, `memory grew from ${before} to ${after} bytes`);
});

test("a failure on the JavaScript side is answered as an internal error", async () => {
	const Go = loadWasmExec();
	const go2 = new Go();
	const { instance: real } = await WebAssembly.instantiate(fs.readFileSync(coreWasm), go2.importObject);
	// An Instance whose waybill_call traps, as a dead or broken runtime would.
	const broken = Object.create(WebAssembly.Instance.prototype, {
		exports: {
			value: {
				...real.exports, waybill_call: () => {
					throw new WebAssembly.RuntimeError("unreachable");
				},
			},
		},
	});
	go2.run(broken);
	const w = globalThis.waybill;
	for (const name of FUNCTIONS) {
		const v = call(w[name], "LX299455986CN");
		assert.ok(isError(v));
		assert.equal(v.error.code, "internal");
		assert.match(v.error.message, /unreachable/);
	}
	go2.exited = true; // as wasm_exec.js marks it when Go's main returns
	assert.equal(JSON.parse(w.parse("x")).error.code, "internal");
	assert.match(JSON.parse(w.parse("x")).error.message, /exited/);
});

test("the production build has no test hooks", () => {
	assert.equal(instance.exports.waybill_testhooks, undefined);
	assert.equal(waybill.testPanic, undefined);
	assert.ok(!fs.readFileSync(coreWasm).includes("waybill_testhooks"));
	assert.ok(!fs.readFileSync(coreWasm).includes("test hook"));
	// An unknown function number is refused, not run.
	for (const fn of [-1, 5, 100, 101, 102, 103, 1 << 30]) {
		const packed = instance.exports.waybill_call(fn, 0);
		const len = Number(packed >> 32n);
		const at = Number(packed & 0xffffffffn);
		const v = JSON.parse(new TextDecoder().decode(new Uint8Array(instance.exports.mem.buffer, at, len)));
		assert.equal(v.error.code, "bad_call");
	}
	assert.ok(!go.exited);
});
