// port.js — the isolated side of the private bridge to the MAIN world, set up at
// document_start, before any page script runs. It makes a MessageChannel and hands
// port2 to main/mtop-bridge.js in a synchronous DOM event: dispatchEvent runs the MAIN
// world's listener at once, and the MAIN script cancels the event to say "taken".
// Whichever of the two scripts runs second completes the hand-over (the MAIN script
// says "hello" when it starts). Only while the document has no <script> yet — no page
// code has run — is the port ever handed out, and never twice. From then on every
// request and answer goes over the port, which no page script holds: posting window
// messages cannot answer for an order.
(function (WB) {
  'use strict';
  if (WB.bridgePort) return;
  const HELLO = 'waybill-bridge-hello',
    PORT = 'waybill-bridge-port';
  const channel = new MessageChannel();
  WB.bridgePort = channel.port1;
  WB.bridgeTaken = false;

  function give() {
    if (WB.bridgeTaken || document.scripts.length !== 0) return;
    const ev = new MessageEvent(PORT, { ports: [channel.port2], cancelable: true });
    if (!document.dispatchEvent(ev)) {
      WB.bridgeTaken = true; // the MAIN world cancelled it: it holds port2
      document.removeEventListener(HELLO, give, true);
    }
  }
  document.addEventListener(HELLO, give, true);
  give(); // the MAIN world ran first and is listening
})((globalThis.WB = globalThis.WB || {}));
