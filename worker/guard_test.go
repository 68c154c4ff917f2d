//go:build !js

package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// depthOracle measures nesting with encoding/json's tokenizer (valid JSON only).
func depthOracle(b []byte) int {
	dec := json.NewDecoder(bytes.NewReader(b))
	depth, max := 0, 0
	for {
		t, err := dec.Token()
		if errors.Is(err, io.EOF) || err != nil {
			return max
		}
		if d, ok := t.(json.Delim); ok {
			if d == '[' || d == '{' {
				depth++
				max = maxInt(max, depth)
			} else {
				depth--
			}
		}
	}
}

func maxInt(a, b int) int {
	if a > b {
		return a
	}
	return b
}

func TestCheckDepth(t *testing.T) {
	for _, tc := range []struct {
		in string
		ok bool
	}{
		{`{"numbers":["RB123456785CN"]}`, true},
		{strings.Repeat("[", 64) + strings.Repeat("]", 64), true},
		{strings.Repeat("[", 65) + strings.Repeat("]", 65), false},
		{strings.Repeat("[", 15000), false},
		{`"` + strings.Repeat("[", 500) + `"`, true},                                  // brackets inside a string
		{`["\"` + strings.Repeat("[", 500) + `"]`, true},                              // an escaped quote does not end it
		{`["\\"` + strings.Repeat(",[", 100) + strings.Repeat("]", 100) + `]`, false}, // an escaped backslash does
		{`"unterminated [[[[`, true},
		{``, true},
	} {
		err := checkDepth([]byte(tc.in), maxDepth)
		if tc.ok {
			assert.NoError(t, err, "%.60s", tc.in)
		} else {
			require.Error(t, err, "%.60s", tc.in)
			assert.Contains(t, err.Error(), "nested deeper than 64 levels at byte ")
		}
	}
}

func FuzzCheckDepth(f *testing.F) {
	f.Add([]byte(`{"a":[1,{"b":"[["}]}`))
	f.Add([]byte(strings.Repeat("[", 70)))
	f.Add([]byte(`["\"[",[[[]]]]`))
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, max := range []int{0, 3, maxDepth} {
			err := checkDepth(b, max)
			if json.Valid(b) {
				if d := depthOracle(b); (d > max) != (err != nil) {
					t.Fatalf("max %d: depth %d but err=%v for %q", max, d, err, b)
				}
			}
		}
	})
}

const redactKey = "AbCdEfGh0123456789ijklMNOPqrstuv"

func TestRedactEveryEchoedForm(t *testing.T) {
	r := newRedactor(redactKey)
	for _, in := range []string{
		redactKey,
		strings.ToUpper(redactKey),
		strings.ToLower(redactKey),
		redactKey[:8],
		redactKey[24:],
		strings.ToLower(redactKey[5:17]),
		`{"message":"bad key ` + redactKey[3:20] + `!"}`,
		`{"provider":{"name":"` + strings.ToUpper(redactKey[10:]) + `"}}`,
		"x" + redactKey + redactKey + "y",
	} {
		b := []byte(in)
		assert.True(t, r.redact(b), in)
		out := strings.ToLower(string(b))
		for i := 0; i+8 <= len(redactKey); i++ {
			assert.NotContains(t, out, strings.ToLower(redactKey[i:i+8]), in)
		}
		assert.Equal(t, len(in), len(b), "length kept")
	}
	// Seven characters of the key, or its characters in another order, stay.
	for _, in := range []string{redactKey[:7], "hGfEdCbA", `{"number":"RB987654321CN"}`} {
		assert.Equal(t, in, r.redactString(in))
	}
	assert.Equal(t, `{"a":"********"}`, r.redactString(`{"a":"`+redactKey[2:10]+`"}`))
	assert.Nil(t, newRedactor("short"))
	var none *redactor
	assert.Equal(t, redactKey, none.redactString(redactKey))
}

// redactOracle marks, naively, every position covered by an 8-window equal
// (case folded) to an 8-window of key.
func redactOracle(key string, in []byte) []byte {
	out := append([]byte(nil), in...)
	lk := strings.ToLower(key)
	for i := 0; i+8 <= len(in); i++ {
		w := strings.ToLower(string(in[i : i+8]))
		if strings.Contains(lk, w) {
			for k := i; k < i+8; k++ {
				out[k] = '*'
			}
		}
	}
	return out
}

func FuzzRedact(f *testing.F) {
	f.Add(redactKey, []byte("prefix "+redactKey[4:14]+" suffix"))
	f.Add("0123456789abcdef", []byte("0123456789ABCDEF0123456789abcdef"))
	f.Add("aaaaaaaaaaaa", []byte("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"))
	f.Fuzz(func(t *testing.T, key string, in []byte) {
		// Real keys are ~32 characters; the naive oracle is O(len(in)·len(key)).
		if len(key) > 128 || len(in) > 1<<14 {
			return
		}
		r := newRedactor(key)
		if r == nil {
			return
		}
		// ASCII folding only: the oracle must fold the same way.
		for i := 0; i < len(key); i++ {
			if key[i] >= 0x80 {
				return
			}
		}
		got := append([]byte(nil), in...)
		r.redact(got)
		want := redactOracle(key, in)
		if !bytes.Equal(got, want) {
			t.Fatalf("key %q in %q: got %q want %q", key, in, got, want)
		}
	})
}

func BenchmarkRedact40NumberAnswer(b *testing.B) {
	h := newHarness(b, nil)
	nums := []string{numTransit, numDelivered, numUPS}
	body := `{"numbers":["` + strings.Join(nums, `","`) + `"]}`
	h.do("POST", "/v1/track", body)
	_, _, res := h.do("POST", "/v1/track", body)
	doc := []byte(res.Raw)
	r := newRedactor(testToken + "-more-key-material")
	b.SetBytes(int64(len(doc)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r.redact(doc)
	}
}
