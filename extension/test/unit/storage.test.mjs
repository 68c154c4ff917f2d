// Storage that lasts (schema 4): compact records and their size (≤ 2 KB for a typical
// cross-checked order), packing round trips (the real fixtures and random records), the
// cap and its eviction rule, a quota error surfaced without losing a record, and the
// 2 → 4 and 3 → 4 migrations in chunks that never need room for two copies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSite } from '../fixtures/site.mjs';
import { loadBackground } from '../lib/background.mjs';

const site = createSite();
const ID = '8214398062177351';

// A typical cross-checked order: AliExpress's own tracking (the real capture) plus what
// Cainiao and 17TRACK tell about the same number (the same scans, 17TRACK in its own words
// and a few minutes off, as the trackers answer).
function proxyFor(aeEvents) {
  return (url, init) => {
    const body = JSON.parse(init.body);
    return {
      status: 200,
      body: {
        results: body.numbers.map((n) => ({
          number: n,
          sources: [
            { source: 'cainiao', ok: true, events: aeEvents.map((e) => ({ ...e })) },
            {
              source: '17track',
              ok: true,
              events: aeEvents.map((e) => ({
                time: new Date(Date.parse(e.time) + 60e3).toISOString(),
                text: e.text + ' [17TRACK]',
                location: e.location || '',
              })),
            },
          ],
        })),
      },
    };
  };
}

async function crossChecked() {
  let handler = () => ({ status: 503, body: {} });
  const env = loadBackground({ proxy: (u, i) => handler(u, i) });
  const { BG } = env;
  await BG.onAliExpress({ orderId: ID, payload: site.querydetail(ID), page: { lang: 'en' } });
  const rec = (await BG.getRecords([ID]))[ID];
  const aeEvents = rec.ae.sources.flatMap((s) => s.events);
  handler = proxyFor(aeEvents);
  await BG.onCrosscheck({ orderIds: [ID], page: { lang: 'en' } });
  return { ...env, rec: (await BG.getRecords([ID]))[ID] };
}

test('a typical cross-checked order is stored compactly (measured), and reads back as the same views', async () => {
  const { BG, area, rec } = await crossChecked();
  assert.ok(rec.merged && rec.merged.events.length > 3, 'merged: ' + rec.merged?.events?.length);
  assert.ok(Object.keys(rec.proxy).length, 'cross-checked');
  const stored = JSON.stringify(area.data['p:' + ID]);
  const whole = JSON.stringify(rec);
  const bytes = Buffer.byteLength(stored);
  const schema3 = Buffer.byteLength(JSON.stringify(BG._pack3(rec)));
  console.log(
    `# bytes per stored order: ${bytes} (schema 3: ${schema3}; unpacked record: ` +
      `${Buffer.byteLength(whole)}; ${rec.merged.events.length} merged events, ` +
      `${rec.ae.sources.length + Object.keys(rec.proxy).length * 2} sources)`,
  );
  assert.ok(bytes <= 2048, `stored order is ${bytes} bytes`);
  assert.equal(area.data['p:' + ID].v, 4);
  // Read back (as a fresh worker would) → the same views, full and short.
  const back = BG.unpack(JSON.parse(stored));
  const a = BG.viewOf(rec, true),
    b = BG.viewOf(back, true);
  assert.deepEqual(
    b.events.map((e) => [e.time, e.status, e.text, e.sources.join()]),
    a.events.map((e) => [e.time, e.status, e.text, e.sources.join()]),
  );
  for (const k of ['status', 'numbers', 'crossChecked', 'checkedWith', 'advice', 'latest'])
    assert.deepEqual(b[k], a[k], k);
  // … and a re-merge of the rebuilt sources tells the same story.
  const before = rec.merged.status;
  await BG.remerge(back);
  assert.equal(back.merged.status, before);
  assert.equal(back.merged.events.length, rec.merged.events.length);
  // Conflicts are stored without the core's English message (the words live in _locales).
  assert.ok(!/"message"/.test(stored));
});

test('quota exceeded: a visible error, nothing lost, saved at the next write', async () => {
  const { BG, area } = loadBackground({});
  const a = BG.newRecord('8200000000000017');
  await BG.putRecords([a]);
  const realSet = area.set.bind(area);
  area.set = async () => {
    throw new Error('QUOTA_BYTES quota exceeded');
  };
  const b = BG.newRecord('8200000000000025');
  a.name = 'blue lamp';
  await BG.putRecords([a, b]); // does not throw: the worker keeps serving
  assert.equal(BG.storeError.code, 'quota');
  assert.equal(BG.storeError.unsaved, 2);
  assert.equal(area.data['p:8200000000000025'], undefined, 'not on disk');
  assert.ok(!area.data['p:8200000000000017'].name, 'the disk copy is untouched');
  const all = (await BG.allRecords()).map(BG.idOf).sort();
  assert.deepEqual(all, ['8200000000000017', '8200000000000025'], 'both still there');
  // Other errors are not quota errors and still reject.
  area.set = async () => {
    throw new Error('IO error');
  };
  await assert.rejects(BG.putRecords([b]), /IO error/);
  area.set = realSet;
  await BG.putRecords([]); // any later write retries what is unsaved
  await BG.flush();
  assert.equal(BG.storeError, null);
  assert.equal(area.data['p:8200000000000017'].name, 'blue lamp');
  assert.ok(area.data['p:8200000000000025']);
});

test('the cap evicts archived parcels, oldest first, never an active one', async () => {
  const { BG, area } = loadBackground({});
  BG.MAX_PARCELS = 3;
  const mk = (id, archived, age) => {
    const r = BG.newRecord(id);
    r.archived = archived;
    return [r, age];
  };
  const recs = [
    mk('8200000000000101', false, 9),
    mk('8200000000000102', true, 5),
    mk('8200000000000103', true, 7),
    mk('8200000000000104', false, 8),
    mk('8200000000000105', false, 1),
  ];
  await BG.putRecords(recs.map(([r]) => r));
  for (const [r, age] of recs) {
    r.updatedAt = Date.now() - age * 864e5;
    area.data['p:' + r.orderId].updatedAt = r.updatedAt;
  }
  assert.deepEqual(await BG.evict(), ['8200000000000103', '8200000000000102']);
  BG.MAX_PARCELS = 1; // only active parcels left: none goes
  assert.deepEqual(await BG.evict(), []);
  assert.equal(Object.keys(area.data).filter((k) => k.startsWith('p:')).length, 3);
});

for (const from of [2, 3])
  test(`${from} → 4 packs records in place, a chunk at a time, never two copies`, async () => {
    const { BG, rec } = await crossChecked();
    // Schema 2 stored the unpacked form; schema 3 its first packing.
    const old = from === 2 ? JSON.parse(JSON.stringify(rec)) : BG._pack3(rec);
    old.v = from;
    const storage = { meta: { schema: from } };
    const ids = [];
    for (let i = 0; i < 7; i++) {
      const id = '82000000000002' + String(10 + i);
      ids.push(id);
      storage['p:' + id] = { ...old, orderId: id };
    }
    const env = loadBackground({ storage });
    env.BG.MIGRATE_CHUNK = 3;
    // Reads accept every form; schema 4 reads back exactly what schema 3 did (schema 2's
    // whole record packs as schema 3 packed it: the merged timeline once).
    const read = (p) => env.BG.unpack(JSON.parse(JSON.stringify(p)));
    let asOld = read(storage['p:' + ids[0]]);
    if (from === 2) asOld = read(env.BG._pack3(asOld));
    assert.deepEqual(read(env.BG.pack(asOld)), asOld);
    const writes = [];
    const realSet = env.area.set.bind(env.area);
    env.area.set = async (obj) => {
      writes.push(obj);
      return realSet(obj);
    };
    const before = JSON.stringify(env.area.data).length;
    await env.BG.ready(); // the worker migrates as it starts
    assert.equal(env.area.data.meta.schema, 4);
    assert.equal(env.area.data.meta.migratedFrom, from);
    const chunks = writes.filter((w) => Object.keys(w).some((k) => k.startsWith('p:')));
    assert.deepEqual(
      chunks.map((w) => Object.keys(w).length),
      [3, 3, 1],
    );
    for (const w of chunks)
      for (const [k, v] of Object.entries(w)) {
        assert.ok(ids.includes(k.slice(2)), 'only existing keys, rewritten in place');
        assert.ok(
          JSON.stringify(v).length < JSON.stringify(storage[k]).length,
          'by a smaller self',
        );
        assert.equal(v.v, 4);
      }
    assert.ok(JSON.stringify(env.area.data).length < before / (from === 2 ? 8 : 1.5), 'smaller');
    const got = await env.BG.getRecords(ids);
    for (const id of ids) {
      assert.deepEqual(got[id], { ...asOld, orderId: id });
      assert.equal(got[id].merged.events.length, rec.merged.events.length);
      assert.deepEqual(env.BG.viewOf(got[id], false).numbers, BG.viewOf(rec, false).numbers);
    }
    // Interrupted and run again: records already in schema 4 are skipped, nothing is lost.
    env.area.data.meta.schema = from;
    env.area.data['p:' + ids[6]] = { ...old, orderId: ids[6] }; // not rewritten yet
    assert.deepEqual(await env.BG.migrate(env.area), { from, to: 4, migrated: 1 });
    assert.deepEqual((await env.BG.getRecords(ids))[ids[6]], { ...asOld, orderId: ids[6] });
  });

// A small PRNG, so a failure names its seed.
function rng(seed) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

// What the views read of a full view (the panel, badge, tooltip, dashboard, notifications).
function viewed(v) {
  v = JSON.parse(JSON.stringify(v));
  for (const e of v.events || [])
    for (const k of Object.keys(e))
      if (!/^(time|status|text|location|sources)$/.test(k)) delete e[k];
  for (const l of v.legs || []) delete l.sources;
  return v;
}

test('pack/unpack: schema 4 reads back exactly what schema 3 did (real fixtures), and the same views', async () => {
  const { BG } = loadBackground({});
  const read = (p) => BG.unpack(JSON.parse(JSON.stringify(p)));
  const recs = [(await crossChecked()).rec];
  // Every order of the capture that may have shipped, AliExpress only and cross-checked.
  const ids = [
    ...new Set([
      site.DELIVERED_ID,
      '8214779947343229',
      ...site
        .orders(20)
        .filter((o) => o.fetch)
        .map((o) => o.orderId),
    ]),
  ];
  for (const id of ids.slice(0, 6)) {
    let handler = () => ({ status: 503, body: {} });
    const env = loadBackground({ proxy: (u, i) => handler(u, i) });
    await env.BG.onAliExpress({ orderId: id, payload: site.querydetail(id), page: { lang: 'en' } });
    const rec = (await env.BG.getRecords([id]))[id];
    recs.push(structuredClone(rec));
    handler = proxyFor(rec.ae.sources.flatMap((s) => s.events));
    await env.BG.onCrosscheck({ orderIds: [id], page: { lang: 'en' } });
    recs.push((await env.BG.getRecords([id]))[id]);
  }
  for (const rec of recs) {
    const p4 = BG.pack(rec),
      p3 = BG._pack3(rec);
    assert.deepEqual(read(p4), read(p3), rec.orderId);
    assert.ok(JSON.stringify(p4).length < JSON.stringify(p3).length, 'smaller than schema 3');
    const back = read(p4);
    assert.deepEqual(viewed(BG.viewOf(back, true)), viewed(BG.viewOf(rec, true)), rec.orderId);
    assert.deepEqual(BG.dashView(back, false).carriers, BG.dashView(rec, false).carriers);
    assert.deepEqual(BG.notifyKeys(back), BG.notifyKeys(rec));
  }
});

test('pack/unpack: random records read back exactly as schema 3 read them', () => {
  const { BG } = loadBackground({});
  const read = (p) => BG.unpack(JSON.parse(JSON.stringify(p)));
  const CH = [
    'a',
    'Z',
    ' ',
    '~',
    '|',
    '^',
    '`',
    '.',
    ',',
    '"',
    '\\',
    '\x7f',
    '\t',
    'é',
    '漢',
    '😀',
    '0',
    'AE_',
    'Package ',
  ];
  const STATUSES = ['in_transit', 'delivered', 'pending', 'unknown', 'mystery_status', ''];
  for (let seed = 1; seed <= 300; seed++) {
    const r = rng(seed);
    const pick = (a) => a[Math.floor(r() * a.length)];
    const text = (n = 12) => Array.from({ length: Math.floor(r() * n) }, () => pick(CH)).join('');
    const base = Date.UTC(2026, 0, 1) + Math.floor(r() * 1e10);
    let t = base;
    const time = () => {
      t += Math.floor(r() * 4) * [60e3, 1e3, 1, 3600e3][Math.floor(r() * 4)];
      const iso = new Date(t).toISOString();
      return pick([
        iso.replace('.000Z', 'Z'),
        iso,
        iso.slice(0, 16) + 'Z',
        'yesterday',
        '',
        iso.replace('Z', '+08:00'),
      ]);
    };
    const rec =
      r() < 0.3
        ? BG.newManualRecord('RB' + seed + '5CN')
        : BG.newRecord('82' + String(1e13 + seed));
    const numbers = Array.from({ length: 1 + Math.floor(r() * 3) }, (_, i) =>
      pick(['LP000' + seed + i, 'RS0814398526Y', '~n' + i, 'A' + i]),
    );
    const names = ['cainiao', '17track', 'Odd~name'];
    const srcs = [];
    rec.ae = {
      fetchedAt: base,
      sources: [{ source: 'aliexpress', number: numbers[0], carrier: text(), events: [] }],
    };
    if (r() < 0.5) rec.ae.sources[0].contacts = [{ name: text(), phone: text(), url: text() }];
    srcs.push(['aliexpress', numbers[0]]);
    for (const n of numbers) {
      const list = names.slice(0, 1 + Math.floor(r() * 3)).map((source) => {
        const s = { source, number: n, events: [] };
        if (r() < 0.2) s.error = { code: text(), message: text(40) };
        if (r() < 0.1) s.Extra = { '~k': text(), A: text() };
        return s;
      });
      rec.proxy[n] = { fetchedAt: r() < 0.5 ? base : base + 1, sources: list };
      if (r() < 0.2) rec.proxy[n].error = { code: 'x' };
      for (const s of list) srcs.push([s.source, n]);
    }
    rec.checkedAt = base;
    const events = Array.from({ length: Math.floor(r() * 30) }, () => {
      const from = srcs.filter(() => r() < 0.6);
      const e = {
        time: time(),
        status: pick(STATUSES),
        text: r() < 0.3 ? 'Package left carrier facility' : text(30),
        location: r() < 0.5 ? '' : pick(['Cidade Exemplo,UF', text()]),
        sources: [...new Set(from.map((x) => x[0]))].sort(),
        numbers: [...new Set(from.map((x) => x[1]))],
      };
      if (r() < 0.7) e.code = pick(['AE_GTMS_SC_DEPART', 'CC_EX_START', text()]);
      return e;
    });
    rec.merged = {
      status: pick(STATUSES),
      sub: text(),
      events,
      numbers,
      legs: numbers.map((number, i) => ({
        number,
        role: pick(['first_mile', 'last_mile', '']),
        carrier: i ? text() : '',
      })),
      conflicts: r() < 0.3 ? [{ code: text(), message: text(), sources: ['cainiao'] }] : [],
      advice: [{ code: 'open_dispute', since: time(), numbers: [numbers[0]] }],
      stale: r() < 0.5,
      daysSinceUpdate: Math.floor(r() * 100),
      progress: { stage: 3, of: 5 },
    };
    if (r() < 0.5) rec.merged.lastEventAt = events.length ? events[events.length - 1].time : time();
    const errs = [];
    if (r() < 0.5) rec.merged.errors = errs;
    if (r() < 0.3) rec.merged.Weird = { '~': '~~', Ab: text(), B: [text(), '~1'] };
    rec.history = Array.from({ length: Math.floor(r() * 6) }, () =>
      pick([
        { at: base + Math.floor(r() * 1e6), status: pick(STATUSES) },
        { at: base, status: 'delivered', sub: text() },
        { at: base, status: 'in_transit', source: 'card' },
        { at: 'x', status: 'y' },
        { at: base, status: 'x', sub: '' },
        { at: base, status: 'x', other: 1 },
      ]),
    );
    rec.name = text();
    rec.notes = r() < 0.5 ? null : { stale: 'stale@' + time() };
    assert.deepEqual(read(BG.pack(rec)), read(BG._pack3(rec)), 'seed ' + seed);
  }
});

test('the string table packing (lz) reads back any text, through JSON', () => {
  const { BG } = loadBackground({});
  const r = rng(7);
  const CH = [
    'a',
    'b',
    ' ',
    '\x7f',
    '"',
    '\\',
    '~',
    '|',
    'é',
    '漢',
    '😀',
    'Package ',
    'AE_GTMS_',
    '\n',
  ];
  for (let i = 0; i < 400; i++) {
    let s = '';
    const n = Math.floor(r() * 6000);
    while (s.length < n)
      s +=
        r() < 0.3 && s.length > 8
          ? s.substr(Math.floor(r() * s.length), Math.floor(r() * 90))
          : CH[Math.floor(r() * CH.length)];
    assert.equal(BG._unlz(JSON.parse(JSON.stringify(BG._lz(s)))), s);
  }
});

test('schema 4 is pinned: its dictionary and key letters read back this stored record', () => {
  const { BG } = loadBackground({});
  const rec = BG.newManualRecord('RB147799475CN');
  rec.createdAt = rec.updatedAt = rec.checkedAt = rec.manual.addedAt = 1796664000000;
  rec.proxy.RB147799475CN = {
    fetchedAt: 1796664000000,
    sources: [{ source: 'cainiao', number: 'RB147799475CN', events: [] }],
  };
  rec.merged = {
    status: 'in_transit',
    events: [
      {
        time: '2026-07-17T02:34:00Z',
        status: 'in_transit',
        text: 'Package left carrier facility',
        location: 'Cidade Exemplo,UF',
        code: 'AE_GTMS_SC_DEPART',
        sources: ['cainiao'],
        numbers: ['RB147799475CN'],
      },
    ],
    advice: [{ code: 'contact_local_carrier', reason: 'no_last_mile_scan' }],
  };
  const stored =
    '{"v":4,"orderId":"","createdAt":1796664000000,"updatedAt":1796664000000,"order":{"A":"unknown"},"proxy":[["~4",0]],"merged":{"A":"in_transit","H":[{"I":"~5","K":"~6"}]},"history":[],"checkedAt":1796664000000,"id":"n:RB147799475CN","manual":{"D":"~4","Az":1796664000000},"srcs":[["~4","cainiao"]],"tl":"hpdoa.3..2..1","z":"\x7fh{`Cidade Exemplo,UF\x7fbvZRB147799475CN\x7farm"}';
  assert.equal(JSON.stringify(BG.pack(rec)), stored);
  assert.deepEqual(BG.unpack(JSON.parse(stored)), BG.unpack(BG._pack3(rec)));
});
