//go:build !js

package main

import (
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

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
