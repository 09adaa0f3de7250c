package casefile

// Facet names shared by the search index and every API that exposes it.
const (
	FacetFramework      = "framework"
	FacetSubject        = "subject"
	FacetEducationLevel = "educationLevel"
	FacetItemType       = "itemType"
	FacetLanguage       = "language"
	FacetAdoptionStatus = "adoptionStatus"
	FacetOriginNode     = "originNode"
)

// Facets lists every facet name in display order.
var Facets = []string{FacetFramework, FacetSubject, FacetEducationLevel, FacetItemType, FacetLanguage, FacetAdoptionStatus, FacetOriginNode}

// SearchRequest is a competency search across frameworks.
type SearchRequest struct {
	Query string `json:"q"`
	// Filters restricts hits: facet name -> accepted values (OR within a facet,
	// AND across facets).
	Filters map[string][]string `json:"filters,omitempty"`
	From    int                 `json:"from"`
	Size    int                 `json:"size"`
	// Exclude drops these item identifiers from the hits.
	Exclude []string `json:"-"`
}

// SearchResult is one page of ranked hits with facet counts.
type SearchResult struct {
	Total  uint64                  `json:"total"`
	From   int                     `json:"from"`
	Size   int                     `json:"size"`
	Hits   []SearchHit             `json:"hits"`
	Facets map[string][]FacetCount `json:"facets"`
	// Fuzzy is true when exact words found little and typo-tolerant matching was used.
	Fuzzy bool `json:"fuzzy,omitempty"`
	// Peers reports live federated peers asked for this search, if any.
	Peers []PeerStatus `json:"peers,omitempty"`
}

// SearchHit is one item found, hydrated from the store.
type SearchHit struct {
	Identifier        string              `json:"identifier"`
	Score             float64             `json:"score"`
	URI               string              `json:"uri"`
	HumanCodingScheme string              `json:"humanCodingScheme,omitempty"`
	FullStatement     string              `json:"fullStatement"`
	CFItemType        string              `json:"CFItemType,omitempty"`
	EducationLevel    []string            `json:"educationLevel,omitempty"`
	Framework         LinkURI             `json:"framework"`
	Path              []LinkURI           `json:"path"` // ancestors, root first
	Highlights        map[string][]string `json:"highlights,omitempty"`
	Origin            string              `json:"origin,omitempty"` // peer name for federated hits; "" for local
}

// FacetCount is one value of a facet and how many hits carry it.
type FacetCount struct {
	Value string `json:"value"`
	Label string `json:"label,omitempty"`
	Count int    `json:"count"`
}

// PeerStatus is how one live peer answered a federated request.
type PeerStatus struct {
	Peer   string `json:"peer"`
	OK     bool   `json:"ok"`
	Hits   int    `json:"hits"`
	Error  string `json:"error,omitempty"`
	TookMS int64  `json:"tookMs"`
}
