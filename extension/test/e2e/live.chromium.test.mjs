// The live-site scenarios (suite.mjs) in headless Chromium, proxy down then up.
import { describe } from 'node:test';
import { defineLiveSuite, defineProxySuite } from './suite.mjs';

describe('chromium, proxy down', () => defineLiveSuite('chromium'));
describe('chromium, proxy up', () => defineProxySuite('chromium'));
