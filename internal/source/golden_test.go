package source

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/waybill/waybill/internal/testenv"
)

var update = flag.Bool("update", false, "rewrite testdata/golden from the decoders' current output")

// sample is one real payload from the shared test data.
type sample struct {
	rel    string // path under internal/testdata
	source string
	data   []byte
}

// samples lists every JSON payload under testdata/upstream and
// testdata/aliexpress, with the source its directory belongs to.
func samples(tb testing.TB) []sample {
	tb.Helper()
	var out []sample
	root := testenv.Data(tb)
	for _, dir := range []string{"upstream", "aliexpress"} {
		err := filepath.WalkDir(filepath.Join(root, dir), func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || filepath.Ext(p) != ".json" {
				return err
			}
			rel, _ := filepath.Rel(root, p)
			src := AliExpress
			switch {
			case strings.Contains(rel, "cainiao"):
				src = Cainiao
			case strings.Contains(rel, "17track"):
				src = Track17
			}
			b, err := os.ReadFile(p)
			out = append(out, sample{rel: filepath.ToSlash(rel), source: src, data: b})
			return err
		})
		require.NoError(tb, err)
	}
	require.GreaterOrEqual(tb, len(out), 28, "samples missing under %s", root)
	return out
}

func sampleNamed(tb testing.TB, suffix string) sample {
	for _, s := range samples(tb) {
		if strings.HasSuffix(s.rel, suffix) {
			return s
		}
	}
	tb.Fatalf("no sample %s", suffix)
	return sample{}
}

// goldenJSON renders a decode result (or its error) field by field, named
// here rather than by reflection so that fields other packages add to the
// shared types do not churn the golden files. Per-event classification is
// left out too: it belongs to internal/status, whose tables keep growing;
// the fact tests below check the classifications that matter.
func goldenJSON(t *testing.T, res Result, err error) []byte {
	var v any
	if err != nil {
		e, ok := err.(*Error)
		require.True(t, ok, "decoders return *Error, got %T", err)
		v = map[string]any{"error": map[string]string{"code": e.Code, "message": e.Message}}
	} else {
		v = goldenResult(res)
	}
	b, jerr := json.MarshalIndent(v, "", "  ")
	require.NoError(t, jerr)
	return append(b, '\n')
}

// TestGolden decodes every sample and compares the result with the
// committed golden file (go test -run TestGolden -update rewrites them).
func TestGolden(t *testing.T) {
	for _, s := range samples(t) {
		t.Run(s.rel, func(t *testing.T) {
			res, err := Decode(s.source, s.data, Options{Lang: "en"})
			got := goldenJSON(t, res, err)
			path := filepath.Join("testdata", "golden", strings.TrimSuffix(s.rel, ".json")+".golden.json")
			if *update {
				require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
				require.NoError(t, os.WriteFile(path, got, 0o644))
				return
			}
			want, rerr := os.ReadFile(path)
			require.NoError(t, rerr, "run go test ./internal/source -run TestGolden -update")
			require.Equal(t, string(want), string(got))
		})
	}
}

type (
	gEvent struct {
		Time     string `json:"time"`
		Code     string `json:"code,omitempty"`
		Text     string `json:"text"`
		Location string `json:"location,omitempty"`
		Number   string `json:"number"`
	}
	gLeg struct {
		Number  string `json:"number"`
		Role    string `json:"role,omitempty"`
		Carrier string `json:"carrier,omitempty"`
	}
	gContact struct {
		Name  string `json:"name,omitempty"`
		Phone string `json:"phone,omitempty"`
		URL   string `json:"url,omitempty"`
	}
	gSource struct {
		Source     string     `json:"source"`
		Number     string     `json:"number"`
		Carrier    string     `json:"carrier,omitempty"`
		Status     string     `json:"status,omitempty"`
		ETAMin     string     `json:"etaMin,omitempty"`
		ETAMax     string     `json:"etaMax,omitempty"`
		NoTracking bool       `json:"noTracking,omitempty"`
		ErrCode    string     `json:"errCode,omitempty"`
		ErrMsg     string     `json:"errMsg,omitempty"`
		Legs       []gLeg     `json:"legs,omitempty"`
		Contacts   []gContact `json:"contacts,omitempty"`
		Events     []gEvent   `json:"events"`
	}
	gOrder struct {
		ID               string   `json:"id"`
		Status           string   `json:"status,omitempty"`
		Sub              string   `json:"sub,omitempty"`
		StatusText       string   `json:"statusText,omitempty"`
		StatusCode       string   `json:"statusCode,omitempty"`
		PlacedAt         string   `json:"placedAt,omitempty"`
		ShippedAt        string   `json:"shippedAt,omitempty"`
		ProtectionEndsAt string   `json:"protectionEndsAt,omitempty"`
		Numbers          []string `json:"numbers,omitempty"`
	}
	gResult struct {
		Sources   []gSource `json:"sources"`
		Orders    []gOrder  `json:"orders,omitempty"`
		OrderList bool      `json:"orderList,omitempty"`
	}
)

func gTime(t int64) string {
	if t == 0 {
		return ""
	}
	return time.UnixMilli(t).UTC().Format(time.RFC3339Nano)
}

func goldenResult(res Result) gResult {
	out := gResult{Sources: []gSource{}, OrderList: res.OrderList}
	for _, s := range res.Sources {
		g := gSource{Source: s.Source, Number: s.Number, Carrier: s.Carrier, Status: string(s.Status),
			ETAMin: gTime(s.ETAMin), ETAMax: gTime(s.ETAMax), NoTracking: s.NoTracking,
			ErrCode: s.ErrCode, ErrMsg: s.ErrMsg, Events: []gEvent{}}
		for _, l := range s.Legs {
			g.Legs = append(g.Legs, gLeg{l.Number, l.Role, l.Carrier})
		}
		for _, c := range s.Contacts {
			g.Contacts = append(g.Contacts, gContact{c.Name, c.Phone, c.URL})
		}
		for _, e := range s.Events {
			g.Events = append(g.Events, gEvent{Time: gTime(e.Time), Code: e.Code, Text: e.Text, Location: e.Location,
				Number: e.Number})
		}
		out.Sources = append(out.Sources, g)
	}
	for _, o := range res.Orders {
		out.Orders = append(out.Orders, gOrder{ID: o.ID, Status: string(o.Status), Sub: o.Sub, StatusText: o.StatusText,
			StatusCode: o.StatusCode, PlacedAt: gTime(o.PlacedAt), ShippedAt: gTime(o.ShippedAt),
			ProtectionEndsAt: gTime(o.ProtectionEndsAt), Numbers: o.Numbers})
	}
	return out
}
