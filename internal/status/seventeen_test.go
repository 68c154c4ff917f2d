package status

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// 17TRACK main status → our status (Exception_Returning/_Returned are
// promoted out of Exception).
var seventeenMain = map[string]Status{
	"NotFound": NotFound, "InfoReceived": InfoReceived, "InTransit": InTransit, "Expired": Expired,
	"AvailableForPickup": AvailableForPickup, "OutForDelivery": OutForDelivery,
	"DeliveryFailure": DeliveryFailed, "Delivered": Delivered, "Exception": Exception,
}

// Every sub-status in the reference's table (trackers.md §1.8) maps to the
// status of its main row.
func TestSeventeenTrackReferenceSubStatuses(t *testing.T) {
	doc := string(readTestdata(t, "reference/trackers.md"))
	start := strings.Index(doc, "### 1.8 Status model")
	end := strings.Index(doc, "### 1.9 Error codes")
	require.True(t, start > 0 && end > start)
	row := regexp.MustCompile(`^\|\s*(\w*)\s*\|\s*(\w+)\s*\|`)
	main := ""
	n := 0
	for _, line := range strings.Split(doc[start:end], "\n") {
		m := row.FindStringSubmatch(line)
		if m == nil || m[2] == "Sub" {
			continue
		}
		if m[1] != "" {
			main = m[1]
		}
		sub := m[2]
		n++
		wantStatus := seventeenMain[main]
		switch sub {
		case "Exception_Returning":
			wantStatus = Returning
		case "Exception_Returned":
			wantStatus = Returned
		}
		c := Classify("17track", sub, "", "")
		checkClass(t, c, sub)
		assert.Equal(t, wantStatus, c.Status, sub)
		assert.NotEmpty(t, c.Sub, sub)
		// Lower case and main status alone work too.
		assert.Equal(t, c.Status, Classify("17track", strings.ToLower(sub), "", "").Status, sub)
		if main != "Exception" {
			assert.Equal(t, c.Status, Classify("17track", main, "", "").Status, main)
		}
	}
	assert.Equal(t, 30, n, "the reference lists 30 sub-statuses")
}

func TestSeventeenTrackCodes(t *testing.T) {
	tests := map[string]want{
		"NotFound_InvalidCode":                  "not_found/not_found_invalid_number",
		"InfoReceived":                          "info_received/info_received_label_created/shipped",
		"InTransit_PickedUp":                    "in_transit/in_transit_picked_up/shipped",
		"InTransit_Departure":                   "in_transit/in_transit_departed_origin/international",
		"InTransit_Arrival":                     "in_transit/in_transit_arrived_destination/destination",
		"InTransit_CustomsProcessing":           "in_transit/in_transit_customs/shipped",
		"InTransit_CustomsReleased":             "in_transit/in_transit_customs_cleared/shipped",
		"InTransit_CustomsRequiringInformation": "in_transit/in_transit_customs_info_required",
		"InTransit_TransportArrived":            "in_transit/in_transit_other",
		"DeliveryFailure_NoBody":                "delivery_failed/delivery_failed_no_one_home",
		"DeliveryFailure_Security":              "delivery_failed/delivery_failed_fees_or_security",
		"DeliveryFailure_Rejected":              "delivery_failed/delivery_failed_refused",
		"DeliveryFailure_InvalidAddress":        "delivery_failed/delivery_failed_address",
		"Delivered_Other":                       "delivered/delivered_other/delivered",
		"Exception_Returning":                   "returning/returning_other",
		"Exception_Returned":                    "returned/returned_other",
		"Exception_NoBody":                      "exception/exception_recipient_unknown",
		"Exception_Security":                    "exception/exception_customs",
		"Exception_Damage":                      "exception/exception_damaged",
		"Exception_Damaged":                     "exception/exception_damaged",
		"Exception_Rejected":                    "exception/exception_refused",
		"Exception_Delayed":                     "exception/exception_delayed",
		"Exception_Lost":                        "exception/exception_lost",
		"Exception_Destroyed":                   "exception/exception_destroyed",
		"Exception_Cancel":                      "exception/exception_cancelled",
		"Expired_Other":                         "expired/expired_other",
		// Event key stages.
		"PickedUp":           "in_transit/in_transit_picked_up/shipped",
		"Departure":          "in_transit/in_transit_departed_origin/international",
		"Arrival":            "in_transit/in_transit_arrived_destination/destination",
		"AvailableForPickup": "available_for_pickup/available_for_pickup_other/destination",
		"OutForDelivery":     "out_for_delivery/out_for_delivery_other/destination",
		"Returning":          "returning",
		"Returned":           "returned",
		// Unknown sub-statuses fall back on their prefix.
		"Delivered_ToNeighbour":     "delivered/delivered_other/delivered",
		"InTransit_Something":       "in_transit/in_transit_other",
		"DeliveryFailure_NewReason": "delivery_failed/delivery_failed_other",
		"Exception_Quarantine":      "exception/exception_other",
		// v1 / web numeric package state e.
		"0": "not_found", "5": "info_received", "10": "in_transit", "20": "expired",
		"30": "available_for_pickup", "35": "delivery_failed", "40": "delivered", "50": "exception",
		// Not 17TRACK's.
		"32": "unknown", "5000": "unknown", "Foo_Bar": "unknown", "_": "unknown", "GTMS_SIGNED": "unknown",
	}
	for code, w := range tests {
		w.check(t, Classify("17track", code, "", ""), code)
	}
}

// A generic 17TRACK code lets the event text decide; a specific one wins.
func TestSeventeenTrackWithText(t *testing.T) {
	want("delivered/delivered_pickup_point").check(t,
		Classify("17track", "Delivered_Other", "Parcel collected by the recipient from the pickup point", "en"), "refine")
	want("exception/exception_customs").check(t, Classify("17track", "Exception_Other", "Held by customs", "en"), "generic exception")
	want("in_transit/in_transit_arrived_destination/destination").check(t,
		Classify("17track", "InTransit_Other", "Arrived in destination country", "en"), "generic in transit")
	want("in_transit/in_transit_other/shipped").check(t, Classify("17track", "InTransit", "Scan", "en"), "no text match")
	want("delivered").check(t, Classify("17track", "Delivered", "Exception", "en"), "strong code")
}

// Real 17TRACK webhook payloads: every event classifies by stage or text.
func TestSeventeenTrackRealPayloads(t *testing.T) {
	for _, f := range []string{
		"upstream/17track/17track_v2_webhook_TRACKING_UPDATED_dhlpaket.json",
		"upstream/17track/17track_v2_webhook_TRACKING_UPDATED_ups.json",
	} {
		var d struct {
			Data struct {
				TrackInfo struct {
					LatestStatus struct {
						Status    string `json:"status"`
						SubStatus string `json:"sub_status"`
					} `json:"latest_status"`
					Tracking struct {
						Providers []struct {
							Events []struct {
								Description string  `json:"description"`
								Stage       *string `json:"stage"`
								SubStatus   *string `json:"sub_status"`
							} `json:"events"`
						} `json:"providers"`
					} `json:"tracking"`
				} `json:"track_info"`
			} `json:"data"`
		}
		require.NoError(t, json.Unmarshal(readTestdata(t, f), &d))
		ti := d.Data.TrackInfo
		c := Classify("17track", ti.LatestStatus.SubStatus, "", "")
		assert.Equal(t, seventeenMain[ti.LatestStatus.Status], c.Status, f)
		for _, p := range ti.Tracking.Providers {
			for _, e := range p.Events {
				code := ""
				if e.SubStatus != nil {
					code = *e.SubStatus
				} else if e.Stage != nil {
					code = *e.Stage
				}
				got := Classify("17track", code, e.Description, "en")
				checkClass(t, got, e.Description)
				assert.NotEqual(t, Unknown, got.Status, "%s %q", code, e.Description)
				if e.Stage != nil {
					byText := Classify("text", "", e.Description, "en")
					assert.Equal(t, got.Status, byText.Status, "stage %s vs text %q", code, e.Description)
				}
			}
		}
	}
}
