package api

import (
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/waybill/waybill/internal/jsonr"
	"github.com/waybill/waybill/internal/jsonw"
	"github.com/waybill/waybill/internal/source"
	"github.com/waybill/waybill/internal/status"
	"github.com/waybill/waybill/internal/timeline"
	"github.com/waybill/waybill/internal/timeutil"
)

func TestJSONTimeMatchesRoundTrip(t *testing.T) {
	lo, hi := timeutil.Date(1, 1, 1, 0, 0, 0), timeutil.Date(9999, 12, 31, 23, 59, 59)
	for _, x := range []int64{1, 999, 1000, 1001, -1, -999, -1000, -1001, 1700000000123, -62135596800000,
		lo, lo - 1, lo + 1, lo - 1000, hi, hi + 999, hi + 1000, hi + 1, -5e15, 5e15} {
		var buf [48]byte
		want, wantOK := timeutil.ParseRFC3339(string(timeutil.AppendRFC3339(buf[:0], x)))
		got, ok := jsonTime(x)
		require.Equal(t, wantOK, ok, "%d", x)
		if ok {
			require.Equal(t, want, got, "%d", x)
		}
	}
}

func TestJSONString(t *testing.T) {
	for _, s := range []string{"", "abc", "a\xffb", "\xed\xa0\x80", "é\u2028<>&\"\\\x00\x1f", "\xf0\x9f\x98", "ok\xc3"} {
		raw := AppendError(nil, "c", s)
		want := jsonrMessage(raw)
		require.Equal(t, want, jsonString(s), "%q", s)
	}
}

func jsonrMessage(raw []byte) string {
	return jsonrGet(raw, "error.message")
}

func jsonrGet(raw []byte, path string) string { return jsonr.Get(raw, path).String() }

// mergeViaJSON is the worker's JSON path: decode's source written, its
// status replaced, read back by Merge.
func mergeViaJSON(now int64, srcs []timeline.SourceTimeline, statuses []string) []byte {
	b := []byte(`{"now":"`)
	b = timeutil.AppendRFC3339(b, now)
	b = append(b, `","sources":[`...)
	for i := range srcs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"source":`...)
		b = jsonw.AppendString(b, srcs[i].Source)
		b = append(b, `,"status":`...)
		b = jsonw.AppendString(b, statuses[i])
		b = append(b, ',')
		b = AppendSourceRest(b, &srcs[i])
		b = append(b, '}')
	}
	return Merge(nil, append(b, "]}"...))
}

func TestMergeSourcesMatchesJSONPath(t *testing.T) {
	now := timeutil.Date(2026, 12, 7, 12, 0, 0)
	ev := func(t int64, text, code string, st status.Status, sub string, stage status.Stage) timeline.Event {
		return timeline.Event{Time: t, Text: text, Code: code, Status: st, Sub: sub, Stage: stage, Location: "Z\xffrich", Number: "X", Source: "y"}
	}
	var legs []timeline.Leg
	for i := range 40 {
		legs = append(legs, timeline.Leg{Number: "LP" + strconv.Itoa(i) + "\xfe", Role: "last_mile", Carrier: "c", Source: "other"})
	}
	var contacts []timeline.Contact
	for range 20 {
		contacts = append(contacts, timeline.Contact{Name: "Correios\xc3", Phone: "123", URL: "https://x"})
	}
	base := timeutil.Date(2026, 11, 20, 8, 30, 0)
	cases := [][]timeline.SourceTimeline{
		{{Source: "cainiao", Number: "RB123456785CN", Carrier: "China\xffPost", Status: status.InTransit,
			Events: []timeline.Event{
				ev(base+123, "Accepted by carrier", "", status.InfoReceived, "", 1),
				ev(0, "no time", "", status.InTransit, "", 2),
				ev(500, "epoch", "", status.InTransit, "", 2),
				ev(base+3600_999, "Arrived at customs", "CC_HO_IN", "", "", 0),
				ev(base+7200_000, "Delivered to pickup point", "", status.Unknown, "x", 3),
				ev(base+8000_000, "weird stage", "", status.InTransit, "in_transit_\xffother", 9),
				ev(base+9000_000, "neg stage", "", status.Delivered, "", -1),
				ev(base+9500_000, "not a contract status", "", "moving", "", 2),
			},
			Legs: legs, Contacts: contacts, ETAMin: base + 86400_500, NoTracking: true}},
		{{Source: "17track", Number: "LX123\xe2\x82", Status: "", ETAMax: base + 1,
			Events: []timeline.Event{ev(base, "Out for delivery", "", "", "", 0)}},
			{Source: "cainiao", Number: "LX123", Events: nil}},
	}
	for ci, c := range cases {
		statuses := []string{"in_transit", "unknown"}
		viaJSON := mergeViaJSON(now, c, statuses)
		direct := make([]timeline.SourceTimeline, len(c))
		for i := range c {
			st := c[i]
			st.Events = append([]timeline.Event(nil), st.Events...)
			st.Legs = append([]timeline.Leg(nil), st.Legs...)
			st.Contacts = append([]timeline.Contact(nil), st.Contacts...)
			require.True(t, AsMergeInput(&st, c[i].Source, statuses[i]))
			direct[i] = st
		}
		require.Equal(t, string(viaJSON), string(MergeSources(nil, now, direct)), "case %d", ci)
		require.NotContains(t, string(viaJSON), `"error"`)
	}
	// A time Merge would refuse.
	st := timeline.SourceTimeline{Source: "cainiao", Events: []timeline.Event{{Time: timeutil.Date(9999, 12, 31, 23, 59, 59) + 1000}}}
	require.False(t, AsMergeInput(&st, "cainiao", ""))
}

// FuzzMergeSourcesMatchesJSONPath: for any Cainiao or 17TRACK payload, the
// decoded timelines merged as structs give the answer the JSON round trip
// (Decode's output, read back by Merge) gives.
func FuzzMergeSourcesMatchesJSONPath(f *testing.F) {
	f.Add(false, []byte(`{"module":[{"mailNo":"X\xff","destCpInfo":{"cpName":"C\xfe"},"detailList":[{"timeStr":"2024-02-29 23:59:59","actionCode":"GTMS_SIGNED","standerdDesc":"[Town] Delivered"},{"time":1709251199999,"desc":"Arrived <ok>","group":{"nodeCode":"AE_GROUP_LH_PROCESSING"}}]}],"success":true}`))
	f.Add(true, []byte(`{"code":0,"data":{"accepted":[{"number":"A","track_info":{"tracking":{"providers":[{"events":[{"time_raw":"2024-01-01 10:00","description":"Out for delivery"},{"time_iso":"2024-01-02T10:00:00.123+08:00","description":"x"}]}]}}}]}}`))
	now := timeutil.Date(2026, 12, 7, 12, 0, 0)
	f.Fuzz(func(t *testing.T, seventeen bool, payload []byte) {
		src := "cainiao"
		if seventeen {
			src = "17track"
		}
		res, err := source.Decode(src, payload, source.Options{Lang: "pt-BR"})
		if err != nil {
			return
		}
		var viaJSON, direct []timeline.SourceTimeline
		var statuses []string
		for i := range res.Sources {
			st := res.Sources[i]
			if st.ErrCode != "" || len(viaJSON) == MaxMergeSources {
				continue
			}
			viaJSON = append(viaJSON, st)
			statuses = append(statuses, string(st.Status))
			cp := st
			cp.Events = append([]timeline.Event(nil), st.Events...)
			cp.Legs = append([]timeline.Leg(nil), st.Legs...)
			cp.Contacts = append([]timeline.Contact(nil), st.Contacts...)
			if !AsMergeInput(&cp, src, string(st.Status)) {
				return // the worker takes the JSON path then
			}
			direct = append(direct, cp)
		}
		for i := range viaJSON {
			viaJSON[i].Source = src
		}
		want := mergeViaJSON(now, viaJSON, statuses)
		if jsonr.Get(want, "error").Exists() {
			return // too many events: the worker takes the JSON path
		}
		require.Equal(t, string(want), string(MergeSources(nil, now, direct)))
	})
}
