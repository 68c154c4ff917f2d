//go:build e2e

package e2e

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tidwall/gjson"
	"github.com/waybill/waybill/worker/trackertest"
	"github.com/waybill/waybill/worker/workertest"
)

const (
	token     = "e2e-17token-Zq81xVv0"
	chromeExt = "chrome-extension://abcdefghijklmnopabcdefghijklmnop"
	mozExt    = "moz-extension://0f0e0d0c-1111-2222-3333-444455556666"
	rateLimit = 40

	numTransit   = "RB123456785CN"    // both trackers: the RS0814398526Y parcel (in customs)
	numDelivered = "LP00123456789012" // both trackers: the delivered 2026 parcel
	numUPS       = "1Z2617V10397725789"
)

var (
	workerURL string
	worker    *workertest.Worker
	fake      *trackertest.Server
	ipSeq     int
	ipMu      sync.Mutex
)

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	w, err := workertest.Start(workertest.Options{
		Token:   token,
		Aliases: map[string]string{numTransit: "RS0814398526Y", numDelivered: "RC000000001EE"},
		Env: []string{
			"ALLOWED_ORIGINS=" + chromeExt + "," + mozExt,
			"CACHE_TTL=600",
			"RATE_LIMIT=" + strconv.Itoa(rateLimit),
			"RATE_WINDOW=600",
			"UPSTREAM_TIMEOUT_MS=5000", // generous: wrangler's local Cache API is slow under load
			"WRANGLER_LOG_LEVEL=log",
			"WORKER_NAME=waybill-e2e",
		},
		TestHooks: true, // GET /_test/exit
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	defer w.Close()
	worker, workerURL, fake = w, w.URL, w.Fakes.Server
	code := m.Run()
	if strings.Contains(w.Logs(), token) {
		fmt.Fprintln(os.Stderr, "e2e: FAIL: the 17TRACK token appeared in wrangler's output")
		code = 1
	}
	if code != 0 {
		fmt.Fprintln(os.Stderr, "---- wrangler output ----\n"+workertest.Tail(w.Logs(), 4000))
	}
	return code
}

// clientIP gives each test its own address, so the rate limit is per test.
func clientIP() string {
	ipMu.Lock()
	defer ipMu.Unlock()
	ipSeq++
	return "198.51.100." + strconv.Itoa(ipSeq)
}

type reply struct {
	code   int
	header http.Header
	body   gjson.Result
	raw    string
}

func do(t *testing.T, method, path, body string, header ...string) reply {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, workerURL+path, rd)
	require.NoError(t, err)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	if req.Header.Get("CF-Connecting-IP") == "" {
		req.Header.Set("CF-Connecting-IP", clientIP())
	}
	client := &http.Client{Timeout: 30 * time.Second}
	res, err := client.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	assert.NotContains(t, string(raw), token, "token in a response body")
	for k, vs := range res.Header {
		for _, v := range vs {
			assert.NotContains(t, k+": "+v, token, "token in a response header")
		}
	}
	if len(raw) > 0 {
		require.True(t, gjson.ValidBytes(raw), "not JSON: %s", raw)
	}
	return reply{res.StatusCode, res.Header, gjson.ParseBytes(raw), string(raw)}
}

func track(t *testing.T, numbers ...string) reply {
	t.Helper()
	q := make([]string, len(numbers))
	for i, n := range numbers {
		q[i] = strconv.Quote(n)
	}
	return do(t, "POST", "/v1/track", `{"numbers":[`+strings.Join(q, ",")+`]}`, "Content-Type", "application/json")
}

func srcOf(r gjson.Result, name string) gjson.Result {
	return r.Get(`sources.#(source=="` + name + `")`)
}

var serial = struct {
	sync.Mutex
	n int
}{n: 500000}

// fresh returns numbers no other test has used.
func fresh(n int) []string {
	serial.Lock()
	defer serial.Unlock()
	out := make([]string, n)
	for i := range out {
		serial.n++
		out[i] = trackertest.S10("RB", serial.n, "CN")
	}
	return out
}

func TestHealthzAndRoutes(t *testing.T) {
	r := do(t, "GET", "/healthz", "")
	assert.Equal(t, 200, r.code)
	assert.True(t, r.body.Get("ok").Bool())
	assert.NotEmpty(t, r.body.Get("version").String())
	assert.Equal(t, 404, do(t, "GET", "/nope", "").code)
	assert.Equal(t, 405, do(t, "GET", "/v1/track", "").code)
}

func TestMalformedAndTooLarge(t *testing.T) {
	for _, tc := range []struct {
		body string
		code int
		err  string
	}{
		{`{"numbers":`, 400, "bad_json"},
		{`{"numbers":"x"}`, 400, "bad_numbers"},
		{`{"numbers":[1]}`, 400, "bad_numbers"},
		{`{"numbers":["RB123456785CN"],"pad":"` + strings.Repeat("x", 70000) + `"}`, 413, "too_large"},
	} {
		r := do(t, "POST", "/v1/track", tc.body)
		assert.Equal(t, tc.code, r.code, r.raw)
		assert.Equal(t, tc.err, r.body.Get("error.code").String())
	}
	r := track(t, fresh(41)...)
	assert.Equal(t, 413, r.code)
	assert.Equal(t, "too_many_numbers", r.body.Get("error.code").String())
}

func TestOriginsAndPreflight(t *testing.T) {
	r := do(t, "POST", "/v1/track", `{"numbers":["`+numUPS+`"]}`, "Origin", "https://evil.example")
	assert.Equal(t, 403, r.code)
	assert.Equal(t, "origin_not_allowed", r.body.Get("error.code").String())
	for _, o := range []string{chromeExt, mozExt} {
		r = do(t, "OPTIONS", "/v1/track", "", "Origin", o, "Access-Control-Request-Method", "POST",
			"Access-Control-Request-Headers", "content-type")
		assert.Equal(t, 204, r.code)
		assert.Equal(t, o, r.header.Get("Access-Control-Allow-Origin"))
		assert.Contains(t, r.header.Get("Access-Control-Allow-Methods"), "POST")
		r = do(t, "GET", "/healthz", "", "Origin", o)
		assert.Equal(t, 200, r.code)
		assert.Equal(t, o, r.header.Get("Access-Control-Allow-Origin"))
	}
}

func TestRateLimit(t *testing.T) {
	ip := clientIP()
	for i := 0; i < rateLimit; i++ {
		r := do(t, "GET", "/v1/track/hello", "", "CF-Connecting-IP", ip)
		require.Equal(t, 200, r.code, "request %d", i)
	}
	r := do(t, "GET", "/v1/track/hello", "", "CF-Connecting-IP", ip)
	assert.Equal(t, 429, r.code)
	assert.Equal(t, "rate_limited", r.body.Get("error.code").String())
	secs, err := strconv.Atoi(r.header.Get("Retry-After"))
	require.NoError(t, err)
	assert.Positive(t, secs)
	assert.Equal(t, 200, do(t, "GET", "/v1/track/hello", "").code, "other clients are unaffected")
}

func TestMergedResultsCollapseCrossSourceDuplicates(t *testing.T) {
	r := track(t, numTransit, numDelivered, numUPS, "hello")
	require.Equal(t, 200, r.code, r.raw)
	res := r.body.Get("results").Array()
	require.Len(t, res, 4)

	transit := res[0]
	c, s := srcOf(transit, "cainiao"), srcOf(transit, "17track")
	require.True(t, c.Get("ok").Bool(), c.Raw)
	require.True(t, s.Get("ok").Bool(), s.Raw)
	nc, ns := len(c.Get("events").Array()), len(s.Get("events").Array())
	require.Positive(t, nc)
	require.Positive(t, ns)
	merged := transit.Get("merged")
	events := merged.Get("events").Array()
	require.NotEmpty(t, events, merged.Raw)
	assert.Less(t, len(events), nc+ns, "events both trackers report appear once")
	both := 0
	for _, e := range events {
		srcs := e.Get("sources").String()
		if strings.Contains(srcs, "cainiao") && strings.Contains(srcs, "17track") {
			both++
		}
	}
	assert.Positive(t, both, "some merged events list both sources: %s", merged.Raw)

	delivered := res[1]
	assert.Equal(t, "delivered", delivered.Get("merged.status").String(), delivered.Get("merged").Raw)
	assert.Equal(t, "delivered", srcOf(delivered, "cainiao").Get("status").String())

	ups := res[2]
	assert.True(t, srcOf(ups, "17track").Get("ok").Bool())
	assert.Equal(t, "delivered", ups.Get("merged.status").String())

	bad := res[3]
	assert.False(t, bad.Get("parse.valid").Bool())
	assert.Empty(t, bad.Get("sources").Array())
}

func TestCacheHitsMakeNoUpstreamCalls(t *testing.T) {
	n := fresh(1)[0]
	if err := fake.Alias(n, "RC000000001EE"); err != nil {
		t.Fatal(err)
	}
	r := do(t, "GET", "/v1/track/"+n, "")
	require.Equal(t, 200, r.code, r.raw)
	assert.False(t, srcOf(r.body.Get("results.0"), "cainiao").Get("cached").Bool())
	before := fake.Snapshot()
	for i := 0; i < 3; i++ {
		r = do(t, "GET", "/v1/track/"+n, "")
		require.Equal(t, 200, r.code)
		res := r.body.Get("results.0")
		for _, name := range []string{"cainiao", "17track"} {
			s := srcOf(res, name)
			assert.True(t, s.Get("ok").Bool(), s.Raw)
			assert.True(t, s.Get("cached").Bool(), s.Raw)
		}
	}
	after := fake.Snapshot()
	for _, ep := range []string{"cainiao", "register", "gettrackinfo"} {
		assert.Equal(t, before.Calls[ep], after.Calls[ep], "no new %s calls on cache hits", ep)
	}
}

func TestBatchingFortyNumbers(t *testing.T) {
	nums := fresh(40)
	before := fake.Snapshot()
	r := track(t, nums...)
	require.Equal(t, 200, r.code, r.raw)
	require.Len(t, r.body.Get("results").Array(), 40)
	after := fake.Snapshot()
	assert.LessOrEqual(t, after.Calls["cainiao"]-before.Calls["cainiao"], 4)
	assert.Equal(t, 40, after.Numbers["cainiao"]-before.Numbers["cainiao"])
	assert.LessOrEqual(t, (after.Calls["register"]-before.Calls["register"])+(after.Calls["gettrackinfo"]-before.Calls["gettrackinfo"]), 2)
	for _, res := range r.body.Get("results").Array() {
		assert.True(t, srcOf(res, "17track").Get("ok").Bool(), res.Raw)
	}
}

func TestConcurrentMissesEachGetTheirOwnAnswer(t *testing.T) {
	// Many requests in flight at once inside one Go instance: each request's
	// upstream I/O must run in, and answer, that same request.
	nums := fresh(8)
	var wg sync.WaitGroup
	replies := make([]reply, len(nums))
	for i, n := range nums {
		wg.Add(1)
		go func() {
			defer wg.Done()
			replies[i] = do(t, "GET", "/v1/track/"+n, "")
		}()
	}
	wg.Wait()
	for i, r := range replies {
		require.Equal(t, 200, r.code, r.raw)
		assert.Equal(t, nums[i], r.body.Get("results.0.number").String())
		assert.True(t, srcOf(r.body.Get("results.0"), "17track").Get("ok").Bool(), r.raw)
	}
}

func TestFailingAndHangingTracker(t *testing.T) {
	for _, mode := range []string{trackertest.Fault500, trackertest.FaultHang, trackertest.FaultMalformed} {
		t.Run(mode, func(t *testing.T) {
			n := fresh(1)[0]
			fake.SetFault(trackertest.Fault{Endpoint: "cainiao", Number: n, Mode: mode})
			start := time.Now()
			r := do(t, "GET", "/v1/track/"+n, "")
			require.Equal(t, 200, r.code, r.raw)
			res := r.body.Get("results.0")
			c := srcOf(res, "cainiao")
			assert.False(t, c.Get("ok").Bool())
			want := map[string]string{trackertest.Fault500: "upstream_error", trackertest.FaultHang: "timeout",
				trackertest.FaultMalformed: "bad_response"}[mode]
			assert.Equal(t, want, c.Get("error.code").String(), c.Raw)
			assert.True(t, srcOf(res, "17track").Get("ok").Bool(), "the other tracker still answers")
			assert.Less(t, time.Since(start), 20*time.Second)
		})
	}
}

func TestEveryTrackerFailingIs502(t *testing.T) {
	n := fresh(1)[0]
	fake.SetFault(trackertest.Fault{Number: n, Mode: trackertest.Fault500})
	r := do(t, "GET", "/v1/track/"+n, "")
	assert.Equal(t, 502, r.code, r.raw)
	assert.Equal(t, "upstream_failed", r.body.Get("error.code").String())
}

func TestWrongTokenNeverEchoed(t *testing.T) {
	fake.SetToken("a-different-token")
	defer fake.SetToken(token)
	n := fresh(1)[0]
	r := do(t, "GET", "/v1/track/"+n, "")
	require.Equal(t, 200, r.code, r.raw)
	s := srcOf(r.body.Get("results.0"), "17track")
	assert.Equal(t, "unauthorized", s.Get("error.code").String())
	assert.NotContains(t, r.raw, token)
}

func TestInstanceRecoversAfterGoExits(t *testing.T) {
	// Fill the instance's memory cache, end the Go program, and check that
	// the next requests get a fresh instance (and so miss the cache).
	n := fresh(1)[0]
	require.Equal(t, 200, do(t, "GET", "/v1/track/"+n, "").code)
	require.True(t, srcOf(do(t, "GET", "/v1/track/"+n, "").body.Get("results.0"), "17track").Get("cached").Bool())

	r := do(t, "GET", "/_test/exit", "")
	assert.Equal(t, 500, r.code)
	assert.Equal(t, "internal", r.body.Get("error.code").String())
	r = do(t, "GET", "/healthz", "")
	assert.Equal(t, 200, r.code, r.raw)
	// The new instance's memory is empty, but the Workers Cache API kept the
	// answers: served from there, with no tracker call.
	before := fake.Snapshot()
	r = do(t, "GET", "/v1/track/"+n, "")
	require.Equal(t, 200, r.code, r.raw)
	assert.Equal(t, n, r.body.Get("results.0.number").String())
	for _, name := range []string{"cainiao", "17track"} {
		assert.True(t, srcOf(r.body.Get("results.0"), name).Get("cached").Bool(), r.raw)
	}
	after := fake.Snapshot()
	for _, ep := range []string{"cainiao", "register", "gettrackinfo"} {
		assert.Equal(t, before.Calls[ep], after.Calls[ep], "%s called despite the Cache API", ep)
	}
}

func TestTokenNeverLogged(t *testing.T) {
	// Runs last (file order); TestMain also checks the whole output.
	assert.NotContains(t, worker.Logs(), token)
	assert.Contains(t, worker.Logs(), "Ready on", "the output was captured")
}
