// The minimal JavaScript worker `make bench` measures beside the Go worker,
// in the same wrangler dev: what the runtime costs without Go.
//   GET /          → a small JSON answer (the baseline for cache hits)
//   GET /miss/NUM  → asks the (fake) trackers like the Go worker does on a
//                    miss (Cainiao detail.json and 17TRACK gettrackinfo, in
//                    parallel) and returns both answers.
export default {
  async fetch(req, env) {
    const url = new URL(req.url);
    if (url.pathname.startsWith("/miss/")) {
      const n = decodeURIComponent(url.pathname.slice(6));
      const [c, s] = await Promise.all([
        fetch(env.CAINIAO_URL + "?mailNos=" + encodeURIComponent(n) + "&lang=en-US").then((r) => r.text()),
        fetch(env.SEVENTEEN_URL + "/gettrackinfo", {
          method: "POST",
          headers: { "content-type": "application/json", "17token": env.SEVENTEEN_TOKEN },
          body: JSON.stringify([{ number: n }]),
        }).then((r) => r.text()),
      ]);
      return new Response('{"cainiao":' + c + ',"17track":' + s + "}", {
        headers: { "content-type": "application/json; charset=utf-8" },
      });
    }
    return new Response(JSON.stringify({ ok: true, version: "js" }), {
      headers: { "content-type": "application/json; charset=utf-8" },
    });
  },
};
