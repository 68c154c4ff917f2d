package api

import (
	"github.com/waybill/waybill/internal/jsonw"
	"github.com/waybill/waybill/internal/tracknum"
)

// Extract answers contract 1's extract call: in is raw text (UTF-8, not
// JSON); the answer is [{"number","start","end","input","valid",
// "candidates","problems"}], start/end being UTF-16 offsets into the text.
func Extract(dst, in []byte) []byte {
	return guard(dst, in, "extract", func(dst, in []byte) []byte {
		p := getParser()
		defer putParser(p)
		w := jsonw.Writer{B: dst}
		w.ArrStart()
		p.Extract(string(in), func(m *tracknum.Match) bool {
			w.ObjStart()
			w.KeyStr("number", m.Number)
			w.KeyInt("start", int64(m.Start))
			w.KeyInt("end", int64(m.End))
			w.KeyStr("input", m.Input)
			writeVerdict(&w, &m.Result)
			w.ObjEnd()
			return true
		})
		w.ArrEnd()
		return w.B
	})
}
