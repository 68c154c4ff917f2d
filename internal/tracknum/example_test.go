package tracknum_test

import (
	"fmt"

	"github.com/waybill/waybill/internal/tracknum"
)

func ExampleParse() {
	r := tracknum.Parse(" lx 299-455-986 cn ")
	c := r.Candidates[0]
	fmt.Println(r.Number, r.Valid, c.Courier, c.Carrier, c.CheckDigit, c.Country)

	r = tracknum.Parse("LX299455968CN") // two digits swapped
	fmt.Println(r.Valid, r.Problems, r.Suggestions)

	r = tracknum.Parse("8199633578334590")
	fmt.Println(r.Valid, r.Problems)
	// Output:
	// LX299455986CN true s10 China Post valid CN
	// false [check_digit] [LX294955968CN LX299455986CN]
	// false [order_number]
}

func ExampleExtract() {
	text := "📦 Your parcel LX 299 455 986 CN (order 8199633578334590) ships with 1z5r89390357567127."
	for _, m := range tracknum.Extract(text) {
		fmt.Println(m.Number, m.Start, m.End, m.Candidates[0].Format)
	}
	// Output:
	// LX299455986CN 15 32 s10
	// 1Z5R89390357567127 69 87 ups
}

func ExampleNormalize() {
	n, offsets := tracknum.Normalize("ＬＸ\u200b２９９")
	fmt.Println(n, offsets)
	// Output: LX299 [0 1 3 4 5]
}
