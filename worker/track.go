package main

import (
	"bytes"
	"context"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/tidwall/gjson"
	"github.com/waybill/waybill/internal/api"
	"github.com/waybill/waybill/internal/jsonw"
	"github.com/waybill/waybill/internal/timeline"
)

// source is one upstream tracker. fetch asks it about numbers that missed
// the cache and answers every one of them (a result or an error); known
// holds those of them that have a cache entry past its freshness. keep
// says how long to store an answer that is fresh for ttl.
type source interface {
	name() string
	configured() bool
	cacheKey(number, lang string) string
	keep(ttl time.Duration) time.Duration
	fetch(ctx context.Context, rq *trackReq, numbers []string, known map[string]bool) map[string]*sourceResult
}

// trackReq is what the sources share about one request.
type trackReq struct {
	lang   string
	client string          // clientID: the per-client registration budget's key
	proven map[string]bool // numbers 17TRACK may be asked to register on their own
	// cainiao holds Cainiao's answers once cainiaoDone is closed.
	cainiao     map[string]*sourceResult
	cainiaoDone chan struct{}
}

// cainiaoHasEvents waits for Cainiao's answers and reports whether it has
// events for n: then n is real, and worth a 17TRACK registration.
func (rq *trackReq) cainiaoHasEvents(ctx context.Context, n string) bool {
	select {
	case <-rq.cainiaoDone:
	case <-ctx.Done():
		return false
	}
	r := rq.cainiao[n]
	if r == nil || !r.ok {
		return false
	}
	if r.tl != nil {
		return len(r.tl.Events) > 0
	}
	return gjson.GetBytes(append(append([]byte{'{'}, r.rest...), '}'), "events.#").Int() > 0
}

// sourceResult is what one source said about one number.
type sourceResult struct {
	ok        bool
	cached    bool
	fetchedAt string // RFC 3339, UTC
	status    string
	rest      []byte // the merge-ready source's other members (see decoded)
	ttl       time.Duration
	errCode   string
	errMsg    string
	// tl is rest as merge reads it, kept from a fresh decode (nil for a
	// cached answer): the merge then takes it as is.
	tl *timeline.SourceTimeline
}

func failed(code, msg string) *sourceResult { return &sourceResult{errCode: code, errMsg: msg} }

// numberInfo is one requested number after parsing.
type numberInfo struct {
	input  string
	number string // normalised
	parse  []byte // contract 1 parse answer
	lookup bool   // plausible: ask Cainiao (and 17TRACK, see proven)
	proven bool   // parse's valid: 17TRACK may register it without Cainiao's word
}

// track answers POST /v1/track and GET /v1/track/{number}.
func (s *Server) track(ctx context.Context, client string, inputs []string, lang string) (int, []byte) {
	infos := make([]numberInfo, len(inputs))
	var unique []string
	seen := map[string]bool{}
	rq := &trackReq{lang: lang, client: client, proven: map[string]bool{}, cainiaoDone: make(chan struct{})}
	for i, in := range inputs {
		if info, ok := s.parsed.get(in); ok {
			infos[i] = info
		} else {
			infos[i] = parseNumber(in)
			s.parsed.put(in, infos[i])
		}
		if n := infos[i].number; infos[i].lookup && !seen[n] {
			seen[n] = true
			unique = append(unique, n)
		}
		if infos[i].proven {
			rq.proven[infos[i].number] = true
		}
	}

	results := make([]map[string]*sourceResult, len(s.sources))
	if len(unique) > 0 {
		var wg sync.WaitGroup
		for i, src := range s.sources {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if src.name() == "cainiao" {
					defer func() { rq.cainiao = results[i]; close(rq.cainiaoDone) }()
				}
				defer func() {
					// A panic here would end the whole Go instance: turn it into
					// this source's error for every number instead.
					if v := recover(); v != nil {
						s.logf("panic in source %s: %v", src.name(), v)
						r := failed("internal", src.name()+": internal error")
						results[i] = map[string]*sourceResult{}
						for _, n := range unique {
							results[i][n] = r
						}
					}
				}()
				results[i] = s.lookupSource(ctx, src, unique, rq)
			}()
		}
		wg.Wait()
	}

	now := s.now().UTC()
	nowStr := now.Format(time.RFC3339)
	// The answer holds each source's rest and a merge about as long as
	// them: size it once rather than grow it.
	restBytes := 0
	for _, m := range results {
		for _, r := range m {
			restBytes += len(r.rest)
		}
	}
	w := jsonw.Writer{B: make([]byte, 0, 1024+len(inputs)*2048+restBytes*5/2)}
	var mergeIn, id []byte
	var srcs []timeline.SourceTimeline
	names := make([]string, len(s.sources))
	for i, src := range s.sources {
		names[i] = src.name()
	}
	rs := make([]*sourceResult, len(s.sources))
	anyOK, anyFail, allTimeout := false, false, true
	var failures []string

	w.ObjStart()
	w.Key("results")
	w.ArrStart()
	for _, info := range infos {
		w.ObjStart()
		w.KeyStr("number", info.number)
		w.Key("parse")
		w.Raw(info.parse)
		w.Key("sources")
		w.ArrStart()
		rs = rs[:0]
		if info.lookup {
			for i, src := range s.sources {
				r := results[i][info.number]
				if r == nil {
					r = failed("internal", "no answer")
				}
				rs = append(rs, r)
				writeSource(&w, src.name(), r)
				if r.ok {
					anyOK = true
				} else if r.errCode != "not_configured" && r.errCode != "unverified" {
					anyFail = true
					if r.errCode != "timeout" {
						allTimeout = false
					}
					failures = append(failures, src.name()+": "+r.errCode)
				}
			}
		}
		w.ArrEnd()
		// Merge, or reuse the merge of the very same answers made moments ago.
		id = append(append(append(append(id[:0], info.number...), 0), lang...), 0)
		id = inputsID(id, names, rs)
		key := string(id)
		m, ok := s.merged.get(key)
		if !ok || now.Sub(m.at) >= mergeMemoTTL || now.Before(m.at) {
			var out []byte
			if srcs, mergeIn, ok = mergeSources(srcs[:0], mergeIn, names, info, rs); ok && now.Unix() != 0 {
				n := 256
				for _, r := range rs {
					n += len(r.rest) * 5 / 4
				}
				out = api.MergeSources(make([]byte, 0, n), now.Unix()*1000, srcs)
			} else {
				out = mergeTimeline(nil, mergeInput(mergeIn[:0], nowStr, names, info, rs))
			}
			clear(srcs)
			m = mergedEntry{out: out, at: now}
			s.merged.put(key, m)
		}
		w.Key("merged")
		w.Raw(m.out)
		w.ObjEnd()
	}
	w.ArrEnd()
	status := http.StatusOK
	if anyFail && !anyOK {
		status = http.StatusBadGateway
		code := "upstream_failed"
		if allTimeout {
			status, code = http.StatusGatewayTimeout, "upstream_timeout"
		}
		w.KeyError(code, "every tracker failed: "+strings.Join(dedupe(failures), "; "))
	}
	w.ObjEnd()
	return status, w.B
}

func writeSource(w *jsonw.Writer, name string, r *sourceResult) {
	w.ObjStart()
	w.KeyStr("source", name)
	w.KeyBool("ok", r.ok)
	if r.ok {
		w.KeyBool("cached", r.cached)
		w.KeyStr("fetchedAt", r.fetchedAt)
		w.KeyStr("status", r.status)
		w.B = append(w.B, ',')
		w.B = append(w.B, r.rest...)
	} else {
		w.KeyError(r.errCode, r.errMsg)
	}
	w.ObjEnd()
}

// mergeSources makes a number's merge input as api.Merge would read it
// from mergeInput's document, without that document: fresh answers bring
// their decoded timelines, cached ones are read from their rest (buf is
// scratch space). ok is false when the document must be merged instead
// (something api.Merge would refuse).
func mergeSources(dst []timeline.SourceTimeline, buf []byte, names []string, info numberInfo, rs []*sourceResult) (_ []timeline.SourceTimeline, _ []byte, ok bool) {
	total := 0
	for i, r := range rs {
		switch {
		case !r.ok:
			dst = append(dst, api.ErrorSource(names[i], info.number, r.errCode, r.errMsg))
		case r.tl != nil:
			dst = append(dst, *r.tl)
		default:
			buf = appendMergeSource(buf[:0], names[i], info.number, r)
			st, ok := api.ReadSource(buf)
			if !ok {
				return dst, buf, false
			}
			dst = append(dst, st)
		}
		total += len(dst[len(dst)-1].Events)
	}
	if !info.lookup {
		dst = append(dst, api.NumberSource("text", info.number))
	}
	return dst, buf, total <= api.MaxMergeEvents && len(dst) <= api.MaxMergeSources
}

// mergeInput writes contract 1's merge input for one number.
func mergeInput(b []byte, nowStr string, names []string, info numberInfo, rs []*sourceResult) []byte {
	b = append(b, `{"now":`...)
	b = jsonw.AppendString(b, nowStr)
	b = append(b, `,"sources":[`...)
	for i, r := range rs {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendMergeSource(b, names[i], info.number, r)
	}
	if !info.lookup {
		// No tracker was asked; the number itself is the only source,
		// so the merge can still advise check_number (order id, typo).
		b = append(b, `{"source":"text","number":`...)
		b = jsonw.AppendString(b, info.number)
		b = append(b, `,"events":[]}`...)
	}
	return append(b, "]}"...)
}

// appendMergeSource writes one entry of contract 1's merge input.
func appendMergeSource(b []byte, name, number string, r *sourceResult) []byte {
	b = append(b, `{"source":`...)
	b = jsonw.AppendString(b, name)
	if r.ok {
		b = append(b, `,"status":`...)
		b = jsonw.AppendString(b, r.status)
		b = append(b, ',')
		b = append(b, r.rest...)
	} else {
		b = append(b, `,"number":`...)
		b = jsonw.AppendString(b, number)
		b = append(b, `,"events":[],"error":{"code":`...)
		b = jsonw.AppendString(b, r.errCode)
		b = append(b, `,"message":`...)
		b = jsonw.AppendString(b, r.errMsg)
		b = append(b, '}')
	}
	return append(b, '}')
}

// lookupSource answers numbers from the cache where it can and asks src
// about the rest, caching what it says.
func (s *Server) lookupSource(ctx context.Context, src source, numbers []string, rq *trackReq) map[string]*sourceResult {
	lang := rq.lang
	out := make(map[string]*sourceResult, len(numbers))
	if !src.configured() {
		r := failed("not_configured", src.name()+" is not configured on this worker")
		for _, n := range numbers {
			out[n] = r
		}
		return out
	}
	keys := make([]string, len(numbers))
	for i, n := range numbers {
		keys[i] = src.cacheKey(n, lang)
	}
	vals := s.store.Get(ctx, keys)
	now := s.now()
	var misses []string
	known := map[string]bool{}
	for i, n := range numbers {
		r, fresh, ok := decodeCached(vals[i], now)
		switch {
		case ok && fresh:
			out[n] = r
		case ok:
			known[n] = true
			misses = append(misses, n)
		default:
			misses = append(misses, n)
		}
	}
	if len(misses) == 0 {
		return out
	}
	got := src.fetch(ctx, rq, misses, known)
	for _, n := range misses {
		r := got[n]
		if r == nil {
			r = failed("bad_response", src.name()+" did not answer for "+n)
		}
		if keep := src.keep(r.ttl); r.ok && keep > 0 {
			s.store.Put(ctx, src.cacheKey(n, lang), encodeCached(r, now), keep)
		}
		out[n] = r
	}
	return out
}

// The cache holds one source's normalised answer for one number:
// "v3\n" fetchedAt "\n" status "\n" freshUntil "\n" rest, where freshUntil
// is Unix seconds and rest the merge-ready source's other members. Compact
// JSON never contains a raw newline, and a hit costs no JSON parsing: rest
// is spliced into the answer as is. An entry may outlive its freshness
// (see source.keep): it then still tells that the number was seen.
const cacheVersion = "v3\n"

func encodeCached(r *sourceResult, now time.Time) []byte {
	b := make([]byte, 0, len(cacheVersion)+len(r.fetchedAt)+len(r.status)+len(r.rest)+16)
	b = append(b, cacheVersion...)
	b = append(b, r.fetchedAt...)
	b = append(b, '\n')
	b = append(b, r.status...)
	b = append(b, '\n')
	b = strconv.AppendInt(b, now.Add(r.ttl).Unix(), 10)
	b = append(b, '\n')
	return append(b, r.rest...)
}

// decodeCached reads an entry; fresh tells whether it may be served.
func decodeCached(v []byte, now time.Time) (r *sourceResult, fresh, ok bool) {
	rest, ok := bytes.CutPrefix(v, []byte(cacheVersion))
	if !ok {
		return nil, false, false
	}
	var f [3][]byte
	for i := range f {
		j := bytes.IndexByte(rest, '\n')
		if j < 0 {
			return nil, false, false
		}
		f[i], rest = rest[:j], rest[j+1:]
	}
	until, err := strconv.ParseInt(string(f[2]), 10, 64)
	if err != nil || len(rest) == 0 || rest[0] != '"' {
		return nil, false, false
	}
	r = &sourceResult{ok: true, cached: true, fetchedAt: string(f[0]), status: string(f[1]), rest: rest}
	return r, now.Unix() < until, true
}

// call makes one upstream request with one retry (after a backoff) on 429,
// 5xx or a network error. A non-nil *sourceResult is the error to report.
func (s *Server) call(ctx context.Context, srcName string, req *OutRequest) (*OutResponse, *sourceResult) {
	req.Timeout = s.cfg.UpstreamTimeout
	var res *OutResponse
	var err error
	for attempt := 0; attempt < 2; attempt++ {
		res, err = s.tr.Do(ctx, req)
		switch err {
		case errTimeout:
			return nil, failed("timeout", srcName+" did not answer within "+strconv.Itoa(int(s.cfg.UpstreamTimeout/time.Millisecond))+" ms")
		case errTooLarge:
			return nil, failed("bad_response", srcName+" answered more than 4 MiB; the worker stopped reading it")
		case errBusy:
			return nil, failed("busy", "the worker is reading too many large answers at once; retry shortly")
		}
		retry := err != nil || res.Status == http.StatusTooManyRequests || res.Status >= 500
		if !retry || attempt == 1 || ctx.Err() != nil {
			break
		}
		wait := s.cfg.RetryBackoff
		if res != nil {
			if secs, e := strconv.Atoi(res.RetryAfter); e == nil && secs > 0 {
				wait = min(time.Duration(secs)*time.Second, 2*time.Second)
			}
		}
		s.tr.Sleep(ctx, wait)
	}
	switch {
	case err != nil:
		return nil, failed("unreachable", srcName+" could not be reached")
	case res.Status == http.StatusTooManyRequests:
		return nil, failed("rate_limited", srcName+" is rate limiting this worker (HTTP 429)")
	case res.Status == http.StatusUnauthorized || res.Status == http.StatusForbidden:
		return nil, failed("unauthorized", srcName+" refused the worker's credentials (HTTP "+strconv.Itoa(res.Status)+")")
	case res.Status != http.StatusOK:
		return nil, failed("upstream_error", srcName+" answered HTTP "+strconv.Itoa(res.Status))
	}
	// Decoding costs a few times the answer's size: hold its bytes in the
	// instance's budget until the caller releases them.
	n := len(res.Body)
	if s.bytes.acquire(ctx, n) != nil {
		return nil, failed("timeout", srcName+": the request ended while waiting to decode the answer")
	}
	res.release = func() { s.bytes.release(n) }
	if err := checkDepth(res.Body, maxDepth); err != nil {
		res.Release()
		return nil, failed("bad_response", srcName+" answered unacceptable JSON: "+err.Error())
	}
	return res, nil
}

func dedupe(xs []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}
