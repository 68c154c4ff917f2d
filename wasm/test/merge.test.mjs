// Contract 1, merge(json), through the real core.wasm.
import { test } from "node:test";
import assert from "node:assert/strict";
import { start, call, isError, STATUSES } from "./helpers.mjs";
import { assertStatus } from "./contract.mjs";

const { waybill } = await start();
const merge = (input) => call(waybill.merge, typeof input === "string" ? input : JSON.stringify(input));

// One parcel seen by Cainiao and 17TRACK; the departure scan is reported by both.
const input = {
	now: "2024-05-20T12:00:00Z",
	order: { id: "8199633578334590", status: "shipped", placedAt: "2024-05-01T08:00:00Z", shippedAt: "2024-05-02T08:00:00Z", protectionEndsAt: "2024-07-01T08:00:00Z" },
	sources: [
		{
			source: "cainiao", number: "LX299455986CN", carrier: "cainiao", events: [
				{ time: "2024-05-10T09:00:00Z", text: "Arrived at destination country", code: "LH_ARRIVE", location: "Madrid" },
				{ time: "2024-05-03T10:00:00Z", text: "Accepted by carrier", code: "PU_PICKUP_SUCCESS", location: "Shenzhen" },
				{ time: "2024-05-05T02:00:00Z", text: "Departed from departure country", code: "LH_DEPART" },
			],
		},
		{
			source: "17track", number: "LX299455986CN", events: [
				{ time: "2024-05-05T02:00:00Z", text: "Departed from departure country" },
				{ time: "2024-05-12T07:30:00Z", text: "Delivered", code: "Delivered_Other", location: "Madrid" },
			],
		},
	],
};

test("a merged timeline has the contract's fields", () => {
	const v = assertStatus(merge(input));
	assert.ok(Array.isArray(v.events) && v.events.length > 0);
	for (const e of v.events) {
		assert.ok(!Number.isNaN(Date.parse(e.time)), e.time);
		assert.ok(STATUSES.includes(e.status), e.status);
		assert.equal(typeof e.text, "string");
		assert.equal(typeof e.location, "string");
		assert.ok(Array.isArray(e.sources) && e.sources.length > 0);
	}
	assert.ok(Array.isArray(v.numbers));
	assert.ok(v.numbers.includes("LX299455986CN"), JSON.stringify(v.numbers));
	assert.ok(Array.isArray(v.conflicts));
	assert.ok(Array.isArray(v.advice));
	for (const a of v.advice) {
		assert.equal(typeof a.code, "string");
	}
	assert.equal(typeof v.daysSinceUpdate, "number");
	assert.equal(typeof v.stale, "boolean");
	assert.ok(Number.isInteger(v.progress.stage) && Number.isInteger(v.progress.of));
	assert.ok(v.progress.stage >= 0 && v.progress.stage <= v.progress.of);
});

test("events are oldest first, one real-world event appears once with every source", () => {
	const v = merge(input);
	const times = v.events.map((e) => Date.parse(e.time));
	assert.deepEqual(times, [...times].sort((a, b) => a - b));
	const departed = v.events.filter((e) => Date.parse(e.time) === Date.parse("2024-05-05T02:00:00Z"));
	assert.equal(departed.length, 1, JSON.stringify(v.events));
	assert.deepEqual([...departed[0].sources].sort(), ["17track", "cainiao"]);
	assert.equal(v.events.length, 4);
});

test("the newest event decides: delivered, last event time, progress complete", () => {
	const v = merge(input);
	assert.equal(v.status, "delivered");
	assert.equal(Date.parse(v.lastEventAt), Date.parse("2024-05-12T07:30:00Z"));
	assert.equal(Math.floor(v.daysSinceUpdate), 8);
	assert.equal(v.progress.stage, v.progress.of);
});

test("no sources: still an answer, with advice", () => {
	const v = assertStatus(merge({ now: "2024-05-20T12:00:00Z", sources: [] }));
	assert.deepEqual(v.events, []);
	assert.ok(Array.isArray(v.advice));
});

test("malformed input is an error naming the problem, never internal", () => {
	for (const text of ["", "{", "[]", "42", "null", '{"sources":[]}', '{"now":"yesterday","sources":[]}',
		'{"now":"2024-05-20T12:00:00Z","sources":{}}', "\uD800"]) {
		const v = merge(text);
		assert.ok(isError(v), `${text}: ${JSON.stringify(v).slice(0, 200)}`);
		assert.notEqual(v.error.code, "internal", text);
		assert.notEqual(v.error.code, "not_implemented", text);
	}
});

test("two scans of one step 6 h apart keep their own times when 17TRACK reports one", () => {
	const scan = (time) => ({ time, text: "Arrived at sorting center", location: "Guangzhou" });
	const v = merge({
		now: "2024-05-20T12:00:00Z",
		sources: [
			{ source: "cainiao", number: "LX299455986CN", events: [scan("2024-05-05T02:00:00Z"), scan("2024-05-05T08:00:00Z")] },
			{ source: "17track", number: "LX299455986CN", events: [scan("2024-05-05T08:00:00Z")] },
		],
	});
	const got = v.events.map((e) => [Date.parse(e.time), [...e.sources].sort()]);
	assert.deepEqual(got, [
		[Date.parse("2024-05-05T02:00:00Z"), ["cainiao"]],
		[Date.parse("2024-05-05T08:00:00Z"), ["17track", "cainiao"]],
	], JSON.stringify(v.events));
});
