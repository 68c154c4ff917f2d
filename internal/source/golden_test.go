package source

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite testdata/golden from the decoders' current output")

// sharedDir is the read-only shared tree (DESIGN.md: $SHARED, ../shared
// relative to the repository root).
func sharedDir() string {
	if s := os.Getenv("SHARED"); s != "" {
		return s
	}
	return filepath.Join("..", "..", "..", "shared")
}

// sample is one real payload from the shared test data.
type sample struct {
	rel    string // path under $SHARED/testdata
	source string
	data   []byte
}

// samples lists every JSON payload under testdata/upstream and
// testdata/aliexpress, with the source its directory belongs to.
func samples(tb testing.TB) []sample {
	tb.Helper()
	var out []sample
	root := filepath.Join(sharedDir(), "testdata")
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

// goldenJSON renders a decode result (or its error) with every field, so
// the golden files show exactly what the decoders produce.
func goldenJSON(t *testing.T, res Result, err error) []byte {
	var v any = res
	if err != nil {
		e, ok := err.(*Error)
		require.True(t, ok, "decoders return *Error, got %T", err)
		v = map[string]any{"error": e}
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
