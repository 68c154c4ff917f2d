package tracknum

// The format table: one row per tracking-number type. Rows 1–39 are the 39
// types of tracking_number_data (couriers/*.json, MIT, see
// tracking_number_data.LICENSE), translated from their regexes into shapes;
// the rest are the AliExpress formats of reference/tracking-numbers.md §2.
// A shape is a list of segments matched left to right with backtracking in
// the regex engine's order (greedy counts, alternatives in order), so the
// payload and check-digit groups come out exactly as tnd's regexes capture
// them. The three tnd regexes that need lookahead (usps_impb_n, usps_impb_c,
// and usps_legacy's optional groups) use the hand-written IMpb matcher.

// seg is one segment of a shape: either literal alternatives (lit, tried in
// order, "|"-separated) or min..max characters of class cls.
type seg struct {
	lit      string
	cls      string // "#" digit, "@" letter, "*" digit or letter, else the listed characters
	min, max uint8
}

// special selects a hand-written rule that a plain shape cannot say.
type special uint8

const (
	spNone       special = iota
	spS10                // the last two letters must be an ISO 3166 country
	spIMpbN              // USPS IMpb with application identifier 94 (tnd usps_impb_n)
	spIMpbC              // USPS IMpb 92/93/95 (tnd usps_impb_c)
	spIMpbLegacy         // USPS 91/legacy 20/22 digits (tnd usps_legacy)
)

// flag qualifies a row's evidence.
type flag uint8

const (
	// strict: a check-digit failure means the number is mistyped (letter-anchored
	// shapes, where no other carrier's number looks the same).
	strict flag = 1 << iota
	// weak: a loose format-only shape (digits-only or a bare 2-letter prefix);
	// it does not make a number valid once a strict row's check digit failed.
	weak
)

// format is one row of the table.
type format struct {
	id      string // tnd type id (or our own), the "format" of a candidate
	name    string // tnd type name (or our own)
	courier string // tnd courier code, or our own lower-case code
	carrier string // display name
	country string // ISO 3166 country when the format implies one
	minLen  uint8
	maxLen  uint8
	shape   []seg
	pay     [2]int8 // payload = segments pay[0] ≤ i < pay[1]
	cdSeg   int8    // segment holding the check character, -1 if none
	cd      checkDigit
	// tnd serial_number_format.prepend_if: prepend `prepend` to the payload
	// unless it already starts with prependUnless.
	prepend, prependUnless string
	special                special
	conf                   float64 // confidence of a match (before check-digit evidence)
	flags                  flag
}

// Shorthands for shapes.
const (
	dig = "#"
	let = "@"
	aln = "*"
)

var formats = [...]format{
	// ---- tracking_number_data: amazon.json
	{id: "amazon_logistics", name: "Amazon Logistics", courier: "amazon", carrier: "Amazon Logistics", minLen: 15, maxLen: 15,
		shape: []seg{{lit: "TB"}, {cls: "ACM", min: 1, max: 1}, {cls: dig, min: 12, max: 12}}, cdSeg: -1, conf: 0.7},
	{id: "amazon_international", name: "Amazon International", courier: "amazon", carrier: "Amazon", minLen: 11, maxLen: 11,
		shape: []seg{{cls: "AFC", min: 1, max: 1}, {cls: dig, min: 10, max: 10}}, cdSeg: -1, conf: 0.3, flags: weak},
	// canadapost.json
	{id: "canada_post", name: "Canada Post (16)", courier: "canada_post", carrier: "Canada Post", country: "CA", minLen: 16, maxLen: 16,
		shape: []seg{{cls: dig, min: 15, max: 15}, {cls: dig, min: 1, max: 1}}, pay: [2]int8{0, 1}, cdSeg: 1, cd: cdMod10_31, conf: 0.75},
	// canpar.json
	{id: "canpar_22", name: "Canpar (22)", courier: "canpar", carrier: "Canpar", country: "CA", minLen: 22, maxLen: 22,
		shape: []seg{{cls: "CDKLSUXZ", min: 1, max: 1}, {cls: dig, min: 21, max: 21}}, cdSeg: -1, conf: 0.5},
	// dhl.json
	{id: "dhl_express", name: "DHL Express", courier: "dhl", carrier: "DHL Express", minLen: 10, maxLen: 11,
		shape: []seg{{cls: dig, min: 9, max: 10}, {cls: dig, min: 1, max: 1}}, pay: [2]int8{0, 1}, cdSeg: 1, cd: cdMod7, conf: 0.65},
	{id: "dhl_express_piece_id", name: "DHL Express (Piece ID)", courier: "dhl", carrier: "DHL Express", minLen: 12, maxLen: 14,
		shape: []seg{{lit: "J"}, {cls: let, min: 2, max: 3}, {cls: dig, min: 9, max: 10}}, cdSeg: -1, conf: 0.5},
	// tnd: (?:GM|LX|…)(?=[0-9A-Z]{10,39}\b)(?=[^0-9A-Z]*[0-9])[0-9A-Z]{10,39}: the
	// second lookahead makes the first character after the prefix a digit.
	{id: "dhl_ecommerce", name: "DHL E-Commerce", courier: "dhl", carrier: "DHL eCommerce", minLen: 12, maxLen: 41,
		shape: []seg{{lit: "GM|LX|RX|UV|CN|SG|TH|IN|HK|MY"}, {cls: dig, min: 1, max: 1}, {cls: aln, min: 9, max: 38}}, cdSeg: -1, conf: 0.3, flags: weak},
	{id: "dhl_ecommerce_14", name: "DHL E-Commerce (14)", courier: "dhl", carrier: "DHL eCommerce", minLen: 14, maxLen: 14,
		shape: []seg{{cls: dig, min: 14, max: 14}}, cdSeg: -1, conf: 0.25, flags: weak},
	// dpd.json
	{id: "dpd", name: "DPD (28)", courier: "dpd", carrier: "DPD", minLen: 28, maxLen: 28,
		shape: []seg{{cls: dig, min: 27, max: 27}, {cls: aln, min: 1, max: 1}}, pay: [2]int8{0, 1}, cdSeg: 1, cd: cdMod3736, conf: 0.9},
	{id: "dpd_14", name: "DPD (14)", courier: "dpd", carrier: "DPD", minLen: 15, maxLen: 15,
		shape: []seg{{cls: dig, min: 14, max: 14}, {cls: aln, min: 1, max: 1}}, pay: [2]int8{0, 1}, cdSeg: 1, cd: cdMod3736, conf: 0.8},
	// fedex.json
	{id: "fedex_12", name: "FedEx Express (12)", courier: "fedex", carrier: "FedEx Express", minLen: 12, maxLen: 12,
		shape: []seg{{cls: dig, min: 11, max: 11}, {cls: dig, min: 1, max: 1}}, pay: [2]int8{0, 1}, cdSeg: 1, cd: cdFedex11, conf: 0.75},
	{id: "fedex_34", name: "FedEx Express (34)", courier: "fedex", carrier: "FedEx Express", minLen: 34, maxLen: 34,
		shape: []seg{{cls: "012345678", min: 1, max: 1}, {cls: dig, min: 14, max: 14}, {cls: dig, min: 5, max: 5}, {cls: dig, min: 13, max: 13}, {cls: dig, min: 1, max: 1}},
		pay:   [2]int8{3, 4}, cdSeg: 4, cd: cdFedex13, conf: 0.85},
	{id: "fedex_astra_32", name: "FedEx ASTRA (32)", courier: "fedex", carrier: "FedEx", minLen: 32, maxLen: 32,
		shape: []seg{{lit: "3"}, {cls: dig, min: 15, max: 15}, {cls: dig, min: 11, max: 11}, {cls: dig, min: 1, max: 1}, {cls: dig, min: 4, max: 4}},
		pay:   [2]int8{2, 3}, cdSeg: 3, cd: cdFedex11, conf: 0.85},
	{id: "fedex_ground", name: "FedEx Ground", courier: "fedex", carrier: "FedEx Ground", minLen: 15, maxLen: 15,
		shape: []seg{{cls: dig, min: 14, max: 14}, {cls: dig, min: 1, max: 1}}, pay: [2]int8{0, 1}, cdSeg: 1, cd: cdMod10_13, conf: 0.75},
	{id: "fedex_ground_sscc_18", name: "FedEx Ground (SSCC-18)", courier: "fedex", carrier: "FedEx Ground", minLen: 18, maxLen: 18,
		shape: []seg{{cls: dig, min: 2, max: 2}, {cls: dig, min: 15, max: 15}, {cls: dig, min: 1, max: 1}}, pay: [2]int8{1, 2}, cdSeg: 2, cd: cdMod10_31, conf: 0.8},
	{id: "fedex_ground_96", name: "FedEx Ground 96 (22)", courier: "fedex", carrier: "FedEx Ground", minLen: 22, maxLen: 22,
		shape: []seg{{lit: "96"}, {cls: dig, min: 5, max: 5}, {cls: dig, min: 14, max: 14}, {cls: dig, min: 1, max: 1}}, pay: [2]int8{2, 3}, cdSeg: 3, cd: cdMod10_13, conf: 0.85},
	{id: "fedex_ground_gsn", name: "FedEx Ground GSN", courier: "fedex", carrier: "FedEx Ground", minLen: 34, maxLen: 34,
		shape: []seg{{lit: "96"}, {cls: dig, min: 18, max: 18}, {cls: dig, min: 13, max: 13}, {cls: dig, min: 1, max: 1}}, pay: [2]int8{2, 3}, cdSeg: 3, cd: cdFedex13, conf: 0.85},
	// gofo.json, landmark.json
	{id: "gofo_us", name: "GOFO Express (US)", courier: "gofo", carrier: "GOFO Express", country: "US", minLen: 18, maxLen: 18,
		shape: []seg{{lit: "GFUS"}, {cls: dig, min: 14, max: 14}}, cdSeg: -1, conf: 0.7},
	{id: "landmark_global", name: "Landmark Global LTN", courier: "landmark", carrier: "Landmark Global", minLen: 13, maxLen: 13,
		shape: []seg{{lit: "LTN"}, {cls: dig, min: 8, max: 8}, {lit: "N1"}}, cdSeg: -1, conf: 0.7},
	// lasership.json
	{id: "lasership_lx", name: "LaserShip LX", courier: "lasership", carrier: "LaserShip", country: "US", minLen: 10, maxLen: 10,
		shape: []seg{{lit: "L"}, {cls: "AIEHNX", min: 1, max: 1}, {cls: "123", min: 1, max: 1}, {cls: dig, min: 7, max: 7}}, cdSeg: -1, conf: 0.5},
	{id: "lasership_1ls7", name: "LaserShip 1LS7 (15)", courier: "lasership", carrier: "LaserShip", country: "US", minLen: 15, maxLen: 15,
		shape: []seg{{lit: "1LS7"}, {cls: "12", min: 1, max: 1}, {cls: dig, min: 10, max: 10}}, cdSeg: -1, conf: 0.6},
	// tnd spells this one with a literal "-" before the last digit; normalisation drops it.
	{id: "lasership_1ls7_18", name: "LaserShip 1LS7 (18)", courier: "lasership", carrier: "LaserShip", country: "US", minLen: 17, maxLen: 17,
		shape: []seg{{lit: "1LS7"}, {cls: "12", min: 1, max: 1}, {cls: dig, min: 2, max: 2}, {lit: "01"}, {cls: "1234", min: 1, max: 1}, {cls: dig, min: 6, max: 6}, {lit: "1"}},
		cdSeg: -1, conf: 0.6},
	{id: "lasership_1lscx", name: "LaserShip 1LSCX (15)", courier: "lasership", carrier: "LaserShip", country: "US", minLen: 15, maxLen: 15,
		shape: []seg{{lit: "1LSCX"}, {cls: aln, min: 10, max: 10}}, cdSeg: -1, conf: 0.6},
	// old_dominion.json
	{id: "old_dominion", name: "Old Dominion", courier: "old_dominion", carrier: "Old Dominion Freight Line", country: "US", minLen: 11, maxLen: 11,
		shape: []seg{{lit: "777|778|072|780"}, {cls: dig, min: 7, max: 7}, {cls: dig, min: 1, max: 1}}, pay: [2]int8{0, 2}, cdSeg: 2, cd: cdLuhn, conf: 0.7},
	{id: "old_dominion_guaranteed", name: "Old Dominion Guaranteed Shipment", courier: "old_dominion", carrier: "Old Dominion Freight Line", country: "US", minLen: 11, maxLen: 11,
		shape: []seg{{lit: "80"}, {cls: dig, min: 8, max: 8}, {cls: dig, min: 1, max: 1}}, pay: [2]int8{0, 2}, cdSeg: 2, cd: cdLuhn, conf: 0.7},
	// ontrac.json
	{id: "ontrac_c", name: "OnTrac", courier: "ontrac", carrier: "OnTrac", country: "US", minLen: 15, maxLen: 15,
		shape: []seg{{lit: "C"}, {cls: dig, min: 13, max: 13}, {cls: dig, min: 1, max: 1}}, pay: [2]int8{1, 2}, cdSeg: 2, cd: cdMod10_12,
		prepend: "4", prependUnless: "4", conf: 0.9, flags: strict},
	{id: "ontrac_d", name: "OnTrac D", courier: "ontrac", carrier: "OnTrac", country: "US", minLen: 15, maxLen: 15,
		shape: []seg{{lit: "D"}, {cls: dig, min: 13, max: 13}, {cls: dig, min: 1, max: 1}}, pay: [2]int8{1, 2}, cdSeg: 2, cd: cdMod10_12,
		prepend: "5", prependUnless: "5", conf: 0.9, flags: strict},
	// purolator.json
	{id: "purolator_numeric", name: "Purolator (12)", courier: "purolator", carrier: "Purolator", country: "CA", minLen: 12, maxLen: 12,
		shape: []seg{{cls: "012345", min: 1, max: 1}, {cls: dig, min: 10, max: 10}, {cls: dig, min: 1, max: 1}}, pay: [2]int8{0, 2}, cdSeg: 2, cd: cdLuhn, conf: 0.7},
	{id: "purolator_alpha", name: "Purolator (alpha + 9)", courier: "purolator", carrier: "Purolator", country: "CA", minLen: 12, maxLen: 12,
		shape: []seg{{cls: let, min: 3, max: 3}, {cls: dig, min: 9, max: 9}}, cdSeg: -1, conf: 0.3, flags: weak},
	// s10.json: the country lookup is the full ISO 3166 list here (tnd has 191 codes).
	{id: "s10", name: "S10", courier: "s10", carrier: "Postal service", minLen: 13, maxLen: 13,
		shape: []seg{{cls: let, min: 2, max: 2}, {cls: dig, min: 8, max: 8}, {cls: dig, min: 1, max: 1}, {cls: let, min: 2, max: 2}},
		pay:   [2]int8{1, 2}, cdSeg: 2, cd: cdS10, special: spS10, conf: 0.98, flags: strict},
	// speedee.json
	{id: "speedee", name: "Spee-Dee (20)", courier: "speedee", carrier: "Spee-Dee Delivery", country: "US", minLen: 20, maxLen: 20,
		shape: []seg{{lit: "SP"}, {cls: dig, min: 18, max: 18}}, cdSeg: -1, conf: 0.6},
	// ups.json
	{id: "ups", name: "UPS", courier: "ups", carrier: "UPS", minLen: 18, maxLen: 18,
		shape: []seg{{lit: "1Z"}, {cls: aln, min: 15, max: 15}, {cls: dig, min: 1, max: 1}}, pay: [2]int8{1, 2}, cdSeg: 2, cd: cdMod10_12, conf: 0.98, flags: strict},
	{id: "ups_waybill", name: "UPS Waybill", courier: "ups", carrier: "UPS", minLen: 11, maxLen: 11,
		shape: []seg{{cls: "AHJKTV", min: 1, max: 1}, {cls: dig, min: 9, max: 9}, {cls: dig, min: 1, max: 1}}, pay: [2]int8{1, 2}, cdSeg: 2, cd: cdMod10_12, conf: 0.7},
	// usps.json
	{id: "usps_20", name: "USPS 20", courier: "usps", carrier: "USPS", country: "US", minLen: 20, maxLen: 20,
		shape: []seg{{cls: dig, min: 19, max: 19}, {cls: dig, min: 1, max: 1}}, pay: [2]int8{0, 1}, cdSeg: 1, cd: cdMod10_31, conf: 0.75},
	{id: "usps_impb_n", name: "USPS IMpb N", courier: "usps", carrier: "USPS", country: "US", minLen: 22, maxLen: 34,
		cdSeg: -1, cd: cdMod10_31R, special: spIMpbN, conf: 0.95},
	{id: "usps_legacy", name: "USPS Legacy", courier: "usps", carrier: "USPS", country: "US", minLen: 20, maxLen: 34,
		cdSeg: -1, cd: cdMod10_31, prepend: "91", prependUnless: "91", special: spIMpbLegacy, conf: 0.8},
	{id: "usps_impb_c", name: "USPS IMpb C", courier: "usps", carrier: "USPS", country: "US", minLen: 22, maxLen: 34,
		cdSeg: -1, cd: cdMod10_31, special: spIMpbC, conf: 0.95},
	// yodel.json, yunexpress.json
	{id: "yodel", name: "Yodel", courier: "yodel", carrier: "Yodel", country: "GB", minLen: 18, maxLen: 19,
		shape: []seg{{lit: "JJD|JD"}, {cls: dig, min: 16, max: 16}}, cdSeg: -1, conf: 0.6},
	{id: "yunexpress", name: "YunExpress", courier: "yunexpress", carrier: "YunExpress", country: "CN", minLen: 18, maxLen: 18,
		shape: []seg{{lit: "YT"}, {cls: dig, min: 16, max: 16}}, cdSeg: -1, conf: 0.7},

	// ---- AliExpress formats (reference §2.2–2.16).
	// Yanwen's S10 numbers with the pseudo-countries YP/YN carry a valid S10 check digit.
	{id: "yanwen_s10", name: "Yanwen (S10, YP/YN)", courier: "yanwen", carrier: "Yanwen", country: "CN", minLen: 13, maxLen: 13,
		shape: []seg{{cls: let, min: 2, max: 2}, {cls: dig, min: 8, max: 8}, {cls: dig, min: 1, max: 1}, {lit: "YP|YN"}},
		pay:   [2]int8{1, 2}, cdSeg: 2, cd: cdS10, conf: 0.95, flags: strict},
	// China EMS domestic ranges (B/D/N/P/Z…CN): real numbers fail the S10 check digit.
	{id: "china_ems_domestic", name: "China EMS (domestic range)", courier: "china_ems", carrier: "China EMS", country: "CN", minLen: 13, maxLen: 13,
		shape: []seg{{cls: "BDNPZ", min: 1, max: 1}, {cls: let, min: 1, max: 1}, {cls: dig, min: 9, max: 9}, {lit: "CN"}}, cdSeg: -1, conf: 0.45},
	{id: "cainiao_lp", name: "Cainiao LP", courier: "cainiao", carrier: "Cainiao", country: "CN", minLen: 14, maxLen: 17,
		shape: []seg{{lit: "LP"}, {cls: dig, min: 12, max: 15}}, cdSeg: -1, conf: 0.6},
	{id: "cainiao_cnusup", name: "Cainiao CNUSUP", courier: "cainiao", carrier: "Cainiao", country: "CN", minLen: 14, maxLen: 17,
		shape: []seg{{lit: "CNUSUP"}, {cls: dig, min: 8, max: 11}}, cdSeg: -1, conf: 0.6},
	{id: "cainiao_cn", name: "Cainiao CN", courier: "cainiao", carrier: "Cainiao", country: "CN", minLen: 14, maxLen: 17,
		shape: []seg{{lit: "CN"}, {cls: dig, min: 12, max: 15}}, cdSeg: -1, conf: 0.35, flags: weak},
	{id: "cainiao_swx", name: "Cainiao Selection (SWX)", courier: "cainiao", carrier: "Cainiao", country: "CN", minLen: 21, maxLen: 21,
		shape: []seg{{lit: "SWX"}, {cls: dig, min: 18, max: 18}}, cdSeg: -1, conf: 0.6},
	{id: "cainiao_23", name: "Cainiao (23 digits)", courier: "cainiao", carrier: "Cainiao", country: "CN", minLen: 23, maxLen: 23,
		shape: []seg{{cls: dig, min: 23, max: 23}}, cdSeg: -1, conf: 0.2, flags: weak},
	{id: "yto", name: "YTO Express", courier: "yto", carrier: "YTO Express", country: "CN", minLen: 15, maxLen: 15,
		shape: []seg{{lit: "YT"}, {cls: dig, min: 13, max: 13}}, cdSeg: -1, conf: 0.5},
	{id: "4px", name: "4PX", courier: "4px", carrier: "4PX", country: "CN", minLen: 18, maxLen: 18,
		shape: []seg{{lit: "4PX"}, {cls: dig, min: 13, max: 13}, {lit: "CN"}}, cdSeg: -1, conf: 0.7},
	{id: "4px_s", name: "4PX (Singapore Post OM Pro)", courier: "4px", carrier: "4PX", minLen: 13, maxLen: 13,
		shape: []seg{{lit: "S"}, {cls: dig, min: 12, max: 12}}, cdSeg: -1, conf: 0.35},
	{id: "4px_12", name: "4PX (12 digits)", courier: "4px", carrier: "4PX", country: "CN", minLen: 12, maxLen: 12,
		shape: []seg{{cls: dig, min: 12, max: 12}}, cdSeg: -1, conf: 0.1, flags: weak},
	{id: "yanwen_13", name: "Yanwen (13 digits)", courier: "yanwen", carrier: "Yanwen", country: "CN", minLen: 13, maxLen: 13,
		shape: []seg{{cls: dig, min: 13, max: 13}}, cdSeg: -1, conf: 0.1, flags: weak},
	{id: "jt_cn", name: "J&T Express (China)", courier: "jt", carrier: "J&T Express", country: "CN", minLen: 15, maxLen: 15,
		shape: []seg{{lit: "JT"}, {cls: dig, min: 13, max: 13}}, cdSeg: -1, conf: 0.5},
	{id: "sf", name: "SF Express", courier: "sf", carrier: "SF Express", country: "CN", minLen: 15, maxLen: 15,
		shape: []seg{{lit: "SF"}, {cls: aln, min: 1, max: 1}, {cls: dig, min: 12, max: 12}}, cdSeg: -1, conf: 0.5},
	{id: "russian_post_14", name: "Russian Post (14 digits)", courier: "russian_post", carrier: "Russian Post", country: "RU", minLen: 14, maxLen: 14,
		// Not strict: its digits-only shape is also DHL eCommerce's (no check
		// digit), so a failed Russian check digit does not make those invalid.
		shape: []seg{{cls: dig, min: 13, max: 13}, {cls: dig, min: 1, max: 1}}, pay: [2]int8{0, 1}, cdSeg: 1, cd: cdRU14, conf: 0.8},
	// Correos national: product (2) + client (4, no I/O/U) + channel (2) + sequence (7) + package (2) + postcode (5) + control letter.
	{id: "correos_national", name: "Correos (national, 23)", courier: "correos", carrier: "Correos", country: "ES", minLen: 23, maxLen: 23,
		shape: []seg{{cls: aln, min: 2, max: 2}, {cls: "0123456789ABCDEFGHJKLMNPQRSTVWXYZ", min: 4, max: 4}, {cls: dig, min: 9, max: 9}, {cls: aln, min: 7, max: 7}, {cls: let, min: 1, max: 1}},
		cdSeg: -1, conf: 0.45},
	{id: "correos_express", name: "Correos Express (28)", courier: "correos_express", carrier: "Correos Express", country: "ES", minLen: 28, maxLen: 28,
		shape: []seg{{cls: aln, min: 2, max: 2}, {cls: "0123456789ABCDEFGHJKLMNPQRSTVWXYZ", min: 4, max: 4}, {cls: dig, min: 9, max: 9}, {cls: aln, min: 12, max: 12}, {cls: let, min: 1, max: 1}},
		cdSeg: -1, conf: 0.4},
	// Winit (hdnpt/geartrack-website): ID + 14 digits + CN.
	{id: "winit", name: "Winit", courier: "winit", carrier: "Winit", country: "CN", minLen: 18, maxLen: 18,
		shape: []seg{{lit: "ID"}, {cls: dig, min: 14, max: 14}, {lit: "CN"}}, cdSeg: -1, conf: 0.6},
	// PostNL 3S: type 3S + 1–4 letters + 7–12 digits, 13–15 characters.
	{id: "postnl_3s", name: "PostNL 3S", courier: "postnl", carrier: "PostNL", country: "NL", minLen: 13, maxLen: 15,
		shape: []seg{{lit: "3S"}, {cls: let, min: 1, max: 4}, {cls: dig, min: 7, max: 12}}, cdSeg: -1, conf: 0.5},
}

// inClass reports whether c belongs to a segment class.
func inClass(c byte, cls string) bool {
	switch cls {
	case dig:
		return isDigit(c)
	case let:
		return isUpper(c)
	case aln:
		return isDigit(c) || isUpper(c)
	}
	for i := 0; i < len(cls); i++ {
		if cls[i] == c {
			return true
		}
	}
	return false
}

// maxSegs bounds a shape's length (the bounds array below).
const maxSegs = 8

// matchShape matches n in full against sh, writing the start of every
// segment (and the end) into b. It backtracks like a regex engine.
func matchShape(sh []seg, n []byte, si, pos int, b *[maxSegs + 1]uint8) bool {
	b[si] = uint8(pos)
	if si == len(sh) {
		return pos == len(n)
	}
	s := &sh[si]
	if s.lit != "" {
		alts := s.lit
		for len(alts) > 0 {
			a := alts
			if i := indexByte(alts, '|'); i >= 0 {
				a, alts = alts[:i], alts[i+1:]
			} else {
				alts = ""
			}
			if hasPrefix(n[pos:], a) && matchShape(sh, n, si+1, pos+len(a), b) {
				return true
			}
		}
		return false
	}
	k := 0
	for k < int(s.max) && pos+k < len(n) && inClass(n[pos+k], s.cls) {
		k++
	}
	for ; k >= int(s.min); k-- {
		if matchShape(sh, n, si+1, pos+k, b) {
			return true
		}
	}
	return false
}

func indexByte(s string, c byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}

func hasPrefix(n []byte, p string) bool {
	if len(n) < len(p) {
		return false
	}
	for i := 0; i < len(p); i++ {
		if n[i] != p[i] {
			return false
		}
	}
	return true
}

// matchIMpb matches the three USPS types whose tnd regexes need lookahead or
// optional groups around a routing prefix (420 + ZIP5 [+ ZIP4]). It tries
// the prefix options in the regex's order (ZIP+4 first, then ZIP5, then none)
// and returns the serial (payload) bounds; the check digit is the last digit.
func matchIMpb(n []byte, sp special) (ps int, ok bool) {
	for _, c := range n {
		if !isDigit(c) {
			return 0, false
		}
	}
	L := len(n)
	route := hasPrefix(n, "420")
	try := func(pre int) bool { return pre <= L && impbCore(n[pre:], sp) }
	switch sp {
	case spIMpbLegacy:
		// (?:420 ZIP5 (ZIP4)?)? then (91)? D19 D.
		if route && try(12) {
			return 12, true
		}
		if route && try(8) {
			return 8, true
		}
	case spIMpbN:
		// ZIP5 must be followed by exactly 22 or 26 digits; ZIP4 by exactly 22.
		if route && (L-8 == 22 || L-8 == 26) {
			if L-12 == 22 && try(12) {
				return 12, true
			}
			if try(8) {
				return 8, true
			}
		}
	case spIMpbC:
		// ZIP4 must be followed by exactly 22 digits; ZIP5 has no condition.
		if route && L-12 == 22 && try(12) {
			return 12, true
		}
		if route && try(8) {
			return 8, true
		}
	}
	if try(0) {
		return 0, true
	}
	return 0, false
}

// impbCore checks the part after the routing prefix: application identifier,
// service type, mailer id (9 digits starting with 9, or 6 starting with 0–8),
// package id and check digit, with the lengths tnd's lookaheads allow.
func impbCore(c []byte, sp special) bool {
	L := len(c)
	switch sp {
	case spIMpbLegacy:
		return L == 20 || (L == 22 && c[0] == '9' && c[1] == '1')
	case spIMpbN:
		if L < 6 || c[0] != '9' || c[1] != '4' {
			return false
		}
		if c[5] == '9' {
			return L == 22 || L == 26 || L == 30
		}
		return L == 22 || L == 26
	case spIMpbC:
		if L != 22 && L != 26 {
			return false
		}
		switch {
		case c[0] == '9' && c[1] == '2':
			return c[5] == '9'
		case c[0] == '9' && c[1] == '3':
			return c[5] != '9'
		case c[0] == '9' && c[1] == '5':
			return true
		}
	}
	return false
}

// isoCountry returns the ISO 3166 code ab (a substring of isoCountries, so
// no allocation), or "" when ab is not one.
func isoCountry(a, b byte) string {
	lo, hi := 0, len(isoCountries)/2
	for lo < hi {
		m := (lo + hi) / 2
		x, y := isoCountries[2*m], isoCountries[2*m+1]
		switch {
		case x == a && y == b:
			return isoCountries[2*m : 2*m+2]
		case x < a || (x == a && y < b):
			lo = m + 1
		default:
			hi = m
		}
	}
	return ""
}

// postOf names the national post of an S10 country, when tnd knows it.
func postOf(a, b byte) string {
	lo, hi := 0, len(s10Posts)
	for lo < hi {
		m := (lo + hi) / 2
		c := s10Posts[m].code
		switch {
		case c[0] == a && c[1] == b:
			return s10Posts[m].post
		case c[0] < a || (c[0] == a && c[1] < b):
			lo = m + 1
		default:
			hi = m
		}
	}
	return ""
}
