//go:build !js

package main

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/tidwall/gjson"
	"github.com/waybill/waybill/internal/api"
	"github.com/waybill/waybill/internal/jsonw"
	"github.com/waybill/waybill/internal/status"
)

// decodePayloadJSON is decodePayload as it was: api.Decode, its answer
// read back with gjson. The direct path must give the same.
func decodePayloadJSON(src string, payload []byte, lang string) ([]decoded, error) {
	in := make([]byte, 0, len(payload)+64)
	in = append(in, `{"source":`...)
	in = jsonw.AppendString(in, src)
	if lang != "" {
		in = append(in, `,"lang":`...)
		in = jsonw.AppendString(in, lang)
	}
	in = append(in, `,"payload":`...)
	in = append(in, payload...)
	in = append(in, '}')
	res := gjson.ParseBytes(api.Decode(nil, in))
	if e := res.Get("error"); e.Exists() {
		return nil, errors.New(e.Get("message").String())
	}
	var out []decoded
	res.Get("sources").ForEach(func(_, s gjson.Result) bool {
		if s.Get("error").Exists() {
			return true
		}
		d := decoded{number: s.Get("number").String(), status: s.Get("status").String()}
		s.ForEach(func(k, v gjson.Result) bool {
			if k.Str == "source" || k.Str == "status" {
				return true
			}
			if len(d.rest) > 0 {
				d.rest = append(d.rest, ',')
			}
			d.rest = append(d.rest, k.Raw...)
			d.rest = append(d.rest, ':')
			d.rest = append(d.rest, v.Raw...)
			return true
		})
		evs := s.Get("events").Array()
		d.events = len(evs)
		if d.status == "" || d.status == string(status.Unknown) {
			// Events are oldest first: the newest decides.
			if len(evs) > 0 {
				d.status = evs[len(evs)-1].Get("status").String()
			}
			if d.status == "" {
				d.status = string(status.Unknown)
			}
		}
		d.final = status.IsTerminal(status.Status(d.status))
		out = append(out, d)
		return true
	})
	return out, nil
}

// TestDecodeAndMergeMatchJSONPath checks, over every recorded tracker
// answer, that decodePayload and the merge of decoded timelines give
// byte for byte what the JSON round trip (api.Decode, gjson, api.Merge)
// gives, for fresh answers, cached ones and errors alike.
func TestDecodeAndMergeMatchJSONPath(t *testing.T) {
	files, _ := filepath.Glob("../internal/testdata/upstream/*/*.json")
	more, _ := filepath.Glob("../internal/source/testdata/*/*.json")
	files = append(files, more...)
	require.NotEmpty(t, files)
	now := time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)
	merged := 0
	for _, f := range files {
		payload, err := os.ReadFile(f)
		require.NoError(t, err)
		for _, src := range []string{"cainiao", "17track"} {
			for _, lang := range []string{"", "pt-BR"} {
				want, werr := decodePayloadJSON(src, payload, lang)
				got, gerr := decodePayload(src, payload, lang)
				if werr != nil || gerr != nil {
					require.Equal(t, errString(werr), errString(gerr), "%s %s", f, src)
					continue
				}
				require.Len(t, got, len(want), "%s %s", f, src)
				for i := range want {
					w, g := want[i], got[i]
					require.Equal(t, w.number, g.number, "%s %s", f, src)
					require.Equal(t, w.status, g.status, "%s %s", f, src)
					require.Equal(t, string(w.rest), string(g.rest), "%s %s", f, src)
					require.Equal(t, w.events, g.events, "%s %s", f, src)
					require.Equal(t, w.final, g.final, "%s %s", f, src)
					require.NotNil(t, g.tl)
					fresh := &sourceResult{ok: true, fetchedAt: "2026-12-07T11:00:00Z", status: g.status, rest: g.rest, tl: g.tl}
					cached := *fresh
					cached.tl = nil
					errd := failed("timeout", "17track did not answer within 8000 ms")
					info := numberInfo{number: g.number, lookup: true}
					for _, c := range []struct {
						names []string
						rs    []*sourceResult
					}{
						{[]string{src, "other"}, []*sourceResult{fresh, errd}},
						{[]string{src, src}, []*sourceResult{&cached, fresh}},
						{[]string{"other", src}, []*sourceResult{errd, &cached}},
						{[]string{src}, []*sourceResult{fresh}},
					} {
						checkMerge(t, now, c.names, info, c.rs)
						merged++
					}
				}
			}
		}
	}
	checkMerge(t, now, nil, numberInfo{number: "6600123456789", lookup: false}, nil)
	t.Logf("%d files, %d merges compared", len(files), merged)
	require.Greater(t, merged, 20)
}

func checkMerge(t *testing.T, now time.Time, names []string, info numberInfo, rs []*sourceResult) {
	t.Helper()
	want := mergeTimeline(nil, mergeInput(nil, now.Format(time.RFC3339), names, info, rs))
	srcs, _, ok := mergeSources(nil, nil, names, info, rs)
	require.True(t, ok)
	require.Equal(t, string(want), string(api.MergeSources(nil, now.Unix()*1000, srcs)))
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
