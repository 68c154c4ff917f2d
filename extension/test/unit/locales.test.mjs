// Every language AliExpress serves: no missing key against en, the same
// placeholders, and no English left where a buyer reads a status, a sub-status,
// an advice or a conflict. The conflict and advice codes are read from the Go core
// (internal/timeline), so a new code without words fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { strings } from '../../build.mjs';
import { SRC } from '../lib/dom.mjs';

const ROOT = path.resolve(SRC, '..', '..');
const LOCALES = [
  'en',
  'ru',
  'pt_BR',
  'es',
  'fr',
  'de',
  'it',
  'pl',
  'nl',
  'tr',
  'ko',
  'ja',
  'th',
  'vi',
  'id',
  'ar',
  'he',
  'uk',
];
const t = strings(SRC);

// Values that are rightly the same as English (the same word in that language).
const SAME_AS_EN = {
  de: ['status_exception'],
};

// goCodes reads `Name = "code"` constants with a prefix from a Go file of the core.
function goCodes(file, prefix) {
  const src = fs.readFileSync(path.join(ROOT, 'internal', 'timeline', file), 'utf8');
  const re = new RegExp(`\\b${prefix}[A-Za-z]+\\s*=\\s*"([a-z_]+)"`, 'g');
  return [...src.matchAll(re)].map((m) => m[1]);
}
const CONFLICTS = goCodes('conflict.go', 'Conflict');
const ADVICE = goCodes('advice.go', 'Advice');

test('there is a _locales folder for every language AliExpress serves', () => {
  assert.deepEqual(Object.keys(t).sort(), [...LOCALES].sort());
});

test('the core has conflict and advice codes, and en has words for each', () => {
  assert.ok(CONFLICTS.length >= 5, 'conflict codes: ' + CONFLICTS);
  assert.ok(ADVICE.length >= 7, 'advice codes: ' + ADVICE);
  for (const c of CONFLICTS) assert.ok(t.en['conflict_' + c], 'conflict_' + c);
  for (const a of ADVICE) assert.ok(t.en['advice_' + a], 'advice_' + a);
});

const ph = (s) => (s.match(/\$\d/g) || []).sort().join();
for (const loc of LOCALES) {
  test(`${loc}: every key, the same placeholders, no English fallback`, () => {
    const msgs = t[loc];
    assert.deepEqual(Object.keys(msgs).sort(), Object.keys(t.en).sort(), 'keys');
    for (const [k, v] of Object.entries(msgs)) {
      assert.ok(v.trim(), `${loc}.${k} is empty`);
      assert.equal(ph(v), ph(t.en[k]), `${loc}.${k}: placeholders`);
    }
    if (loc === 'en') return;
    const allowed = new Set(SAME_AS_EN[loc] || []);
    const buyerFacing = Object.keys(t.en).filter((k) =>
      /^(status|sub|advice|conflict|group|notif)_/.test(k),
    );
    for (const k of buyerFacing) {
      if (allowed.has(k)) continue;
      assert.notEqual(msgs[k], t.en[k], `${loc}.${k} is still English`);
    }
  });
}
