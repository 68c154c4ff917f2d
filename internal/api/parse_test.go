package api

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// parseAnswer is contract 1's parse answer.
type parseAnswer struct {
	Input      string `json:"input"`
	Number     string `json:"number"`
	Valid      *bool  `json:"valid"`
	Candidates []struct {
		Courier    string   `json:"courier"`
		Carrier    string   `json:"carrier"`
		Format     string   `json:"format"`
		CheckDigit string   `json:"checkDigit"`
		Country    *string  `json:"country"`
		Confidence *float64 `json:"confidence"`
	} `json:"candidates"`
	Problems    []string `json:"problems"`
	Suggestions []string `json:"suggestions"`
	Error       *struct {
		Code, Message string
	} `json:"error"`
}

func decodeParse(t *testing.T, out []byte) parseAnswer {
	t.Helper()
	require.True(t, json.Valid(out), "%s", out)
	var a parseAnswer
	dec := json.NewDecoder(strings.NewReader(string(out)))
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(&a), "%s", out)
	return a
}

func TestParseContract(t *testing.T) {
	tests := []struct {
		in       string
		number   string
		valid    bool
		courier  string
		cd       string
		country  string
		problems []string
		suggest  bool
	}{
		{" lx 299-455-986 cn ", "LX299455986CN", true, "s10", "valid", "CN", []string{}, false},
		{"ＬＸ２９９４５５９８６ＣＮ", "LX299455986CN", true, "s10", "valid", "CN", []string{}, false},
		{"1z5r89390357567127", "1Z5R89390357567127", true, "ups", "valid", "", []string{}, false},
		{"UA846098317YP", "UA846098317YP", true, "yanwen", "valid", "CN", []string{}, false},
		{"LP00068434402473", "LP00068434402473", true, "cainiao", "none", "CN", []string{}, false},
		{"8199633578334590", "8199633578334590", false, "", "", "", []string{"order_number"}, false},
		{"LX299455968CN", "LX299455968CN", false, "s10", "invalid", "CN", []string{"check_digit"}, true},
		{"", "", false, "", "", "", []string{"empty"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			a := decodeParse(t, Parse(nil, []byte(tt.in)))
			require.Nil(t, a.Error)
			assert.Equal(t, tt.in, a.Input)
			assert.Equal(t, tt.number, a.Number)
			require.NotNil(t, a.Valid)
			assert.Equal(t, tt.valid, *a.Valid)
			assert.Equal(t, tt.problems, a.Problems)
			assert.NotNil(t, a.Candidates, "candidates is always an array")
			assert.Equal(t, tt.suggest, len(a.Suggestions) > 0, "%v", a.Suggestions)
			if tt.courier == "" {
				return
			}
			require.NotEmpty(t, a.Candidates)
			c := a.Candidates[0]
			assert.Equal(t, tt.courier, c.Courier)
			assert.Equal(t, tt.cd, c.CheckDigit)
			assert.NotEmpty(t, c.Carrier)
			assert.NotEmpty(t, c.Format)
			require.NotNil(t, c.Confidence)
			assert.True(t, *c.Confidence > 0 && *c.Confidence <= 1)
			if tt.country == "" {
				assert.Nil(t, c.Country, "country is omitted when unknown")
			} else {
				require.NotNil(t, c.Country)
				assert.Equal(t, tt.country, *c.Country)
			}
		})
	}
}

// The answer appends to dst and keeps what was there.
func TestParseAppends(t *testing.T) {
	out := Parse([]byte("prefix"), []byte("LX299455986CN"))
	assert.True(t, strings.HasPrefix(string(out), "prefix{"))
}

// Hostile input gets a sane, bounded answer.
func TestParseHostile(t *testing.T) {
	big := strings.Repeat("A1 ", 350_000) // ~1 MB
	a := decodeParse(t, Parse(nil, []byte(big)))
	assert.Nil(t, a.Error)
	assert.Equal(t, []string{"too_long"}, a.Problems)
	assert.Less(t, len(a.Input), 1024, "a huge input is not echoed in full")

	a = decodeParse(t, Parse(nil, []byte("LX299\xff\xfe455986CN")))
	assert.Equal(t, "LX299455986CN", a.Number)
	assert.True(t, *a.Valid)

	a = decodeParse(t, Parse(nil, []byte("\xed\xa0\x80"))) // a lone surrogate, as CESU bytes
	assert.Equal(t, []string{"empty"}, a.Problems)

	a = decodeParse(t, Parse(nil, []byte("<script>alert(1)</script>")))
	assert.Equal(t, []string{"unknown_format"}, a.Problems)

	out := Parse(nil, make([]byte, MaxInput+1))
	var e parseAnswer
	require.NoError(t, json.Unmarshal(out, &e))
	require.NotNil(t, e.Error)
	assert.Equal(t, "too_large", e.Error.Code)
}
