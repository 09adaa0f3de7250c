package casefile

// Where a credential alignment's CASE item was found.
const (
	HeldLocal  = "local"  // a framework this node publishes or imported
	HeldMirror = "mirror" // a framework mirrored from a peer
	HeldPeer   = "peer"   // asked live from a peer over the federation
)

// Alignment resolution outcomes.
const (
	AlignmentResolved   = "resolved"
	AlignmentUnresolved = "unresolved"
)

// CredentialReport is what a learner's credential means in CASE terms: each
// achievement's alignments resolved to items, with counterparts in a target
// framework when one was named.
type CredentialReport struct {
	Kind     string `json:"kind"` // ClrCredential, OpenBadgeCredential, AchievementCredential, Achievement, VerifiablePresentation
	ID       string `json:"id,omitempty"`
	Name     string `json:"name,omitempty"`
	Issuer   string `json:"issuer,omitempty"`
	Encoding string `json:"encoding"` // json or jwt
	// Signature says plainly that no proof or JWT signature was verified.
	Signature    string              `json:"signature"`
	Target       *FrameworkRef       `json:"target,omitempty"`
	Achievements []AchievementReport `json:"achievements"`
	Summary      CredentialSummary   `json:"summary"`
	Notes        []string            `json:"notes,omitempty"`
}

// FrameworkRef names a framework and who publishes it.
type FrameworkRef struct {
	Identifier string `json:"identifier"`
	URI        string `json:"uri,omitempty"`
	Title      string `json:"title,omitempty"`
	Publisher  string `json:"publisher,omitempty"`
	// Origin is the base URL of the node that publishes it ("" when unknown).
	Origin string `json:"origin,omitempty"`
	Held   string `json:"held,omitempty"` // HeldLocal, HeldMirror or HeldPeer
	Peer   string `json:"peer,omitempty"` // peer it came through
}

// AchievementReport is one achievement of the credential.
type AchievementReport struct {
	ID         string            `json:"id,omitempty"`
	Name       string            `json:"name,omitempty"`
	Alignments []AlignmentReport `json:"alignments"`
}

// AlignmentReport is one alignment and what it resolved to.
type AlignmentReport struct {
	Alignment Alignment `json:"alignment"`
	Status    string    `json:"status"` // AlignmentResolved or AlignmentUnresolved
	Reason    string    `json:"reason,omitempty"`
	// By says how the item was found: uri (exact), identifier (the uri's last
	// path segment, e.g. another version's REST path) or peer.
	By           string           `json:"by,omitempty"`
	Item         *ResolvedItem    `json:"item,omitempty"`
	Framework    *FrameworkRef    `json:"framework,omitempty"`
	Counterparts []CrosswalkMatch `json:"counterparts,omitempty"`
}

// ResolvedItem is the CASE object an alignment names.
type ResolvedItem struct {
	Type              string `json:"type"` // CFItem, CFRubricCriterion, CFRubricCriterionLevel
	Identifier        string `json:"identifier"`
	URI               string `json:"uri"`
	HumanCodingScheme string `json:"humanCodingScheme,omitempty"`
	FullStatement     string `json:"fullStatement,omitempty"`
}

// CredentialSummary counts the alignments and, with a target, the coverage
// of the resolved ones by their best counterpart.
type CredentialSummary struct {
	Achievements int `json:"achievements"`
	Alignments   int `json:"alignments"`
	Resolved     int `json:"resolved"`
	Unresolved   int `json:"unresolved"`
	// With a target: resolved alignments by best counterpart kind.
	Explicit   int     `json:"explicit"`
	Transitive int     `json:"transitive"`
	Suggested  int     `json:"suggested"`
	None       int     `json:"none"`
	Coverage   float64 `json:"coverage"` // share of resolved alignments with any counterpart
}
