// Where core.wasm's bytes go: its sections, and the code size of each Go package,
// read from the name section of an unstripped build (out/wasm/core_named.wasm,
// `make bench-wasm` builds it). Run alone: node bench/size.mjs [file.wasm]
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { root } from "../test/helpers.mjs";

export const namedWasm = path.join(root, "out/wasm/core_named.wasm");
const MODULE = "github.com_waybill_waybill_";

/** Sizes of a wasm file: { code, data, total, packages: [[name, bytes]] (largest first) }. */
export function analyse(file) {
	const b = fs.readFileSync(file);
	let p = 8;
	const leb = () => {
		let r = 0;
		let s = 0;
		let x;
		do {
			x = b[p++];
			r += (x & 0x7f) * 2 ** s;
			s += 7;
		} while (x & 0x80);
		return r;
	};
	const name = () => {
		const n = leb();
		p += n;
		return b.toString("utf8", p - n, p);
	};
	let code = 0;
	let data = 0;
	let codeAt = -1;
	let namesAt = null;
	let imported = 0;
	while (p < b.length) {
		const id = b[p++];
		const len = leb();
		const end = p + len;
		if (id === 2) { // imports: count functions, which come first in the function index space
			for (let i = 0, n = leb(); i < n; i++) {
				name();
				name();
				const kind = b[p++];
				if (kind === 0) { leb(); imported++; } else if (kind === 1) { p++; if (b[p++] & 1) { leb(); } leb(); } else if (kind === 2) { if (b[p++] & 1) { leb(); } leb(); } else { p += 2; }
			}
		} else if (id === 10) {
			code = len;
			codeAt = p;
		} else if (id === 11) {
			data = len;
		} else if (id === 0 && name() === "name") {
			namesAt = [p, end];
		}
		p = end;
	}
	const names = new Map();
	if (namesAt) {
		for (p = namesAt[0]; p < namesAt[1];) {
			const sub = b[p++];
			const end = p + leb();
			if (sub === 1) {
				for (let i = 0, n = leb(); i < n; i++) {
					const idx = leb();
					names.set(idx, name());
				}
			}
			p = end;
		}
	}
	const packages = new Map();
	const functions = [];
	p = codeAt;
	for (let i = 0, n = leb(); i < n; i++) {
		const size = leb();
		p += size;
		const fn = names.get(imported + i) ?? "?";
		let pkg;
		if (fn.startsWith(MODULE)) {
			pkg = fn.slice(MODULE.length).replace(/\..*$/s, "").replaceAll("_", "/");
		} else {
			pkg = fn.replace(/\..*$/s, "").replaceAll("_", "/");
			if (pkg.startsWith("internal/runtime") || pkg.startsWith("type")) {
				pkg = "runtime";
			}
		}
		packages.set(pkg, (packages.get(pkg) ?? 0) + size);
		if (fn.startsWith(MODULE)) {
			const local = fn.slice(MODULE.length);
			const dot = local.indexOf(".");
			const name = local.slice(0, dot).replaceAll("_", "/").replace(/^internal\//, "") +
				local.slice(dot).replace(/^\.__(\w+?)_\./, ".(*$1).");
			functions.push([name, size]);
		}
	}
	return {
		code, data, total: b.length,
		packages: [...packages].sort((x, y) => y[1] - x[1]),
		functions: functions.sort((x, y) => y[1] - x[1]), // ours only
	};
}

/** Markdown lines: sections, then every waybill package and the largest others. */
export function sizeTable(file = namedWasm, others = 12) {
	const a = analyse(file);
	const kb = (n) => `${(n / 1000).toFixed(0)} KB`;
	const ours = a.packages.filter(([p]) => p.startsWith("internal/") && !p.startsWith("internal/runtime") &&
		fs.existsSync(path.join(root, p)) || p === "main");
	const std = a.packages.filter((x) => !ours.includes(x)).slice(0, others);
	const lines = [
		`core.wasm sections (unstripped build): code ${kb(a.code)}, data ${kb(a.data)} ` +
		"(data grows with code: it holds Go's function tables as well as constants).\n",
		"| package (code section) | bytes |", "|---|---|",
		...ours.map(([p, n]) => `| ${p === "main" ? "wasm (the bridge)" : p} | ${kb(n)} |`),
		`| **waybill total** | **${kb(ours.reduce((s, [, n]) => s + n, 0))}** |`,
		...std.map(([p, n]) => `| ${p} | ${kb(n)} |`),
		"",
		`Largest functions of ours: ${a.functions.slice(0, 10).map(([f, n]) => `${f} ${kb(n)}`).join(", ")}.`,
	];
	return lines.join("\n");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	console.log(sizeTable(process.argv[2] ?? namedWasm));
}
