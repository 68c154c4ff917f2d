// ESLint (flat config) for the extension: `make check` runs it. Plain scripts share
// the globals WB (content/common) and BG (background); tests and tools are ES modules.
import js from '@eslint/js';
import globals from 'globals';

// Remote text must never become HTML or code (README: textContent only).
// no-restricted-properties below catches every access to innerHTML, outerHTML and
// insertAdjacentHTML (reads, writes, obj['innerHTML'], destructuring); these
// selectors catch what it cannot: calls of eval and of document.write through an alias.
const NO_CODE = [
  { selector: "CallExpression[callee.name='eval']", message: 'No eval.' },
  {
    selector: "CallExpression[callee.property.name=/^(write|writeln)$/][callee.object.name='doc']",
    message: 'No document.write.',
  },
];

export default [
  { ignores: ['node_modules/', 'core/'] },
  js.configs.recommended,
  {
    files: ['src/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: {
        ...globals.browser,
        ...globals.serviceworker,
        WB: 'writable',
        BG: 'writable',
        chrome: 'readonly',
        browser: 'readonly',
        WAYBILL_CONFIG: 'readonly',
        WAYBILL_STRINGS: 'readonly',
      },
    },
    rules: {
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      'no-restricted-syntax': ['error', ...NO_CODE],
      'no-restricted-properties': [
        'error',
        { object: 'document', property: 'write', message: 'No document.write.' },
        { object: 'document', property: 'writeln', message: 'No document.writeln.' },
        {
          property: 'innerHTML',
          message: 'Use textContent / DOM nodes: remote text never becomes HTML.',
        },
        { property: 'outerHTML', message: 'Use DOM nodes: remote text never becomes HTML.' },
        {
          property: 'insertAdjacentHTML',
          message: 'Use DOM nodes: remote text never becomes HTML.',
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', 'test/**/*.js'],
    languageOptions: {
      sourceType: 'module',
      // Tests and the bench hand closures to the browser (page.evaluate), which see the extension's globals.
      globals: {
        ...globals.node,
        ...globals.browser,
        WB: 'readonly',
        BG: 'readonly',
        chrome: 'readonly',
      },
    },
  },
];
