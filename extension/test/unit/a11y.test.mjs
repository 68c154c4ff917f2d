// Accessibility, statically: the text colours of the dashboard, popup, badge and panel
// meet WCAG AA (≥ 4.5:1) on their backgrounds, and every form control of the dashboard
// and options pages has a label. (Keyboard use is driven end to end in dashboard.test.mjs.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { SRC } from '../lib/dom.mjs';

const read = (f) => fs.readFileSync(path.join(SRC, f), 'utf8');
function lum(hex) {
  const h = hex.replace('#', '');
  const full = h.length === 3 ? [...h].map((c) => c + c).join('') : h;
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16) / 255);
  const f = (c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
}
const ratio = (a, b) => {
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
};

// [file, text colour, background] — every pair the stylesheets put text on.
const PAIRS = [
  ['dashboard/dashboard.css', '#1f1f1f', '#fff'],
  ['dashboard/dashboard.css', '#1a4fb0', '#fff'],
  ['dashboard/dashboard.css', '#1a4fb0', '#e8f0fe'],
  ['dashboard/dashboard.css', '#fff', '#1a4fb0'],
  ['dashboard/dashboard.css', '#8c1d18', '#fdecea'],
  ['dashboard/dashboard.css', '#4a4a4a', '#fff'],
  ['dashboard/dashboard.css', '#5c1410', '#fdf3f2'],
  ['dashboard/dashboard.css', '#0b6b35', '#fff'],
  ['dashboard/dashboard.css', '#0b6b35', '#e3f6ea'],
  ['dashboard/dashboard.css', '#9b1c1c', '#fde8e8'],
  ['dashboard/dashboard.css', '#6b4100', '#fff4dc'],
  ['dashboard/dashboard.css', '#333', '#fff'],
  ['dashboard/dashboard.css', '#1f1f1f', '#f3f6fa'],
  ['popup/popup.html', '#b3261e', '#fff'],
  ['popup/popup.html', '#4a4a4a', '#fff'],
  ['popup/popup.html', '#8c1d18', '#fff'],
  ['content/badge.js', '#595959', '#fff'],
  ['content/badge.js', '#333', '#eef1f5'],
  ['content/badge.js', '#0b6b35', '#e3f6ea'],
  ['content/badge.js', '#1a4fb0', '#e8f0fe'],
  ['content/badge.js', '#7a4b00', '#fff4dc'],
  ['content/badge.js', '#9b1c1c', '#fde8e8'],
  ['content/panel.js', '#595959', '#fbfcfe'],
  ['content/panel.js', '#9b1c1c', '#fbfcfe'],
  ['content/panel.js', '#1a4fb0', '#e8f0fe'],
  ['content/panel.js', '#444', '#eef1f5'],
];

test('text colours meet WCAG AA (4.5:1)', () => {
  for (const [file, fg, bg] of PAIRS) {
    const css = read(file).toLowerCase();
    const bgOk = bg === '#fff' || css.includes(bg); // white: the page's default
    assert.ok(css.includes(fg) && bgOk, `${file} still uses ${fg} on ${bg}`);
    const r = ratio(fg, bg);
    assert.ok(r >= 4.5, `${file}: ${fg} on ${bg} is ${r.toFixed(2)}:1`);
  }
});

test('every form control of the dashboard and options has a label', () => {
  for (const f of ['dashboard/dashboard.html', 'options/options.html']) {
    const doc = new JSDOM(read(f)).window.document;
    for (const c of doc.querySelectorAll('input, textarea, select')) {
      const label = c.id && doc.querySelector(`label[for="${c.id}"]`);
      assert.ok(label || c.getAttribute('aria-label') || c.closest('label'), `${f}: #${c.id}`);
    }
    assert.ok(doc.querySelector('[role=alert], [role=status]'), `${f}: a live region`);
  }
});
