//go:build !js

package main

import (
	"bytes"
	"context"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/waybill/waybill/worker/trackertest"
)

// The handler's own cost natively (workerd runs the same code as wasm,
// several times slower): `go test -bench . ./worker/`.

func benchHarness(b *testing.B) *harness {
	return newHarness(b, func(c *Config) { c.RateLimit = 0 })
}

func benchServe(b *testing.B, h *harness, method, path, body string) {
	b.Helper()
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest(method, path, strings.NewReader(body))
		rec := httptest.NewRecorder()
		h.srv.ServeHTTP(rec, req)
		if rec.Code != 200 {
			b.Fatalf("HTTP %d: %s", rec.Code, rec.Body.String())
		}
	}
}

func BenchmarkHealthz(b *testing.B) {
	benchServe(b, benchHarness(b), "GET", "/healthz", "")
}

func BenchmarkCacheHitOne(b *testing.B) {
	h := benchHarness(b)
	h.do("GET", "/v1/track/"+numTransit, "")
	benchServe(b, h, "GET", "/v1/track/"+numTransit, "")
}

func BenchmarkCacheHitForty(b *testing.B) {
	h := benchHarness(b)
	nums := make([]string, 40)
	for i := range nums {
		nums[i] = strconv.Quote(trackertest.S10("RB", 3000+i, "CN"))
	}
	body := `{"numbers":[` + strings.Join(nums, ",") + `]}`
	h.do("POST", "/v1/track", body)
	benchServe(b, h, "POST", "/v1/track", body)
}

func BenchmarkMissOne(b *testing.B) {
	h := benchHarness(b)
	i := 0
	b.ReportAllocs()
	for b.Loop() {
		i++
		req := httptest.NewRequest("GET", "/v1/track/"+trackertest.S10("RB", 10000+i, "CN"), nil)
		rec := httptest.NewRecorder()
		h.srv.ServeHTTP(rec, req)
		if rec.Code != 200 {
			b.Fatalf("HTTP %d: %s", rec.Code, rec.Body.String())
		}
	}
}

// cannedTransport replays one recorded answer per endpoint with the number
// swapped: the miss path's own CPU without a server in the same process.
type cannedTransport struct {
	number  string
	answers map[string][]byte
}

func endpointOf(u string) string {
	switch {
	case strings.Contains(u, "detail.json"):
		return "cainiao"
	case strings.HasSuffix(u, "/register"):
		return "register"
	}
	return "gettrackinfo"
}

func requestedNumber(r *OutRequest) string {
	if i := strings.Index(r.URL, "mailNos="); i >= 0 {
		n, _, _ := strings.Cut(r.URL[i+len("mailNos="):], "&")
		return n
	}
	s := string(r.Body)
	if i := strings.Index(s, `"number":"`); i >= 0 {
		n, _, _ := strings.Cut(s[i+len(`"number":"`):], `"`)
		return n
	}
	return ""
}

func (c *cannedTransport) Do(_ context.Context, r *OutRequest) (*OutResponse, error) {
	body := bytes.ReplaceAll(c.answers[endpointOf(r.URL)], []byte(c.number), []byte(requestedNumber(r)))
	return &OutResponse{Status: 200, Body: body}, nil
}
func (c *cannedTransport) Sleep(context.Context, time.Duration) {}

// recordTransport records the first answer per endpoint.
type recordTransport struct {
	Transport
	answers map[string][]byte
}

func (t *recordTransport) Do(ctx context.Context, r *OutRequest) (*OutResponse, error) {
	res, err := t.Transport.Do(ctx, r)
	if err == nil {
		if _, ok := t.answers[endpointOf(r.URL)]; !ok {
			t.answers[endpointOf(r.URL)] = append([]byte(nil), res.Body...)
		}
	}
	return res, err
}

// BenchmarkMissCanned is a one-number miss (Cainiao + register +
// gettrackinfo, decode, merge, cache writes) against replayed answers.
// Profile: go test -run '^$' -bench MissCanned -cpuprofile /tmp/miss.prof ./worker/
func BenchmarkMissCanned(b *testing.B) {
	h := benchHarness(b)
	rec := &recordTransport{Transport: newHTTPTransport(), answers: map[string][]byte{}}
	h.srv.tr = rec
	h.do("GET", "/v1/track/"+numTransit, "")
	h.srv.tr = &cannedTransport{number: numTransit, answers: rec.answers}
	i := 0
	b.ReportAllocs()
	for b.Loop() {
		i++
		req := httptest.NewRequest("GET", "/v1/track/"+trackertest.S10("RB", 20000+i, "CN"), nil)
		w := httptest.NewRecorder()
		h.srv.ServeHTTP(w, req)
		if w.Code != 200 {
			b.Fatalf("HTTP %d: %s", w.Code, w.Body.String())
		}
	}
}
