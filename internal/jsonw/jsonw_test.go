package jsonw

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestWriterRoundTrip(t *testing.T) {
	var w Writer
	w.ObjStart()
	w.KeyStr("s", "a\"b\\c\n<x>&\u2028\x01é中")
	w.KeyInt("n", -42)
	w.KeyBool("b", true)
	w.Key("arr")
	w.ArrStart()
	w.Str("x")
	w.Int(1)
	w.ObjStart()
	w.ObjEnd()
	w.Null()
	w.Float(1.5)
	w.ArrEnd()
	w.KeyStrOmit("omit", "")
	w.ObjEnd()
	var got map[string]any
	require.NoError(t, json.Unmarshal(w.Bytes(), &got), string(w.Bytes()))
	require.Equal(t, "a\"b\\c\n<x>&\u2028\x01é中", got["s"])
	require.Equal(t, float64(-42), got["n"])
	require.Equal(t, []any{"x", float64(1), map[string]any{}, nil, 1.5}, got["arr"])
	require.NotContains(t, got, "omit")
}

func TestKeyError(t *testing.T) {
	w := Writer{}
	w.ObjStart()
	w.KeyError("bad_input", `say "no"`)
	w.ObjEnd()
	require.Equal(t, `{"error":{"code":"bad_input","message":"say \"no\""}}`, string(w.B))
}

func TestInvalidUTF8(t *testing.T) {
	b := AppendString(nil, "a\xffb")
	require.Equal(t, `"a\ufffdb"`, string(b))
}

func FuzzAppendString(f *testing.F) {
	f.Add("hello")
	f.Add("\xff\xfe<\u2029>")
	f.Fuzz(func(t *testing.T, s string) {
		var out string
		require.NoError(t, json.Unmarshal(AppendString(nil, s), &out))
	})
}

// Hundredths must write what Float(float64(n)/100) writes, without strconv's
// float formatting.
func TestHundredthsMatchesFloat(t *testing.T) {
	for n := int64(-1000); n <= 1000; n++ {
		var a, b Writer
		a.Hundredths(n)
		b.Float(float64(n) / 100)
		require.Equal(t, string(b.B), string(a.B), "%d", n)
	}
}
