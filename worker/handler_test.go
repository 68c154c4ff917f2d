//go:build !js

package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tidwall/gjson"
	"github.com/waybill/waybill/internal/api"
	"github.com/waybill/waybill/worker/trackertest"
)

const testToken = "test-17token-s3cr3t"

// Test numbers that parse calls valid, given real stories by the fake.
const (
	numTransit   = "RB123456785CN"    // S10; Cainiao + 17TRACK: the RS0814398526Y parcel (in customs)
	numDelivered = "LP00123456789012" // Cainiao LP; both trackers: the delivered 2026 parcel
	numUPS       = "1Z2617V10397725789"
)

type harness struct {
	t    testing.TB
	fake *trackertest.Server
	up   *httptest.Server
	srv  *Server
	mem  *memStore
}

func newHarness(t testing.TB, mutate func(*Config)) *harness {
	t.Helper()
	fake, err := trackertest.New(testToken)
	require.NoError(t, err)
	require.NoError(t, fake.Alias(numTransit, "RS0814398526Y"))
	require.NoError(t, fake.Alias(numDelivered, "RC000000001EE"))
	up := httptest.NewServer(fake)
	t.Cleanup(func() { fake.Close(); up.Close() })
	cfg := ConfigFromEnv(func(k string) string {
		switch k {
		case "CAINIAO_URL":
			return up.URL + "/global/detail.json"
		case "SEVENTEEN_URL":
			return up.URL + "/track/v2.2"
		case "SEVENTEEN_TOKEN":
			return testToken
		case "ALLOWED_ORIGINS":
			return "chrome-extension://abcdefghijklmnopabcdefghijklmnop, moz-extension://*, chrome-extension://*, https://*"
		}
		return ""
	})
	cfg.AllowNoOrigin = true // most tests speak as curl would; TestOriginRequired does not
	cfg.RegisterPerClient, cfg.RegisterGlobal = 1000, 1000
	cfg.RetryBackoff = 10 * time.Millisecond
	cfg.UpstreamTimeout = 2 * time.Second
	if mutate != nil {
		mutate(&cfg)
	}
	mem := newMemStore(1000, time.Now)
	return &harness{t: t, fake: fake, up: up, mem: mem,
		srv: NewServer(cfg, newHTTPTransport(), mem, time.Now)}
}

// do sends a request and returns the status, headers and parsed body.
func (h *harness) do(method, path, body string, header ...string) (int, http.Header, gjson.Result) {
	h.t.Helper()
	var rd *strings.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	var req *http.Request
	if rd != nil {
		req = httptest.NewRequest(method, path, rd)
	} else {
		req = httptest.NewRequest(method, path, nil)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.srv.ServeHTTP(rec, req)
	raw := rec.Body.Bytes()
	assert.NotContains(h.t, string(raw), testToken, "the token must never be in a response")
	if len(raw) > 0 {
		require.True(h.t, gjson.ValidBytes(raw), "not JSON: %s", raw)
	}
	return rec.Code, rec.Header(), gjson.ParseBytes(raw)
}

func (h *harness) track(numbers ...string) (int, gjson.Result) {
	h.t.Helper()
	var b strings.Builder
	b.WriteString(`{"numbers":[`)
	for i, n := range numbers {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Quote(n))
	}
	b.WriteString(`]}`)
	code, _, body := h.do("POST", "/v1/track", b.String())
	return code, body
}

func srcOf(r gjson.Result, name string) gjson.Result {
	return r.Get(`sources.#(source=="` + name + `")`)
}

func TestHealthz(t *testing.T) {
	h := newHarness(t, nil)
	code, hdr, body := h.do("GET", "/healthz", "")
	assert.Equal(t, 200, code)
	assert.True(t, body.Get("ok").Bool())
	assert.Equal(t, api.Version, body.Get("version").String())
	assert.Equal(t, "application/json; charset=utf-8", hdr.Get("Content-Type"))
	code, _, body = h.do("POST", "/healthz", "")
	assert.Equal(t, 405, code)
	assert.Equal(t, "method_not_allowed", body.Get("error.code").String())
}

// The production build has no test routes: /_test/exit exists only with
// -tags waybill_testhooks (the e2e build), whatever the environment says.
func TestNoTestHooksInProduction(t *testing.T) {
	t.Setenv("TEST_HOOKS", "1")
	h := newHarness(t, nil)
	code, _, body := h.do("GET", "/_test/exit", "")
	assert.Equal(t, 404, code)
	assert.Equal(t, "not_found", body.Get("error.code").String())
}

func TestRoutesAndMalformedRequests(t *testing.T) {
	h := newHarness(t, nil)
	for _, tc := range []struct {
		name, method, path, body string
		code                     int
		errCode                  string
	}{
		{"unknown route", "GET", "/v2/track", "", 404, "not_found"},
		{"GET on the batch route", "GET", "/v1/track", "", 405, "method_not_allowed"},
		{"POST on the single route", "POST", "/v1/track/RB123456785CN", `{}`, 405, "method_not_allowed"},
		{"not JSON", "POST", "/v1/track", `{"numbers":[`, 400, "bad_json"},
		{"not an object", "POST", "/v1/track", `["RB123456785CN"]`, 400, "bad_json"},
		{"numbers missing", "POST", "/v1/track", `{"lang":"en"}`, 400, "bad_numbers"},
		{"numbers not an array", "POST", "/v1/track", `{"numbers":"RB123456785CN"}`, 400, "bad_numbers"},
		{"numbers empty", "POST", "/v1/track", `{"numbers":[]}`, 400, "bad_numbers"},
		{"a number not a string", "POST", "/v1/track", `{"numbers":["RB123456785CN",42]}`, 400, "bad_numbers"},
		{"bad lang", "POST", "/v1/track", `{"numbers":["RB123456785CN"],"lang":"<script>"}`, 400, "bad_lang"},
		{"lang not a string", "POST", "/v1/track", `{"numbers":["RB123456785CN"],"lang":1}`, 400, "bad_lang"},
		{"empty number in path", "GET", "/v1/track/", "", 400, "bad_number"},
		{"bad lang in query", "GET", "/v1/track/RB123456785CN?lang=%3Cx%3E", "", 400, "bad_lang"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, body := h.do(tc.method, tc.path, tc.body)
			assert.Equal(t, tc.code, code)
			assert.Equal(t, tc.errCode, body.Get("error.code").String())
			assert.NotEmpty(t, body.Get("error.message").String())
		})
	}
	assert.Zero(t, h.fake.Snapshot().Calls["cainiao"], "no upstream call for rejected requests")
}

func TestTooLarge(t *testing.T) {
	h := newHarness(t, nil)
	big := `{"numbers":["RB123456785CN"],"pad":"` + strings.Repeat("x", 64<<10) + `"}`
	code, _, body := h.do("POST", "/v1/track", big)
	assert.Equal(t, 413, code)
	assert.Equal(t, "too_large", body.Get("error.code").String())

	nums := make([]string, 41)
	for i := range nums {
		nums[i] = trackertest.S10("RB", i, "CN")
	}
	code, body = h.track(nums...)
	assert.Equal(t, 413, code)
	assert.Equal(t, "too_many_numbers", body.Get("error.code").String())
	assert.Contains(t, body.Get("error.message").String(), "41")
	assert.Zero(t, h.fake.Snapshot().Calls["cainiao"])
}

func TestOriginsAndCORS(t *testing.T) {
	h := newHarness(t, nil)
	chrome := "chrome-extension://abcdefghijklmnopabcdefghijklmnop"
	moz := "moz-extension://0f0e0d0c-1111-2222-3333-444455556666"

	code, _, body := h.do("GET", "/healthz", "", "Origin", "https://evil.example")
	assert.Equal(t, 403, code)
	assert.Equal(t, "origin_not_allowed", body.Get("error.code").String())
	code, _, _ = h.do("OPTIONS", "/v1/track", "", "Origin", "chrome-extension://otherid", "Access-Control-Request-Method", "POST")
	assert.Equal(t, 403, code, "preflight from a foreign extension")
	code, _, _ = h.do("POST", "/v1/track", `{"numbers":["RB123456785CN"]}`, "Origin", "https://www.aliexpress.com")
	assert.Equal(t, 403, code, "web pages may not use the proxy (https://* is not a wildcard)")
	for _, o := range []string{"chrome-extension://otherid", "moz-extension://", "moz-extension://a/b", "moz-extension.evil://x"} {
		code, _, _ = h.do("GET", "/v1/track/hello", "", "Origin", o)
		assert.Equal(t, 403, code, "%s: chrome-extension://* is no wildcard; moz-extension://* needs an id", o)
	}
	code, _, _ = h.do("GET", "/v1/track/hello", "", "Origin", "moz-extension://9b2f64a1-7c1e-4d55-8a0b-3f5e6d7c8b9a")
	assert.Equal(t, 200, code, "moz-extension://* admits any Firefox install's random UUID")

	for _, origin := range []string{chrome, moz} {
		code, hdr, _ := h.do("OPTIONS", "/v1/track", "", "Origin", origin, "Access-Control-Request-Method", "POST")
		assert.Equal(t, 204, code)
		assert.Equal(t, origin, hdr.Get("Access-Control-Allow-Origin"))
		assert.Contains(t, hdr.Get("Access-Control-Allow-Methods"), "POST")
		assert.Contains(t, hdr.Get("Access-Control-Allow-Headers"), "Content-Type")
		assert.Equal(t, "Origin", hdr.Get("Vary"))
		code, hdr, body := h.do("GET", "/healthz", "", "Origin", origin)
		assert.Equal(t, 200, code)
		assert.Equal(t, origin, hdr.Get("Access-Control-Allow-Origin"))
		assert.True(t, body.Get("ok").Bool())
	}
	// No Origin (curl, server to server): allowed, no CORS headers.
	code, hdr, _ := h.do("GET", "/healthz", "")
	assert.Equal(t, 200, code)
	assert.Empty(t, hdr.Get("Access-Control-Allow-Origin"))
}

func TestOriginRequired(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.AllowNoOrigin = false })
	code, _, body := h.do("GET", "/v1/track/RB123456785CN", "")
	assert.Equal(t, 403, code)
	assert.Equal(t, "origin_required", body.Get("error.code").String())
	code, _, _ = h.do("POST", "/v1/track", `{"numbers":["RB123456785CN"]}`)
	assert.Equal(t, 403, code)
	code, _, _ = h.do("GET", "/healthz", "")
	assert.Equal(t, 200, code, "health checks answer everyone")
	code, _, _ = h.do("GET", "/v1/track/hello", "", "Origin", "chrome-extension://abcdefghijklmnopabcdefghijklmnop")
	assert.Equal(t, 200, code)
	assert.False(t, ConfigFromEnv(func(string) string { return "" }).AllowNoOrigin)
	assert.True(t, ConfigFromEnv(func(k string) string {
		if k == "ALLOW_NO_ORIGIN" {
			return "1"
		}
		return ""
	}).AllowNoOrigin)
}

func TestNoOriginsConfiguredRefusesBrowsers(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.AllowedOrigins = nil })
	code, _, _ := h.do("GET", "/healthz", "", "Origin", "chrome-extension://abcdefghijklmnopabcdefghijklmnop")
	assert.Equal(t, 403, code)
	code, _, _ = h.do("GET", "/healthz", "")
	assert.Equal(t, 200, code)
}

func TestRateLimit(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.RateLimit = 3; c.RateWindow = time.Hour })
	for i := 0; i < 3; i++ {
		code, _, _ := h.do("GET", "/v1/track/NOTANUMBER", "", "CF-Connecting-IP", "198.51.100.7")
		assert.Equal(t, 200, code)
	}
	code, hdr, body := h.do("GET", "/v1/track/NOTANUMBER", "", "CF-Connecting-IP", "198.51.100.7")
	assert.Equal(t, 429, code)
	assert.Equal(t, "rate_limited", body.Get("error.code").String())
	secs, err := strconv.Atoi(hdr.Get("Retry-After"))
	require.NoError(t, err)
	assert.True(t, secs >= 1 && secs <= 3600, "Retry-After %d", secs)
	code, _, _ = h.do("GET", "/v1/track/NOTANUMBER", "", "CF-Connecting-IP", "203.0.113.9")
	assert.Equal(t, 200, code, "another client has its own budget")
	code, _, _ = h.do("GET", "/healthz", "", "CF-Connecting-IP", "198.51.100.7")
	assert.Equal(t, 200, code, "health checks are not limited")
}

func TestLimiterWindowAndPrivacy(t *testing.T) {
	l := newLimiter(2, time.Minute)
	t0 := time.Date(2026, 1, 1, 10, 0, 30, 0, time.UTC)
	ctx, id := context.Background(), clientID("192.0.2.1")
	ok, _ := l.Allow(ctx, id, t0)
	assert.True(t, ok)
	ok, _ = l.Allow(ctx, id, t0)
	assert.True(t, ok)
	ok, wait := l.Allow(ctx, id, t0)
	assert.False(t, ok)
	assert.Equal(t, 30*time.Second, wait)
	ok, _ = l.Allow(ctx, id, t0.Add(31*time.Second))
	assert.True(t, ok, "a new window starts afresh")
	for k := range l.counts {
		assert.False(t, strings.Contains(k, "192.0.2.1"), "only a hash is kept")
	}
	assert.True(t, (*limiter)(nil) == nil)
	off := newLimiter(0, time.Minute)
	for i := 0; i < 10; i++ {
		ok, _ := off.Allow(ctx, "x", t0)
		assert.True(t, ok)
	}
}

func TestOrderNumberIsCalledOut(t *testing.T) {
	h := newHarness(t, nil)
	code, body := h.track("8199633578334590")
	assert.Equal(t, 200, code)
	r := body.Get("results.0")
	assert.Equal(t, "order_number", r.Get("parse.problems.0").String())
	assert.Empty(t, r.Get("sources").Array())
	assert.Equal(t, "check_number", r.Get("merged.advice.0.code").String())
	assert.Equal(t, "order_number", r.Get("merged.advice.0.reason").String())
	st := h.fake.Snapshot()
	assert.Zero(t, st.Calls["cainiao"]+st.Calls["register"]+st.Calls["gettrackinfo"])
}

// Contract 2: a number failing its check digit is still asked of Cainiao;
// 17TRACK (whose registrations cost quota) only when Cainiao has events.
func TestCheckDigitFailuresAskCainiaoOnly(t *testing.T) {
	h := newHarness(t, nil)
	wrong := "RB123456786CN" // S10, check digit should be 5; Cainiao knows nothing
	code, body := h.track(wrong, "hello")
	assert.Equal(t, 200, code, body.Raw)
	res := body.Get("results").Array()
	require.Len(t, res, 2)
	assert.Equal(t, "check_digit", res[0].Get("parse.problems.0").String())
	assert.True(t, srcOf(res[0], "cainiao").Get("ok").Bool(), "asked of Cainiao")
	s := srcOf(res[0], "17track")
	assert.Equal(t, "unverified", s.Get("error.code").String(), s.Raw)
	assert.Equal(t, "check_number", res[0].Get("merged.advice.0.code").String(), "the buyer still hears about the typo")
	assert.Empty(t, res[1].Get("sources").Array(), "junk is asked of nobody")
	st := h.fake.Snapshot()
	assert.Equal(t, 1, st.Calls["cainiao"])
	assert.Zero(t, st.Calls["register"]+st.Calls["gettrackinfo"])
	assert.Empty(t, st.Registered)

	// Failing its check digit but real to Cainiao: worth a registration.
	code, body = h.track("RC000000001EE")
	require.Equal(t, 200, code, body.Raw)
	assert.True(t, srcOf(body.Get("results.0"), "17track").Get("ok").Bool(), body.Raw)
	assert.Equal(t, []string{"RC000000001EE"}, h.fake.Snapshot().Registered)
}

func TestMadeUpNumbersRegisterNothing(t *testing.T) {
	h := newHarness(t, nil)
	var nums []string
	for i := 0; i < 40; i++ {
		nums = append(nums, "ZZ"+strconv.Itoa(90000000+i*7919)+"QX") // unknown format
	}
	code, body := h.track(nums...)
	require.Equal(t, 200, code, body.Raw)
	for _, r := range body.Get("results").Array() {
		assert.Equal(t, "unverified", srcOf(r, "17track").Get("error.code").String(), r.Raw)
	}
	st := h.fake.Snapshot()
	assert.Equal(t, 40, st.Numbers["cainiao"], "every plausible number is asked of Cainiao")
	assert.Zero(t, st.Calls["register"])
	assert.Empty(t, st.Registered)
}

func TestRegistrationBudgets(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.RegisterPerClient, c.RegisterGlobal = 3, 5 })
	ask := func(ip string, nums ...string) []gjson.Result {
		q, _ := json.Marshal(map[string][]string{"numbers": nums})
		code, _, body := h.do("POST", "/v1/track", string(q), "CF-Connecting-IP", ip)
		require.Equal(t, 200, code, body.Raw)
		return body.Get("results").Array()
	}
	var nums []string
	for i := 1; i <= 8; i++ {
		nums = append(nums, trackertest.S10("RB", 700+i, "CN"))
	}
	res := ask("192.0.2.1", nums[:4]...)
	for i, r := range res {
		s := srcOf(r, "17track")
		if i < 3 {
			assert.True(t, s.Get("ok").Bool(), s.Raw)
		} else {
			assert.Equal(t, "quota", s.Get("error.code").String(), s.Raw)
			assert.Contains(t, s.Get("error.message").String(), "this client's daily budget of 3")
			assert.True(t, srcOf(r, "cainiao").Get("ok").Bool(), "Cainiao still answers")
		}
	}
	// Numbers already registered cost nothing, for anyone.
	res = ask("192.0.2.1", nums[:3]...)
	for _, r := range res {
		assert.True(t, srcOf(r, "17track").Get("ok").Bool(), r.Raw)
	}
	res = ask("192.0.2.2", nums[3:]...)
	ok, global := 0, 0
	for _, r := range res {
		s := srcOf(r, "17track")
		if s.Get("ok").Bool() {
			ok++
		} else if strings.Contains(s.Get("error.message").String(), "worker's daily budget of 5") {
			global++
		}
	}
	assert.Equal(t, 2, ok, "the global budget has 2 left")
	assert.Equal(t, 3, global)
	assert.Len(t, h.fake.Snapshot().Registered, 5)

	// A new UTC day refills both budgets.
	l := newMemLedger()
	day := time.Date(2026, 12, 7, 23, 0, 0, 0, time.UTC)
	v, _ := l.Reserve(context.Background(), "c", []string{"A1", "A2"}, day, 1, 10)
	assert.Equal(t, []string{ledgerNew, ledgerQuotaClient}, v)
	v, _ = l.Reserve(context.Background(), "c", []string{"A1", "A2"}, day.Add(2*time.Hour), 1, 10)
	assert.Equal(t, []string{ledgerKnown, ledgerNew}, v)
	l.Release(context.Background(), []string{"A2"})
	v, _ = l.Reserve(context.Background(), "c", []string{"A2"}, day.Add(2*time.Hour), 1, 10)
	assert.Equal(t, []string{ledgerQuotaClient}, v, "a released number is unmarked, its budget stays spent")
}

func TestOneRequestAsksEachTrackerOnce(t *testing.T) {
	h := newHarness(t, nil)
	code, body := h.track(numTransit, numDelivered, numUPS, numTransit)
	require.Equal(t, 200, code, body.Raw)
	res := body.Get("results").Array()
	require.Len(t, res, 4, "one result per requested number, in order")
	assert.Equal(t, numTransit, res[0].Get("number").String())
	assert.Equal(t, numTransit, res[3].Get("number").String())
	st := h.fake.Snapshot()
	assert.Equal(t, 1, st.Calls["cainiao"])
	assert.Equal(t, 3, st.Numbers["cainiao"], "duplicates are asked once")
	assert.Equal(t, 1, st.Calls["register"])
	assert.Equal(t, 1, st.Calls["gettrackinfo"])
	assert.Equal(t, []string{"en-US"}, st.Langs)
	for _, r := range res {
		assert.True(t, r.Get("parse.valid").Bool())
		assert.Len(t, r.Get("sources").Array(), 2)
		assert.True(t, r.Get("merged").IsObject())
	}
}

func TestBatching40Numbers(t *testing.T) {
	h := newHarness(t, nil)
	nums := make([]string, 40)
	for i := range nums {
		nums[i] = trackertest.S10("RB", 1000+i, "CN")
	}
	code, body := h.track(nums...)
	require.Equal(t, 200, code, body.Raw)
	require.Len(t, body.Get("results").Array(), 40)
	st := h.fake.Snapshot()
	assert.LessOrEqual(t, st.Calls["cainiao"], 4)
	assert.Equal(t, 40, st.Numbers["cainiao"])
	assert.LessOrEqual(t, st.MaxBatch["cainiao"], 10)
	assert.Equal(t, 1, st.Calls["register"])
	assert.Equal(t, 1, st.Calls["gettrackinfo"])
	assert.Equal(t, 40, st.MaxBatch["gettrackinfo"])
	// 17TRACK knows none of them yet: -18019909 is a normal, cacheable answer.
	for _, r := range body.Get("results").Array() {
		s := srcOf(r, "17track")
		assert.True(t, s.Get("ok").Bool(), s.Raw)
		assert.Equal(t, "not_found", s.Get("status").String())
	}

	// Again: 17TRACK answers come from the cache and nothing is registered twice.
	_, body = h.track(nums...)
	st2 := h.fake.Snapshot()
	assert.Equal(t, 1, st2.Calls["register"], "a number is registered once")
	assert.Equal(t, 1, st2.Calls["gettrackinfo"])
	for _, r := range body.Get("results").Array() {
		assert.True(t, srcOf(r, "17track").Get("cached").Bool())
	}
}

func TestRegisteredOnceEvenAfterCacheExpiry(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.PendingTTL = 0 })
	n := trackertest.S10("RB", 77, "CN")
	h.track(n)
	h.track(n)
	st := h.fake.Snapshot()
	assert.Equal(t, 1, st.Calls["register"])
	assert.Equal(t, 2, st.Calls["gettrackinfo"], "uncached answers are asked again, without registering")
}

func TestSeventeenNotConfigured(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.SeventeenToken = "" })
	code, body := h.track(numUPS)
	assert.Equal(t, 200, code)
	s := srcOf(body.Get("results.0"), "17track")
	assert.False(t, s.Get("ok").Bool())
	assert.Equal(t, "not_configured", s.Get("error.code").String())
	st := h.fake.Snapshot()
	assert.Zero(t, st.Calls["register"]+st.Calls["gettrackinfo"])
	assert.Equal(t, 1, st.Calls["cainiao"])
}

func TestWrongTokenIsReportedNotEchoed(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.SeventeenToken = "wrong-" + testToken })
	code, _, body := h.do("GET", "/v1/track/"+numUPS, "")
	assert.Equal(t, 200, code, "Cainiao still answers")
	s := srcOf(body.Get("results.0"), "17track")
	assert.Equal(t, "unauthorized", s.Get("error.code").String())
	assert.NotContains(t, body.Raw, "wrong-")
	assert.Equal(t, 1, h.fake.Snapshot().TokenFailures)
	assert.Zero(t, h.fake.Snapshot().Calls["gettrackinfo"], "no point asking further with a refused key")
}

func TestRetryOnceOn5xxAnd429(t *testing.T) {
	for _, mode := range []string{trackertest.Fault500, trackertest.Fault429} {
		t.Run(mode, func(t *testing.T) {
			h := newHarness(t, nil)
			h.fake.SetFault(trackertest.Fault{Endpoint: "gettrackinfo", Mode: mode, Times: 1})
			_, body := h.track(trackertest.S10("RB", 5, "CN"))
			s := srcOf(body.Get("results.0"), "17track")
			assert.True(t, s.Get("ok").Bool(), s.Raw)
			assert.Equal(t, 2, h.fake.Snapshot().Calls["gettrackinfo"])
		})
	}
}

func TestOneFailingTrackerDoesNotFailTheAnswer(t *testing.T) {
	for _, tc := range []struct{ mode, code string }{
		{trackertest.Fault500, "upstream_error"},
		{trackertest.Fault429, "rate_limited"},
		{trackertest.FaultHang, "timeout"},
		{trackertest.FaultMalformed, "bad_response"},
		{trackertest.FaultHTML, "bad_response"},
	} {
		t.Run(tc.mode, func(t *testing.T) {
			h := newHarness(t, func(c *Config) { c.UpstreamTimeout = time.Second }) // 300 ms flaked at load 14 on the shared machine
			h.fake.SetFault(trackertest.Fault{Endpoint: "cainiao", Mode: tc.mode})
			n := trackertest.S10("RB", 6, "CN")
			code, body := h.track(n)
			assert.Equal(t, 200, code, body.Raw)
			r := body.Get("results.0")
			c := srcOf(r, "cainiao")
			assert.False(t, c.Get("ok").Bool())
			assert.Equal(t, tc.code, c.Get("error.code").String())
			assert.True(t, srcOf(r, "17track").Get("ok").Bool())
			if tc.mode == trackertest.Fault500 || tc.mode == trackertest.Fault429 {
				assert.Equal(t, 2, h.fake.Snapshot().Calls["cainiao"], "one retry")
			} else {
				assert.Equal(t, 1, h.fake.Snapshot().Calls["cainiao"], "no retry")
			}
			// Failures are not cached: the next request asks again.
			h.track(n)
			assert.Greater(t, h.fake.Snapshot().Calls["cainiao"], 1)
		})
	}
}

func TestEveryTrackerFailing(t *testing.T) {
	h := newHarness(t, nil)
	h.fake.SetFault(trackertest.Fault{Mode: trackertest.Fault500})
	code, body := h.track(trackertest.S10("RB", 8, "CN"), "hello")
	assert.Equal(t, 502, code)
	assert.Equal(t, "upstream_failed", body.Get("error.code").String())
	assert.Len(t, body.Get("results").Array(), 2, "the details still come back")

	h = newHarness(t, func(c *Config) { c.UpstreamTimeout = 200 * time.Millisecond })
	h.fake.SetFault(trackertest.Fault{Mode: trackertest.FaultHang})
	code, _, body = h.do("GET", "/v1/track/"+trackertest.S10("RB", 9, "CN"), "")
	assert.Equal(t, 504, code)
	assert.Equal(t, "upstream_timeout", body.Get("error.code").String())
}

func TestRejectedNumberIsPerNumber(t *testing.T) {
	h := newHarness(t, nil)
	h.fake.SetFault(trackertest.Fault{Endpoint: "cainiao", Number: numUPS, Mode: trackertest.Fault500})
	code, body := h.track(numUPS)
	assert.Equal(t, 200, code)
	assert.Equal(t, "upstream_error", srcOf(body.Get("results.0"), "cainiao").Get("error.code").String())
}

func TestLangGoesToCainiaoAndTheCacheKey(t *testing.T) {
	h := newHarness(t, nil)
	h.do("GET", "/v1/track/"+numTransit+"?lang=ru", "")
	h.do("POST", "/v1/track", `{"numbers":["`+numTransit+`"],"lang":"es-ES"}`)
	assert.Equal(t, []string{"ru-RU", "es-ES"}, h.fake.Snapshot().Langs)
}

func TestCacheEncoding(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	r := &sourceResult{ok: true, fetchedAt: "2026-01-02T03:04:05Z", status: "in_transit", ttl: time.Minute,
		rest: []byte(`"number":"RB123456785CN","carrier":"Cainiao","events":[{"time":"2026-01-01T00:00:00Z","text":"a\nb"}]`)}
	enc := encodeCached(r, now)
	got, fresh, ok := decodeCached(enc, now.Add(59*time.Second))
	require.True(t, ok)
	assert.True(t, fresh)
	assert.Equal(t, r.fetchedAt, got.fetchedAt)
	assert.Equal(t, r.status, got.status)
	assert.Equal(t, string(r.rest), string(got.rest))
	assert.True(t, got.cached)
	_, fresh, ok = decodeCached(enc, now.Add(time.Minute))
	assert.True(t, ok, "a stale entry still decodes")
	assert.False(t, fresh)
	for _, bad := range []string{"", "unregistered", "v2\na\nb\n\"x\":1", "v3\na\nb\nc\n\"x\":1", "v3\na\nb\n1\n{}"} {
		_, _, ok := decodeCached([]byte(bad), now)
		assert.False(t, ok, bad)
	}
}

func TestNotRegisteredUpstreamRegistersAgain(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.PendingTTL = 0 })
	n := trackertest.S10("RB", 78, "CN")
	h.track(n)
	h.fake.Reset() // 17TRACK forgot the number (deleted after 90 days)
	_, body := h.track(n)
	assert.Equal(t, "upstream_error", srcOf(body.Get("results.0"), "17track").Get("error.code").String())
	h.track(n)
	st := h.fake.Snapshot()
	assert.Equal(t, 1, st.Calls["register"], "registered again after 17TRACK said not registered")
	_, body = h.track(n)
	assert.True(t, srcOf(body.Get("results.0"), "17track").Get("ok").Bool())
}

func TestMemStoreBoundsAndExpiry(t *testing.T) {
	now := time.Unix(1000, 0)
	m := newMemStore(16, func() time.Time { return now })
	ctx := context.Background()
	for i := 0; i < 100; i++ {
		m.Put(ctx, "k"+strconv.Itoa(i), []byte("v"), time.Minute)
	}
	assert.LessOrEqual(t, m.len(), 16)
	m.Put(ctx, "short", []byte("x"), time.Second)
	assert.Equal(t, "x", string(m.Get(ctx, []string{"short"})[0]))
	now = now.Add(2 * time.Second)
	assert.Nil(t, m.Get(ctx, []string{"short"})[0])
	m.Put(ctx, "zero", []byte("x"), 0)
	assert.Nil(t, m.Get(ctx, []string{"zero"})[0])
}

func TestTieredStoreFillsMemoryFromBackend(t *testing.T) {
	ctx := context.Background()
	backend := newMemStore(10, time.Now)
	backend.Put(ctx, "a", []byte("1"), time.Hour)
	tier := &tieredStore{mem: newMemStore(10, time.Now), backend: backend, refillTT: time.Minute}
	got := tier.Get(ctx, []string{"a", "b"})
	assert.Equal(t, "1", string(got[0]))
	assert.Nil(t, got[1])
	assert.Equal(t, "1", string(tier.mem.Get(ctx, []string{"a"})[0]))
	tier.Put(ctx, "c", []byte("3"), time.Hour)
	assert.Equal(t, "3", string(backend.Get(ctx, []string{"c"})[0]))
}

func TestConfigFromEnv(t *testing.T) {
	c := ConfigFromEnv(func(string) string { return "" })
	assert.Equal(t, defaultCainiaoURL, c.CainiaoURL)
	assert.Equal(t, defaultSeventeenURL, c.SeventeenURL)
	assert.Empty(t, c.SeventeenToken)
	assert.Empty(t, c.AllowedOrigins)
	assert.Equal(t, 30*time.Minute, c.CacheTTL)
	env := map[string]string{"SEVENTEEN_URL": "http://127.0.0.1:1/track/v2.2/", "CACHE_TTL": "60",
		"ALLOWED_ORIGINS": "chrome-extension://a,moz-extension://b c", "RATE_LIMIT": "junk"}
	c = ConfigFromEnv(func(k string) string { return env[k] })
	assert.Equal(t, "http://127.0.0.1:1/track/v2.2", c.SeventeenURL)
	assert.Equal(t, time.Minute, c.CacheTTL)
	assert.Equal(t, time.Minute, c.PendingTTL)
	assert.Equal(t, []string{"chrome-extension://a", "moz-extension://b", "c"}, c.AllowedOrigins)
	assert.Equal(t, 120, c.RateLimit)
}

func TestMergedAnswerAndCacheHits(t *testing.T) {
	h := newHarness(t, nil)
	code, body := h.track(numTransit, numDelivered)
	require.Equal(t, 200, code, body.Raw)
	transit := body.Get("results.0")
	c, s := srcOf(transit, "cainiao"), srcOf(transit, "17track")
	require.True(t, c.Get("ok").Bool(), c.Raw)
	require.True(t, s.Get("ok").Bool(), s.Raw)
	assert.False(t, c.Get("cached").Bool())
	assert.NotEmpty(t, c.Get("fetchedAt").String())
	assert.Equal(t, numTransit, c.Get("number").String(), "the fake rewrote the sample's number")
	nc, ns := len(c.Get("events").Array()), len(s.Get("events").Array())
	require.Positive(t, nc)
	require.Positive(t, ns)
	merged := transit.Get("merged.events").Array()
	require.NotEmpty(t, merged)
	assert.Less(t, len(merged), nc+ns, "cross-source duplicates are collapsed")
	both := 0
	for _, e := range merged {
		if len(e.Get("sources").Array()) == 2 {
			both++
		}
	}
	assert.Positive(t, both)
	assert.Equal(t, "delivered", body.Get("results.1.merged.status").String())

	calls := h.fake.Snapshot().Calls
	_, again := h.track(numTransit, numDelivered)
	assert.Equal(t, calls, h.fake.Snapshot().Calls, "cache hits call no tracker")
	for _, r := range again.Get("results").Array() {
		for _, name := range []string{"cainiao", "17track"} {
			assert.True(t, srcOf(r, name).Get("cached").Bool())
		}
	}
	assert.JSONEq(t, body.Get("results.0.merged").Raw, again.Get("results.0.merged").Raw, "the same story from the cache")
}

func TestDeepRequestBodyIs400(t *testing.T) {
	h := newHarness(t, nil)
	for _, body := range []string{strings.Repeat("[", 15000), `{"numbers":` + strings.Repeat("[", 28000)} {
		code, _, res := h.do("POST", "/v1/track", body)
		assert.Equal(t, 400, code)
		assert.Equal(t, "bad_json", res.Get("error.code").String())
		assert.Contains(t, res.Get("error.message").String(), "nested deeper than 64 levels")
	}
	assert.Zero(t, h.fake.Snapshot().Calls["cainiao"])
}

func TestDeepAndHugeUpstreamAnswersFailThatSourceOnly(t *testing.T) {
	for _, mode := range []string{trackertest.FaultDeep, trackertest.FaultHuge} {
		t.Run(mode, func(t *testing.T) {
			h := newHarness(t, nil)
			n := trackertest.S10("RB", 31, "CN")
			h.fake.SetFault(trackertest.Fault{Endpoint: "cainiao", Number: n, Mode: mode})
			code, body := h.track(n)
			require.Equal(t, 200, code, body.Raw)
			c := srcOf(body.Get("results.0"), "cainiao")
			assert.Equal(t, "bad_response", c.Get("error.code").String(), c.Raw)
			want := map[string]string{trackertest.FaultDeep: "nested deeper", trackertest.FaultHuge: "more than 4 MiB"}[mode]
			assert.Contains(t, c.Get("error.message").String(), want)
			assert.True(t, srcOf(body.Get("results.0"), "17track").Get("ok").Bool())
		})
	}
}

func TestEchoedKeyNeverLeaves(t *testing.T) {
	h := newHarness(t, nil)
	n := trackertest.S10("RB", 32, "CN")
	h.fake.SetFault(trackertest.Fault{Endpoint: "cainiao", Number: n, Mode: trackertest.FaultEchoKey})
	h.fake.SetFault(trackertest.Fault{Endpoint: "gettrackinfo", Number: n, Mode: trackertest.FaultEchoKey})
	code, body := h.track(n)
	require.Equal(t, 200, code, body.Raw)
	r := body.Get("results.0")
	require.True(t, srcOf(r, "cainiao").Get("ok").Bool(), r.Raw)
	require.True(t, srcOf(r, "17track").Get("ok").Bool(), r.Raw)
	assert.Contains(t, r.Raw, "Departed facility ****", "the echo reached the answer, redacted")
	low := strings.ToLower(body.Raw)
	for i := 0; i+8 <= len(testToken); i++ {
		assert.NotContains(t, low, strings.ToLower(testToken[i:i+8]))
	}
}

// A panic inside a request answers that request 500 (JSON) and the server
// goes on serving others.
func TestPanicIsOneRequests500(t *testing.T) {
	h := newHarness(t, nil)
	h.srv.ledger = panicLedger{}
	n := trackertest.S10("RB", 33, "CN")
	code, body := h.track(n)
	assert.Equal(t, 200, code, body.Raw)
	assert.Equal(t, "internal", srcOf(body.Get("results.0"), "17track").Get("error.code").String())
	h.srv.store = panicStore{}
	code, _, _ = h.do("GET", "/v1/track/"+n, "")
	assert.Equal(t, 502, code, "a panic in a source is that source's error")
	h.srv.limiter = panicLimiter{}
	code, _, res := h.do("GET", "/v1/track/"+n, "")
	assert.Equal(t, 500, code)
	assert.Equal(t, "internal", res.Get("error.code").String())
	code, _, _ = h.do("GET", "/healthz", "")
	assert.Equal(t, 200, code)
}

type panicLedger struct{}

func (panicLedger) Reserve(context.Context, string, []string, time.Time, int, int) ([]string, error) {
	panic("ledger exploded " + testToken)
}
func (panicLedger) Release(context.Context, []string) {}

type panicLimiter struct{}

func (panicLimiter) Allow(context.Context, string, time.Time) (bool, time.Duration) {
	panic("limiter exploded")
}

type panicStore struct{}

func (panicStore) Get(context.Context, []string) [][]byte             { panic("store exploded") }
func (panicStore) Put(context.Context, string, []byte, time.Duration) {}

func TestByteBudgetBoundsAndReleases(t *testing.T) {
	b := newByteBudget(4 * budgetUnit)
	ctx := context.Background()
	require.NoError(t, b.acquire(ctx, 3*budgetUnit))
	short, cancel := context.WithTimeout(ctx, 20*time.Millisecond)
	defer cancel()
	assert.Error(t, b.acquire(short, 2*budgetUnit), "over the budget: waits, then gives up")
	require.NoError(t, b.acquire(ctx, budgetUnit))
	b.release(3 * budgetUnit)
	b.release(budgetUnit)
	require.NoError(t, b.acquire(ctx, 100*budgetUnit), "one answer larger than the budget takes it all, not forever")
	b.release(100 * budgetUnit)
	assert.Zero(t, len(b.units))
}
