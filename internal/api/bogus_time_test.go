package api

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/waybill/waybill/internal/testenv"
)

// One upstream event with an impossible time (17TRACK has sent year 0000)
// must cost that event only, never the whole merged answer.
func TestBogusEventTimeCostsOnlyThatEvent(t *testing.T) {
	raw, err := os.ReadFile(testenv.Data(t, "upstream/17track/17track_v2_webhook_TRACKING_UPDATED_ups.json"))
	require.NoError(t, err)
	payload := strings.Replace(string(raw), `"time_iso": "2022-04-04T16:35:22-07:00"`, `"time_iso": "0000-01-01T00:00:00+0100"`, -1)
	payload = strings.Replace(payload, `"time_utc": "2022-04-04T23:35:22Z"`, `"time_utc": null`, -1)
	require.NotEqual(t, string(raw), payload)
	in, err := json.Marshal(map[string]any{"source": "17track", "payload": json.RawMessage(payload)})
	require.NoError(t, err)
	var dec struct {
		Sources []json.RawMessage `json:"sources"`
	}
	require.NoError(t, json.Unmarshal(Decode(nil, in), &dec))
	require.NotEmpty(t, dec.Sources)
	mergeIn, err := json.Marshal(map[string]any{"now": "2022-05-01T00:00:00Z", "sources": dec.Sources})
	require.NoError(t, err)
	var out struct {
		Error  *struct{ Code, Message string } `json:"error"`
		Events []struct{ Time string }         `json:"events"`
	}
	require.NoError(t, json.Unmarshal(Merge(nil, mergeIn), &out))
	require.Nil(t, out.Error)
	require.NotEmpty(t, out.Events)
	for _, e := range out.Events {
		require.NotContains(t, e.Time, "0000-")
		require.False(t, strings.HasPrefix(e.Time, "-"))
	}
}
