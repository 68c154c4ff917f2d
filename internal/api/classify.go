package api

import (
	"github.com/waybill/waybill/internal/jsonr"
	"github.com/waybill/waybill/internal/jsonw"
	"github.com/waybill/waybill/internal/status"
)

// Classify answers contract 1's classify call.
//
// Input: {"source":"aliexpress|cainiao|17track|text","code"?,"text"?,"lang"?}
// (all strings; "text" ignores code). Output: {"status","sub"?,"stage"?}
// where status is a contract-1 status, sub a sub-status such as
// "available_for_pickup_point", and stage the progress stage the event
// proves, by name: "ordered", "shipped", "international", "destination" or
// "delivered" (omitted when it proves none). Errors: "bad_json" (not a JSON
// object), "bad_input" (a field of the wrong type), "unknown_source".
func Classify(dst, in []byte) []byte {
	return guard(dst, in, "classify", func(dst, in []byte) []byte {
		if !jsonr.Valid(in) || !isObject(in) {
			return AppendError(dst, "bad_json", "classify: input is not a JSON object")
		}
		var fields [4]string
		for i, name := range [...]string{"source", "code", "text", "lang"} {
			r := jsonr.Get(in, name)
			if !r.Exists() || r.Type == jsonr.Null {
				continue
			}
			if r.Type != jsonr.String {
				return AppendError(dst, "bad_input", "classify: \""+name+"\" must be a string")
			}
			fields[i] = r.String()
		}
		source := fields[0]
		if source == "" {
			return AppendError(dst, "bad_input", "classify: \"source\" is required (aliexpress, cainiao, 17track or text)")
		}
		if !status.KnownSource(source) {
			return AppendError(dst, "unknown_source", "classify: unknown source \""+source+"\" (want aliexpress, cainiao, 17track or text)")
		}
		c := status.Classify(source, fields[1], fields[2], fields[3])
		w := jsonw.Writer{B: dst}
		w.ObjStart()
		w.KeyStr("status", string(c.Status))
		w.KeyStrOmit("sub", c.Sub)
		if c.Stage != status.StageUnknown {
			w.KeyStr("stage", c.Stage.String())
		}
		w.ObjEnd()
		return w.B
	})
}

// isObject reports whether the first non-space byte of in opens an object.
func isObject(in []byte) bool {
	for _, c := range in {
		switch c {
		case ' ', '\t', '\n', '\r':
			continue
		}
		return c == '{'
	}
	return false
}
