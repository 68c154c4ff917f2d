// A panic inside a call is answered as an error and the runtime survives it.
// Runs the test-only build (-tags waybill_testhooks, wasm/testhooks.go).
import { test } from "node:test";
import assert from "node:assert/strict";
import { start, call, isError, testhooksWasm } from "./helpers.mjs";

const { go, instance, waybill } = await start(testhooksWasm);

const KINDS = {
	string: /^bridge: test hook: /,
	index: /index out of range/,
	nil: /nil pointer dereference/,
	nilmap: /nil map/,
};

// Answers of real calls before any panic; later calls must answer the same.
const probes = ["LX299455986CN", " lx 299-455-986 cn ", "Your parcel RB123456785GB is on its way",
	'{"source":"cainiao","code":"GTMS_SIGNED"}'];
const baseline = probes.map((t) => [waybill.parse(t), waybill.extract(t), waybill.classify(t)]);

test("the test build exposes waybill.testPanic", () => {
	assert.equal(typeof waybill.testPanic, "function");
	assert.equal(typeof instance.exports.waybill_testhooks, "function");
});

for (const [kind, message] of Object.entries(KINDS)) {
	test(`a ${kind} panic is answered as an internal error`, () => {
		const v = call(waybill.testPanic, kind);
		assert.ok(isError(v), JSON.stringify(v));
		assert.equal(v.error.code, "internal");
		assert.match(v.error.message, message);
		assert.ok(!go.exited, "the Go runtime exited");
	});
}

test("the panic message carries hostile input as valid JSON", () => {
	for (const text of ['"}\\', "\uD800", "\u0000\u001f", "\u{1F4E6}".repeat(1000)]) {
		const v = call((t) => waybill.testPanic("string", t), text);
		assert.equal(v.error.code, "internal");
	}
});

test("later calls still work, after one panic and after thousands", () => {
	const again = () => probes.map((t) => [waybill.parse(t), waybill.extract(t), waybill.classify(t)]);
	assert.deepEqual(again(), baseline);
	const before = instance.exports.mem.buffer.byteLength;
	for (let i = 0; i < 5000; i++) {
		waybill.testPanic(Object.keys(KINDS)[i % 4], "x".repeat(i % 100));
		waybill.parse(probes[i % probes.length]);
	}
	assert.deepEqual(again(), baseline);
	assert.ok(instance.exports.mem.buffer.byteLength - before <= 16 << 20, "panics leak memory");
	assert.ok(!go.exited);
});

test("an unknown test hook is refused", () => {
	assert.equal(call(waybill.testPanic, "bogus").error.code, "bad_call");
});
