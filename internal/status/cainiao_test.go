package status

import (
	"encoding/json"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Expected classes for Cainiao actionCodes, module statuses and nodeCodes
// (trackers.md §2.3–2.4, §4.5).
var cainiaoWant = map[string]want{
	"CONSIGN":                           "info_received/info_received_label_created/shipped",
	"OM_CONSIGN":                        "info_received/info_received_label_created/shipped",
	"GTMS_ASN":                          "info_received/info_received_label_created/shipped",
	"GWMS_ACCEPT":                       "info_received/info_received_warehouse/ordered",
	"GWMS_PICK":                         "info_received/info_received_warehouse/ordered",
	"WMS_CONFIRMED":                     "info_received/info_received_warehouse/ordered",
	"GWMS_PACKAGE":                      "info_received/info_received_packed/ordered",
	"PRE_READY_TO_SHIP":                 "info_received/info_received_packed/ordered",
	"GWMS_OUTBOUND":                     "in_transit/in_transit_origin_facility/shipped",
	"GWMS_CANCEL":                       "exception/exception_cancelled",
	"PU_PICKUP_SUCCESS":                 "in_transit/in_transit_picked_up/shipped",
	"PU_PRE_PICKUP_SUCCESS":             "in_transit/in_transit_picked_up/shipped",
	"GOT":                               "in_transit/in_transit_picked_up/shipped",
	"PU_PICKUP_FAILURE":                 "exception/exception_other",
	"SC_INBOUND_SUCCESS":                "in_transit/in_transit_origin_facility/shipped",
	"SC_OUTBOUND_SUCCESS":               "in_transit/in_transit_origin_facility/shipped",
	"SC_OUTBOUND_FAILURE":               "in_transit/in_transit_delayed/shipped",
	"SC_INBOUND_FAILURE":                "exception/exception_other",
	"LH_HO_IN_SUCCESS":                  "in_transit/in_transit_origin_facility/shipped",
	"CC_EX_START":                       "in_transit/in_transit_export_customs/shipped",
	"CC_EX_SUCCESS":                     "in_transit/in_transit_export_cleared/shipped",
	"CC_EX_FAILURE":                     "exception/exception_customs",
	"LH_HO_AIRLINE":                     "in_transit/in_transit_handed_to_airline/shipped",
	"LH_DEPART":                         "in_transit/in_transit_departed_origin/international",
	"TD_TRANS_DEPART_C":                 "in_transit/in_transit_transit_country/international",
	"TD_TRANS_ARRIVE_DCP":               "in_transit/in_transit_local_facility/destination",
	"LH_ARRIVE":                         "in_transit/in_transit_arrived_destination/destination",
	"LH_POST_COLLECTION":                "in_transit/in_transit_handed_to_last_mile/destination",
	"CC_IM_START":                       "in_transit/in_transit_customs/international",
	"CC_HO_IN_SUCCESS":                  "in_transit/in_transit_customs/destination",
	"CUSTOMS_ARRIVED_IN_AREA_CALLBACK":  "in_transit/in_transit_customs/destination",
	"CC_IM_SUCCESS":                     "in_transit/in_transit_customs_cleared/destination",
	"CC_HO_OUT_SUCCESS":                 "in_transit/in_transit_customs_cleared/destination",
	"CC_IM_FAILURE":                     "exception/exception_customs",
	"CUS_TAX":                           "exception/exception_payment_required/destination",
	"GTMS_ACCEPT":                       "in_transit/in_transit_handed_to_last_mile/destination",
	"GTMS_OE_DEPART":                    "in_transit/in_transit_local_facility/destination",
	"GTMS_RELABEL":                      "in_transit/in_transit_forwarded/destination",
	"GTMS_STA_CN_TO_DOOR":               "in_transit/in_transit_forwarded/destination",
	"GTMS_STA_WAIT_CUST_CHANGE_ADDRESS": "exception/exception_address/destination",
	"GTMS_DO_DEPART":                    "out_for_delivery/out_for_delivery_other/destination",
	"GTMS_DELIVERING":                   "out_for_delivery/out_for_delivery_other/destination",
	"GTMS_RE_DELIVERING":                "out_for_delivery/out_for_delivery_redelivery/destination",
	"GTMS_STA_SIGNED":                   "available_for_pickup/available_for_pickup_point/destination",
	"STA_SIGN":                          "available_for_pickup/available_for_pickup_point/destination",
	"GTMS_WAIT_SELF_PICK":               "available_for_pickup/available_for_pickup_other/destination",
	"GSTA_INBOUND":                      "available_for_pickup/available_for_pickup_point/destination",
	"GSTA_INFORM_BUYER":                 "available_for_pickup/available_for_pickup_notice_sent/destination",
	"POSTMAN_POST":                      "available_for_pickup/available_for_pickup_locker/destination",
	"GTMS_PUDO_OVERDUE":                 "exception/exception_unclaimed/destination",
	"GTMS_SIGNED":                       "delivered/delivered_other/delivered",
	"LM_SIGN_SUCCESS":                   "delivered/delivered_other/delivered",
	"SIGNED":                            "delivered/delivered_other/delivered",
	"GSTA_SIGN":                         "delivered/delivered_pickup_point/delivered",
	"GSTA_BUYER_SIGN":                   "delivered/delivered_pickup_point/delivered",
	"GTMS_DEL_FAILURE":                  "delivery_failed/delivery_failed_other/destination",
	"FAILED":                            "delivery_failed/delivery_failed_other/destination",
	"GTMS_STA_SIGN_FAILURE":             "exception/exception_other/destination",
	"REJECT":                            "exception/exception_refused",
	"RT_INBOUND":                        "returning/returning_other",
	"RT_TMS_ACCEPT":                     "returning/returning_other",
	"RETURNED":                          "returned/returned_other",
	"RT_DESTROY":                        "exception/exception_destroyed",
	"COMMON_INTRANSIT":                  "in_transit/in_transit_other",
	"GTMS_OTHER":                        "in_transit/in_transit_other/destination",
	// Module status fallback.
	"SELLER_PREPARING":                     "pending/pending_awaiting_shipment/ordered",
	"DELIVERING":                           "in_transit/in_transit_other/shipped", // not out for delivery
	"CLEAR_CUSTOMS":                        "in_transit/in_transit_customs/shipped",
	"DELIVERED":                            "delivered/delivered_other/delivered",
	"transport":                            "in_transit",
	"pickup":                               "available_for_pickup",
	"delivered":                            "delivered",
	"WAIT4SIGNIN":                          "available_for_pickup",
	"SIGNIN_EXC":                           "delivery_failed",
	"SHIPPING_OVER_TIME":                   "expired/expired_other",
	"ORDER_NOT_EXISTS":                     "not_found/not_found_other",
	"RETURN":                               "returning",
	"RETURNED_STAGE_END":                   "returned",
	"RDESTORYED_STAGE_START":               "exception/exception_destroyed",
	"CWS_DEPART_FROM_ORIGINAL_COUNTRY_EXC": "exception/exception_other",
	// group.nodeCode fallback.
	"AE_GROUP_WH_PROCESSING": "pending",
	"AE_GROUP_LH_ARRIVE":     "in_transit/in_transit_arrived_destination/destination",
	"AE_GROUP_DELIVERING":    "out_for_delivery",
	"AE_GROUP_DELIVERED":     "delivered",
	// Spelling variants seen in the wild.
	"gtms signed":      "delivered",
	" gtms-sta-signed": "available_for_pickup",
}

func TestCainiaoCodes(t *testing.T) {
	for code, w := range cainiaoWant {
		w.check(t, Classify("cainiao", code, "", ""), code)
	}
}

var (
	backtick = regexp.MustCompile("(\\(?)`([^`]+)`")
	codeLike = regexp.MustCompile(`^_?[A-Z][A-Z0-9_|]*$`)
)

// referenceCainiaoCodes returns every code named in trackers.md §2.3–2.4
// (module status vocabulary and the actionCode catalogue), expanding the
// reference's shorthands: `X_SUCCESS`/`_FAILURE`, `X`(`_FAIL`), `A|B|C`.
func referenceCainiaoCodes(t *testing.T) []string {
	doc := string(readTestdata(t, "reference/trackers.md"))
	start := strings.Index(doc, "### 2.3 Module `status` vocabulary")
	end := strings.Index(doc, "## 3. AfterShip")
	require.True(t, start > 0 && end > start, "reference sections moved")
	var codes []string
	prev := ""
	for _, line := range strings.Split(doc[start:end], "\n") {
		for _, m := range backtick.FindAllStringSubmatch(line, -1) {
			tok := m[2]
			switch {
			case strings.Contains(tok, "*") || !codeLike.MatchString(tok):
				continue
			case strings.HasPrefix(tok, "_") && m[1] == "(": // X(`_FAIL`)
				tok = prev + tok
			case strings.HasPrefix(tok, "_"): // X_SUCCESS/`_FAILURE`
				tok = prev[:strings.LastIndex(prev, "_")] + tok
			case (tok == "INBOUND" || tok == "OUTBOUND") && strings.HasPrefix(prev, "RT_TRANSWH_"):
				tok = "RT_TRANSWH_" + tok
			}
			if i := strings.IndexByte(tok, '|'); i > 0 { // A_START|MIDDLE|END
				stem := tok[:strings.LastIndex(tok[:i], "_")+1]
				for k, part := range strings.Split(tok, "|") {
					if k > 0 {
						part = stem + part
					}
					codes = append(codes, part)
				}
				continue
			}
			codes = append(codes, tok)
			prev = tok
		}
	}
	return codes
}

func TestCainiaoReferenceCatalogueIsCovered(t *testing.T) {
	codes := referenceCainiaoCodes(t)
	require.Greater(t, len(codes), 150, "catalogue parse found too few codes")
	for _, code := range codes {
		c := Classify("cainiao", code, "", "")
		checkClass(t, c, code)
		assert.NotEqual(t, Unknown, c.Status, "reference code %s is not mapped", code)
		failure := strings.HasSuffix(code, "FAILURE") || strings.HasSuffix(code, "_FAIL") ||
			strings.HasSuffix(code, "_EXC") || strings.Contains(code, "REJECT") || strings.Contains(code, "CANCEL") ||
			strings.Contains(code, "DESTROY") || strings.Contains(code, "DESTORY")
		if failure && code != "SC_OUTBOUND_FAILURE" && !strings.HasPrefix(code, "RT_") {
			assert.Contains(t, []Status{Exception, DeliveryFailed}, c.Status, "%s is a failure", code)
		}
		if strings.HasPrefix(code, "RT_") && !strings.Contains(code, "DESTROY") {
			assert.Equal(t, Returning, c.Status, code)
		}
		if c.Status == Delivered {
			assert.False(t, strings.HasPrefix(code, "GTMS_STA_SIGN") || strings.HasPrefix(code, "STA_SIGN"),
				"a station signing is not delivery: %s", code)
		}
	}
}

// cainiaoDetail is the part of a detail.json module the tests read.
type cainiaoDetail struct {
	Module []struct {
		MailNo     string `json:"mailNo"`
		Status     string `json:"status"`
		DetailList []struct {
			ActionCode   string `json:"actionCode"`
			StanderdDesc string `json:"standerdDesc"`
			Desc         string `json:"desc"`
		} `json:"detailList"`
	} `json:"module"`
}

func loadCainiao(t *testing.T, name string) cainiaoDetail {
	raw := readTestdata(t, filepath.Join("upstream/cainiao", name))
	var wrapped struct {
		Body json.RawMessage `json:"body"`
	}
	require.NoError(t, json.Unmarshal(raw, &wrapped))
	if len(wrapped.Body) > 0 {
		raw = wrapped.Body
		var s string
		if json.Unmarshal(raw, &s) == nil {
			raw = []byte(s)
		}
	}
	var d cainiaoDetail
	require.NoError(t, json.Unmarshal(raw, &d))
	return d
}

// Every real Cainiao event classifies by its code, and its standardised
// English text alone agrees on the main status (except "Carrier update",
// which says nothing).
func TestCainiaoRealPayloads(t *testing.T) {
	files := []string{
		"cainiao_global_detail_json_AE010698498_2023-01-28.json",
		"cainiao_global_detail_json_AE010698498_2023-01-29.json",
		"cainiao_global_detail_json_RS0814398526Y.json",
		"cainiao_global_detail_json_delivered_redacted_2026.json",
		"cainiao_global_detail_json_in_customs_redacted_2026.json",
		"cainiao_global_detail_json_UZ0556033196Y.json",
	}
	events := 0
	for _, f := range files {
		d := loadCainiao(t, f)
		for _, m := range d.Module {
			if m.Status != "" {
				c := Classify("cainiao", m.Status, "", "")
				assert.NotEqual(t, Unknown, c.Status, "module status %s", m.Status)
			}
			for _, e := range m.DetailList {
				events++
				c := Classify("cainiao", e.ActionCode, e.StanderdDesc, "en")
				checkClass(t, c, e.ActionCode)
				require.NotEqual(t, Unknown, c.Status, "%s %q", e.ActionCode, e.StanderdDesc)
				if e.StanderdDesc == "Carrier update" {
					continue
				}
				byText := Classify("text", "", e.StanderdDesc, "en")
				assert.Equal(t, c.Status, byText.Status, "%s: code and text %q disagree", e.ActionCode, e.StanderdDesc)
			}
		}
	}
	assert.Greater(t, events, 50)

	// The newest scan decides, not the module status (2023-01-28: DELIVERING
	// while the newest scan is a line-haul arrival).
	d := loadCainiao(t, files[0])
	newest := d.Module[0].DetailList[0]
	want("in_transit/in_transit_arrived_destination/destination").check(t, Classify("cainiao", newest.ActionCode, newest.StanderdDesc, "en"), "newest")

	// Generic codes take their meaning from the text: "Carrier update" with
	// a Chinese warehouse-outbound note, COMMON_INTRANSIT waiting for customs.
	want("in_transit/in_transit_origin_facility/shipped").check(t, Classify("cainiao", "WMS_CONFIRMED", "包裹已出库", "zh"), "WMS_CONFIRMED")
	want("in_transit/in_transit_customs").check(t, Classify("cainiao", "COMMON_INTRANSIT", "wait for customs clearance", ""), "COMMON_INTRANSIT")
	// A generic code whose text says nothing keeps the code's class.
	want("in_transit/in_transit_other/destination").check(t, Classify("cainiao", "GTMS_OTHER", "Carrier update", ""), "GTMS_OTHER")
	// A strong code is never overridden by text: a pickup-point signing
	// stays available_for_pickup even when the text says delivered.
	want("available_for_pickup/available_for_pickup_point").check(t, Classify("cainiao", "GTMS_STA_SIGNED", "Package delivered", "en"), "STA")
	// ... but text may name the reason of an "_other" sub-status.
	want("delivered/delivered_neighbor/delivered").check(t, Classify("cainiao", "GTMS_SIGNED", "Delivered to neighbour", "en"), "neighbour")
	// Unknown code: text decides; unknown code and no text: unknown.
	want("out_for_delivery").check(t, Classify("cainiao", "GTMS_SOMETHING_NEW", "Out for delivery", ""), "new code")
	want("unknown").check(t, Classify("cainiao", "GTMS_SOMETHING_NEW", "", ""), "new code, no text")
}

// Code tables are binary-searched: sorted, no duplicates, every kind used
// is defined.
func TestCodeTablesSorted(t *testing.T) {
	for name, tab := range map[string][]codeEntry{
		"cainiaoActions": cainiaoActions, "cainiaoModules": cainiaoModules,
		"seventeenCodes": seventeenCodes, "aliexpressCodes": aliexpressCodes,
	} {
		require.NotEmpty(t, tab, name)
		for i, e := range tab {
			if i > 0 {
				assert.Less(t, tab[i-1].code, e.code, "%s not sorted at %q", name, e.code)
			}
			assert.NotEqual(t, kNone, e.k, "%s %q", name, e.code)
			c, m := lookup(tab, e.code)
			assert.Equal(t, kinds[e.k].c, c, e.code)
			assert.NotEqual(t, noMatch, m, e.code)
			checkClass(t, c, e.code)
		}
		_, m := lookup(tab, "")
		assert.Equal(t, noMatch, m)
		_, m = lookup(tab, "ZZZZ_NOT_A_CODE")
		assert.Equal(t, noMatch, m)
	}
	for k := kNone + 1; int(k) < len(kinds); k++ {
		assert.NotEqual(t, noMatch, kinds[k].m, "kind %d has no trust level", k)
	}
}
