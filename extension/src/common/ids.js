// ids.js — what an AliExpress order id looks like, for every script that checks one
// (background, content scripts and the MAIN-world bridge all load this file first).
(function (WB) {
  'use strict';
  WB.ORDER_ID = /^\d{10,22}$/;
})((globalThis.WB = globalThis.WB || {}));
