package casefile

// ReviewOutcome is what uploading one row of a reviewed crosswalk CSV did.
type ReviewOutcome struct {
	Row         int    `json:"row"`
	Source      string `json:"source"`
	Target      string `json:"target,omitempty"`
	Decision    string `json:"decision"`              // accept, reject or none
	Outcome     string `json:"outcome"`               // accepted, rejected, skipped or failed
	Association string `json:"association,omitempty"` // the association an accepted row made or found
	Message     string `json:"message,omitempty"`
}
