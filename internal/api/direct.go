package api

import (
	"unicode/utf8"

	"github.com/waybill/waybill/internal/jsonr"
	"github.com/waybill/waybill/internal/jsonw"
	"github.com/waybill/waybill/internal/status"
	"github.com/waybill/waybill/internal/timeline"
	"github.com/waybill/waybill/internal/timeutil"
)

// The worker's short cut between decode and merge: instead of writing a
// decoded source as JSON (Decode), reading that JSON back (Merge's input)
// and only then merging, it keeps the decoder's timeline.SourceTimeline,
// rewrites it as Merge would have read it back (AsMergeInput) and merges
// the structs (MergeSources). The answers are byte for byte those of the
// JSON round trip; core.wasm does not call these, so they cost it nothing.

// AppendSourceRest appends the members of Decode's source object other
// than "source" and "status", as Decode writes them: `"number":…,"events":[…],…`,
// without braces.
func AppendSourceRest(dst []byte, st *timeline.SourceTimeline) []byte {
	w := jsonw.Writer{B: dst}
	w.KeyStr("number", st.Number)
	w.KeyStrOmit("carrier", st.Carrier)
	appendSourceTail(&w, st)
	return w.B
}

// AsMergeInput rewrites st, a decoder's source without an error, as Merge
// reads back {"source":name,"status":status,<AppendSourceRest(st)>}: times
// to whole seconds, invalid UTF-8 to U+FFFD, events without a contract
// status classified, legs and contacts capped. It reports false when some
// value would not survive the round trip (Merge would refuse the input);
// the caller then takes the JSON path, whose answer is the error.
func AsMergeInput(st *timeline.SourceTimeline, name, status string) bool {
	st.Source = name
	st.Number = jsonString(st.Number)
	st.Carrier = jsonString(st.Carrier)
	st.Status = ""
	if status != "" {
		st.Status = sourceStatus(name, jsonString(status))
	}
	evs := st.Events[:0]
	for _, e := range st.Events {
		if e.Time == 0 {
			continue // Decode leaves it out
		}
		t, ok := jsonTime(e.Time)
		if !ok {
			return false
		}
		ev := timeline.Event{Time: t, Text: jsonString(e.Text), Location: jsonString(e.Location), Code: jsonString(e.Code)}
		if s, ok := contractStatus(string(e.Status)); ok && s != statusUnknown {
			ev.Status = s
			ev.Sub = jsonString(e.Sub)
			if e.Stage >= 0 && e.Stage <= statusStageCount {
				ev.Stage = e.Stage
			}
		} else {
			c := classifyEvent(name, ev.Code, ev.Text)
			ev.Status, ev.Sub, ev.Stage = c.Status, c.Sub, c.Stage
			if ev.Status == "" {
				ev.Status = statusUnknown
			}
		}
		evs = append(evs, ev)
	}
	clear(st.Events[len(evs):])
	st.Events = evs
	if len(st.Legs) > 32 {
		st.Legs = st.Legs[:32]
	}
	for i := range st.Legs {
		l := &st.Legs[i]
		l.Number, l.Role, l.Carrier, l.Source = jsonString(l.Number), jsonString(l.Role), jsonString(l.Carrier), name
	}
	if st.ETAMin != 0 || st.ETAMax != 0 {
		var ok1, ok2 bool
		st.ETAMin, ok1 = jsonTimeOrZero(st.ETAMin)
		st.ETAMax, ok2 = jsonTimeOrZero(st.ETAMax)
		if !ok1 || !ok2 {
			return false
		}
	}
	if len(st.Contacts) > 16 {
		st.Contacts = st.Contacts[:16]
	}
	for i := range st.Contacts {
		c := &st.Contacts[i]
		c.Name, c.Phone, c.URL = jsonString(c.Name), jsonString(c.Phone), jsonString(c.URL)
	}
	st.ErrCode, st.ErrMsg = "", ""
	return true
}

// ErrorSource is the source Merge reads from {"source":name,"number":number,
// "events":[],"error":{"code":code,"message":msg}}.
func ErrorSource(name, number, code, msg string) timeline.SourceTimeline {
	st := timeline.SourceTimeline{Source: jsonString(name), Number: jsonString(number),
		ErrCode: jsonString(code), ErrMsg: jsonString(msg)}
	if st.ErrCode == "" {
		st.ErrCode = "error"
	}
	return st
}

// ReadSource reads one source object of Merge's input (valid or not); false
// when Merge would refuse it.
func ReadSource(in []byte) (timeline.SourceTimeline, bool) {
	var st timeline.SourceTimeline
	if !jsonr.Valid(in) {
		return st, false
	}
	total := 0
	code, _ := readSource(jsonr.Result{Type: jsonr.JSON, Raw: trimJSONSpace(in)}, "sources[0]", &st, &total)
	return st, code == "" && total <= MaxMergeEvents
}

// MergeSources answers Merge for {"now":now,"sources":srcs} where every
// source is as Merge would read it (AsMergeInput, ErrorSource, ReadSource),
// with at most MaxMergeSources sources and MaxMergeEvents events in all.
func MergeSources(dst []byte, now int64, srcs []timeline.SourceTimeline) []byte {
	return guard(dst, nil, "merge", func(dst, _ []byte) []byte {
		r := timeline.Merge(timeline.Input{Now: now, Sources: srcs})
		return appendMergeResult(dst, &r)
	})
}

const (
	statusUnknown    = status.Unknown
	statusStageCount = status.StageCount
)

func classifyEvent(source, code, text string) status.Class {
	return status.Classify(source, code, text, "")
}

// jsonString is s after jsonw.AppendString and jsonr's unquoting: each
// byte of invalid UTF-8 becomes U+FFFD.
func jsonString(s string) string {
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			return fixUTF8(s)
		}
		i += n
	}
	return s
}

func fixUTF8(s string) string {
	out := make([]byte, 0, len(s)+8)
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			out = utf8.AppendRune(out, utf8.RuneError)
		} else {
			out = append(out, s[i:i+n]...)
		}
		i += n
	}
	return string(out)
}

// jsonTime is t after writeTime and readTime: whole seconds (toward the
// past); false when the written time would not parse (outside years
// 1–9999).
func jsonTime(t int64) (int64, bool) {
	if t < minJSONTime || t > maxJSONTime {
		return 0, false
	}
	return t - (t%1000+1000)%1000, true
}

var (
	minJSONTime = timeutil.Date(1, 1, 1, 0, 0, 0)
	maxJSONTime = timeutil.Date(9999, 12, 31, 23, 59, 59) + 999
)

func jsonTimeOrZero(t int64) (int64, bool) {
	if t == 0 {
		return 0, true
	}
	return jsonTime(t)
}

// NumberSource is the source Merge reads from {"source":name,"number":number,"events":[]}.
func NumberSource(name, number string) timeline.SourceTimeline {
	return timeline.SourceTimeline{Source: jsonString(name), Number: jsonString(number)}
}
