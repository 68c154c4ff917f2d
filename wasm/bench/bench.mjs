// `make bench` (bench-wasm): core.wasm's size, its cold start, and the cost of
// each contract-1 call through wasm in Node, side by side with the npm package
// ts-tracking-number (the JS port of tracking_number_data) on the same numbers
// and texts, in the same process. Prints a markdown table. Benchmarks, not tests:
// nothing here fails on a number; the budgets column is for the reader.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { start, readTSV, coreWasm, wasmExecJs } from "../test/helpers.mjs";
import { runServiceWorker } from "../test/chromium.mjs";
import { sizeTable, namedWasm } from "./size.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const ts = createRequire(import.meta.url)("ts-tracking-number");
const COLD_RUNS = Number(process.env.COLD_RUNS ?? 10);

const median = (xs) => {
	const s = [...xs].sort((a, b) => a - b);
	return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * Per-item time in µs of fn over items: the best of `rounds` batches of ≥ 150 ms each,
 * after a warm-up. The best, not the median: this machine is shared, and other
 * processes only ever add time.
 */
function perItem(fn, items, rounds = 5) {
	for (const it of items) fn(it);
	const batches = [];
	for (let b = 0; b < rounds; b++) {
		let n = 0;
		const t0 = performance.now();
		let t = t0;
		do {
			for (const it of items) fn(it);
			n += items.length;
			t = performance.now();
		} while (t - t0 < 150);
		batches.push(((t - t0) * 1000) / n);
	}
	return Math.min(...batches);
}

const fmtUs = (us) => (us >= 1e6 ? `${(us / 1e6).toFixed(2)} s` : us >= 1000 ? `${(us / 1000).toFixed(2)} ms` : `${us.toFixed(us < 10 ? 2 : 1)} µs`);
const fmtMB = (b) => `${(b / 1e6).toFixed(2)} MB`;
const ratio = (theirs, ours) => (ours > 0 && theirs > 0 ? `${(theirs / ours).toFixed(1)}×` : "—");

// ---- data: the same numbers and texts for both ----
const rows = [...readTSV("numbers/tracking_number_data.tsv"), ...readTSV("numbers/extra_vectors.tsv")];
const numbers = rows.map((r) => r.number);
const templates = [
	(n) => `Your parcel ${n} has been shipped. Order 8199633578334590, placed 2024-05-01, total US $12.99.`,
	(n) => `Tracking number: ${n}`,
	(n) => `Hello, the seller sent your package with tracking ${n}, please allow 15-30 days. Call +1 (555) 123-4567.`,
	(n) => `https://global.cainiao.com/detail.htm?mailNoList=${n}&lang=en`,
	(n) => `运单号：${n}，请查收。`,
];
const lines = numbers.map((n, i) => templates[i % templates.length](n));
let longText = "";
for (let i = 0; longText.length < 100_000; i++) {
	longText += lines[i % lines.length] + (i % 7 === 0 ? "\n\nLorem ipsum dolor sit amet, consectetur adipiscing elit. " : "\n");
}

// ---- waybill through core.wasm ----
const { waybill, instance } = await start();
const works = (out) => !out.startsWith('{"error"') || !JSON.parse(out).error || JSON.parse(out).error.code !== "not_implemented";

const parseUs = perItem((n) => waybill.parse(n), numbers);
const extractLineUs = perItem((l) => waybill.extract(l), lines);
const extractLongUs = perItem((t) => waybill.extract(t), [longText]);
const tsParseUs = perItem((n) => ts.getTracking(n), numbers);
const tsLineUs = perItem((l) => ts.findTracking(l), lines);
const tsLongUs = perItem((t) => ts.findTracking(t), [longText], 3); // ~2 s a call

const classifyInputs = ["GTMS_SIGNED", "LH_DEPART", "CUS_TAX", "GTMS_STA_SIGNED", "SOME_NEW_CODE"].map(
	(code) => JSON.stringify({ source: "cainiao", code, text: "Package status update" }));
const mergeInput = JSON.stringify({
	now: "2024-05-20T12:00:00Z",
	sources: [
		{ source: "cainiao", number: "LX299455986CN", events: [
			{ time: "2024-05-03T10:00:00Z", text: "Accepted by carrier", code: "PU_PICKUP_SUCCESS" },
			{ time: "2024-05-05T02:00:00Z", text: "Departed from departure country", code: "LH_DEPART" },
			{ time: "2024-05-10T09:00:00Z", text: "Arrived at destination country", code: "LH_ARRIVE" }] },
		{ source: "17track", number: "LX299455986CN", events: [
			{ time: "2024-05-05T02:00:00Z", text: "Departed from departure country" },
			{ time: "2024-05-12T07:30:00Z", text: "Delivered", code: "Delivered_Other" }] },
	],
});
// Merge of 10,000 events (DESIGN.md's merge bench): three sources reporting the same
// journey, the third in a whole-hour-wrong zone, so dedupe has real work to do.
const bigMerge = (() => {
	const texts = ["Departed from facility", "Arrived at sorting center", "Customs clearance started", "In transit"];
	const codes = ["LH_DEPART", "SC_INBOUND_SUCCESS", "CC_IM_START", ""];
	const t0 = Date.parse("2024-01-01T00:00:00Z");
	const sources = ["cainiao", "17track", "aliexpress"].map((source, si) => ({ source, number: "LX299455986CN", events: [] }));
	for (let i = 0; i < 10_000; i++) {
		const si = i % 3;
		const k = Math.floor(i / 3);
		const shift = si === 2 ? 3_600_000 : 0;
		sources[si].events.push({ time: new Date(t0 + k * 1_800_000 + shift).toISOString().replace(".000Z", "Z"),
			text: texts[k % texts.length], code: si === 0 ? codes[k % codes.length] : "", location: "Hub " + (k % 50) });
	}
	return JSON.stringify({ now: "2024-12-01T00:00:00Z", sources });
})();
const merge10kUs = works(waybill.merge(bigMerge)) && !JSON.parse(waybill.merge(bigMerge)).error ? perItem((j) => waybill.merge(j), [bigMerge], 3) : NaN;
const classifyUs = works(waybill.classify(classifyInputs[0])) ? perItem((j) => waybill.classify(j), classifyInputs) : NaN;
const mergeUs = works(waybill.merge(mergeInput)) ? perItem((j) => waybill.merge(j), [mergeInput]) : NaN;

// The bridge alone: an unknown function number through the raw exports (answered at once).
const dec = new TextDecoder();
const roundTripUs = perItem(() => {
	const p = instance.exports.waybill_call(-1, 0);
	return dec.decode(new Uint8Array(instance.exports.mem.buffer, Number(p & 0xffffffffn), Number(p >> 32n)));
}, [0]);

// ---- cold starts, each in a fresh process ----
const cold = (mode) => Array.from({ length: COLD_RUNS }, () => JSON.parse(execFileSync(process.execPath,
	[path.join(here, "coldstart.mjs"), mode, coreWasm, wasmExecJs], { encoding: "utf8", cwd: here })));
const coldW = cold("waybill");
const coldT = cold("ts");
const m = (runs, k) => median(runs.map((r) => r[k]));
// A cold service worker of headless Chromium (fresh profile each run), fetching core.wasm from 127.0.0.1.
const SW_RUNS = Number(process.env.SW_RUNS ?? 5);
const swMs = [];
for (let i = 0; i < SW_RUNS; i++) {
	try {
		swMs.push((await runServiceWorker()).firstAnswerMs);
	} catch (e) {
		console.error(`service worker run failed: ${e.message}`);
	}
}

// ---- what each one finds (context for the ratios) ----
const found = (out) => { try { const v = JSON.parse(out); return Array.isArray(v) ? v.length : "n/a"; } catch { return "n/a"; } };
const ourParse = works(waybill.parse(numbers[0]));
const ourValid = ourParse ? numbers.filter((n) => JSON.parse(waybill.parse(n)).valid).length : "n/a";
const tsValid = numbers.filter((n) => ts.getTracking(n)).length;

const raw = fs.statSync(coreWasm).size;
const gz = zlib.gzipSync(fs.readFileSync(coreWasm), { level: 9 }).length;
const na = (ok, s) => (ok ? s : "n/a (not_implemented)");
const parseOK = ourParse;
const extractOK = works(waybill.extract(lines[0]));

const table = [
	["core.wasm size, raw", fmtMB(raw), "—", "—", "≤ 2.5 MB"],
	["core.wasm size, gzip -9", fmtMB(gz), "—", "—", ""],
	[`cold start to first answer (median of ${COLD_RUNS} fresh processes)`,
		`${m(coldW, "total").toFixed(1)} ms (load ${m(coldW, "load").toFixed(1)}, compile ${m(coldW, "compile").toFixed(1)}, instantiate ${m(coldW, "instantiate").toFixed(1)}, Go start ${m(coldW, "goStart").toFixed(1)}, first call ${m(coldW, "firstCall").toFixed(1)})`,
		`${m(coldT, "total").toFixed(1)} ms (require ${m(coldT, "load").toFixed(1)}, first call ${m(coldT, "firstCall").toFixed(1)})`,
		"—", "≤ 100 ms (Node)"],
	[`cold service worker to first answer, headless Chromium (median of ${swMs.length})`,
		swMs.length ? `${median(swMs).toFixed(1)} ms` : "n/a (Chromium failed)", "—", "—", "≤ 300 ms"],
	[`parse, per number (${numbers.length} numbers)`, na(parseOK, fmtUs(parseUs)), fmtUs(tsParseUs), parseOK ? ratio(tsParseUs, parseUs) : "—", "faster than ts; ≤ 1 ms"],
	[`extract, per line (${lines.length} lines)`, na(extractOK, fmtUs(extractLineUs)), fmtUs(tsLineUs), extractOK ? ratio(tsLineUs, extractLineUs) : "—", "faster than ts; ≤ 1 ms"],
	[`extract, long text (${(longText.length / 1000).toFixed(0)} K chars)`, na(extractOK, fmtUs(extractLongUs)), fmtUs(tsLongUs), extractOK ? ratio(tsLongUs, extractLongUs) : "—", "faster than ts"],
	["classify, per call", Number.isNaN(classifyUs) ? "n/a (not_implemented)" : fmtUs(classifyUs), "—", "—", "≤ 1 ms"],
	["merge, per call (2 sources, 5 events)", Number.isNaN(mergeUs) ? "n/a (not_implemented)" : fmtUs(mergeUs), "—", "—", "≤ 1 ms"],
	["merge, 10,000 events (3 sources, 1.0 MB JSON)", Number.isNaN(merge10kUs) ? "n/a (error)" : fmtUs(merge10kUs), "—", "—", ""],
	["bridge round trip alone (raw exports)", fmtUs(roundTripUs), "—", "—", ""],
];

console.log("## wasm in Node " + process.version + " (ratio = ts-tracking-number time ÷ waybill time; > 1× means waybill is faster)\n");
console.log("| measure | waybill core.wasm | ts-tracking-number | ratio | budget |");
console.log("|---|---|---|---|---|");
for (const r of table) console.log(`| ${r.join(" | ")} |`);
console.log(`\nNumbers recognised as valid: waybill ${ourValid} of ${numbers.length}, ts-tracking-number ${tsValid} of ${numbers.length}. ` +
	`Found in the long text: waybill ${extractOK ? found(waybill.extract(longText)) : "n/a"}, ts-tracking-number ${ts.findTracking(longText).length}.`);

if (fs.existsSync(namedWasm)) {
	console.log("\n### Where core.wasm's bytes go\n");
	console.log(sizeTable());
}
