// main.js — starts the right controller for this page. Loaded last.
(function (WB) {
  'use strict';
  if (WB.started) return;
  WB.started = true;
  const info = WB.pageInfo(document, location);
  try {
    if (info.kind === 'list') WB.runList(document, info);
    else if (info.kind === 'detail') WB.runDetail(document, info, location);
    else if (info.kind === 'track') WB.runTrack(document, info, location);
    else if (info.kind === 'ru') WB.runRu(document, info);
    WB.watchHealth(document, info, location);
  } catch (err) {
    console.warn('Waybill: page not handled', err); // never break the page
  }
})((globalThis.WB = globalThis.WB || {}));
