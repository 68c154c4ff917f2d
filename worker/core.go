package main

// The seam between the worker and the core (internal/): parsing numbers,
// decoding tracker payloads into timelines, merging. Everything the worker
// knows about the core's Go API is in this file.

import (
	"errors"
	"strings"
	"time"

	"github.com/tidwall/gjson"
	"github.com/waybill/waybill/internal/api"
	"github.com/waybill/waybill/internal/jsonw"
	coresrc "github.com/waybill/waybill/internal/source"
	"github.com/waybill/waybill/internal/status"
	"github.com/waybill/waybill/internal/timeline"
)

const timeLayout = time.RFC3339

// parseNumber runs contract 1's parse on one requested number and decides
// whom to ask about it (contract 2): Cainiao about every plausible number
// that is not an order or product id, whatever its check digit says (some
// carriers issue numbers that fail it, and Cainiao's data is authoritative);
// 17TRACK, whose registrations cost quota, only about proven numbers — a
// recognised format whose check digit is valid or that has none (parse's
// valid) — unless Cainiao has events for the number (decided later, in
// seventeenSource). Only in the shape both trackers accept (5–50 letters,
// digits, '-').
func parseNumber(input string) numberInfo {
	out := api.Parse(nil, []byte(input))
	info := numberInfo{input: input, parse: out}
	res := gjson.ParseBytes(out)
	info.number = res.Get("number").String()
	if info.number == "" {
		info.number = strings.ToUpper(strings.Join(strings.Fields(input), ""))
	}
	if !trackerSafe(info.number) {
		return info
	}
	if res.Get("valid").Bool() {
		info.lookup, info.proven = true, true
		return info
	}
	plausible := false
	for _, p := range res.Get("problems").Array() {
		switch p.Str {
		case "order_number", "product_id", "empty", "too_long":
			return info
		case "check_digit", "look_alike":
			plausible = true
		case "unknown_format":
			plausible = plausible || len(info.number) >= 8 && strings.ContainsAny(info.number, "0123456789")
		}
	}
	info.lookup = plausible
	return info
}

// trackerSafe reports whether n can be sent to the trackers as is.
func trackerSafe(n string) bool {
	if len(n) < 5 || len(n) > 50 {
		return false
	}
	for i := 0; i < len(n); i++ {
		c := n[i]
		if !(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '-') {
			return false
		}
	}
	return true
}

// mergeTimeline runs contract 1's merge on a merge input document.
func mergeTimeline(dst, in []byte) []byte { return api.Merge(dst, in) }

// decoded is what the core made of one number's answer from one tracker:
// a merge-ready source (contract 1's decode output) split into the status
// and the rest of its fields, and the same source as merge reads it.
type decoded struct {
	number string
	status string
	rest   []byte // the source object's other members, `"number":…,"events":[…],…`, no braces
	events int
	final  bool                     // status.IsTerminal: the answer will not change
	tl     *timeline.SourceTimeline // merge's reading of {"source","status",rest}; nil: read rest
}

// decodePayload runs contract 1's decode on a tracker's answer (valid JSON)
// and returns the sources it made that carry no error; per-number failures
// are read from the envelope by the caller. It calls the decoder itself
// rather than api.Decode: the same sources and errors without writing the
// payload into a decode input, validating it again and reading the decode
// answer back with gjson; each source keeps its timeline for the merge
// (api.AsMergeInput), so a miss never parses its own JSON.
func decodePayload(src string, payload []byte, lang string) (out []decoded, err error) {
	// api.Decode's input would be {"source":src,"lang":lang,"payload":payload}.
	size := len(`{"source":"","payload":}`) + len(src) + len(payload)
	if lang != "" {
		size += len(`,"lang":`) + len(jsonw.AppendString(nil, lang))
	}
	if size > api.MaxInput {
		return nil, errors.New("decode: input is larger than 4 MiB")
	}
	defer func() {
		// api.Decode's guard: a panic is an error, not the instance's end.
		if v := recover(); v != nil {
			msg := "decode: internal error"
			if s, ok := v.(string); ok {
				msg += ": " + s
			} else if e, ok := v.(error); ok {
				msg += ": " + e.Error()
			}
			out, err = nil, errors.New(msg)
		}
	}()
	res, err := coresrc.Decode(src, payload, coresrc.Options{Lang: lang})
	if err != nil {
		if e, ok := err.(*coresrc.Error); ok {
			return nil, errors.New("decode: " + e.Message)
		}
		return nil, err
	}
	out = make([]decoded, 0, len(res.Sources))
	for i := range res.Sources {
		st := &res.Sources[i]
		if st.ErrCode != "" {
			continue
		}
		d := decoded{status: string(st.Status)}
		d.rest = api.AppendSourceRest(make([]byte, 0, 128+200*len(st.Events)), st)
		last := -1
		for j := range st.Events {
			if st.Events[j].Time != 0 {
				d.events++
				last = j
			}
		}
		if d.status == "" || d.status == string(status.Unknown) {
			// Events are oldest first: the newest decides.
			d.status = ""
			if last >= 0 {
				d.status = string(st.Events[last].Status)
			}
			if d.status == "" {
				d.status = string(status.Unknown)
			}
		}
		d.final = status.IsTerminal(status.Status(d.status))
		d.tl = st
		if !api.AsMergeInput(st, src, d.status) {
			d.tl = nil
		}
		d.number = st.Number // as merge (and gjson) read it back
		out = append(out, d)
	}
	return out, nil
}

// resultFrom makes a fresh source result from a decoded answer.
func (s *Server) resultFrom(d decoded, fetchedAt string) *sourceResult {
	ttl := s.cfg.CacheTTL
	if d.final {
		ttl = s.cfg.FinalTTL
	}
	return &sourceResult{ok: true, fetchedAt: fetchedAt, status: d.status, rest: d.rest, ttl: ttl, tl: d.tl}
}
