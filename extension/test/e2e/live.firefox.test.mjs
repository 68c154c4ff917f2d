// The live-site scenarios (suite.mjs) in headless Firefox ESR (puppeteer-core over
// WebDriver BiDi), proxy down then up with a random moz-extension:// origin.
import { describe } from 'node:test';
import { defineLiveSuite, defineProxySuite } from './suite.mjs';

describe('firefox, proxy down', () => defineLiveSuite('firefox'));
describe('firefox, proxy up', () => defineProxySuite('firefox'));
