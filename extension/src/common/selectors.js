// selectors.js — EVERY AliExpress page selector Waybill uses, in one place.
// Each entry is tested against the fixture pages (test/unit/selectors.test.mjs),
// the way refined-github tests its selectors. Sources: ../shared/reference/aliexpress-pages.md
// §2 (DOM), §5 (stable vs volatile). Prefer data-pl and plain order-item-* classes;
// hashed CSS-module classes only through [class*="module--name"].
(function (WB) {
  'use strict';
  WB.SEL = Object.freeze({
    // Order list (A), 2022–2026.
    list: {
      container: 'div.comet-checkbox-group', // where cards are rendered and appended
      card: '.order-item', // one order (also a.order-item on mobile)
      header: '.order-item-header',
      headerStatus: '.order-item-header-status, [data-pl="order_item_header_status"]',
      statusText: '.order-item-header-status-text',
      headerInfo: '.order-item-header-right-info, [data-pl="order_item_header_info"]',
      detailLink:
        'a[data-pl="order_item_header_detail"], a[href*="/p/order/detail.html"][href*="orderId="]',
      // Any Track link, with tradeOrderId or bare (a signal only: whether to fetch is
      // decided from the status; the mobile layout's Track <button> has no URL at all).
      trackLink: 'a[href*="/p/tracking/"]',
      storeLink:
        '.order-item-store-name a[href*="/store/"], [data-pl="order_item_store_name"] a[href*="/store/"]',
      more: '.order-more button, [data-pl="order_more"] button',
      // The product title(s) of a card (the dashboard's search; never sent anywhere).
      productName: '.order-item-content-info-name, [data-pl="order_item_content_info_name"]',
    },
    // Order detail (B).
    detail: {
      // The status block also holds a reminder line and buttons: its title is
      // .order-block-title (older) or the block's first line (2026).
      status: '.order-status, .order-status-content, .order-block-title',
      statusBlock: '.order-status',
      statusTitle: '.order-block-title',
      track: '.order-detail-item-track',
      trackLink:
        'a.order-detail-item-track-info[href], .order-detail-item-track a[href*="/p/tracking/"]',
      trackEta: '.order-detail-item-track-eta-text',
      trackDesc: '.order-detail-item-track-info-desc',
      orderIdRow: 'span[data-pl="order_detail_gray_id"]',
    },
    // Tracking page (C): hashed CSS modules, matched by stable prefixes; v2 (current)
    // and v1 (older: logistic-info--mailNo-pc--3cTqcXe span).
    track: {
      ready:
        '[class*="arrival-time-v2--title"], [class*="logistic-info-v2--mailNoValue"], [class*="logistic-info--mailNo-pc"], [class*="error--title"]',
      tab: '[class*="tab-list-v2--tab--"], [class*="tab-list--tab--"]',
      tabActive: '[class*="--active"]',
      eta: '[class*="arrival-time-v2--title"], [class*="arrival-time--title"]',
      carrier: '[class*="logistic-info-v2--carrierTitle"], [class*="logistic-info--carrierTitle"]',
      mailNo: '[class*="logistic-info-v2--mailNo--"], [class*="logistic-info--mailNo-pc"]',
      mailNoValue:
        '[class*="logistic-info-v2--mailNoValue"], [class*="logistic-info--mailNo-pc"] span',
      node: '[class*="logistic-info-v2--node--"], [class*="logistic-info--node--"]',
      nodeTitle: '[class*="nodeTitle"]',
      nodeDesc: '[class*="nodeDesc"]',
      nodeTime: '[class*="nodeTime"]',
      panelAnchor: '[class*="logistic-info-v2--mailNo--"], [class*="arrival-time-v2--title"]',
      error: '[class*="error--title"]',
    },
    // aliexpress.ru (G): a different app; recognised, degraded politely.
    ru: {
      card: '[class*="RedOrderList_OrderItem__link"], [class*="RedOrderList_OrderList__item"]',
      number: '[class*="RedOrderList_OrderItem__number"]',
    },
    // Anti-bot challenge: we stop calling mtop while it is on screen.
    captcha: '#baxia-dialog-content, .baxia-dialog, #nc_1_wrapper, .nc-container',
  });
})((globalThis.WB = globalThis.WB || {}));
