// stories.mjs — the demo's scenarios, one table. Each is one parcel a buyer could
// really meet, told consistently by AliExpress (the fixture site's querydetail),
// Cainiao and 17TRACK (the fake trackers, POST /_story), with every date relative
// to the moment the demo runs: no "no update for 130 days" by accident, and no
// two unrelated parcels merged into one timeline.
//
// The events are the real capture's (internal/testdata/aliexpress/
// logistics-querydetail.json: a parcel to Brazil, July 2026), re-dated: each
// story keeps the capture's own spacing and moves its newest event to newestAgo.
import fs from 'node:fs';
import path from 'node:path';
import { TESTDATA } from '../test/fixtures/site.mjs';

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;

// STORIES: name → what a buyer sees, which order and numbers, how the capture's
// events are cut or changed, where its newest event sits, and 17TRACK's status.
export const STORIES = [
  {
    name: 'delivered',
    what: 'a clean delivery, cross-checked: AliExpress, Cainiao and 17TRACK report the same events',
    orderId: '8212313961591322',
    mailNo: 'AA000000014BR',
    originMailNo: 'LP00000000000000',
    newestAgo: 2 * DAY + 5 * HOUR,
    track17: ['Delivered', 'Delivered_Other'],
  },
  {
    name: 'pickup-point',
    what:
      'a real conflict: AliExpress says "delivered", while Cainiao and 17TRACK say a pickup point ' +
      'signed for it, so the buyer still has to collect it',
    orderId: '8214779947343229',
    mailNo: 'RB147799475CN',
    originMailNo: 'LP00000000000002',
    newestAgo: 20 * HOUR,
    // The capture's last two scans (out for delivery, delivered) become one
    // delivery to a pickup point: AliExpress words it as delivered, Cainiao
    // uses its station-signed code.
    cut: 2,
    add: {
      ae: ['AE_GTMS_SIGNED', 'Delivered', 'Package delivered.'],
      cainiao: ['GTMS_STA_SIGNED', 'Signed for by a pickup point: Agência Centro, Rua XV 120'],
    },
    track17: ['AvailableForPickup', 'AvailableForPickup_Other'],
  },
  {
    name: 'stalled',
    what:
      'a parcel stuck at "awaiting flight" for 30 days, shipped 56 days ago: buyer protection ' +
      'ends in about 4 days while it is still in China',
    orderId: '8214398062177351',
    mailNo: 'RS0814398526Y',
    originMailNo: 'LP00000000000001',
    // Keep the scans up to "awaiting flight", and put that one 30 days ago
    // and the first scan 56 days ago.
    until: 'AE_LH_HO_AIRLINE',
    newestAgo: 30 * DAY,
    firstAgo: 56 * DAY,
    track17: ['InTransit', 'InTransit_Other'],
  },
];

const MONTHS = [
  'Jan.',
  'Feb.',
  'Mar.',
  'Apr.',
  'May',
  'Jun.',
  'Jul.',
  'Aug.',
  'Sep.',
  'Oct.',
  'Nov.',
  'Dec.',
];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const pad = (n) => String(n).padStart(2, '0');

// timeText is AliExpress's own form, "Tue | Jul. 28 18:39" (UTC here: the demo's browser).
const timeText = (ms) => {
  const d = new Date(ms);
  return `${WEEKDAYS[d.getUTCDay()]} | ${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
};

// timeStr is Cainiao's, in China's time (UTC+8).
const timeStr = (ms) => {
  const d = new Date(ms + 8 * HOUR);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
};

// captureEvents returns the capture's events, newest first, with real instants:
// its epoch times were re-hashed by the anonymiser, so they are rebuilt from
// timeText (July 2026, Brazil, UTC−3); entries without one (order placed and
// paid) go an hour apart before the first scan, oldest last.
function captureEvents() {
  const file = path.join(TESTDATA, 'aliexpress', 'logistics-querydetail.json');
  const q = JSON.parse(fs.readFileSync(file, 'utf8'));
  const list = q.data.module.trackingDetailLineList[0].detailList;
  let last = 0;
  const out = list.map((e) => {
    const m = /([A-Z][a-z]{2})\.? (\d+) (\d\d):(\d\d)$/.exec(e.timeText || '');
    let at = 0;
    if (m) {
      const month = MONTHS.findIndex((x) => x.startsWith(m[1]));
      at = Date.UTC(2026, month, Number(m[2]), Number(m[3]) + 3, Number(m[4]));
      last = at;
    }
    return { ...e, at };
  });
  // The list is newest first: each untimed entry is an hour before the one above it.
  for (let i = 0; i < out.length; i++)
    if (!out[i].at) out[i].at = (i ? out[i - 1].at : last) - HOUR;
  return out;
}

// cainiaoCode is the Cainiao actionCode behind AliExpress's primary code.
const cainiaoCode = (ae) =>
  ({ AE_PICK_UP_SUCCESS: 'PU_PICKUP_SUCCESS' })[ae] ?? ae.replace(/^AE_/, '');

// build returns a story as the fixture site's querydetail fields (site) and
// the fake trackers' POST /_story body (fakes), dated relative to now.
export function build(story, now = Date.now()) {
  let ev = captureEvents();
  if (story.until) ev = ev.slice(ev.findIndex((e) => e.trackingPrimaryCode === story.until));
  if (story.cut) ev = ev.slice(story.cut);
  if (story.add) {
    const [code, name, desc] = story.add.ae;
    ev = [
      {
        trackingPrimaryCode: code,
        trackingSecondCode: code,
        trackingName: name,
        trackingDetailDesc: desc,
        cainiao: story.add.cainiao,
        at: ev[0].at + 5 * HOUR,
      },
      ...ev,
    ];
  }
  // Re-date: the newest at now − newestAgo; with firstAgo, the gap before the
  // newest event stretches so the oldest lands there.
  const newest = now - story.newestAgo;
  const shift = newest - ev[0].at;
  ev = ev.map((e) => ({ ...e, at: e.at + shift }));
  if (story.firstAgo) {
    const oldest = ev[ev.length - 1].at;
    const move = now - story.firstAgo - oldest;
    ev = ev.map((e, i) => (i === 0 ? e : { ...e, at: e.at + move }));
  }
  const detailList = ev.map((e) => {
    const line = { ...e, time: e.at, timeText: timeText(e.at) };
    delete line.at; // ours, not AliExpress's
    delete line.cainiao;
    return line;
  });
  const scans = ev.filter((e) => e.timeText !== undefined || e.cainiao);
  const cnDetail = scans
    .filter((e) => !/ORDER_(PAID|PLACED)|ORDER_INFO_UPDATE/.test(e.trackingPrimaryCode))
    .map((e) => {
      const [code, desc] = e.cainiao || [cainiaoCode(e.trackingPrimaryCode), e.trackingDetailDesc];
      return {
        time: e.at,
        timeStr: timeStr(e.at),
        desc,
        standerdDesc: desc,
        descTitle: 'Carrier note:',
        timeZone: 'GMT+08:00',
        actionCode: code,
      };
    });
  const cainiao = {
    mailNo: story.mailNo,
    originCountry: 'Mainland China',
    destCountry: 'Brazil',
    mailNoSource: 'AE',
    status:
      { Delivered: 'DELIVERED', AvailableForPickup: 'PICKUP', InTransit: 'LH_HO_AIRLINE' }[
        story.track17[0]
      ] ?? '',
    latestTrace: cnDetail[0],
    detailList: cnDetail,
  };
  // AliExpress's own dates: the delivery (or its estimate) and buyer
  // protection, 60 days after the first scan, as the page words them.
  const firstScan = scans[scans.length - 1].at;
  const day = (ms) =>
    `${MONTHS[new Date(ms).getUTCMonth()].replace('.', '')} ${new Date(ms).getUTCDate()}, ${new Date(ms).getUTCFullYear()}`;
  const delivered = story.track17[0] !== 'InTransit';
  const etaText = delivered
    ? `${MONTHS[new Date(ev[0].at).getUTCMonth()]} ${new Date(ev[0].at).getUTCDate()}`
    : `${day(firstScan + 25 * DAY)} - ${day(firstScan + 45 * DAY)}`;
  const etaInfo = delivered
    ? {
        etaSceneCode: 'REAL_DELIVERY',
        beginEtaTime: ev[0].at,
        endEtaTime: ev[0].at,
        etaTimeStamp: ev[0].at,
        etaTimeText: etaText,
        etaTitleRichText: `<span><strong>Delivered：${etaText}</strong></span>`,
      }
    : {
        etaSceneCode: 'PROMISE_DELIVERY',
        beginEtaTime: firstScan + 25 * DAY,
        endEtaTime: firstScan + 45 * DAY,
        etaTimeStamp: firstScan + 45 * DAY,
        etaTimeText: etaText,
        etaTitleRichText: `<span>Estimated delivery: ${etaText}</span>`,
      };
  const refund = `Refund if no delivery before ${day(firstScan + 60 * DAY)}`;
  return {
    site: {
      line: { mailNo: story.mailNo, originMailNo: story.originMailNo, detailList, etaInfo },
      module: {
        fastDeliveryInfoDTO: {
          fdTitle: 'Fast delivery',
          fdContent: refund,
          fdContentList: [refund],
        },
      },
    },
    fakes: {
      number: story.mailNo,
      cainiao,
      track17: { status: story.track17[0], sub: story.track17[1] },
    },
  };
}
