// The typed messaging module (common/messages.js) and the background's BG.on dispatcher.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadBackground } from '../lib/background.mjs';
import { loadDom } from '../lib/dom.mjs';

const { BG, send } = loadBackground();
const WB = globalThis.WB;
const PAGE = 'https://www.aliexpress.com/p/order/index.html';

test('the table: frozen, every type documented, MSG names itself', () => {
  assert.ok(Object.isFrozen(WB.MESSAGES) && Object.isFrozen(WB.MSG));
  for (const [type, spec] of Object.entries(WB.MESSAGES)) {
    assert.equal(WB.MSG[type], type);
    assert.equal(spec.type, type);
    assert.ok(['page', 'extension'].includes(spec.from), type);
    assert.ok(typeof spec.doc === 'string' && spec.doc.length > 10 && !spec.doc.includes('\n'));
  }
});

test('unknown types are answered {error:{code:"unknown_message"}}', async () => {
  assert.deepEqual(await send({ type: 'nope' }, PAGE), { error: { code: 'unknown_message' } });
  assert.deepEqual(await send({ type: 'toString' }, PAGE), { error: { code: 'unknown_message' } });
  assert.throws(() => BG.on('nope', () => ({})), /unknown message type/);
});

test('extension-only types are refused to content scripts; page types are answered', async () => {
  assert.deepEqual(await send({ type: WB.MSG.list }, PAGE), { error: { code: 'forbidden' } });
  const r = await send({ type: WB.MSG.recent, page: {} }, PAGE);
  assert.ok(r && typeof r.views === 'object');
  // A page outside AliExpress gets no answer at all.
  assert.equal(await send({ type: WB.MSG.recent }, 'https://evil.example/'), undefined);
});

test('WB.send: {type, ...payload}, null when the extension is gone, rejects unknown types', async () => {
  const p = loadDom('<html><body></body></html>', PAGE);
  const seen = [];
  p.window.chrome = {
    runtime: {
      sendMessage(msg, cb) {
        seen.push(msg);
        cb({ ok: 1 });
      },
    },
  };
  const res = await p.WB.send(p.WB.MSG.recent, { page: { host: 'x' } });
  assert.equal(JSON.stringify(res), '{"ok":1}');
  assert.equal(JSON.stringify(seen[0]), '{"page":{"host":"x"},"type":"recent"}');
  await assert.rejects(p.WB.send('recnet', {}), /unknown message type/);
  p.window.chrome.runtime.sendMessage = () => {
    throw new Error('Extension context invalidated.');
  };
  assert.equal(await p.WB.send(p.WB.MSG.recent), null);
});
