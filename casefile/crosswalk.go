package casefile

import "time"

// How a crosswalk match was found.
const (
	MatchExplicit   = "explicit"   // an association between the two items
	MatchTransitive = "transitive" // through an item of a third framework
	MatchSuggested  = "suggested"  // text similarity
)

// DefaultMinScore is the minimum suggestion score the compare page shows by
// default; the gold-set evaluation (casenode eval) measures recall and
// precision at it.
const DefaultMinScore = 0.3

// CrosswalkOptions tunes a crosswalk computation.
type CrosswalkOptions struct {
	Suggest       bool     // compute suggestions (costly)
	MinScore      float64  // drop suggestions below (0..1 after normalisation)
	MaxSuggestion int      // per source item; 0 = default 3
	Items         []string // restrict to these source items; empty = all
	// IncludeHeadings also suggests matches for source items that are
	// headings or containers (no skill of their own) and counts them in
	// the coverage; by default they get no suggestions and are left out.
	IncludeHeadings bool
}

// CrosswalkMatch is one target item that corresponds to a source item.
type CrosswalkMatch struct {
	Target LinkURI `json:"target"`
	Kind   string  `json:"kind"`
	// AssociationType and Association for explicit matches (and the links of a path).
	AssociationType string  `json:"associationType,omitempty"`
	Association     string  `json:"association,omitempty"`
	Score           float64 `json:"score"` // 1 for explicit, product of links for transitive, similarity for suggested
	// Path is the chain of items from source to target for transitive matches.
	Path []LinkURI `json:"path,omitempty"`
	// EducationLevel of the target: its own, or inherited from its ancestors.
	EducationLevel []string `json:"educationLevel,omitempty"`
}

// CrosswalkRow is one source item with its matches.
type CrosswalkRow struct {
	Source  LinkURI          `json:"source"`
	Code    string           `json:"humanCodingScheme,omitempty"`
	Matches []CrosswalkMatch `json:"matches"`
	// EducationLevel of the source item: its own, or inherited from its ancestors.
	EducationLevel []string `json:"educationLevel,omitempty"`
	// Parent is the source item's parent item (its strand, cluster or heading).
	Parent *LinkURI `json:"parent,omitempty"`
	// Heading: the source item heads or groups other items (no skill of its
	// own); it gets no suggestions and is not counted in the coverage.
	Heading bool `json:"heading,omitempty"`
}

// Coverage gives the share of source items by best kind of match.
type Coverage struct {
	Items           int     `json:"items"`    // source items counted (headings left out)
	Headings        int     `json:"headings"` // source items left out as headings
	Explicit        int     `json:"explicit"`
	Transitive      int     `json:"transitive"`
	SuggestedOnly   int     `json:"suggestedOnly"`
	None            int     `json:"none"`
	ExplicitShare   float64 `json:"explicitShare"`
	TransitiveShare float64 `json:"transitiveShare"`
	SuggestedShare  float64 `json:"suggestedShare"`
	NoneShare       float64 `json:"noneShare"`
}

// Crosswalk maps the items of a source framework to a target framework.
type Crosswalk struct {
	Source   FrameworkInfo  `json:"source"`
	Target   FrameworkInfo  `json:"target"`
	Rows     []CrosswalkRow `json:"rows"`
	Coverage Coverage       `json:"coverage"`
}

// Crosswalk decisions a person took on a suggestion.
const (
	DecisionAccepted = "accepted"
	DecisionRejected = "rejected"
)

// CrosswalkDecision is a suggestion accepted or rejected, with who and when.
// An accepted one is also a CASE association (Association) in the node's
// crosswalk document; a rejected one is never offered again.
type CrosswalkDecision struct {
	SourceItem      string    `json:"sourceItem"`
	TargetItem      string    `json:"targetItem"`
	SourceFramework string    `json:"sourceFramework"`
	TargetFramework string    `json:"targetFramework"`
	Decision        string    `json:"decision"`
	AssociationType string    `json:"associationType,omitempty"`
	Association     string    `json:"association,omitempty"`
	By              string    `json:"by"`
	At              time.Time `json:"at"`
}
