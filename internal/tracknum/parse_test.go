package tracknum

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// One table per format family we add beyond tracking_number_data: a real (or
// specified) number, its expected best reading, and near misses.
func TestAliExpressFormats(t *testing.T) {
	tests := []struct {
		in      string
		valid   bool
		courier string
		format  string
		cd      CheckDigit
		country string
		carrier string
	}{
		{"LX299455986CN", true, "s10", "s10", CheckValid, "CN", "China Post"},
		{"RF427233044SG", true, "s10", "s10", CheckValid, "SG", "SingPost"},
		{"RS804446736NL", true, "s10", "s10", CheckValid, "NL", "PostNL"},
		{"RT002065485AT", true, "s10", "s10", CheckValid, "AT", "Österreichische Post AG"},
		{"RB123456785TW", true, "s10", "s10", CheckValid, "TW", "Postal service"}, // not in tnd's 191 countries
		{"RB123456785XK", true, "s10", "s10", CheckValid, "XK", "Postal service"},
		{"RB123456785XX", false, "", "", "", "", ""},
		{"UA846098317YP", true, "yanwen", "yanwen_s10", CheckValid, "CN", "Yanwen"},
		{"AC550032883YN", true, "yanwen", "yanwen_s10", CheckValid, "CN", "Yanwen"},
		{"UA846098318YP", false, "yanwen", "yanwen_s10", CheckInvalid, "CN", "Yanwen"},
		{"BZ012761245CN", true, "china_ems", "china_ems_domestic", CheckNone, "CN", "China EMS"},
		{"LP00068434402473", true, "cainiao", "cainiao_lp", CheckNone, "CN", "Cainiao"},
		{"CNUSUP00016597663", true, "cainiao", "cainiao_cnusup", CheckNone, "CN", "Cainiao"},
		{"SWX123456789012345678", true, "cainiao", "cainiao_swx", CheckNone, "CN", "Cainiao"},
		{"63590000017347601815002", true, "cainiao", "cainiao_23", CheckNone, "CN", "Cainiao"},
		{"YT2033912102000480", true, "yunexpress", "yunexpress", CheckNone, "CN", "YunExpress"},
		{"YT8962646785389", true, "yto", "yto", CheckNone, "CN", "YTO Express"},
		{"4PX3001794604846CN", true, "4px", "4px", CheckNone, "CN", "4PX"},
		{"S000011731855", true, "4px", "4px_s", CheckNone, "", "4PX"},
		{"JT5261988016578", true, "jt", "jt_cn", CheckNone, "CN", "J&T Express"},
		{"SF1385628716739", true, "sf", "sf", CheckNone, "CN", "SF Express"},
		{"14102192069353", true, "russian_post", "russian_post_14", CheckValid, "RU", "Russian Post"},
		{"12342382236109", true, "russian_post", "russian_post_14", CheckValid, "RU", "Russian Post"},
		{"60300095123456", true, "dhl", "dhl_ecommerce_14", CheckNone, "", "DHL eCommerce"}, // the Russian reading's check digit fails
		{"PQ4F6P0703673180181750T", true, "correos", "correos_national", CheckNone, "ES", "Correos"},
		{"PQ4F6P070524894018175000000G", true, "correos_express", "correos_express", CheckNone, "ES", "Correos Express"},
		{"3SABCD1234567", true, "postnl", "postnl_3s", CheckNone, "NL", "PostNL"},
		{"3SBCC000123456", true, "postnl", "postnl_3s", CheckNone, "NL", "PostNL"},
		{"ID18050634174840CN", true, "winit", "winit", CheckNone, "CN", "Winit"},
		{"420537049200190333885202055737", true, "usps", "usps_impb_c", CheckValid, "US", "USPS"},
		{"420537049200190333885202055738", false, "usps", "usps_impb_c", CheckInvalid, "US", "USPS"},
		{"1Z5R89390357567127", true, "ups", "ups", CheckValid, "", "UPS"},
		{"3318810025", true, "dhl", "dhl_express", CheckValid, "", "DHL Express"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			r := Parse(tt.in)
			assert.Equal(t, tt.valid, r.Valid, "%+v %v", r.Candidates, r.Problems)
			if tt.format == "" {
				assert.Empty(t, r.Candidates)
				return
			}
			c, ok := candidateFor(r, tt.format)
			require.True(t, ok, "%+v", r.Candidates)
			assert.Equal(t, tt.courier, c.Courier)
			assert.Equal(t, tt.cd, c.CheckDigit)
			assert.Equal(t, tt.country, c.Country)
			assert.Equal(t, tt.carrier, c.Carrier)
			if tt.valid {
				assert.Equal(t, tt.format, r.Candidates[0].Format, "best reading")
			}
		})
	}
}

// Check-digit-proven candidates rank first, and a strict check-digit failure
// is not rescued by a loose format-only reading.
func TestRanking(t *testing.T) {
	r := Parse("LX299455986CN")
	require.Len(t, r.Candidates, 2)
	assert.Equal(t, "s10", r.Candidates[0].Format)
	assert.Equal(t, "dhl_ecommerce", r.Candidates[1].Format)
	assert.Greater(t, r.Candidates[0].Confidence, r.Candidates[1].Confidence)

	r = Parse("LX299455987CN")
	assert.False(t, r.Valid)
	assert.Equal(t, []string{ProblemCheckDigit}, r.Problems)
	assert.Equal(t, CheckInvalid, r.Candidates[0].CheckDigit)

	r = Parse("14102192069353") // Russian Post proven, DHL eCommerce 14 format-only
	assert.Equal(t, "russian_post_14", r.Candidates[0].Format)
	assert.Equal(t, "dhl_ecommerce_14", r.Candidates[1].Format)

	// A format without a check digit stays valid when another reading's
	// check digit fails, and ranks above that failed reading.
	r = Parse("60300095123456")
	assert.True(t, r.Valid, "%+v", r.Candidates)
	assert.Empty(t, r.Problems)
	require.Len(t, r.Candidates, 2)
	assert.Equal(t, "dhl_ecommerce_14", r.Candidates[0].Format)
	assert.Equal(t, CheckNone, r.Candidates[0].CheckDigit)
	assert.Equal(t, "russian_post_14", r.Candidates[1].Format)
	assert.Equal(t, CheckInvalid, r.Candidates[1].CheckDigit)

	for _, in := range []string{"LX299455986CN", "420537049200190333885202055737", "041441760228964", "773277027280336"} {
		r := Parse(in)
		seenOther := false
		for _, c := range r.Candidates {
			if c.CheckDigit != CheckValid {
				seenOther = true
			} else {
				assert.False(t, seenOther, "%s: proven candidates first: %+v", in, r.Candidates)
			}
			assert.True(t, c.Confidence > 0 && c.Confidence <= 1, "%s: %v", in, c.Confidence)
		}
	}
}

func TestProblems(t *testing.T) {
	tests := []struct {
		in       string
		number   string
		valid    bool
		problems []string
	}{
		{"8199633578334590", "8199633578334590", false, []string{ProblemOrderNumber}},
		{"3031265788145237", "3031265788145237", false, []string{ProblemOrderNumber}},
		{"5555 0677 2290 9756", "5555067722909756", false, []string{ProblemOrderNumber}},
		{"Order ID: 8199633578334590", "8199633578334590", false, []string{ProblemOrderNumber}},
		{"1005003574624824", "1005003574624824", false, []string{ProblemOrderNumber, ProblemProductID}},
		{"7035114477138472", "7035114477138472", true, []string{}}, // Canada Post, not an order id
		{"", "", false, []string{ProblemEmpty}},
		{" \u200b\u00a0- ", "", false, []string{ProblemEmpty}},
		{"hello", "HELLO", false, []string{ProblemUnknownFormat}},
		{"ABC123", "ABC123", false, []string{ProblemUnknownFormat}},
		{strings.Repeat("7", 60), "", false, []string{ProblemTooLong}},
		{strings.Repeat("x", 5000), "", false, []string{ProblemTooLong}},
		{"LX299455986CN RB123456785GB", "LX299455986CN", true, []string{ProblemMultipleNumbers}},
		{"Tracking number: LX 299 455 986 CN", "LX299455986CN", true, []string{}},
		{"(RB123456785GB)", "RB123456785GB", true, []string{}},
		{"№ 14102192069353", "14102192069353", true, []string{}},
		{"https://www.17track.net/en/track?nums=YT2229521272164446", "YT2229521272164446", true, []string{}},
		{"LX299\xff455986CN", "LX299455986CN", true, []string{}}, // invalid UTF-8 is dropped like U+FFFD
		{"GM 2 9 5 117 32 25 1 7 44 9 4", "GM2951173225174494", true, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.in[:min(len(tt.in), 40)], func(t *testing.T) {
			r := Parse(tt.in)
			assert.Equal(t, tt.number, r.Number)
			assert.Equal(t, tt.valid, r.Valid, "%+v", r.Candidates)
			assert.Equal(t, tt.problems, append([]string{}, r.Problems...))
			assert.LessOrEqual(t, len(r.Input), max(len(tt.in), maxEcho))
		})
	}
}

func TestSuggestions(t *testing.T) {
	tests := []struct {
		in   string
		want string // must be among the suggestions
	}{
		{"LX299455968CN", "LX299455986CN"},           // adjacent transposition
		{"1Z5R89390357567217", "1Z5R89390357567127"}, // transposition
		{"RB12345678SGB", "RB123456785GB"},           // S/5 look-alike in a digit position
		{"LX29945598GCN", "LX299455986CN"},           // G/6
		{"14102192O69353", "14102192069353"},         // O/0
		{"420537049200190333885202055773", "420537049200190333885202055737"},
	}
	for _, tt := range tests {
		r := Parse(tt.in)
		assert.False(t, r.Valid, tt.in)
		assert.Contains(t, r.Suggestions, tt.want, tt.in)
		assert.LessOrEqual(t, len(r.Suggestions), maxSuggest)
		for _, s := range r.Suggestions {
			assert.True(t, Parse(s).Valid, "suggestion %s of %s", s, tt.in)
		}
	}
	// A substitution fits almost every position of an S10 serial: too
	// ambiguous to suggest, so only transpositions (if any) are offered.
	r := Parse("RB123456784GB")
	for _, s := range r.Suggestions {
		assert.Equal(t, len("RB123456784GB"), len(s))
	}
	assert.Empty(t, Parse("LX299455986CN").Suggestions)
	assert.Empty(t, Parse("8199633578334590").Suggestions)
}

// Parse never changes what Normalize says the number is.
func TestParseNumberIsNormalized(t *testing.T) {
	for _, in := range []string{" lx 299-455-986 cn ", "ｌｘ２９９４５５９８６ｃｎ", "1z5r 8939 0357 5671 27"} {
		norm, _ := Normalize(in)
		assert.Equal(t, norm, Parse(in).Number)
	}
}

// The Parser reuses memory: the hot path does not allocate.
func TestParserDoesNotAllocate(t *testing.T) {
	var p Parser
	for _, in := range []string{"LX299455986CN", "420537049200190333885202055737", "1Z5R89390357567127", "14102192069353"} {
		allocs := testing.AllocsPerRun(100, func() { p.Parse(in) })
		assert.Zero(t, allocs, in)
	}
	text := "Hi! Your parcel LX 299 455 986 CN ships with 1Z5R89390357567127 soon."
	allocs := testing.AllocsPerRun(100, func() { p.Extract(text, func(*Match) bool { return true }) })
	assert.LessOrEqual(t, allocs, 2.0, "extract")
}
