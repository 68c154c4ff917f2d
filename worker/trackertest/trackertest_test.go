package trackertest

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tidwall/gjson"
)

func newFake(t *testing.T) (*Server, *httptest.Server) {
	t.Helper()
	f, err := New("tok")
	require.NoError(t, err)
	srv := httptest.NewServer(f)
	t.Cleanup(func() { f.Close(); srv.Close() })
	return f, srv
}

func call(t *testing.T, method, url, token, body string) (int, gjson.Result) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	require.NoError(t, err)
	if token != "" {
		req.Header.Set("17token", token)
	}
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, gjson.ParseBytes(b)
}

func TestCainiaoReplaysSamplesInRequestOrder(t *testing.T) {
	f, srv := newFake(t)
	require.NoError(t, f.Alias("RB123456785CN", "RC000000001EE"))
	code, body := call(t, "GET", srv.URL+"/global/detail.json?mailNos=RS0814398526Y,NOPE12345,RB123456785CN&lang=en-US", "", "")
	require.Equal(t, 200, code)
	assert.True(t, body.Get("success").Bool())
	mods := body.Get("module").Array()
	require.Len(t, mods, 3)
	assert.Equal(t, "RS0814398526Y", mods[0].Get("mailNo").String())
	assert.Len(t, mods[0].Get("detailList").Array(), 14)
	assert.Equal(t, "NOPE12345", mods[1].Get("mailNo").String())
	assert.Equal(t, "EXTERNAL", mods[1].Get("mailNoSource").String(), "unknown numbers answer like the real unknown payload")
	assert.Empty(t, mods[1].Get("detailList").Array())
	assert.Equal(t, "RB123456785CN", mods[2].Get("mailNo").String())
	assert.Equal(t, "DELIVERED", mods[2].Get("status").String())
	st := f.Snapshot()
	assert.Equal(t, 1, st.Calls["cainiao"])
	assert.Equal(t, 3, st.Numbers["cainiao"])
	assert.Equal(t, []string{"en-US"}, st.Langs)
}

func Test17TrackRegisterThenTrackInfo(t *testing.T) {
	f, srv := newFake(t)
	base := srv.URL + "/track/v2.2/"
	code, body := call(t, "POST", base+"gettrackinfo", "tok", `[{"number":"1Z2617V10397725789"}]`)
	require.Equal(t, 200, code)
	assert.Equal(t, int64(-18019902), body.Get("data.rejected.0.error.code").Int(), "not registered yet")

	_, body = call(t, "POST", base+"register", "tok", `[{"number":"1Z2617V10397725789"},{"number":"RS0814398526Y"},{"number":"x"}]`)
	assert.Equal(t, int64(0), body.Get("code").Int())
	assert.Len(t, body.Get("data.accepted").Array(), 2)
	assert.Equal(t, int64(-18010012), body.Get("data.rejected.0.error.code").Int())
	_, body = call(t, "POST", base+"register", "tok", `[{"number":"RS0814398526Y"}]`)
	assert.Equal(t, int64(-18019901), body.Get("data.rejected.0.error.code").Int(), "already registered")

	_, body = call(t, "POST", base+"gettrackinfo", "tok", `[{"number":"1Z2617V10397725789"},{"number":"RS0814398526Y"}]`)
	acc := body.Get("data.accepted").Array()
	require.Len(t, acc, 2)
	assert.Equal(t, "Delivered", acc[0].Get("track_info.latest_status.status").String())
	assert.Equal(t, "RS0814398526Y", acc[1].Get("number").String())
	assert.Len(t, acc[1].Get("track_info.tracking.providers.0.events").Array(), 14, "the Cainiao story in 17TRACK's shape")
	assert.Equal(t, "2023-09-28T01:46:53Z", acc[1].Get("track_info.tracking.providers.0.events.0.time_utc").String(),
		"timeStr 09:46:53 at UTC+8")

	_, _ = call(t, "POST", base+"register", "tok", `[{"number":"UNKNOWN123"}]`)
	_, body = call(t, "POST", base+"gettrackinfo", "tok", `[{"number":"UNKNOWN123"}]`)
	assert.Equal(t, int64(-18019909), body.Get("data.rejected.0.error.code").Int())

	code, body = call(t, "POST", base+"gettrackinfo", "wrong", `[{"number":"RS0814398526Y"}]`)
	assert.Equal(t, 401, code)
	assert.Equal(t, int64(-18010002), body.Get("data.errors.0.code").Int())
	assert.Equal(t, 1, f.Snapshot().TokenFailures)
}

func TestFaults(t *testing.T) {
	f, srv := newFake(t)
	u := srv.URL + "/global/detail.json?mailNos="
	f.SetFault(Fault{Endpoint: "cainiao", Number: "AE010698498", Mode: Fault500, Times: 1})
	code, _ := call(t, "GET", u+"AE010698498", "", "")
	assert.Equal(t, 500, code)
	code, _ = call(t, "GET", u+"AE010698498", "", "")
	assert.Equal(t, 200, code, "times:1 hits once")
	code, _ = call(t, "GET", u+"RS0814398526Y", "", "")
	assert.Equal(t, 200, code)

	f.SetFault(Fault{Mode: Fault429})
	req, _ := http.NewRequest("GET", u+"RS0814398526Y", nil)
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, 429, res.StatusCode)
	assert.Equal(t, "1", res.Header.Get("Retry-After"))

	f.Reset()
	f.SetFault(Fault{Endpoint: "cainiao", Mode: FaultMalformed})
	res, err = http.Get(u + "RS0814398526Y")
	require.NoError(t, err)
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	assert.False(t, gjson.ValidBytes(b))
	assert.Equal(t, 1, f.Snapshot().Calls["cainiao"], "Reset cleared the counters")
}

func TestStory(t *testing.T) {
	f, srv := newFake(t)
	module := `{"mailNo":"X","status":"DELIVERING","detailList":[{"time":1770335562000,"timeStr":"2026-02-06 07:52:42","desc":"Out for delivery","actionCode":"GTMS_DO_DEPART"}]}`
	require.NoError(t, f.Story("RB000000015CN", json.RawMessage(module), "OutForDelivery", "OutForDelivery_Other"))
	code, body := call(t, "POST", srv.URL+"/global/detail.json?mailNos=RB000000015CN", "", "")
	require.Equal(t, 200, code)
	assert.Equal(t, "RB000000015CN", body.Get("module.0.mailNo").String())
	assert.Equal(t, "GTMS_DO_DEPART", body.Get("module.0.detailList.0.actionCode").String())
	code, _ = call(t, "POST", srv.URL+"/track/v2.2/register", "tok", `[{"number":"RB000000015CN"}]`)
	require.Equal(t, 200, code)
	code, body = call(t, "POST", srv.URL+"/track/v2.2/gettrackinfo", "tok", `[{"number":"RB000000015CN"}]`)
	require.Equal(t, 200, code)
	assert.Equal(t, "OutForDelivery", body.Get("data.accepted.0.track_info.latest_status.status").String(), body.Raw)
	assert.Error(t, f.Story("RB000000015CN", json.RawMessage(`{`), "", ""))
	code, _ = call(t, "POST", srv.URL+"/_story", "", `{"number":"RB000000015CN"}`)
	assert.Equal(t, 400, code)
}
