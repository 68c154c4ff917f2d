package main

import (
	"context"
	"slices"
	"strconv"
	"time"

	"github.com/tidwall/gjson"
	"github.com/waybill/waybill/internal/jsonw"
)

// seventeenBatch is the most numbers 17TRACK accepts per call.
const seventeenBatch = 40

// 17TRACK codes the worker acts on (reference §1.9).
const (
	code17AlreadyRegistered = -18019901
	code17NotRegistered     = -18019902
	code17NoInfoYet         = -18019909
	code17DailyLimit        = -18019907
	code17QuotaExhausted    = -18019908
	code17BadKey            = -18010002
)

// seventeenSource asks the 17TRACK v2.2 API: register (once per number,
// remembered in the cache because registering costs quota), then
// gettrackinfo (free).
type seventeenSource struct{ s *Server }

func (t *seventeenSource) name() string     { return "17track" }
func (t *seventeenSource) configured() bool { return t.s.cfg.SeventeenToken != "" }

func (t *seventeenSource) cacheKey(number, _ string) string { return "17track/" + number }

// keep stores 17TRACK answers for as long as a registration is remembered:
// past its freshness an entry still says "registered", so remembering
// registrations costs no cache operations of its own.
func (t *seventeenSource) keep(time.Duration) time.Duration { return t.s.cfg.RegisteredTTL }

func (t *seventeenSource) fetch(ctx context.Context, rq *trackReq, numbers []string, known map[string]bool) map[string]*sourceResult {
	out := make(map[string]*sourceResult, len(numbers))
	for start := 0; start < len(numbers); start += seventeenBatch {
		batch := numbers[start:min(start+seventeenBatch, len(numbers))]
		t.fetchBatch(ctx, rq, batch, known, out)
	}
	return out
}

// admit decides which numbers without a cache entry may be registered
// (contract 2: quota is spent only on real numbers) and reserves them in
// the shared ledger, which also spends the daily budgets. It returns the
// numbers to register and those registered already (the ledger says so, or
// said so to this instance before: s.registered, so that a number whose
// cache entry was evicted costs no Durable Object call); every other
// number gets its error in out.
func (t *seventeenSource) admit(ctx context.Context, rq *trackReq, numbers []string, out map[string]*sourceResult) (toRegister, ready []string) {
	s := t.s
	var real []string
	now := s.now()
	for _, n := range numbers {
		if until, ok := s.registered.get(n); ok && now.Before(until) {
			// The ledger confirmed it registered (this instance saw it) and
			// only its cache entry is gone: no Durable Object call, no
			// budget spent, as the entry itself would have done.
			ready = append(ready, n)
		} else if rq.proven[n] || rq.cainiaoHasEvents(ctx, n) {
			real = append(real, n)
		} else {
			out[n] = failed("unverified", "17track is asked only about numbers with a valid check digit, or that Cainiao has events for; "+n+" is neither")
		}
	}
	if len(real) == 0 {
		return nil, ready
	}
	verdicts, err := s.ledger.Reserve(ctx, rq.client, real, now, s.cfg.RegisterPerClient, s.cfg.RegisterGlobal)
	if err != nil || len(verdicts) != len(real) {
		s.logf("registration ledger: %v", err)
		for _, n := range real {
			out[n] = failed("unavailable", "17track: the registration ledger could not be reached; retry shortly")
		}
		return nil, ready
	}
	for i, n := range real {
		switch verdicts[i] {
		case ledgerKnown:
			s.registered.put(n, now.Add(s.cfg.RegisteredTTL))
			ready = append(ready, n)
		case ledgerNew:
			toRegister = append(toRegister, n)
		case ledgerQuotaClient:
			out[n] = failed("quota", "17track: this client's daily budget of "+strconv.Itoa(s.cfg.RegisterPerClient)+" new numbers is used up; numbers already followed still answer")
		default:
			out[n] = failed("quota", "17track: the worker's daily budget of "+strconv.Itoa(s.cfg.RegisterGlobal)+" new numbers is used up; numbers already followed still answer")
		}
	}
	return toRegister, ready
}

// fetchBatch registers the numbers 17TRACK has not seen from this worker
// (known: those with a cache entry, fresh or not), then asks for all.
func (t *seventeenSource) fetchBatch(ctx context.Context, rq *trackReq, numbers []string, known map[string]bool, out map[string]*sourceResult) {
	s := t.s
	var candidates, ready, registered []string
	for _, n := range numbers {
		if known[n] {
			ready = append(ready, n)
		} else {
			candidates = append(candidates, n)
		}
	}
	toRegister, already := t.admit(ctx, rq, candidates, out)
	ready = append(ready, already...)
	registered = append(registered, already...)
	defer func() {
		// Remember new registrations even when this round brought no answer:
		// a stale placeholder entry says "registered" and nothing more.
		now := s.now()
		for _, n := range registered {
			if r := out[n]; r == nil || !r.ok {
				ph := &sourceResult{ok: true, fetchedAt: now.UTC().Format(timeLayout), status: "unknown",
					rest: append(append([]byte(`"number":`), jsonw.AppendString(nil, n)...), `,"events":[]`...)}
				s.store.Put(ctx, t.cacheKey(n, ""), encodeCached(ph, now), s.cfg.RegisteredTTL)
			}
		}
	}()
	if len(toRegister) > 0 {
		body, release, fail := t.post(ctx, "register", toRegister)
		if fail != nil {
			s.ledger.Release(ctx, toRegister)
			for _, n := range toRegister {
				out[n] = fail
			}
		} else {
			defer release()
			accepted := map[string]bool{}
			gjson.GetBytes(body, "data.accepted.#.number").ForEach(func(_, v gjson.Result) bool {
				accepted[v.String()] = true
				return true
			})
			rejected := map[string]gjson.Result{}
			gjson.GetBytes(body, "data.rejected").ForEach(func(_, v gjson.Result) bool {
				rejected[v.Get("number").String()] = v.Get("error")
				return true
			})
			for _, n := range toRegister {
				e, isRejected := rejected[n]
				switch {
				case accepted[n] || (isRejected && e.Get("code").Int() == code17AlreadyRegistered):
					s.registered.put(n, s.now().Add(s.cfg.RegisteredTTL))
					registered = append(registered, n)
					ready = append(ready, n)
				case isRejected:
					out[n] = t.rejection(e)
					s.ledger.Release(ctx, []string{n})
				default:
					out[n] = failed("bad_response", "17track's register answer has no entry for "+n)
					s.ledger.Release(ctx, []string{n})
				}
			}
		}
	}
	if len(ready) == 0 {
		return
	}
	body, release, fail := t.post(ctx, "gettrackinfo", ready)
	if fail != nil {
		for _, n := range ready {
			out[n] = fail
		}
		return
	}
	defer release()
	fetchedAt := s.now().UTC().Format(timeLayout)
	if gjson.GetBytes(body, "data.accepted.#").Int() > 0 {
		decoded, err := decodePayload("17track", body, "")
		if err != nil {
			for _, n := range ready {
				out[n] = failed("bad_response", "17track: "+err.Error())
			}
			return
		}
		// Several carriers can answer for one number: keep the fullest story.
		best := map[string]int{}
		for _, d := range decoded {
			if !slices.Contains(ready, d.number) {
				continue
			}
			if prev, seen := best[d.number]; !seen || d.events > prev {
				best[d.number] = d.events
				out[d.number] = s.resultFrom(d, fetchedAt)
			}
		}
	}
	gjson.GetBytes(body, "data.rejected").ForEach(func(_, v gjson.Result) bool {
		n := v.Get("number").String()
		if !slices.Contains(ready, n) || out[n] != nil {
			return true
		}
		e := v.Get("error")
		switch e.Get("code").Int() {
		case code17NoInfoYet:
			// Normal right after registering: 17TRACK has not fetched yet.
			rest := append([]byte(`"number":`), jsonw.AppendString(nil, n)...)
			out[n] = &sourceResult{ok: true, fetchedAt: fetchedAt, status: "not_found",
				rest: append(rest, `,"events":[]`...), ttl: s.cfg.PendingTTL}
		case code17NotRegistered:
			// Registration expired upstream: forget it (an entry that does
			// not decode) so the next lookup registers again.
			s.store.Put(ctx, t.cacheKey(n, ""), []byte("unregistered"), s.cfg.RegisteredTTL)
			s.registered.del(n)
			s.ledger.Release(ctx, []string{n})
			registered = slices.DeleteFunc(registered, func(x string) bool { return x == n })
			out[n] = t.rejection(e)
		default:
			out[n] = t.rejection(e)
		}
		return true
	})
	for _, n := range ready {
		if out[n] == nil {
			out[n] = failed("bad_response", "17track's gettrackinfo answer has no entry for "+n)
		}
	}
}

// post calls one 17TRACK endpoint with [{"number":…},…] and checks the
// envelope. The token goes into the 17token header and nowhere else.
func (t *seventeenSource) post(ctx context.Context, endpoint string, numbers []string) ([]byte, func(), *sourceResult) {
	w := jsonw.Writer{B: make([]byte, 0, 24*len(numbers)+2)}
	w.ArrStart()
	for _, n := range numbers {
		w.ObjStart()
		w.KeyStr("number", n)
		w.ObjEnd()
	}
	w.ArrEnd()
	res, fail := t.s.call(ctx, "17track", &OutRequest{
		Method: "POST",
		URL:    t.s.cfg.SeventeenURL + "/" + endpoint,
		Header: []string{"Content-Type", "application/json", "17token", t.s.cfg.SeventeenToken},
		Body:   w.B,
	})
	if fail != nil {
		if fail.errCode == "unauthorized" {
			fail.errMsg = "17track refused the worker's API key (check SEVENTEEN_TOKEN)"
		}
		return nil, nil, fail
	}
	if !gjson.ValidBytes(res.Body) {
		res.Release()
		return nil, nil, failed("bad_response", "17track answered something that is not JSON")
	}
	if code := gjson.GetBytes(res.Body, "code").Int(); code != 0 {
		e := gjson.GetBytes(res.Body, "data.errors.0")
		if !e.Exists() {
			e = gjson.Parse(`{"code":` + strconv.FormatInt(code, 10) + `}`)
		}
		r := t.rejection(e)
		res.Release()
		return nil, nil, r
	}
	return res.Body, res.Release, nil
}

// rejection turns a 17TRACK {code,message} error into a source error. The
// upstream message is kept (short, scrubbed of the token) for diagnosis.
func (t *seventeenSource) rejection(e gjson.Result) *sourceResult {
	code := e.Get("code").Int()
	msg := e.Get("message").String()
	// Redact before cutting (the answer is redacted again on its way out,
	// but a cut could leave a stub of the key shorter than the redactor's
	// window).
	msg = t.s.red.redactString(msg)
	if len(msg) > 200 {
		msg = msg[:200]
	}
	detail := " (17TRACK " + strconv.FormatInt(code, 10) + ")"
	if msg != "" {
		detail = ": " + msg + detail
	}
	switch code {
	case code17BadKey, -18010001, -18010004, -18010005, 401:
		return failed("unauthorized", "17track refused the worker's API key"+detail)
	case code17DailyLimit, code17QuotaExhausted:
		return failed("quota", "17track's own quota for this key is used up"+detail)
	case -18010012, -18010013, -18010015, -18019903:
		return failed("rejected", "17track rejected the number"+detail)
	}
	return failed("upstream_error", "17track error"+detail)
}
