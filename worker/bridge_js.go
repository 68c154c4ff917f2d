//go:build js && wasm

package main

// The bridge between worker.mjs and the Go handler, replacing
// syumai/workers' per-request plumbing (see README "Where the time goes"):
//
//   - JavaScript calls binding.handle(method, url, headers, body, job) once
//     per request; Go serves it on a goroutine with a buffered
//     ResponseWriter and posts ("done", status, headers, body) to job
//     (job.mjs). Headers travel as one "\n"-joined string, byte payloads
//     going out as (pointer, length) that job.mjs copies during the call.
//   - Go never starts I/O itself. It posts ("fetch"|"sleep"|"cget"|"cput",
//     …) to the job of the request it works for, and the job's own loop in
//     worker.mjs performs it in that request's context (workerd ties I/O to
//     the request that started it, and Go may be running on another
//     request's stack when it asks). Results come back via binding.reply.
//   - No js.Func is created per request, so nothing leaks across requests.

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"syscall/js"
	"time"
	"unsafe"
)

// ptrLen passes b to JavaScript as (pointer, length) into the instance's
// memory; job.mjs copies the bytes out during the call, while b is alive.
// This spares a Uint8Array value (and its finalizer) per payload.
func ptrLen(b []byte) (int, int) {
	if len(b) == 0 {
		return 0, 0
	}
	return int(uintptr(unsafe.Pointer(unsafe.SliceData(b)))), len(b)
}

// joinPairs joins name/value pairs with "\n" (header names and values
// carry no newlines; cache keys are built from tracker-safe numbers).
func joinPairs(b *strings.Builder, pairs ...string) string {
	for i, p := range pairs {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p)
	}
	return b.String()
}

type jobKey struct{}

// job is the JavaScript side of one request.
type job struct{ obj js.Value }

func jobFrom(ctx context.Context) *job {
	j, _ := ctx.Value(jobKey{}).(*job)
	return j
}

// waiters holds the goroutines waiting for a reply from JavaScript.
var waiters = struct {
	sync.Mutex
	next int
	m    map[int]chan []js.Value
}{m: map[int]chan []js.Value{}}

func await() (int, chan []js.Value) {
	ch := make(chan []js.Value, 1)
	waiters.Lock()
	waiters.next++
	id := waiters.next
	waiters.m[id] = ch
	waiters.Unlock()
	return id, ch
}

func forget(id int) {
	waiters.Lock()
	delete(waiters.m, id)
	waiters.Unlock()
}

// reply is binding.reply(id, values...): the values go to the waiting
// goroutine as they are (positional arguments spare a JavaScript array and
// the js.Values of indexing it).
func reply(_ js.Value, args []js.Value) any {
	if len(args) < 1 {
		return nil
	}
	id := args[0].Int()
	waiters.Lock()
	ch := waiters.m[id]
	delete(waiters.m, id)
	waiters.Unlock()
	if ch != nil {
		ch <- args[1:]
	}
	return nil
}

func bytesFromJS(v js.Value) []byte {
	if v.IsNull() || v.IsUndefined() {
		return nil
	}
	b := make([]byte, v.Get("byteLength").Int())
	js.CopyBytesToGo(b, v)
	return b
}

// handleFunc returns binding.handle for h.
func handleFunc(h http.Handler) js.Func {
	return js.FuncOf(func(_ js.Value, args []js.Value) any {
		if len(args) < 5 {
			return "handle: want 5 arguments"
		}
		method, rawURL, hdrs, body, jobObj := args[0].String(), args[1].String(), args[2].String(), args[3], args[4]
		u, err := url.Parse(rawURL)
		if err != nil {
			u = &url.URL{Path: "/"}
		}
		header := http.Header{}
		for hdrs != "" {
			var k, v string
			k, hdrs, _ = strings.Cut(hdrs, "\n")
			v, hdrs, _ = strings.Cut(hdrs, "\n")
			header.Add(k, v)
		}
		req := &http.Request{Method: method, URL: u, Header: header, Host: u.Host,
			RemoteAddr: header.Get("CF-Connecting-IP"), Body: http.NoBody}
		if cl, err := strconv.ParseInt(header.Get("Content-Length"), 10, 64); err == nil {
			req.ContentLength = cl
		}
		if b := bytesFromJS(body); b != nil {
			req.Body = readCloser{bytes.NewReader(b)}
			if req.ContentLength <= 0 {
				req.ContentLength = int64(len(b))
			}
		}
		j := &job{obj: jobObj}
		req = req.WithContext(context.WithValue(context.Background(), jobKey{}, j))
		go serve(h, req, j)
		return nil
	})
}

type readCloser struct{ *bytes.Reader }

func (readCloser) Close() error { return nil }

func serve(h http.Handler, req *http.Request, j *job) {
	w := &bufferedWriter{header: http.Header{}}
	func() {
		defer func() {
			if recover() != nil {
				w.header = http.Header{"Content-Type": {"application/json"}}
				w.status = http.StatusInternalServerError
				w.body.Reset()
				w.body.WriteString(`{"error":{"code":"internal","message":"internal error"}}`)
			}
		}()
		h.ServeHTTP(w, req)
	}()
	if w.status == 0 {
		w.status = http.StatusOK
	}
	var hb strings.Builder
	for k, vs := range w.header {
		for _, v := range vs {
			if hb.Len() > 0 {
				hb.WriteByte('\n')
			}
			hb.WriteString(k)
			hb.WriteByte('\n')
			hb.WriteString(strings.ReplaceAll(v, "\n", " "))
		}
	}
	body := w.body.Bytes()
	ptr, n := ptrLen(body)
	j.obj.Call("post", "done", w.status, hb.String(), ptr, n)
}

// bufferedWriter collects the whole response: answers are small, and one
// copy into JavaScript beats streaming through a ReadableStream.
type bufferedWriter struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (w *bufferedWriter) Header() http.Header { return w.header }
func (w *bufferedWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
}
func (w *bufferedWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.body.Write(b)
}

// jsTransport performs upstream calls through the request's job.
type jsTransport struct{}

var errNoJob = errors.New("no request context for I/O")

func (jsTransport) Do(ctx context.Context, r *OutRequest) (*OutResponse, error) {
	j := jobFrom(ctx)
	if j == nil {
		return nil, errNoJob
	}
	var hb strings.Builder
	hdrs := joinPairs(&hb, r.Header...)
	ptr, n := ptrLen(r.Body)
	if r.Body == nil {
		n = -1
	}
	id, ch := await()
	defer forget(id)
	j.obj.Call("post", "fetch", id, r.Method, r.URL, hdrs, ptr, n, int(r.Timeout/time.Millisecond))
	var v []js.Value
	select {
	case v = <-ch:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	// v = status, body|null, error|null, retryAfter|null
	if len(v) < 4 {
		return nil, errors.New("fetch: short reply")
	}
	if e := v[2]; e.Type() == js.TypeString {
		switch e.String() {
		case "timeout":
			return nil, errTimeout
		case "too_large":
			return nil, errTooLarge
		case "busy":
			return nil, errBusy
		}
		return nil, errors.New("fetch failed")
	}
	res := &OutResponse{Status: v[0].Int(), Body: bytesFromJS(v[1])}
	if ra := v[3]; ra.Type() == js.TypeString {
		res.RetryAfter = ra.String()
	}
	if len(res.Body) > maxUpstreamBody { // job.mjs stops reading at the cap
		return nil, errTooLarge
	}
	return res, nil
}

func (jsTransport) Sleep(ctx context.Context, d time.Duration) {
	j := jobFrom(ctx)
	if j == nil {
		return
	}
	id, ch := await()
	defer forget(id)
	j.obj.Call("post", "sleep", id, int(d/time.Millisecond))
	select {
	case <-ch:
	case <-ctx.Done():
	}
}

// jsCache is the Workers Cache API, through the request's job.
type jsCache struct{}

func (jsCache) Get(ctx context.Context, keys []string) [][]byte {
	out := make([][]byte, len(keys))
	j := jobFrom(ctx)
	if j == nil {
		return out
	}
	var kb strings.Builder
	ks := joinPairs(&kb, keys...)
	id, ch := await()
	defer forget(id)
	j.obj.Call("post", "cget", id, ks)
	var args []js.Value
	select {
	case args = <-ch:
	case <-ctx.Done():
		return out
	}
	if len(args) == 0 || args[0].Type() != js.TypeObject {
		return out
	}
	v := args[0]
	for i := range out {
		if i < v.Length() {
			out[i] = bytesFromJS(v.Index(i))
		}
	}
	return out
}

func (jsCache) Put(ctx context.Context, key string, val []byte, ttl time.Duration) {
	if j := jobFrom(ctx); j != nil && ttl >= time.Second {
		ptr, n := ptrLen(val)
		j.obj.Call("post", "cput", key, ptr, n, int(ttl/time.Second))
	}
}

// jsRateLimiter is the Workers Rate Limiting binding (env.RATE_LIMITER),
// through the request's job. Its counters are Cloudflare's, shared by the
// isolates of a location, and survive any instance restart. If the binding
// fails, the in-memory limiter decides (better than no limit at all).
type jsRateLimiter struct {
	period   time.Duration // the binding's period (10 or 60 s), for Retry-After
	fallback *limiter
}

func (l jsRateLimiter) Allow(ctx context.Context, client string, now time.Time) (bool, time.Duration) {
	j := jobFrom(ctx)
	if j == nil {
		return l.fallback.Allow(ctx, client, now)
	}
	id, ch := await()
	defer forget(id)
	j.obj.Call("post", "rl", id, client)
	var v []js.Value
	select {
	case v = <-ch:
	case <-ctx.Done():
		return false, time.Second
	}
	if len(v) < 1 || v[0].Type() != js.TypeBoolean {
		return l.fallback.Allow(ctx, client, now)
	}
	if v[0].Bool() {
		return true, 0
	}
	// The binding's windows are aligned to the clock: wait for the next one.
	p := max(l.period, time.Second)
	return false, p - time.Duration(now.UnixNano()%int64(p))
}

// jsLedger is the registration ledger's Durable Object (env.LEDGER, class
// Ledger in worker.mjs), through the request's job.
type jsLedger struct{}

var errLedger = errors.New("the ledger did not answer")

func (jsLedger) call(ctx context.Context, op, client string, numbers []string, now time.Time, perClient, global int) (string, error) {
	j := jobFrom(ctx)
	if j == nil {
		return "", errNoJob
	}
	var nb strings.Builder
	id, ch := await()
	defer forget(id)
	j.obj.Call("post", "ledger", id, op, client, joinPairs(&nb, numbers...), now.UnixMilli(), perClient, global)
	var v []js.Value
	select {
	case v = <-ch:
	case <-ctx.Done():
		return "", ctx.Err()
	}
	if len(v) < 2 || v[0].Type() != js.TypeString {
		if len(v) >= 2 && v[1].Type() == js.TypeString {
			return "", errors.New(v[1].String())
		}
		return "", errLedger
	}
	return v[0].String(), nil
}

func (l jsLedger) Reserve(ctx context.Context, client string, numbers []string, now time.Time, perClient, global int) ([]string, error) {
	out, err := l.call(ctx, "reserve", client, numbers, now, perClient, global)
	if err != nil {
		return nil, err
	}
	verdicts := strings.Split(out, "\n")
	if len(verdicts) != len(numbers) {
		return nil, errors.New("ledger: " + strconv.Itoa(len(verdicts)) + " verdicts for " + strconv.Itoa(len(numbers)) + " numbers")
	}
	return verdicts, nil
}

func (l jsLedger) Release(ctx context.Context, numbers []string) {
	_, _ = l.call(ctx, "release", "", numbers, time.Time{}, 0, 0)
}
