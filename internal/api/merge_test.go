package api

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// mergeOut is contract 1's merge answer, for decoding in tests.
type mergeOut struct {
	Status string `json:"status"`
	Sub    string `json:"sub"`
	Events []struct {
		Time     string   `json:"time"`
		Status   string   `json:"status"`
		Stage    int      `json:"stage"`
		Text     string   `json:"text"`
		Location string   `json:"location"`
		Sources  []string `json:"sources"`
		Numbers  []string `json:"numbers"`
	} `json:"events"`
	Numbers []string `json:"numbers"`
	Legs    []struct {
		Number, Role, Carrier string
		Sources               []string
	} `json:"legs"`
	Conflicts []struct {
		Code, Message string
		Sources       []string
		Numbers       []string
		Times         []string
	} `json:"conflicts"`
	Advice []struct {
		Code     string   `json:"code"`
		Numbers  []string `json:"numbers"`
		Reason   string   `json:"reason"`
		Deadline string   `json:"deadline"`
		From     string   `json:"from"`
		Days     *int     `json:"days"`
	} `json:"advice"`
	LastEventAt     *string `json:"lastEventAt"`
	DaysSinceUpdate *int    `json:"daysSinceUpdate"`
	Stale           bool    `json:"stale"`
	StaleAfterDays  int     `json:"staleAfterDays"`
	Progress        struct {
		Stage int    `json:"stage"`
		Of    int    `json:"of"`
		Name  string `json:"name"`
	} `json:"progress"`
	ETA *struct {
		Min, Max        string
		AfterProtection bool `json:"afterProtection"`
	} `json:"eta"`
	Protection *struct {
		EndsAt      string `json:"endsAt"`
		Estimated   bool   `json:"estimated"`
		DaysLeft    int    `json:"daysLeft"`
		DisputeFrom string `json:"disputeFrom"`
	} `json:"protection"`
	Errors []struct{ Source, Number, Code, Message string } `json:"errors"`
	Error  *struct{ Code, Message string }                  `json:"error"`
}

func runMerge(t testing.TB, in string) mergeOut {
	t.Helper()
	out := Merge(nil, []byte(in))
	require.True(t, json.Valid(out), "invalid JSON: %s", out)
	var m mergeOut
	require.NoError(t, json.Unmarshal(out, &m), "%s", out)
	return m
}

// A parcel seen by Cainiao (its clock six hours early on the destination
// scan), 17TRACK and AliExpress; events carry decode's statuses so the test
// does not depend on the classifier's tables.
const mergeSample = `{
  "now": "2024-05-20T12:00:00Z",
  "order": {"id": "8199633578334590", "status": "in_transit", "placedAt": "2024-05-01T08:00:00Z",
            "shippedAt": "2024-05-02T08:00:00Z", "protectionEndsAt": "2024-07-01T08:00:00+02:00"},
  "sources": [
    {"source": "cainiao", "number": "LP00123456789012", "carrier": "Cainiao",
     "numbers": [{"number": "RC000000005EE", "role": "last_mile", "carrier": "Ukrposhta"}],
     "eta": {"min": "2024-05-18T00:00:00Z", "max": "2024-05-25T00:00:00Z"},
     "events": [
      {"time": "2024-05-10T03:00:00Z", "text": "Arrived at destination country", "code": "LH_ARRIVE", "status": "in_transit", "stage": 4},
      {"time": "2024-05-03T10:00:00Z", "text": "Accepted by carrier", "code": "PU_PICKUP_SUCCESS", "location": "Shenzhen", "status": "in_transit", "stage": 2},
      {"time": "2024-05-05T02:00:00Z", "text": "Departed from departure country", "code": "LH_DEPART", "status": "in_transit", "stage": 3}
    ]},
    {"source": "17track", "number": "RC000000005EE",
     "contacts": [{"name": "Ukrposhta", "phone": "0800300545", "url": "https://ukrposhta.ua"}],
     "events": [
      {"time": "2024-05-10T09:00:00Z", "text": "Arrived at destination country", "location": "Kyiv", "status": "in_transit", "stage": 4},
      {"time": "2024-05-12T07:30:00Z", "text": "Delivered", "location": "Kyiv", "status": "delivered", "sub": "delivered_signed", "stage": 5}
    ]},
    {"source": "aliexpress", "number": "LP00123456789012", "error": {"code": "upstream_timeout", "message": "no answer in 5 s"}}
  ]
}`

func TestMergeJSON(t *testing.T) {
	m := runMerge(t, mergeSample)
	require.Nil(t, m.Error)
	assert.Equal(t, "delivered", m.Status)
	assert.Equal(t, "delivered_signed", m.Sub)
	require.Len(t, m.Events, 4)
	var times []string
	for _, e := range m.Events {
		times = append(times, e.Time)
	}
	assert.Equal(t, []string{"2024-05-03T10:00:00Z", "2024-05-05T02:00:00Z", "2024-05-10T09:00:00Z", "2024-05-12T07:30:00Z"}, times)
	// The destination scan: one event from both sources, 17TRACK's clock and
	// the richer location.
	assert.Equal(t, []string{"17track", "cainiao"}, m.Events[2].Sources)
	assert.Equal(t, "Kyiv", m.Events[2].Location)
	assert.Equal(t, []string{"LP00123456789012", "RC000000005EE"}, m.Events[2].Numbers)
	assert.Equal(t, "Shenzhen", m.Events[0].Location)

	assert.Equal(t, []string{"LP00123456789012", "RC000000005EE"}, m.Numbers)
	require.Len(t, m.Legs, 2)
	assert.Equal(t, "first_mile", m.Legs[0].Role)
	assert.Equal(t, "last_mile", m.Legs[1].Role)
	assert.Equal(t, "Ukrposhta", m.Legs[1].Carrier)

	assert.Empty(t, m.Conflicts)
	require.NotNil(t, m.LastEventAt)
	assert.Equal(t, "2024-05-12T07:30:00Z", *m.LastEventAt)
	require.NotNil(t, m.DaysSinceUpdate)
	assert.Equal(t, 8, *m.DaysSinceUpdate)
	assert.False(t, m.Stale)
	assert.Equal(t, 5, m.Progress.Stage)
	assert.Equal(t, 5, m.Progress.Of)
	assert.Equal(t, "delivered", m.Progress.Name)
	require.NotNil(t, m.ETA)
	assert.Equal(t, "2024-05-25T00:00:00Z", m.ETA.Max)
	require.NotNil(t, m.Protection)
	assert.Equal(t, "2024-07-01T06:00:00Z", m.Protection.EndsAt)
	assert.Equal(t, "2024-05-13T08:00:00Z", m.Protection.DisputeFrom)
	assert.False(t, m.Protection.Estimated)
	require.Len(t, m.Errors, 1)
	assert.Equal(t, "upstream_timeout", m.Errors[0].Code)
	assert.Empty(t, m.Advice, "a delivered parcel whose sources agree needs nothing")
}

func TestMergeJSONAdvice(t *testing.T) {
	in := `{"now":"2024-05-14T08:00:00Z","order":{"id":"8199633578334590","shippedAt":"2024-05-02T08:00:00Z"},
	  "sources":[{"source":"cainiao","number":"LX 299455986CN","events":[
	    {"time":"2024-05-02T09:00:00Z","text":"Shipment information received","status":"info_received"}]}]}`
	m := runMerge(t, in)
	require.Nil(t, m.Error)
	var codes []string
	for _, a := range m.Advice {
		codes = append(codes, a.Code)
	}
	assert.Equal(t, []string{"check_number", "open_dispute"}, codes)
	assert.Equal(t, "whitespace", m.Advice[0].Reason)
	assert.Equal(t, []string{"LX 299455986CN"}, m.Advice[0].Numbers)
	d := m.Advice[1]
	assert.Equal(t, "no_progress", d.Reason)
	assert.Equal(t, []string{"LX299455986CN"}, d.Numbers)
	assert.Equal(t, "2024-05-13T08:00:00Z", d.From)
	assert.Equal(t, "2024-07-01T08:00:00Z", d.Deadline, "60-day estimate")
	require.NotNil(t, d.Days)
	assert.Equal(t, 12, *d.Days)
	require.NotNil(t, m.Protection)
	assert.True(t, m.Protection.Estimated)
}

func TestMergeJSONNoEvents(t *testing.T) {
	m := runMerge(t, `{"now":"2024-05-20T12:00:00Z","sources":[]}`)
	require.Nil(t, m.Error)
	assert.Equal(t, "unknown", m.Status)
	assert.NotNil(t, m.Events)
	assert.Empty(t, m.Events)
	assert.Nil(t, m.LastEventAt)
	assert.Nil(t, m.DaysSinceUpdate)
	out := string(Merge(nil, []byte(`{"now":"2024-05-20T12:00:00Z","sources":[]}`)))
	for _, k := range []string{`"events":[]`, `"numbers":[]`, `"conflicts":[]`, `"advice":[]`, `"lastEventAt":null`} {
		assert.Contains(t, out, k)
	}
}

// With no tracking events the order's own status speaks: a contract
// spelling, or an AliExpress order code through status.Classify.
func TestMergeJSONOrderStatus(t *testing.T) {
	for _, tc := range []struct{ order, status, sub string }{
		{`{"id":"8199633578334590","status":"cancelled"}`, "cancelled", ""},
		{`{"id":"8199633578334590","status":"WAIT_BUYER_ACCEPT_GOODS","shippedAt":"2024-05-02T08:00:00Z"}`, "in_transit", "in_transit_shipped"},
		{`{"id":"8199633578334590","status":"Awaiting delivery"}`, "in_transit", "in_transit_shipped"},
		{`{"id":"8199633578334590","placedAt":"2024-05-02T08:00:00Z"}`, "pending", ""},
	} {
		m := runMerge(t, `{"now":"2024-05-20T12:00:00Z","order":`+tc.order+`,"sources":[]}`)
		require.Nil(t, m.Error, tc.order)
		assert.Equal(t, tc.status, m.Status, tc.order)
		assert.Equal(t, tc.sub, m.Sub, tc.order)
	}
}

func TestMergeJSONErrors(t *testing.T) {
	ok := `{"time":"2024-05-02T09:00:00Z","text":"x"}`
	src := func(ev string) string {
		return `{"now":"2024-05-20T12:00:00Z","sources":[{"source":"cainiao","number":"LP1","events":[` + ok + `,` + ev + `]}]}`
	}
	tests := []struct{ in, code, field string }{
		{``, "bad_json", "JSON"},
		{`{`, "bad_json", "JSON"},
		{`[]`, "bad_input", "object"},
		{`42`, "bad_input", "object"},
		{`null`, "bad_input", "object"},
		{`{"sources":[]}`, "bad_input", "now"},
		{`{"now":"yesterday","sources":[]}`, "bad_input", "now"},
		{`{"now":1716206400,"sources":[]}`, "bad_input", "now"},
		{`{"now":"2024-05-20T12:00:00Z"}`, "bad_input", "sources"},
		{`{"now":"2024-05-20T12:00:00Z","sources":{}}`, "bad_input", "sources"},
		{`{"now":"2024-05-20T12:00:00Z","sources":[42]}`, "bad_input", "sources[0]"},
		{`{"now":"2024-05-20T12:00:00Z","sources":[{"number":"X"}]}`, "bad_input", "sources[0].source"},
		{`{"now":"2024-05-20T12:00:00Z","sources":[{"source":7}]}`, "bad_input", "sources[0].source"},
		{`{"now":"2024-05-20T12:00:00Z","sources":[{"source":"x","events":{}}]}`, "bad_input", "sources[0].events"},
		{`{"now":"2024-05-20T12:00:00Z","sources":[{"source":"x","eta":"soon"}]}`, "bad_input", "sources[0].eta"},
		{`{"now":"2024-05-20T12:00:00Z","sources":[{"source":"x","numbers":"LP1"}]}`, "bad_input", "sources[0].numbers"},
		{`{"now":"2024-05-20T12:00:00Z","order":[],"sources":[]}`, "bad_input", "order"},
		{`{"now":"2024-05-20T12:00:00Z","order":{"shippedAt":"May 2"},"sources":[]}`, "bad_input", "order.shippedAt"},
		{src(`{"text":"no time"}`), "bad_input", "sources[0].events[1].time"},
		{src(`{"time":"2024-13-02T09:00:00Z"}`), "bad_input", "sources[0].events[1].time"},
		{src(`{"time":"2024-05-02T09:00:00Z","text":5}`), "bad_input", "sources[0].events[1].text"},
		{src(`"Delivered"`), "bad_input", "sources[0].events[1]"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			m := runMerge(t, tc.in)
			require.NotNil(t, m.Error, "want an error")
			assert.Equal(t, tc.code, m.Error.Code)
			assert.Contains(t, m.Error.Message, tc.field)
			assert.True(t, strings.HasPrefix(m.Error.Message, "merge: "), m.Error.Message)
		})
	}
}

func TestMergeJSONBounds(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"now":"2024-05-20T12:00:00Z","sources":[{"source":"cainiao","number":"LP1","events":[`)
	for i := 0; i <= MaxMergeEvents; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`{"time":"2024-05-02T09:00:00Z"}`)
	}
	b.WriteString(`]}]}`)
	m := runMerge(t, b.String())
	require.NotNil(t, m.Error)
	assert.Equal(t, "too_large", m.Error.Code)

	b.Reset()
	b.WriteString(`{"now":"2024-05-20T12:00:00Z","sources":[`)
	for i := 0; i <= MaxMergeSources; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`{"source":"text","number":"X"}`)
	}
	b.WriteString(`]}`)
	m = runMerge(t, b.String())
	require.NotNil(t, m.Error)
	assert.Equal(t, "too_large", m.Error.Code)
}

// The JSON answer does not depend on the order of sources or events.
func TestMergeJSONOrderIndependent(t *testing.T) {
	var v map[string]any
	require.NoError(t, json.Unmarshal([]byte(mergeSample), &v))
	srcs := v["sources"].([]any)
	srcs[0], srcs[2] = srcs[2], srcs[0]
	evs := srcs[2].(map[string]any)["events"].([]any)
	evs[0], evs[2] = evs[2], evs[0]
	swapped, err := json.Marshal(v)
	require.NoError(t, err)
	assert.Equal(t, string(Merge(nil, []byte(mergeSample))), string(Merge(nil, swapped)))
}

func FuzzMerge(f *testing.F) {
	f.Add([]byte(mergeSample))
	f.Add([]byte(`{"now":"2024-05-20T12:00:00Z","sources":[]}`))
	f.Add([]byte(`{"now":"2024-05-20T12:00:00Z","order":{"id":"1","status":"WAIT_BUYER_ACCEPT_GOODS","shippedAt":"0001-01-01T00:00:00Z"},"sources":[{"source":"cainiao","number":"","events":[{"time":"9999-12-31T23:59:59Z","text":"\u0000"},{"time":"0000-01-01T00:00:00Z","status":"delivered","stage":99}]}]}`))
	f.Add([]byte(`{"now":"2024-05-20T12:00:00Z","sources":[{"source":"17track","number":"X","status":"Delivered","eta":"2024-05-22T00:00:00+14:00","events":[{"time":"2024-05-02T09:00:00-12:00","text":"[Town] Delivered","status":"delivered"},{"time":"2024-05-02T21:00:00Z","text":"Delivered","status":"available_for_pickup"}]}]}`))
	f.Add([]byte(`{"now":"2024-05-20T12:00:00Z","sources":[{"source":"x","error":"boom"},{"source":"x","noTracking":true,"carrier":{"name":"Super Economy"}}]}`))
	f.Add([]byte(`[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]`))
	f.Fuzz(func(t *testing.T, in []byte) {
		out := Merge(nil, in)
		if !json.Valid(out) {
			t.Fatalf("invalid JSON for %q: %s", in, out)
		}
		var m mergeOut
		if err := json.Unmarshal(out, &m); err != nil {
			t.Fatalf("%v: %s", err, out)
		}
		if m.Error != nil && m.Error.Code == "internal" {
			t.Fatalf("panic for %q: %s", in, m.Error.Message)
		}
	})
}

// merge10kJSON is a merge input of about 10,000 events from three sources
// with shared scans and Cainiao's clock six hours off.
func merge10kJSON() []byte {
	var b strings.Builder
	b.WriteString(`{"now":"2025-06-01T00:00:00Z","order":{"id":"8199633578334590","shippedAt":"2024-01-01T00:00:00Z"},"sources":[`)
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for si, s := range []struct {
		name, number string
		shift        time.Duration
		every        int
	}{{"cainiao", "LP00123456789012", -6 * time.Hour, 1}, {"17track", "RC000000005EE", 0, 1}, {"aliexpress", "AA000000000BR", 0, 2}} {
		if si > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"source":%q,"number":%q,"events":[`, s.name, s.number)
		first := true
		for i := 0; i < 4000; i += s.every {
			if !first {
				b.WriteByte(',')
			}
			first = false
			at := start.Add(time.Duration(i)*97*time.Minute + s.shift)
			st, stage := "in_transit", 3
			if i == 3999 {
				st, stage = "delivered", 5
			}
			fmt.Fprintf(&b, `{"time":%q,"text":"Scan %d at hub %d","location":"Hub %d","code":"SC_%d","status":%q,"stage":%d}`,
				at.Format(time.RFC3339), i, i%50, i%50, i%7, st, stage)
		}
		b.WriteString(`]}`)
	}
	b.WriteString(`]}`)
	return []byte(b.String())
}

func TestMerge10kJSON(t *testing.T) {
	in := merge10kJSON()
	m := runMerge(t, string(in))
	require.Nil(t, m.Error)
	assert.Len(t, m.Events, 4000, "every scan once, whichever sources reported it")
	assert.Equal(t, "delivered", m.Status)
}

func BenchmarkMergeJSON10k(b *testing.B) {
	in := merge10kJSON()
	var dst []byte
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		dst = Merge(dst[:0], in)
	}
}
