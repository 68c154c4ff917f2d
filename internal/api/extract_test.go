package api

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// extractAnswer is one element of contract 1's extract answer.
type extractAnswer struct {
	Number     string `json:"number"`
	Start      int    `json:"start"`
	End        int    `json:"end"`
	Input      string `json:"input"`
	Valid      bool   `json:"valid"`
	Candidates []struct {
		Courier    string  `json:"courier"`
		Carrier    string  `json:"carrier"`
		Format     string  `json:"format"`
		CheckDigit string  `json:"checkDigit"`
		Country    string  `json:"country"`
		Confidence float64 `json:"confidence"`
	} `json:"candidates"`
	Problems []string `json:"problems"`
}

func decodeExtract(t *testing.T, out []byte) []extractAnswer {
	t.Helper()
	require.True(t, json.Valid(out), "%s", out)
	var a []extractAnswer
	dec := json.NewDecoder(strings.NewReader(string(out)))
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(&a), "%s", out)
	return a
}

func TestExtractContract(t *testing.T) {
	text := "📦 Order 8199633578334590: LX 299 455 986 CN, then 1Z5R89390357567127; again LX299455986CN."
	a := decodeExtract(t, Extract(nil, []byte(text)))
	require.Len(t, a, 2)
	u := utf16.Encode([]rune(text))
	want := []struct{ number, span, courier string }{
		{"LX299455986CN", "LX 299 455 986 CN", "s10"},
		{"1Z5R89390357567127", "1Z5R89390357567127", "ups"},
	}
	for i, w := range want {
		assert.Equal(t, w.number, a[i].Number)
		assert.Equal(t, w.span, string(utf16.Decode(u[a[i].Start:a[i].End])), "UTF-16 span")
		assert.Equal(t, w.span, a[i].Input)
		assert.True(t, a[i].Valid)
		assert.Equal(t, w.courier, a[i].Candidates[0].Courier)
		assert.Equal(t, "valid", a[i].Candidates[0].CheckDigit)
		assert.Empty(t, a[i].Problems)
	}
}

func TestExtractHostile(t *testing.T) {
	assert.Equal(t, "[]", string(Extract(nil, nil)))
	assert.Equal(t, "[]", string(Extract(nil, []byte("\xff\xfe\xfd"))))
	assert.Equal(t, "x[]", string(Extract([]byte("x"), []byte("no numbers here"))))
	for _, big := range []string{
		strings.Repeat("1 ", 500_000),
		strings.Repeat("LX299455986CN ", 70_000),
		strings.Repeat("é", 500_000),
		strings.Repeat("RB 1234 5678 5GB, ", 50_000),
	} {
		a := decodeExtract(t, Extract(nil, []byte(big)))
		assert.LessOrEqual(t, len(a), 1000)
	}
	out := Extract(nil, make([]byte, MaxInput+1))
	assert.Contains(t, string(out), `"too_large"`)
}
