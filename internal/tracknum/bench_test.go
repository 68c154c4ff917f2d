package tracknum

import (
	"strings"
	"testing"
)

// benchNumbers is every number of the three vector files (as written).
func benchNumbers(b *testing.B) []string {
	var out []string
	for _, row := range readTSV(b, "tracking_number_data.tsv", 4) {
		out = append(out, row[2])
	}
	for _, row := range readTSV(b, "extra_vectors.tsv", 4) {
		out = append(out, row[2])
	}
	return out
}

// benchLines are lines of text as the extension meets them.
var benchLines = []string{
	"Your order 8199633578334590 has shipped! Tracking number: LX 299 455 986 CN (China Post)",
	"Paket RB123456785GB ist unterwegs, Lieferung am 12.05.2024 zwischen 10:00 und 14:00",
	"运单号：ＬＰ０００６８４３４４０２４７３ 已到达【深圳】转运中心",
	"Трек-номер 14102192069353, статус: прибыло в место вручения. Тел. +7 912 345-67-89",
	"https://global.cainiao.com/detail.htm?mailNoList=YT2229521272164446&lang=en",
	"USPS 420537049200190333885202055737 Out for delivery — total $12.99, qty 2",
	"Hi seller, where is my parcel? It has been 30 days since I paid US $25.40.",
	"UPS 1Z5R89390357567127 and FedEx 0414 4176 0228 964 both in transit",
}

// BenchmarkParse parses every vector as written (valid, mistyped, spaced,
// unknown), so typo suggestions and extraction fallbacks are included.
func BenchmarkParse(b *testing.B) {
	numbers := benchNumbers(b)
	var p Parser
	b.ReportAllocs()
	c := startCPU(b)
	for i := 0; i < b.N; i++ {
		p.Parse(numbers[i%len(numbers)])
	}
	c.stop(b)
}

// BenchmarkParseValid parses the valid numbers in normalised form: the hot
// path of the extension and the worker.
func BenchmarkParseValid(b *testing.B) {
	var numbers []string
	for _, n := range benchNumbers(b) {
		if r := Parse(n); r.Valid {
			numbers = append(numbers, r.Number)
		}
	}
	var p Parser
	b.ReportAllocs()
	c := startCPU(b)
	for i := 0; i < b.N; i++ {
		p.Parse(numbers[i%len(numbers)])
	}
	c.stop(b)
}

// BenchmarkParseFunc is the allocating convenience API.
func BenchmarkParseFunc(b *testing.B) {
	numbers := benchNumbers(b)
	b.ReportAllocs()
	c := startCPU(b)
	for i := 0; i < b.N; i++ {
		Parse(numbers[i%len(numbers)])
	}
	c.stop(b)
}

// BenchmarkExtract reads lines of text one by one, and a long text of about
// 100 KB (many lines, prose between them).
func BenchmarkExtract(b *testing.B) {
	b.Run("line", func(b *testing.B) {
		var p Parser
		sink := 0
		b.ReportAllocs()
		c := startCPU(b)
		for i := 0; i < b.N; i++ {
			p.Extract(benchLines[i%len(benchLines)], func(*Match) bool { sink++; return true })
		}
		c.stop(b)
	})
	b.Run("long100KB", func(b *testing.B) {
		var sb strings.Builder
		for sb.Len() < 100_000 {
			for _, l := range benchLines {
				sb.WriteString(l)
				sb.WriteString("\n")
				sb.WriteString(lorem)
			}
		}
		text := sb.String()
		var p Parser
		b.SetBytes(int64(len(text)))
		b.ReportAllocs()
		c := startCPU(b)
		for i := 0; i < b.N; i++ {
			p.Extract(text, func(*Match) bool { return true })
		}
		c.stop(b)
	})
}
