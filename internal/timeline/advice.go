package timeline

import (
	"strings"

	"github.com/waybill/waybill/internal/ascii"
	"github.com/waybill/waybill/internal/status"
	"github.com/waybill/waybill/internal/tracknum"
)

// AliExpress timings (trackers.md §6.2). Prefer AliExpress's own dates;
// these are the fallbacks and the thresholds of the advice rules.
const (
	disputeOpensAfter  = 11 * day // a dispute can be opened from the 11th day after shipping
	disputeGrace       = 15 * day // …and until 15 days after the protection/delivery time is over
	defaultProtection  = 60 * day // typical protection length, used (and labelled) as an estimate
	protectionWarning  = 7 * day  // protection_ending when less than this is left
	protectionCritical = 5 * day  // open_dispute when less than this is left and delivery is far
)

// Advice codes.
const (
	AdviceCheckNumber         = "check_number"
	AdviceNoTracking          = "no_tracking"
	AdviceOpenDispute         = "open_dispute"
	AdviceProtectionEnding    = "protection_ending"
	AdvicePickUp              = "pick_up"
	AdviceContactLocalCarrier = "contact_local_carrier"
	AdviceFollowNewNumber     = "follow_new_number"
)

// Advice is one thing the buyer can do, with the numbers that triggered it.
// Fields that do not apply are zero.
type Advice struct {
	Code      string
	Reason    string   // which condition fired, e.g. "no_progress", "eta_after_protection"
	Numbers   []string // the tracking numbers concerned
	Deadline  int64    // Unix milliseconds, like every instant here
	From      int64    // the earliest date the action is possible
	Since     int64    // when the situation began
	Days      int      // days left to Deadline, or days since Since (see Reason)
	HasDays   bool
	Estimated bool   // Deadline is an estimate, not AliExpress's date
	Carrier   string // who to contact, when known
	Phone     string
	URL       string
	Location  string
	ETA       int64
}

// adviceRules is the one table of advice. Rules run in order; each may add
// advice. The order is also the order of importance shown to the buyer.
var adviceRules = [...]struct {
	code string
	when string // for readers: the condition in plain words
	rule func(c *adviceCtx) []Advice
}{
	{AdviceCheckNumber, "a tracking number is malformed, has spaces, or is an order id", checkNumber},
	{AdviceNoTracking, "the shipping method offers no tracking and there is no scan to show (or the scans stopped)", noTracking},
	{AdviceOpenDispute, "no progress 11 days after shipping; protection about to end far from delivery; parcel returned, lost or damaged", openDispute},
	{AdviceProtectionEnding, "protection ends within 7 days, or the ETA is after it", protectionEnding},
	{AdvicePickUp, "the parcel waits at a pickup point", pickUp},
	{AdviceContactLocalCarrier, "delivery seen by one source only, pickup signing shown as delivered, delivery doubtful or failed, customs asks for duties or documents, a problem in the destination country, or a week without a last-mile scan", contactLocalCarrier},
	{AdviceFollowNewNumber, "a last-mile number appeared that is not tracked yet", followNewNumber},
}

type adviceCtx struct {
	m       *merger
	r       *Result
	shipped int64
	queried []string // numbers the sources were asked about, normalised, sorted
}

// advise runs every rule of adviceRules.
func (m *merger) advise(r *Result) {
	c := &adviceCtx{m: m, r: r, shipped: m.shippedAt()}
	for _, s := range m.sources {
		if n := normNumber(s.Number); n != "" {
			c.queried = addSorted(c.queried, n)
		}
	}
	for _, rule := range adviceRules {
		for _, a := range rule.rule(c) {
			a.Code = rule.code
			r.Advice = append(r.Advice, a)
		}
	}
}

// shippedAt is the order's shipping time, else the first event that shows
// a carrier has the parcel.
func (m *merger) shippedAt() int64 {
	if m.order != nil && m.order.ShippedAt != 0 {
		return m.order.ShippedAt
	}
	for i := range m.events {
		if progressRank(m.events[i].Status) >= progressRank(status.InfoReceived) {
			return m.events[i].Time
		}
	}
	return 0
}

// plan fills the ETA and the buyer-protection window.
func (m *merger) plan(r *Result) {
	var eta ETA
	for _, s := range m.sources {
		lo, hi := s.ETAMin, s.ETAMax
		if lo == 0 {
			lo = hi
		}
		if hi == 0 {
			hi = lo
		}
		if lo == 0 {
			continue
		}
		if eta.Min == 0 || lo < eta.Min {
			eta.Min = lo
		}
		if eta.Max == 0 || hi > eta.Max {
			eta.Max = hi
		}
		eta.Sources = addSorted(eta.Sources, s.Source)
	}
	shipped := m.shippedAt()
	var p Protection
	switch {
	case m.order != nil && m.order.ProtectionEndsAt != 0:
		p.EndsAt = m.order.ProtectionEndsAt
	case shipped != 0:
		p.EndsAt, p.Estimated = shipped+defaultProtection, true
	}
	if shipped != 0 {
		p.DisputeFrom = shipped + disputeOpensAfter
	}
	if p.EndsAt != 0 {
		p.DaysLeft = daysUntil(m.now, p.EndsAt)
		r.Protection = &p
	}
	if len(eta.Sources) > 0 {
		eta.AfterProtection = r.Protection != nil && eta.Max > r.Protection.EndsAt
		r.ETA = &eta
	}
}

// daysUntil is the whole days from now to t, negative once t has passed.
func daysUntil(now, t int64) int {
	d := t - now
	if d >= 0 {
		return int(d / day)
	}
	return -int((-d + day - 1) / day)
}

// ---- the rules ----

func checkNumber(c *adviceCtx) []Advice {
	var out []Advice
	seen := ""
	for _, s := range c.m.sources {
		problem := numberProblem(s.Number, c.orderID())
		if problem == "" && strings.Contains(ascii.Lower(s.ErrCode), "invalid") {
			problem = "rejected_by_" + s.Source
		}
		if problem == "" || strings.Contains(seen, "\x00"+s.Number+"\x00") {
			continue
		}
		seen += "\x00" + s.Number + "\x00"
		out = append(out, Advice{Reason: problem, Numbers: []string{s.Number}})
	}
	return out
}

func (c *adviceCtx) orderID() string {
	if c.m.order == nil {
		return ""
	}
	return c.m.order.ID
}

// numberProblem says what is wrong with a tracking number as typed, or "".
// Spaces inside and the order's own id are checked here; the shape, check
// digit, order and product ids are the tracking-number core's verdict. A
// number of an unknown format is not a problem by itself: trackers know
// more formats than any table.
func numberProblem(n, orderID string) string {
	if strings.TrimSpace(n) == "" {
		return tracknum.ProblemEmpty
	}
	if strings.IndexByte(n, ' ') >= 0 || strings.IndexByte(n, '\t') >= 0 || strings.IndexByte(n, '\r') >= 0 ||
		strings.IndexByte(n, '\n') >= 0 || strings.Contains(n, "\u00a0") {
		return "whitespace"
	}
	if orderID != "" && normNumber(n) == normNumber(orderID) {
		return tracknum.ProblemOrderNumber
	}
	// tracknum.Parse lends a pooled Parser: a fresh one per call cost most of a
	// small merge's time (it is several KB of buffers).
	r := tracknum.Parse(n)
	for _, pr := range r.Problems {
		switch pr {
		case tracknum.ProblemEmpty, tracknum.ProblemTooLong, tracknum.ProblemOrderNumber,
			tracknum.ProblemProductID, tracknum.ProblemCheckDigit, tracknum.ProblemMultipleNumbers:
			return pr
		}
	}
	for i := 0; i < len(n); i++ {
		ch := n[i]
		if !(ch >= '0' && ch <= '9' || ch >= 'A' && ch <= 'Z' || ch >= 'a' && ch <= 'z' || ch == '-') {
			return "invalid_characters"
		}
	}
	if len(normNumber(n)) < 8 {
		return "too_short"
	}
	return ""
}

// untrackedMethods are fragments of shipping-method names that AliExpress
// sells without tracking (lower case).
var untrackedMethods = [...]string{
	"untracked", "non-tracked", "not tracked", "no tracking", "without tracking",
	"ordinary small packet", "super economy", "unregistered",
}

func untracked(s *SourceTimeline) bool {
	if s.NoTracking {
		return true
	}
	name := ascii.Lower(s.Carrier)
	for _, f := range untrackedMethods {
		if strings.Contains(name, f) {
			return true
		}
	}
	return false
}

func noTracking(c *adviceCtx) []Advice {
	// Only while tracking has nothing to show: an economy parcel that is
	// being scanned needs no such warning.
	if status.IsTerminal(c.r.Status) || (c.progressed() && !c.r.Stale) {
		return nil
	}
	for i := range c.m.sources {
		s := &c.m.sources[i]
		if !untracked(s) {
			continue
		}
		a := Advice{Reason: "method_untracked", Numbers: c.queried, Carrier: s.Carrier}
		if c.r.ETA != nil {
			a.ETA = c.r.ETA.Max
		}
		if p := c.r.Protection; p != nil {
			a.Deadline, a.Days, a.HasDays, a.Estimated = p.EndsAt, p.DaysLeft, true, p.Estimated
		}
		return []Advice{a}
	}
	return nil
}

func openDispute(c *adviceCtx) []Advice {
	r := c.r
	if status.IsTerminal(r.Status) && r.Status != status.Returned {
		return nil
	}
	a := Advice{Numbers: c.queried}
	if p := r.Protection; p != nil {
		a.Deadline, a.Estimated = p.EndsAt, p.Estimated
		a.From = p.DisputeFrom
	}
	now := c.m.now
	switch {
	case r.Status == status.Returning || r.Status == status.Returned:
		a.Reason = "returned_to_seller"
	case r.Status == status.Exception && (r.Sub == "exception_lost" || r.Sub == "exception_destroyed"):
		a.Reason = "lost"
	case r.Status == status.Exception && r.Sub == "exception_damaged":
		a.Reason = "damaged"
	case c.shipped != 0 && now-c.shipped >= disputeOpensAfter && !c.progressed():
		a.Reason = "no_progress"
		a.Since, a.Days, a.HasDays = c.shipped, wholeDays(now-c.shipped), true
	case r.Protection != nil && r.Protection.EndsAt-now < protectionCritical &&
		now < r.Protection.EndsAt+disputeGrace && c.farFromDelivery():
		a.Reason = "protection_ending_far_from_delivery"
		a.Days, a.HasDays = r.Protection.DaysLeft, true
	default:
		return nil
	}
	return []Advice{a}
}

// progressed reports whether any carrier scan exists (more than a label).
func (c *adviceCtx) progressed() bool {
	for i := range c.m.events {
		if progressRank(c.m.events[i].Status) >= progressRank(status.InTransit) ||
			c.m.events[i].Status == status.Exception {
			return true
		}
	}
	return false
}

// farFromDelivery: not yet in the destination country, or expected after
// protection ends, or silent for longer than its stage allows.
func (c *adviceCtx) farFromDelivery() bool {
	r := c.r
	return r.Stage < status.StageDestination || (r.ETA != nil && r.ETA.AfterProtection) || r.Stale
}

func protectionEnding(c *adviceCtx) []Advice {
	r := c.r
	p := r.Protection
	if p == nil || status.IsTerminal(r.Status) || r.Status == status.AvailableForPickup {
		return nil
	}
	a := Advice{Numbers: c.queried, Deadline: p.EndsAt, Days: p.DaysLeft, HasDays: true, Estimated: p.Estimated}
	left := p.EndsAt - c.m.now
	switch {
	case left >= 0 && left < protectionWarning:
		a.Reason = "ending_soon"
	case left >= 0 && r.ETA != nil && r.ETA.AfterProtection:
		a.Reason = "eta_after_protection"
		a.ETA = r.ETA.Max
	default:
		return nil
	}
	return []Advice{a}
}

func pickUp(c *adviceCtx) []Advice {
	if c.r.Status != status.AvailableForPickup {
		return nil
	}
	var p *MergedEvent
	for i := len(c.m.events) - 1; i >= 0; i-- {
		if c.m.events[i].Status == status.AvailableForPickup {
			p = &c.m.events[i]
			break
		}
	}
	a := Advice{Reason: "at_pickup_point", Numbers: c.queried}
	if p != nil {
		a.Numbers, a.Location, a.Since = p.Numbers, p.Location, p.Time
		a.Days, a.HasDays = wholeDays(c.m.now-p.Time), true
	}
	c.contact(&a)
	return []Advice{a}
}

// contactReasons are the conflicts that call for the local carrier, most
// telling first.
var contactReasons = [...]string{
	ConflictPickupAsDelivered, ConflictDeliveredOneSource, ConflictDeliveredThenFailed,
	ConflictDeliveredThenReturned, ConflictDeliveryDates,
}

func contactLocalCarrier(c *adviceCtx) []Advice {
	r := c.r
	var a Advice
	for _, code := range contactReasons {
		for _, cf := range r.Conflicts {
			if cf.Code == code {
				a.Reason, a.Numbers = code, cf.Numbers
				break
			}
		}
		if a.Reason != "" {
			break
		}
	}
	if a.Reason == "" {
		switch {
		case r.Status == status.DeliveryFailed:
			a.Reason = "delivery_failed"
		case r.Sub == "in_transit_customs_info_required" || r.Sub == "exception_payment_required" ||
			r.Sub == "exception_documents_required":
			a.Reason = "customs_needs_you" // duties to pay or documents to send
		case r.Status == status.Exception && r.Stage >= status.StageDestination:
			a.Reason = "exception"
		case r.Stale && r.Stage == status.StageDestination:
			a.Reason = "no_last_mile_scan"
			a.Since, a.Days, a.HasDays = r.LastEventAt, r.DaysSinceUpdate, true
		default:
			return nil
		}
		a.Numbers = c.lastMileNumbers()
	}
	c.contact(&a)
	return []Advice{a}
}

// lastMileNumbers are the last-mile numbers, else every queried number.
func (c *adviceCtx) lastMileNumbers() []string {
	var out []string
	for _, n := range c.r.Numbers {
		if n.Role == RoleLastMile {
			out = append(out, n.Number)
		}
	}
	if len(out) == 0 {
		return c.queried
	}
	return out
}

// contact fills the carrier's contact from the first source that gave one.
func (c *adviceCtx) contact(a *Advice) {
	for _, s := range c.m.sources {
		for _, ct := range s.Contacts {
			if ct.Name != "" || ct.Phone != "" || ct.URL != "" {
				a.Carrier, a.Phone, a.URL = ct.Name, ct.Phone, ct.URL
				return
			}
		}
	}
}

func followNewNumber(c *adviceCtx) []Advice {
	var out []Advice
	for _, n := range c.r.Numbers {
		if n.Role != RoleLastMile || contains(c.queried, n.Number) {
			continue
		}
		out = append(out, Advice{Reason: "new_number", Numbers: []string{n.Number}, Carrier: n.Carrier})
	}
	return out
}

// contains is slices.Contains: the core stays off package slices, whose
// generic instances cost core.wasm bytes (a test guards the import list).
func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}
