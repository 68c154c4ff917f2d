package jsonr

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tidwall/gjson"
	"github.com/waybill/waybill/internal/testenv"
)

const doc = `{
  "name": {"first": "Tom", "last": "And\"erson"},
  "age": 37, "neg": -12, "pi": 3.25, "big": 12345678901234567890, "exp": 1e3,
  "ok": true, "no": false, "nothing": null,
  "children": ["Sara", "Alex", "Jack"],
  "fav.movie": "Deer Hunter",
  "esc\u002ekey": "escaped key",
  "uni": "\u041f\u0440\u0438\u0432\u0435\u0442 \ud83d\udce6 \ud800x",
  "numstr": "42", "floatstr": "2.5", "boolstr": "TRUE",
  "friends": [
    {"first": "Dale", "age": 44, "nets": ["ig", "fb", "tw"]},
    {"first": "Roger", "age": 68, "nets": []}
  ],
  "obj": {"0": "zero key", "a": {"b": {"c": [[1, 2], [3]]}}},
  "empty": {}
}`

func TestGet(t *testing.T) {
	tests := []struct {
		path   string
		exists bool
		typ    Type
		str    string
		raw    string
	}{
		{"name.first", true, String, "Tom", `"Tom"`},
		{"name.last", true, String, `And"erson`, `"And\"erson"`},
		{"age", true, Number, "37", "37"},
		{"pi", true, Number, "3.25", "3.25"},
		{"ok", true, True, "true", "true"},
		{"no", true, False, "false", "false"},
		{"nothing", true, Null, "", "null"},
		{"children", true, JSON, `["Sara", "Alex", "Jack"]`, `["Sara", "Alex", "Jack"]`},
		{"children.1", true, String, "Alex", `"Alex"`},
		{"children.3", false, Null, "", ""},
		{"children.#", true, Number, "3", ""},
		{"children.x", false, Null, "", ""},
		{`fav\.movie`, true, String, "Deer Hunter", `"Deer Hunter"`},
		{"fav.movie", false, Null, "", ""},
		{`esc\.key`, true, String, "escaped key", `"escaped key"`},
		{"uni", true, String, "Привет 📦 \uFFFDx", ""},
		{"friends.1.first", true, String, "Roger", `"Roger"`},
		{"friends.0.nets.#", true, Number, "3", ""},
		{"friends.1.nets.#", true, Number, "0", ""},
		{"friends.#.first", false, Null, "", ""},
		{"obj.0", true, String, "zero key", `"zero key"`},
		{"obj.a.b.c.0.1", true, Number, "2", "2"},
		{"obj.a.b.c.1.0", true, Number, "3", "3"},
		{"obj.#", false, Null, "", ""},
		{"empty", true, JSON, "{}", "{}"},
		{"empty.x", false, Null, "", ""},
		{"missing", false, Null, "", ""},
		{"age.x", false, Null, "", ""},
		{"", false, Null, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			r := Get([]byte(doc), tt.path)
			assert.Equal(t, tt.exists, r.Exists())
			assert.Equal(t, tt.typ, r.Type, "type %s", r.Type)
			assert.Equal(t, tt.str, r.String())
			if tt.raw != "" {
				assert.Equal(t, tt.raw, string(r.Raw))
			}
		})
	}
}

func TestConversions(t *testing.T) {
	d := []byte(doc)
	assert.Equal(t, int64(37), Get(d, "age").Int())
	assert.Equal(t, int64(-12), Get(d, "neg").Int())
	assert.Equal(t, int64(3), Get(d, "pi").Int())
	assert.Equal(t, int64(math.MaxInt64), Get(d, "big").Int())
	assert.Equal(t, int64(1000), Get(d, "exp").Int())
	assert.Equal(t, int64(42), Get(d, "numstr").Int())
	assert.Equal(t, int64(2), Get(d, "floatstr").Int())
	assert.Equal(t, int64(1), Get(d, "ok").Int())
	assert.Equal(t, int64(0), Get(d, "name").Int())
	assert.Equal(t, int64(3), Get(d, "children.#").Int())
	assert.Equal(t, 3.25, Get(d, "pi").Float())
	assert.Equal(t, 2.5, Get(d, "floatstr").Float())
	assert.Equal(t, 1.0, Get(d, "ok").Float())
	assert.Equal(t, 0.0, Get(d, "missing").Float())
	assert.True(t, Get(d, "ok").Bool())
	assert.False(t, Get(d, "no").Bool())
	assert.True(t, Get(d, "boolstr").Bool())
	assert.True(t, Get(d, "age").Bool())
	assert.False(t, Get(d, "name.first").Bool())
	assert.True(t, Get(d, "name").IsObject())
	assert.False(t, Get(d, "name").IsArray())
	assert.True(t, Get(d, "children").IsArray())
	assert.False(t, Get(d, "missing").IsArray())
	assert.Equal(t, int64(math.MinInt64), Get([]byte(`{"a":-99999999999999999999}`), "a").Int())
	assert.Equal(t, int64(math.MaxInt64), Get([]byte(`{"a":1e300}`), "a").Int())
}

func TestResultGetForEachArray(t *testing.T) {
	d := []byte(doc)
	friends := Get(d, "friends")
	var names []string
	var idx []int64
	friends.ForEach(func(k, v Result) bool {
		idx = append(idx, k.Int())
		names = append(names, v.Get("first").String())
		return true
	})
	assert.Equal(t, []string{"Dale", "Roger"}, names)
	assert.Equal(t, []int64{0, 1}, idx)

	var keys []string
	Get(d, "name").ForEach(func(k, v Result) bool {
		keys = append(keys, k.String()+"="+v.String())
		return true
	})
	assert.Equal(t, []string{"first=Tom", `last=And"erson`}, keys)

	n := 0
	Get(d, "children").ForEach(func(_, _ Result) bool { n++; return n < 2 })
	assert.Equal(t, 2, n, "ForEach stops when fn returns false")

	calls := 0
	Get(d, "age").ForEach(func(k, v Result) bool {
		calls++
		assert.False(t, k.Exists())
		assert.Equal(t, "37", v.String())
		return true
	})
	assert.Equal(t, 1, calls)
	Get(d, "missing").ForEach(func(_, _ Result) bool { t.Fatal("called for a missing value"); return true })

	arr := Get(d, "children").Array()
	require.Len(t, arr, 3)
	assert.Equal(t, "Jack", arr[2].String())
	assert.Len(t, Get(d, "age").Array(), 1)
	assert.Len(t, Get(d, "nothing").Array(), 0)
	assert.Len(t, Get(d, "missing").Array(), 0)
	assert.Len(t, Get(d, "empty").Array(), 1)
	assert.Equal(t, "Jack", friends.Get("0").Get("nets").Get("9").String()+Get(d, "children.2").String())
	assert.False(t, Get(d, "age").Get("x").Exists())
}

func TestTopLevel(t *testing.T) {
	assert.Equal(t, "b", Get([]byte(` ["a","b"] `), "1").String())
	assert.Equal(t, int64(2), Get([]byte(`["a","b"]`), "#").Int())
	assert.False(t, Get([]byte(`"str"`), "a").Exists())
	assert.False(t, Get(nil, "a").Exists())
}

func TestMalformedNeverPanics(t *testing.T) {
	inputs := []string{"", "{", `{"a"`, `{"a":`, `{"a":"x`, `{"a":[1,2`, `["\u12`, `{"a":"\ud83d\u"}`,
		`{"a":"\`, `}`, `]]]`, `{"a" 1}`, `{"a":1,,"b":2}`, `[[[[[[[[[[`, `{"a":tru}`, `{"\`, `{"a\`}
	paths := []string{"a", "a.0", "a.#", "b", "0", "#", `a\`, `a\.b`}
	for _, in := range inputs {
		for _, p := range paths {
			assert.NotPanics(t, func() {
				r := Get([]byte(in), p)
				_ = r.String()
				_ = r.Int()
				_ = r.Float()
				_ = r.Bool()
				_ = r.Array()
				r.ForEach(func(k, v Result) bool { _ = k.String(); _ = v.String(); return true })
				_ = Valid([]byte(in))
			}, "input %q path %q", in, p)
		}
	}
	assert.Equal(t, `{"a":1,,"b":2}`, Get([]byte(`{"x":{"a":1,,"b":2}}`), "x").String())
}

func TestValid(t *testing.T) {
	tests := []struct {
		in string
		ok bool
	}{
		{`{}`, true}, {` [ ] `, true}, {`0`, true}, {`-0.5e+10`, true}, {`"a\u00e9\n"`, true},
		{`{"a":[1,true,false,null,{"b":"c"}]}`, true}, {`"😀"`, true},
		{``, false}, {` `, false}, {`{`, false}, {`{"a":1,}`, false}, {`[1,]`, false}, {`01`, false},
		{`1.`, false}, {`.5`, false}, {`1e`, false}, {`+1`, false}, {`-`, false}, {`tru`, false},
		{`nul`, false}, {`"\x"`, false}, {`"\u12g4"`, false}, {"\"a\tb\"", false}, {"\"\xff\"", false},
		{`{"a" 1}`, false}, {`{a:1}`, false}, {`[1 2]`, false}, {`{} {}`, false}, {`"abc`, false},
		{`NaN`, false}, {`[1,2]]`, false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.ok, Valid([]byte(tt.in)), "%q", tt.in)
		if utf8.ValidString(tt.in) {
			assert.Equal(t, json.Valid([]byte(tt.in)), Valid([]byte(tt.in)), "agrees with encoding/json on %q", tt.in)
		}
	}
	deep := strings.Repeat("[", MaxDepth) + strings.Repeat("]", MaxDepth)
	assert.True(t, Valid([]byte(deep)))
	tooDeep := strings.Repeat("[", MaxDepth+1) + strings.Repeat("]", MaxDepth+1)
	assert.False(t, Valid([]byte(tooDeep)))
	hostile := []byte(strings.Repeat(`{"a":[`, 1<<20))
	assert.False(t, Valid(hostile))
	assert.False(t, Get(hostile, "a.0.a.0.b").Exists())
}

func TestGetDoesNotAllocate(t *testing.T) {
	d := []byte(doc)
	allocs := testing.AllocsPerRun(100, func() {
		_ = Get(d, "friends.1.nets")
		_ = Get(d, `fav\.movie`)
		_ = Get(d, "obj.a.b.c.0.1").Int()
		_ = Get(d, "children.#").Int()
		_ = Get(d, "pi").Float()
	})
	assert.Zero(t, allocs)
}

// sampleDocs returns the real upstream samples, for seeds and benchmarks.
func sampleDocs(tb testing.TB) [][]byte {
	var out [][]byte
	for _, dir := range []string{"upstream", "aliexpress"} {
		root := testenv.Data(tb, dir)
		err := filepath.WalkDir(root, func(p string, e os.DirEntry, err error) error {
			if err != nil || e.IsDir() || filepath.Ext(p) != ".json" {
				return err
			}
			b, err := os.ReadFile(p)
			out = append(out, b)
			return err
		})
		require.NoError(tb, err)
	}
	return out
}

// safeKey reports whether gjson reads key literally once dots are escaped
// (gjson gives other characters path meaning that jsonr does not share).
func safeKey(k string) bool {
	if k == "" || k == "#" {
		return false
	}
	for i := 0; i < len(k); i++ {
		c := k[i]
		if !(c == '.' || c == '_' || c == '-' || c == ' ' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80) {
			return false
		}
	}
	return true
}

// paths lists up to limit paths that exist in doc, found with gjson.
func paths(doc string, limit int) []string {
	var out []string
	var walk func(prefix string, r gjson.Result, depth int)
	walk = func(prefix string, r gjson.Result, depth int) {
		if len(out) >= limit || depth > 12 || !r.IsObject() && !r.IsArray() {
			return
		}
		if r.IsArray() && prefix != "" {
			out = append(out, prefix+".#")
		}
		// Duplicate keys are left out: which one a reader picks is unspecified.
		seen := map[string]int{}
		r.ForEach(func(k, _ gjson.Result) bool { seen[k.Str]++; return true })
		i := 0
		r.ForEach(func(k, v gjson.Result) bool {
			var comp string
			if r.IsArray() {
				comp = strconv.Itoa(i)
				i++
			} else {
				if !safeKey(k.Str) || seen[k.Str] > 1 {
					return true
				}
				comp = strings.ReplaceAll(k.Str, ".", `\.`)
			}
			p := comp
			if prefix != "" {
				p = prefix + "." + comp
			}
			out = append(out, p)
			walk(p, v, depth+1)
			return len(out) < limit
		})
	}
	walk("", gjson.Parse(doc), 0)
	return out
}

// sameAsGjson checks jsonr against gjson, the oracle, on one path.
func sameAsGjson(t *testing.T, data []byte, path string) {
	want := gjson.GetBytes(data, path)
	got := Get(data, path)
	require.Equal(t, want.Exists(), got.Exists(), "Exists of %q", path)
	if !want.Exists() {
		return
	}
	require.Equal(t, want.Type.String(), got.Type.String(), "Type of %q", path)
	if !got.computed {
		require.Equal(t, want.Raw, string(got.Raw), "Raw of %q", path)
	}
	switch got.Type {
	case String:
		if utf8.ValidString(want.Str) {
			require.Equal(t, want.Str, got.String(), "String of %q", path)
		}
	case Number:
		wf, gf := want.Float(), got.Float()
		require.True(t, wf == gf || wf != wf && gf != gf, "Float of %q: %v vs %v", path, wf, gf)
		if math.Abs(wf) < 1<<53 {
			require.Equal(t, want.Int(), got.Int(), "Int of %q", path)
		}
	default:
		require.Equal(t, want.String(), got.String(), "String of %q", path)
	}
	require.Equal(t, want.Bool(), got.Bool(), "Bool of %q", path)
	require.Equal(t, want.IsArray(), got.IsArray(), "IsArray of %q", path)
	require.Equal(t, want.IsObject(), got.IsObject(), "IsObject of %q", path)
	require.Equal(t, len(want.Array()), len(got.Array()), "len(Array) of %q", path)
}

func TestAgreesWithGjsonOnSamples(t *testing.T) {
	docs := sampleDocs(t)
	require.NotEmpty(t, docs, "no samples under %s", testenv.Data(t))
	n := 0
	for _, d := range docs {
		require.True(t, Valid(d))
		for _, p := range paths(string(d), 5000) {
			sameAsGjson(t, d, p)
			n++
		}
	}
	t.Logf("%d paths compared", n)
}

func FuzzGet(f *testing.F) {
	f.Add([]byte(doc), "friends.1.first")
	f.Add([]byte(`{"a":{"b":[1,"x",{"c":null}]}}`), "a.b.2.c")
	f.Add([]byte(`["\ud83d\ude00",1e5,-0]`), "0")
	f.Add([]byte(`{"a\\.b":1}`), `a\.b`)
	for _, d := range sampleDocs(f) {
		f.Add(d, "module.0.detailList.0.timeStr")
	}
	f.Fuzz(func(t *testing.T, data []byte, path string) {
		// Never panics, on anything.
		r := Get(data, path)
		_, _, _, _ = r.String(), r.Int(), r.Float(), r.Bool()
		r.ForEach(func(k, v Result) bool { _, _ = k.String(), v.Raw; return true })
		valid := Valid(data)

		// Valid agrees with encoding/json, given UTF-8 and the depth limit.
		if !json.Valid(data) {
			require.False(t, valid, "Valid accepted what encoding/json rejects")
			return
		}
		if utf8.Valid(data) && depth(data) <= MaxDepth {
			require.True(t, valid, "Valid rejected valid JSON")
		}
		if !valid {
			return
		}
		// Reads agree with gjson on every path of the document (and on the
		// fuzzed path when it uses only syntax both readers share).
		for _, p := range paths(string(data), 200) {
			sameAsGjson(t, data, p)
		}
		// (gjson looks inside a top-level string for brackets; jsonr does not.)
		if top := gjson.ParseBytes(data); (top.IsObject() || top.IsArray()) &&
			plainPath(path) && !hasDuplicateKeys(data) {
			sameAsGjson(t, data, path)
		}
	})
}

func plainPath(p string) bool {
	if p == "" {
		return false
	}
	for _, c := range strings.Split(p, ".") {
		if !safeKey(c) && c != "#" {
			return false
		}
		if len(c) > 1 && c[0] == '0' {
			return false
		}
	}
	return !strings.Contains(p[:len(p)-1], "#")
}

// depth is the deepest bracket nesting in valid JSON.
func depth(data []byte) int {
	d, most := 0, 0
	for i := 0; i < len(data); i++ {
		switch data[i] {
		case '"':
			for i++; i < len(data) && data[i] != '"'; i++ {
				if data[i] == '\\' {
					i++
				}
			}
		case '[', '{':
			d++
			most = max(most, d)
		case ']', '}':
			d--
		}
	}
	return most
}

func BenchmarkGet(b *testing.B) {
	docs := sampleDocs(b)
	var big []byte
	for _, d := range docs {
		if len(d) > len(big) && gjson.GetBytes(d, "body.module.0.detailList").Exists() {
			big = d
		}
	}
	if big == nil {
		big = []byte(doc)
	}
	const path = "body.module.0.detailList.5.standerdDesc"
	b.Run("jsonr", func(b *testing.B) {
		b.SetBytes(int64(len(big)))
		b.ReportAllocs()
		for b.Loop() {
			_ = Get(big, path)
		}
	})
	b.Run("gjson", func(b *testing.B) {
		b.SetBytes(int64(len(big)))
		b.ReportAllocs()
		for b.Loop() {
			_ = gjson.GetBytes(big, path)
		}
	})
}

func BenchmarkValid(b *testing.B) {
	var big []byte
	for _, d := range sampleDocs(b) {
		if len(d) > len(big) {
			big = d
		}
	}
	b.Run("jsonr", func(b *testing.B) {
		b.SetBytes(int64(len(big)))
		for b.Loop() {
			_ = Valid(big)
		}
	})
	b.Run("gjson", func(b *testing.B) {
		b.SetBytes(int64(len(big)))
		for b.Loop() {
			_ = gjson.ValidBytes(big)
		}
	})
	b.Run("encoding_json", func(b *testing.B) {
		b.SetBytes(int64(len(big)))
		for b.Loop() {
			_ = json.Valid(big)
		}
	})
}

func hasDuplicateKeys(data []byte) bool {
	dup := false
	var walk func(r gjson.Result)
	walk = func(r gjson.Result) {
		seen := map[string]bool{}
		r.ForEach(func(k, v gjson.Result) bool {
			if r.IsObject() {
				dup = dup || seen[k.Str]
				seen[k.Str] = true
			}
			if v.IsObject() || v.IsArray() {
				walk(v)
			}
			return !dup
		})
	}
	walk(gjson.ParseBytes(data))
	return dup
}

func TestMembers(t *testing.T) {
	d := []byte(`{"a":1,"b\u0022":"x","a":2,"c":[true],"d":null}`)
	out := []Result{{Type: True}, {}, {}, {}}
	Result{Type: JSON, Raw: d}.Members([]string{"a", `b"`, "c", "missing"}, out)
	assert.Equal(t, int64(1), out[0].Int(), "the first occurrence wins")
	assert.Equal(t, "x", out[1].String(), "escaped keys match their value")
	assert.True(t, out[2].IsArray())
	assert.False(t, out[3].Exists(), "entries are reset")
}

// parseFloat is strconv.ParseFloat without strconv: equal to it within the
// documented exact range, within a few units in the last place beyond.
func TestParseFloatMatchesStrconv(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 9))
	inputs := []string{"0", "-0", "1", "-1.5", "0.4166666666666667", "1697155196000", "121.4737", "1e5", "-0.5e+10",
		"9007199254740993", "12345678901234567890", "1e400", "-1e400", "1e-400", "5e-324", "1.7976931348623157e308",
		"inf", "-Infinity", "NaN", "", "-", "1e", "1.2.3", "0x1p4", "abc", "1_000", ".5", "5.", "+3", "00012.50"}
	for range 20000 {
		digits := 1 + r.IntN(19)
		b := make([]byte, 0, 40)
		if r.IntN(2) == 0 {
			b = append(b, '-')
		}
		dot := r.IntN(digits + 1)
		for i := 0; i < digits; i++ {
			if i == dot && i > 0 {
				b = append(b, '.')
			}
			b = append(b, byte('0'+r.IntN(10)))
		}
		if r.IntN(3) == 0 {
			b = append(b, 'e')
			b = strconv.AppendInt(b, int64(r.IntN(31)-15), 10)
		}
		inputs = append(inputs, string(b))
	}
	for range 2000 { // far outside the exact range
		inputs = append(inputs, strconv.FormatFloat(math.Float64frombits(r.Uint64()), 'g', -1, 64))
	}
	for _, in := range inputs {
		want, _ := strconv.ParseFloat(in, 64)
		if strings.ContainsAny(in, "x_") {
			want = 0 // hex and underscores are not JSON numbers
		}
		got := parseFloat([]byte(in))
		if want != want {
			require.True(t, got != got, in)
			continue
		}
		if got == want {
			continue
		}
		// Not exact: only allowed outside the documented exact range.
		require.False(t, exactRange(in), "%q: %v, want %v", in, got, want)
		ulps := math.Float64bits(math.Abs(got)) - math.Float64bits(math.Abs(want))
		if int64(ulps) < 0 {
			ulps = -ulps
		}
		require.LessOrEqual(t, ulps, uint64(4), "%q: %v, want %v", in, got, want)
	}
}

// exactRange: at most 19 significant digits, decimal exponent within ±22.
func exactRange(s string) bool {
	mant, exp, _ := strings.Cut(strings.ToLower(s), "e")
	mant = strings.TrimLeft(strings.TrimLeft(mant, "+-"), "0")
	intPart, frac, _ := strings.Cut(mant, ".")
	digits := strings.TrimLeft(intPart+frac, "0")
	e, _ := strconv.Atoi(exp)
	e -= len(frac)
	if t := strings.TrimRight(digits, "0"); len(t) < len(digits) {
		e += len(digits) - len(t)
		digits = t
	}
	return len(digits) <= 19 && e >= -22 && e <= 22
}
