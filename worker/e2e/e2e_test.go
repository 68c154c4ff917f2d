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
	perClient = 45 // REGISTER_DAILY_PER_CLIENT

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
			"ALLOWED_ORIGINS=" + chromeExt + ",moz-extension://*",
			"CACHE_TTL=600",
			"RATE_LIMIT=" + strconv.Itoa(rateLimit),
			"RATE_WINDOW=60", // the Rate Limiting binding's period: 10 or 60
			"REGISTER_DAILY_PER_CLIENT=" + strconv.Itoa(perClient),
			"REGISTER_DAILY=100000",
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
	if run := keyRun(w.Logs()); run != "" {
		fmt.Fprintf(os.Stderr, "e2e: FAIL: %d characters of the 17TRACK token appeared in wrangler's output\n", len(run))
		code = 1
	}
	if code != 0 {
		fmt.Fprintln(os.Stderr, "---- wrangler output ----\n"+workertest.Tail(w.Logs(), 4000))
	}
	return code
}

// keyRun returns the first run of 8+ consecutive characters of the token
// (any case) in s, or "".
func keyRun(s string) string {
	low, tok := strings.ToLower(s), strings.ToLower(token)
	for i := 0; i+8 <= len(tok); i++ {
		if strings.Contains(low, tok[i:i+8]) {
			return tok[i : i+8]
		}
	}
	return ""
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
	// The extension always sends its Origin; a test that passes "Origin"
	// chooses its own ("" for none).
	req.Header.Set("Origin", chromeExt)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
		if header[i] == "Origin" && header[i+1] == "" {
			req.Header.Del("Origin")
		}
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
	assert.Empty(t, keyRun(string(raw)), "token in a response body")
	for k, vs := range res.Header {
		for _, v := range vs {
			assert.Empty(t, keyRun(k+": "+v), "token in a response header")
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
	// The Rate Limiting binding's windows are aligned to the clock (in
	// wrangler's simulation as at Cloudflare): start early in one.
	if left := 60 - time.Now().Second(); left < 30 {
		time.Sleep(time.Duration(left)*time.Second + 200*time.Millisecond)
	}
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
	// The count lives in the binding, not in the Go instance: a new
	// instance still refuses this client.
	require.Equal(t, 500, do(t, "GET", "/_test/exit", "").code)
	r = do(t, "GET", "/v1/track/hello", "", "CF-Connecting-IP", ip)
	assert.Equal(t, 429, r.code, "the limit survives an instance restart")
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

func TestOriginRequiredAndFirefoxWildcard(t *testing.T) {
	r := do(t, "GET", "/v1/track/"+numUPS, "", "Origin", "")
	assert.Equal(t, 403, r.code, r.raw)
	assert.Equal(t, "origin_required", r.body.Get("error.code").String())
	assert.Equal(t, 200, do(t, "GET", "/healthz", "", "Origin", "").code, "health checks answer everyone")
	uuid := fmt.Sprintf("%08x-%04x-4%03x-8%03x-%012x", time.Now().UnixNano()&0xffffffff, os.Getpid()&0xffff, ipSeq, time.Now().Nanosecond()&0xfff, time.Now().UnixNano()&0xffffffffffff)
	moz := "moz-extension://" + uuid
	r = do(t, "GET", "/v1/track/"+numUPS, "", "Origin", moz)
	assert.Equal(t, 200, r.code, r.raw)
	assert.Equal(t, moz, r.header.Get("Access-Control-Allow-Origin"))
	r = do(t, "GET", "/v1/track/"+numUPS, "", "Origin", "chrome-extension://someotherextensionidxxxxxxxxxxx")
	assert.Equal(t, 403, r.code, "chrome-extension origins stay exact")
}

func TestDeepBodyIs400AndTheInstanceKeepsServing(t *testing.T) {
	n := fresh(1)[0]
	require.Equal(t, 200, do(t, "GET", "/v1/track/"+n, "").code)
	before := fake.Snapshot()
	r := do(t, "POST", "/v1/track", strings.Repeat("[", 15000), "Content-Type", "application/json")
	assert.Equal(t, 400, r.code, r.raw)
	assert.Equal(t, "bad_json", r.body.Get("error.code").String())
	// The same instance (its memory cache intact) answers from cache.
	r = do(t, "GET", "/v1/track/"+n, "")
	require.Equal(t, 200, r.code, r.raw)
	for _, name := range []string{"cainiao", "17track"} {
		assert.True(t, srcOf(r.body.Get("results.0"), name).Get("cached").Bool(), r.raw)
	}
	after := fake.Snapshot()
	for _, ep := range []string{"cainiao", "register", "gettrackinfo"} {
		assert.Equal(t, before.Calls[ep], after.Calls[ep], "no new %s calls", ep)
	}
}

func TestDeepAndHugeUpstreamAnswersFailThatSourceOnly(t *testing.T) {
	for _, mode := range []string{trackertest.FaultDeep, trackertest.FaultHuge} {
		t.Run(mode, func(t *testing.T) {
			n := fresh(1)[0]
			fake.SetFault(trackertest.Fault{Endpoint: "cainiao", Number: n, Mode: mode})
			r := do(t, "GET", "/v1/track/"+n, "")
			require.Equal(t, 200, r.code, r.raw)
			res := r.body.Get("results.0")
			c := srcOf(res, "cainiao")
			assert.Equal(t, "bad_response", c.Get("error.code").String(), c.Raw)
			assert.True(t, srcOf(res, "17track").Get("ok").Bool(), "the other tracker still answers: %s", res.Raw)
			assert.Equal(t, 200, do(t, "GET", "/healthz", "").code)
		})
	}
}

func TestMadeUpNumbersRegisterNothing(t *testing.T) {
	nums := make([]string, 40)
	for i := range nums {
		nums[i] = fmt.Sprintf("WBFAKE%08d", (time.Now().UnixNano()/1000+int64(i)*7919)%100000000) // no known format
	}
	before := fake.Snapshot()
	r := track(t, nums...)
	require.Equal(t, 200, r.code, r.raw)
	for _, res := range r.body.Get("results").Array() {
		assert.Equal(t, "unverified", srcOf(res, "17track").Get("error.code").String(), res.Raw)
	}
	after := fake.Snapshot()
	assert.Equal(t, 40, after.Numbers["cainiao"]-before.Numbers["cainiao"], "all asked of Cainiao")
	assert.Equal(t, len(before.Registered), len(after.Registered), "no registrations")
	assert.Equal(t, before.Calls["register"], after.Calls["register"])
}

func TestWrongCheckDigitAskedOfCainiaoNotRegistered(t *testing.T) {
	good := fresh(1)[0] // RBnnnnnnnnCCN with a valid check digit
	d := good[10] - '0'
	wrong := good[:10] + string(rune('0'+(d+1)%10)) + good[11:]
	before := fake.Snapshot()
	r := do(t, "GET", "/v1/track/"+wrong, "")
	require.Equal(t, 200, r.code, r.raw)
	res := r.body.Get("results.0")
	assert.Equal(t, "check_digit", res.Get("parse.problems.0").String(), res.Raw)
	assert.True(t, srcOf(res, "cainiao").Get("ok").Bool(), res.Raw)
	assert.Equal(t, "unverified", srcOf(res, "17track").Get("error.code").String())
	after := fake.Snapshot()
	assert.Equal(t, before.Numbers["cainiao"]+1, after.Numbers["cainiao"])
	assert.Equal(t, len(before.Registered), len(after.Registered))
}

func TestDailyRegistrationBudgetPerClient(t *testing.T) {
	ip := clientIP()
	nums := fresh(perClient + 3)
	body := func(ns []string) string {
		return `{"numbers":["` + strings.Join(ns, `","`) + `"]}`
	}
	r := do(t, "POST", "/v1/track", body(nums[:40]), "CF-Connecting-IP", ip)
	require.Equal(t, 200, r.code, r.raw)
	r = do(t, "POST", "/v1/track", body(nums[40:]), "CF-Connecting-IP", ip)
	require.Equal(t, 200, r.code, r.raw)
	quota := 0
	for _, res := range r.body.Get("results").Array() {
		if srcOf(res, "17track").Get("error.code").String() == "quota" {
			quota++
		}
	}
	assert.Equal(t, 3, quota, r.raw)
	// Kept in the Durable Object: a new Go instance knows the budget is spent.
	require.Equal(t, 500, do(t, "GET", "/_test/exit", "").code)
	extra := fresh(1)
	r = do(t, "GET", "/v1/track/"+extra[0], "", "CF-Connecting-IP", ip)
	require.Equal(t, 200, r.code, r.raw)
	assert.Equal(t, "quota", srcOf(r.body.Get("results.0"), "17track").Get("error.code").String(), r.raw)
}

func TestEchoedKeyNeverLeaves(t *testing.T) {
	n := fresh(1)[0]
	fake.SetFault(trackertest.Fault{Endpoint: "cainiao", Number: n, Mode: trackertest.FaultEchoKey})
	fake.SetFault(trackertest.Fault{Endpoint: "gettrackinfo", Number: n, Mode: trackertest.FaultEchoKey})
	r := do(t, "GET", "/v1/track/"+n, "") // do asserts no 8-run of the key in body or headers
	require.Equal(t, 200, r.code, r.raw)
	res := r.body.Get("results.0")
	require.True(t, srcOf(res, "17track").Get("ok").Bool(), res.Raw)
	require.True(t, srcOf(res, "cainiao").Get("ok").Bool(), res.Raw)
	assert.Contains(t, r.raw, "Departed facility ****", "the echoes reached the answer, redacted")
	assert.Empty(t, keyRun(worker.Logs()))
}

func TestTokenNeverLogged(t *testing.T) {
	// Runs last (file order); TestMain also checks the whole output.
	assert.Empty(t, keyRun(worker.Logs()))
	assert.Contains(t, worker.Logs(), "Ready on", "the output was captured")
}
