package tracknum

import (
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// found is a match reduced to what the tests compare.
type found struct {
	Number     string
	Start, End int
}

func extractFound(text string) []found {
	var out []found
	for _, m := range Extract(text) {
		out = append(out, found{m.Number, m.Start, m.End})
	}
	return out
}

// span returns the UTF-16 [start,end) of sub's first occurrence in text.
func span(text, sub string) (int, int) {
	i := strings.Index(text, sub)
	if i < 0 {
		panic("no " + sub)
	}
	s := len(utf16.Encode([]rune(text[:i])))
	return s, s + len(utf16.Encode([]rune(sub)))
}

func TestExtract(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string // the matched spans, as written in text
		nums []string // their numbers
	}{
		{"plain", "Your parcel LX299455986CN has shipped.", []string{"LX299455986CN"}, []string{"LX299455986CN"}},
		{"spaced S10", "Tracking number: LX 299 455 986 CN.", []string{"LX 299 455 986 CN"}, []string{"LX299455986CN"}},
		{"dashed USPS", "USPS 9400-1112-0620-6406-2607-87 arriving", []string{"9400-1112-0620-6406-2607-87"}, []string{"9400111206206406260787"}},
		{"lower case", "ups: 1z7ae1090309775218", []string{"1z7ae1090309775218"}, []string{"1Z7AE1090309775218"}},
		{"several and duplicates", "LX299455986CN, then RB123456785GB; again LX299455986CN and RB 123456785 GB",
			[]string{"LX299455986CN", "RB123456785GB"}, []string{"LX299455986CN", "RB123456785GB"}},
		{"URL query", "https://global.cainiao.com/detail.htm?mailNoList=LP00068434402473&lang=en",
			[]string{"LP00068434402473"}, []string{"LP00068434402473"}},
		{"URL escaped list", "https://t.17track.net/en#nums=RB123456785GB%2CYT2229521272164446",
			[]string{"RB123456785GB", "YT2229521272164446"}, []string{"RB123456785GB", "YT2229521272164446"}},
		{"URL path", "https://www.aliexpress.com/p/tracking/index.html?tradeOrderId=8199633578334590 or /tracking/UA846098317YP.html",
			[]string{"UA846098317YP"}, []string{"UA846098317YP"}},
		{"Chinese text around", "您的包裹运单号LX299455986CN已发货", []string{"LX299455986CN"}, []string{"LX299455986CN"}},
		{"fullwidth", "运单号：ＬＸ２９９４５５９８６ＣＮ", []string{"ＬＸ２９９４５５９８６ＣＮ"}, []string{"LX299455986CN"}},
		{"Russian text", "Трек-номер: 14102192069353, посылка в пути", []string{"14102192069353"}, []string{"14102192069353"}},
		{"emoji before (UTF-16 pairs)", "📦📦 RB123456785GB", []string{"RB123456785GB"}, []string{"RB123456785GB"}},
		{"invisible marks inside", "LX\u200b299455986\u200eCN!", []string{"LX\u200b299455986\u200eCN"}, []string{"LX299455986CN"}},
		{"USPS with 420 ZIP", "Last mile: 420537049200190333885202055737 (USPS)", []string{"420537049200190333885202055737"}, []string{"420537049200190333885202055737"}},
		{"FedEx grouped", "FedEx 0414 4176 0228 964 delivered", []string{"0414 4176 0228 964"}, []string{"041441760228964"}},
		{"Amazon with space", "Amazon TBC 000000000000 ok", []string{"TBC 000000000000"}, []string{"TBC000000000000"}},
		// False positives.
		{"order id", "Order ID: 8199633578334590 Ref. Number: 3031265788145237", nil, nil},
		{"grouped order id", "Номер заказа 5555 0677 2290 9756", nil, nil},
		{"product id", "item/1005003574624824.html", nil, nil},
		{"dates and times", "Placed 2024-05-12 14:30:22, shipped 12/05/2024, 20240512 143022", nil, nil},
		{"prices", "Total US $1,299.99 (€ 1 234 567 890.12) ¥ 12345678901", nil, nil},
		{"phones", "Call +7 912 345-67-89 or +1 (555) 123-4567 or +86 138 0013 8000", nil, nil},
		{"labelled phones", "Tel: 3318810025, phone 73891051146, WhatsApp: 0 3318810025", nil, nil},
		{"Chinese mobile", "联系电话13800138004", nil, nil},
		{"words joined to a loose prefix", "Arrives in 2 weeks from today, in 10 business days", nil, nil},
		{"inside longer words", "SKU ABCLX299455986CNXYZ and x1Z5R89390357567127y", nil, nil},
		{"glued to accented letters", "éLX299455986CN", nil, nil},
		{"failed check digit", "Tracking LX299455987CN", nil, nil},
		// Groups are never joined across a word, of any script or length
		// (12345 + 67891 passes DHL Express's check digit).
		{"across a one-letter Russian word", "Посылки 12345 и 67891", nil, nil},
		{"across a one-letter Russian look-alike word", "Посылки 12345 а 67891", nil, nil},
		{"across a one-letter English word", "Parcels 12345 a 67891", nil, nil},
		{"across a capital letter", "Parcels 12345 A 67891", nil, nil},
		{"across a two-letter word", "Parcels 12345 or 67891", nil, nil},
		{"numbers either side of a word", "Посылки LX299455986CN и RB123456785GB",
			[]string{"LX299455986CN", "RB123456785GB"}, []string{"LX299455986CN", "RB123456785GB"}},
		{"empty", "", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var want []found
			for i, w := range tt.want {
				s, e := span(tt.text, w)
				want = append(want, found{tt.nums[i], s, e})
			}
			assert.Equal(t, want, extractFound(tt.text))
		})
	}
}

// The phone-number cases above would be found without their context: each
// passes DHL Express's check digit.
func TestPhoneCasesAreProvenNumbers(t *testing.T) {
	for _, n := range []string{"3318810025", "73891051146", "13800138004"} {
		r := Parse(n)
		require.True(t, r.Valid, n)
		assert.Equal(t, CheckValid, r.Candidates[0].CheckDigit, n)
	}
	assert.Len(t, Extract("DHL 3318810025"), 1)
}

// The match carries the parse of its number, and its Input is its span.
func TestExtractMatchFields(t *testing.T) {
	ms := Extract("see LX 299 455 986 CN")
	require.Len(t, ms, 1)
	m := ms[0]
	assert.Equal(t, "LX 299 455 986 CN", m.Input)
	assert.True(t, m.Valid)
	assert.Equal(t, "s10", m.Candidates[0].Format)
	assert.Equal(t, "China Post", m.Candidates[0].Carrier)
	assert.Equal(t, "CN", m.Candidates[0].Country)
	assert.Empty(t, m.Problems)
}

const lorem = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt. "

// tnd's invariant (§4.2.6): each valid number, embedded in lorem ipsum as
// written, without spaces, and split in the middle by two spaces, is found
// exactly once — here for every valid row of tracking_number_data.tsv and
// every valid AliExpress number we know.
func TestExtractFindsEveryValidNumberOnce(t *testing.T) {
	var numbers []string
	for _, row := range readTSV(t, "tracking_number_data.tsv", 4) {
		if row[3] == "valid" {
			numbers = append(numbers, row[2])
		}
	}
	numbers = append(numbers, "UA846098317YP", "LP00068434402473", "14102192069353", "4PX3001794604846CN", "PQ4F6P0703673180181750T", "YT2033912102000480", "BZ012761245CN", "420537049200190333885202055737")
	for _, n := range numbers {
		compact := compactASCII(n)
		p := Parse(compact)
		if !p.Valid || (allDigits([]byte(compact)) && p.Candidates[0].CheckDigit != CheckValid) {
			// Digits-only numbers without a proving check digit are never
			// extracted (phone numbers and ids look the same); tnd lists a few.
			assert.Empty(t, Extract(lorem+compact+" "+lorem), "%q", n)
			continue
		}
		variants := []string{compact, compact[:len(compact)/2] + "  " + compact[len(compact)/2:]}
		if strings.Count(strings.TrimSpace(n), " ") < maxAtoms && !strings.HasPrefix(n, " ") {
			variants = append(variants, n)
		}
		for _, v := range variants {
			text := lorem + v + " " + lorem
			ms := Extract(text)
			if assert.Len(t, ms, 1, "%q in lorem: %+v", v, ms) {
				assert.Equal(t, compact, ms[0].Number)
				s, e := span(text, v)
				assert.Equal(t, s, ms[0].Start)
				assert.Equal(t, e, ms[0].End)
			}
		}
	}
}

// Offsets are UTF-16 code units: the span of each match, cut from the
// UTF-16 form of the text, normalises to the number.
func TestExtractOffsetsAreUTF16(t *testing.T) {
	text := "𝒳 😀 ＬＸ２９９４５５９８６ＣＮ 😀 and RB 123 456 785 GB 𝒳"
	u := utf16.Encode([]rune(text))
	ms := Extract(text)
	require.Len(t, ms, 2)
	for _, m := range ms {
		got, _ := Normalize(string(utf16.Decode(u[m.Start:m.End])))
		assert.Equal(t, m.Number, got)
	}
}

// A long text costs time in proportion to its length, whatever it holds.
func TestExtractHostileTexts(t *testing.T) {
	texts := []string{
		strings.Repeat("1 ", 200_000),
		strings.Repeat("9", 300_000),
		strings.Repeat("LX ", 100_000),
		strings.Repeat("\xff\xfe", 100_000),
		strings.Repeat("LX299455986CN ", 20_000),
		strings.Repeat("RB1234 5678 5GB ", 20_000),
	}
	for _, text := range texts {
		ms := Extract(text)
		assert.LessOrEqual(t, len(ms), maxMatches)
	}
	assert.Len(t, Extract(strings.Repeat("LX299455986CN ", 20_000)), 1, "duplicates are reported once")

	// Many distinct numbers in one long chain (queue compaction in between).
	var b strings.Builder
	var want []string
	for i := 0; i < 3000; i++ {
		n := s10With(i)
		b.WriteString(n[:2] + " " + n[2:11] + " " + n[11:] + " x ")
		if len(want) < maxMatches {
			want = append(want, n)
		}
	}
	var got []string
	for _, m := range Extract(b.String()) {
		got = append(got, m.Number)
	}
	assert.Equal(t, want, got)
}

// s10With returns a valid S10 number with serial i.
func s10With(i int) string {
	serial := []byte("RR00000000")
	for k, v := 9, i; k >= 2; k, v = k-1, v/10 {
		serial[k] = byte('0' + v%10)
	}
	return string(serial) + string(s10Check(serial[2:], "86423597")) + "CN"
}
