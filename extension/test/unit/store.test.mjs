// Storage migration under failure: writes wait for a successful migration, and a
// retried migration never overwrites a schema-2 record with the old v1 copy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadBackground } from '../lib/background.mjs';

const A = '8214398062177351',
  B = '8212313961591322';
const V1 = {
  parcels: {
    [A]: {
      number: 'RS0814398526Y',
      status: 'in_transit',
      updatedAt: 1780000000000,
      history: [
        { at: 1779000000000, status: 'info_received' },
        { at: 1780000000000, status: 'in_transit' },
      ],
    },
    [B]: { number: 'AA000000014BR', status: 'delivered', updatedAt: 1781000000000 },
  },
};

const { BG, area } = loadBackground({ storage: V1, proxy: null });
// The worker started migrating as it loaded: removing the v1 key fails until the test says.
const realRemove = area.remove.bind(area);
let failing = true;
area.remove = async (k) => {
  if (failing) throw new Error('storage: quota');
  return realRemove(k);
};

test('a failed migration blocks writes; the retry skips records already in schema 2', async () => {
  await assert.rejects(BG.ready(), /quota/);
  assert.ok(area.data['p:' + A], 'the first attempt wrote the new records before failing');
  assert.ok(area.data.parcels, 'the v1 key is still there');
  // A write while the store is not migrated fails (the retry fails too) instead of landing on it.
  const fresh = BG.newRecord('8200000000000009');
  await assert.rejects(BG.putRecords([fresh]), /quota/);
  assert.equal(area.data['p:8200000000000009'], undefined);
  assert.equal(area.data.meta, undefined);
  // Newer history on A (as a later version of the record would carry), then the retry succeeds.
  const newer = BG.unpack(area.data['p:' + A]);
  newer.history.push({ at: 1790000000000, status: 'delivered' });
  area.data['p:' + A] = BG.pack(newer);
  failing = false;
  const rec = (await BG.getRecords([A]))[A];
  assert.equal(area.data.meta.schema, BG.SCHEMA);
  assert.equal(area.data.parcels, undefined);
  assert.deepEqual(
    rec.history.map((h) => h.status),
    ['info_received', 'in_transit', 'delivered'],
  );
  assert.deepEqual(
    BG.unpack(area.data['p:' + A]).history.map((h) => h.status),
    ['info_received', 'in_transit', 'delivered'],
    'not overwritten from v1',
  );
  await BG.putRecords([fresh]);
  assert.ok(area.data['p:8200000000000009']);
});

test('migrate leaves existing p:<id> records alone and migrates the others', async () => {
  area.data.parcels = structuredClone(V1.parcels);
  delete area.data.meta;
  delete area.data['p:' + B];
  const r = await BG.migrate(area);
  assert.deepEqual(r, { from: 1, to: BG.SCHEMA, migrated: 1 });
  assert.deepEqual(
    BG.unpack(area.data['p:' + A]).history.map((h) => h.status),
    ['info_received', 'in_transit', 'delivered'],
  );
  assert.deepEqual(
    BG.unpack(area.data['p:' + B]).history.map((h) => h.status),
    ['delivered'],
  );
  assert.equal(area.data.parcels, undefined);
});
