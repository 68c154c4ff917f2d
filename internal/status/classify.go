package status

// Class is what one event or status says: main status, sub-status, stage.
type Class struct {
	Status Status
	Sub    string // e.g. "delivered_pickup_point"; empty when none applies
	Stage  Stage
}

// Classify maps one source's code and/or text to a Class.
// source is "aliexpress", "cainiao", "17track" or "text"; code is the
// source's own code (may be empty); text is its wording (may be empty);
// lang is a BCP 47 hint (may be empty). Unknown input gives Unknown,
// never a guess.
func Classify(source, code, text, lang string) Class {
	// Stub until the status tables land.
	return Class{Status: Unknown}
}
