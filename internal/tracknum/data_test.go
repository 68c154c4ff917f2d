package tracknum

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/waybill/waybill/internal/testenv"
)

// numbersDir is internal/testdata/numbers.
func numbersDir(t testing.TB) string {
	t.Helper()
	return testenv.Data(t, "numbers")
}

// readTSV returns the rows of a TSV file under numbersDir, without its header.
func readTSV(t testing.TB, name string, cols int) [][]string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(numbersDir(t), name))
	require.NoError(t, err)
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	var rows [][]string
	for _, l := range lines[1:] {
		f := strings.Split(l, "\t")
		require.GreaterOrEqual(t, len(f), cols, "row %q", l)
		rows = append(rows, f)
	}
	return rows
}

// tndType is one tracking-number type of tracking_number_data.
type tndType struct {
	Courier string
	ID      string `json:"id"`
	Name    string `json:"name"`
	Regex   any    `json:"regex"`
	Tests   struct {
		Valid   []string `json:"valid"`
		Invalid []string `json:"invalid"`
	} `json:"test_numbers"`
	Validation struct {
		Checksum *struct {
			Name string `json:"name"`
		} `json:"checksum"`
	} `json:"validation"`
}

func (t tndType) regex() string {
	switch r := t.Regex.(type) {
	case string:
		return r
	case []any:
		var b strings.Builder
		for _, s := range r {
			b.WriteString(s.(string))
		}
		return b.String()
	}
	return ""
}

// tndTypes loads every type of couriers/*.json.
func tndTypes(t testing.TB) []tndType {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(numbersDir(t), "couriers", "*.json"))
	require.NoError(t, err)
	require.Len(t, files, 18)
	var all []tndType
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		var c struct {
			Code  string    `json:"courier_code"`
			Types []tndType `json:"tracking_numbers"`
		}
		require.NoError(t, json.Unmarshal(b, &c), f)
		for _, ty := range c.Types {
			ty.Courier = c.Code
			all = append(all, ty)
		}
	}
	sort.Slice(all, func(i, j int) bool { return all[i].Name < all[j].Name })
	return all
}

// idOf maps a tnd type to our format id: its tnd id, or for the four types
// without one, the id our table gives them.
var unnamedTypes = map[string]string{
	"Old Dominion":                     "old_dominion",
	"Old Dominion Guaranteed Shipment": "old_dominion_guaranteed",
	"UPS Waybill":                      "ups_waybill",
	"LaserShip 1LS7 (18)":              "lasership_1ls7_18",
}

func idOf(ty tndType) string {
	if ty.ID != "" {
		return ty.ID
	}
	return unnamedTypes[ty.Name]
}

func formatByID(id string) *format {
	for i := range formats {
		if formats[i].id == id {
			return &formats[i]
		}
	}
	return nil
}

// candidateFor returns the candidate of format id in r, if any.
func candidateFor(r Result, id string) (Candidate, bool) {
	for _, c := range r.Candidates {
		if c.Format == id {
			return c, true
		}
	}
	return Candidate{}, false
}

// tndAccepts is tnd's verdict for one type (§4.2): the format matches and
// its check digit (if any) holds.
func tndAccepts(r Result, id string) bool {
	c, ok := candidateFor(r, id)
	return ok && c.CheckDigit != CheckInvalid
}

// shapeMatches matches n against f's shape only (no check digit, no country).
func shapeMatches(f *format, n []byte) (payload []byte, cd byte, ok bool) {
	if len(n) < int(f.minLen) || len(n) > int(f.maxLen) {
		return nil, 0, false
	}
	switch f.special {
	case spIMpbN, spIMpbC, spIMpbLegacy:
		ps, ok := matchIMpb(n, f.special)
		if !ok {
			return nil, 0, false
		}
		return n[ps : len(n)-1], n[len(n)-1], true
	}
	var b [maxSegs + 1]uint8
	if !matchShape(f.shape, n, 0, 0, &b) {
		return nil, 0, false
	}
	if f.cdSeg < 0 {
		return nil, 0, true
	}
	return n[b[f.pay[0]]:b[f.pay[1]]], n[b[f.cdSeg]], true
}

// compactASCII is the test's own normalisation of tnd's ASCII vectors.
var nonAlnum = regexp.MustCompile(`[^0-9A-Za-z]`)

func compactASCII(s string) string { return strings.ToUpper(nonAlnum.ReplaceAllString(s, "")) }

// cdIndex is the position of f's check character in n, or -1.
func cdIndex(f *format, n []byte) int {
	switch f.special {
	case spIMpbN, spIMpbC, spIMpbLegacy:
		if _, ok := matchIMpb(n, f.special); ok {
			return len(n) - 1
		}
		return -1
	}
	var b [maxSegs + 1]uint8
	if f.cdSeg < 0 || !matchShape(f.shape, n, 0, 0, &b) {
		return -1
	}
	return int(b[f.cdSeg])
}
