// Contract 1, classify(json), through the real core.wasm.
import { test } from "node:test";
import assert from "node:assert/strict";
import { start, call, isError } from "./helpers.mjs";
import { assertStatus } from "./contract.mjs";

const { waybill } = await start();
const classify = (input) => call(waybill.classify, typeof input === "string" ? input : JSON.stringify(input));

// Cainiao actionCodes and what they mean (reference/trackers.md §4.5).
const CAINIAO = {
	GTMS_SIGNED: "delivered",
	GTMS_STA_SIGNED: "available_for_pickup", // "never treat GTMS_STA_SIGNED as DELIVERED"
	LH_DEPART: "in_transit",
	GTMS_DO_DEPART: "out_for_delivery",
	CUS_TAX: "exception",
	RETURNED: "returned",
	GTMS_DEL_FAILURE: "delivery_failed",
};

for (const [code, status] of Object.entries(CAINIAO)) {
	test(`cainiao ${code} is ${status}`, () => {
		const v = assertStatus(classify({ source: "cainiao", code }), code);
		assert.equal(v.status, status);
		if ("stage" in v) {
			assert.ok(typeof v.stage === "string" || Number.isInteger(v.stage), JSON.stringify(v));
		}
	});
}

test("delivered is at the delivered stage", () => {
	const v = classify({ source: "cainiao", code: "GTMS_SIGNED" });
	assert.ok(v.stage === "delivered" || v.stage === 5, JSON.stringify(v));
});

test("every source of the contract answers a status", () => {
	for (const input of [
		{ source: "17track", code: "Delivered_Other" },
		{ source: "aliexpress", text: "Awaiting delivery", lang: "en" },
		{ source: "text", text: "Delivered", lang: "en" },
		{ source: "cainiao", code: "SOME_FUTURE_CODE", text: "Something happened" },
	]) {
		assertStatus(classify(input), JSON.stringify(input));
	}
});

test("malformed input is an error naming the problem, never internal", () => {
	for (const text of ["", "{", "[]", "42", '"cainiao"', "null", '{"code":"GTMS_SIGNED"}',
		'{"source":"nowhere","code":"X"}', '{"source":7}', "\uD800"]) {
		const v = classify(text);
		assert.ok(isError(v), `${text}: ${JSON.stringify(v)}`);
		assert.notEqual(v.error.code, "internal", text);
		assert.notEqual(v.error.code, "not_implemented", text);
		assert.ok(v.error.message.length > 0);
	}
});
