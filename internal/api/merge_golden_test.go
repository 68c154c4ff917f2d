package api

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/waybill/waybill/internal/testenv"
)

var updateMergeGolden = flag.Bool("update-merge", false, "rewrite internal/api/testdata/merge/*.json")

// decodeSample runs the decode call on one real sample and returns its
// merge-ready sources and order.
func decodeSample(t *testing.T, source, rel string) ([]json.RawMessage, json.RawMessage) {
	t.Helper()
	payload, err := os.ReadFile(testenv.Data(t, rel))
	require.NoError(t, err)
	in, err := json.Marshal(map[string]any{"source": source, "payload": json.RawMessage(payload), "utcOffsetMinutes": -180})
	require.NoError(t, err)
	var out struct {
		Sources []json.RawMessage `json:"sources"`
		Order   json.RawMessage   `json:"order"`
		Error   *struct{ Code, Message string }
	}
	require.NoError(t, json.Unmarshal(Decode(nil, in), &out))
	require.Nil(t, out.Error, "decode %s", rel)
	return out.Sources, out.Order
}

// TestMergeGolden merges the real samples: the same Cainiao parcel captured
// on two days, and each sample on its own, through decode and merge as the
// extension calls them. The answers are kept in testdata/merge; the
// assertions below say what each one must show.
func TestMergeGolden(t *testing.T) {
	type part struct{ source, rel string }
	tests := []struct {
		name  string
		now   string
		parts []part
		check func(t *testing.T, m mergeOut)
	}{
		{
			name: "cainiao_AE010698498_two_captures",
			now:  "2023-01-30T00:00:00Z",
			parts: []part{
				{"cainiao", "upstream/cainiao/cainiao_global_detail_json_AE010698498_2023-01-28.json"},
				{"cainiao", "upstream/cainiao/cainiao_global_detail_json_AE010698498_2023-01-29.json"},
			},
			check: func(t *testing.T, m mergeOut) {
				assert.Len(t, m.Events, 19, "the later capture holds every earlier event; none doubles")
				assert.Equal(t, "2023-01-29T00:31:00Z", *m.LastEventAt, "timeStr 08:31 read as UTC+8")
				assert.Equal(t, 4, m.Progress.Stage, "in customs in Israel")
				assert.Empty(t, m.Conflicts)
			},
		},
		{
			name:  "cainiao_AE010698498_later_capture_only",
			now:   "2023-01-30T00:00:00Z",
			parts: []part{{"cainiao", "upstream/cainiao/cainiao_global_detail_json_AE010698498_2023-01-29.json"}},
			check: func(t *testing.T, m mergeOut) { assert.Len(t, m.Events, 19) },
		},
		{
			name:  "aliexpress_querydetail",
			now:   "2026-07-30T12:00:00Z",
			parts: []part{{"aliexpress", "aliexpress/logistics-querydetail.json"}},
			check: func(t *testing.T, m mergeOut) {
				assert.Equal(t, "delivered", m.Status)
				assert.Equal(t, 5, m.Progress.Stage)
				assert.Contains(t, m.Numbers, "LP00000000000000")
				assert.Contains(t, m.Numbers, "AA000000000BR")
				for _, e := range m.Events {
					assert.Equal(t, []string{"aliexpress"}, e.Sources)
				}
			},
		},
		{
			name:  "cainiao_delivered",
			now:   "2026-03-01T00:00:00Z",
			parts: []part{{"cainiao", "upstream/cainiao/cainiao_global_detail_json_delivered_redacted_2026.json"}},
			check: func(t *testing.T, m mergeOut) {
				assert.Equal(t, "delivered", m.Status)
				assert.False(t, m.Stale)
			},
		},
		{
			name:  "cainiao_in_customs_with_new_number",
			now:   "2026-08-24T00:00:00Z",
			parts: []part{{"cainiao", "upstream/cainiao/cainiao_global_detail_json_in_customs_redacted_2026.json"}},
			check: func(t *testing.T, m mergeOut) {
				assert.Contains(t, m.Numbers, "RC000000003EE")
				var follow []string
				for _, a := range m.Advice {
					if a.Code == "follow_new_number" {
						follow = append(follow, a.Numbers...)
					}
				}
				assert.Equal(t, []string{"RC000000003EE"}, follow)
			},
		},
		{
			name:  "cainiao_RS0814398526Y",
			now:   "2023-10-01T00:00:00Z",
			parts: []part{{"cainiao", "upstream/cainiao/cainiao_global_detail_json_RS0814398526Y.json"}},
			check: func(t *testing.T, m mergeOut) {
				assert.NotEmpty(t, m.Events)
				assert.NotNil(t, m.ETA)
			},
		},
		{
			name:  "cainiao_not_yet_shipped",
			now:   "2024-01-01T00:00:00Z",
			parts: []part{{"cainiao", "upstream/cainiao/cainiao_global_detail_json_UZ0556033196Y.json"}},
			check: func(t *testing.T, m mergeOut) {
				assert.Empty(t, m.Events)
				assert.Nil(t, m.LastEventAt)
			},
		},
		{
			name:  "17track_webhook_dhlpaket",
			now:   "2024-01-01T00:00:00Z",
			parts: []part{{"17track", "upstream/17track/17track_v2_webhook_TRACKING_UPDATED_dhlpaket.json"}},
			check: func(t *testing.T, m mergeOut) { assert.NotEmpty(t, m.Events) },
		},
		{
			name:  "17track_webhook_ups",
			now:   "2024-01-01T00:00:00Z",
			parts: []part{{"17track", "upstream/17track/17track_v2_webhook_TRACKING_UPDATED_ups.json"}},
			check: func(t *testing.T, m mergeOut) { assert.NotEmpty(t, m.Events) },
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var sources []json.RawMessage
			var order json.RawMessage
			for _, p := range tc.parts {
				s, o := decodeSample(t, p.source, p.rel)
				sources = append(sources, s...)
				if len(o) > 0 && order == nil {
					order = o
				}
			}
			req := map[string]any{"now": tc.now, "sources": sources}
			if order != nil {
				req["order"] = order
			}
			in, err := json.Marshal(req)
			require.NoError(t, err)
			out := Merge(nil, in)
			require.True(t, json.Valid(out))
			var m mergeOut
			require.NoError(t, json.Unmarshal(out, &m))
			require.Nil(t, m.Error, "%s", out)

			// Invariants of every merge.
			for i := 1; i < len(m.Events); i++ {
				assert.LessOrEqual(t, m.Events[i-1].Time, m.Events[i].Time, "oldest first")
			}
			// Merging the same input twice over changes nothing.
			twice := map[string]any{"now": tc.now, "sources": append(append([]json.RawMessage{}, sources...), sources...)}
			if order != nil {
				twice["order"] = order
			}
			in2, err := json.Marshal(twice)
			require.NoError(t, err)
			assert.Equal(t, string(out), string(Merge(nil, in2)), "merging with itself")
			tc.check(t, m)

			var pretty bytes.Buffer
			require.NoError(t, json.Indent(&pretty, out, "", "  "))
			pretty.WriteByte('\n')
			golden := filepath.Join("testdata", "merge", tc.name+".json")
			if *updateMergeGolden {
				require.NoError(t, os.MkdirAll(filepath.Dir(golden), 0o755))
				require.NoError(t, os.WriteFile(golden, pretty.Bytes(), 0o644))
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err, "run go test ./internal/api -run TestMergeGolden -update-merge")
			assert.Equal(t, string(want), pretty.String())
		})
	}
}
