package casefile

import "time"

// Source kinds of a framework's provenance.
const (
	SourceFile   = "file"
	SourceURL    = "url"
	SourcePeer   = "peer"
	SourceUpload = "upload"
	SourceSeed   = "seed"
	SourceLocal  = "local" // authored on this node (e.g. the crosswalk document)
)

// Provenance records where a framework's current content came from.
type Provenance struct {
	Source       string    `json:"source"`         // one of the Source* kinds
	Location     string    `json:"location"`       // file path, URL or peer package URL
	Peer         string    `json:"peer,omitempty"` // peer name when Source is peer
	OriginNode   string    `json:"originNode"`     // base URL of the node that publishes it; "" means this node
	ETag         string    `json:"etag,omitempty"` // validator from the HTTP response it came in
	LastModified string    `json:"lastModified,omitempty"`
	FetchedAt    time.Time `json:"fetchedAt"`
	ContentHash  string    `json:"contentHash"` // sha256 hex of the canonical 1.1 encoding
}

// FrameworkInfo summarises one framework held by the node.
type FrameworkInfo struct {
	Identifier     string     `json:"identifier"`
	URI            string     `json:"uri"`
	Title          string     `json:"title"`
	Creator        string     `json:"creator"`
	Publisher      string     `json:"publisher,omitempty"`
	Subject        []string   `json:"subject,omitempty"`
	Language       string     `json:"language,omitempty"`
	AdoptionStatus string     `json:"adoptionStatus,omitempty"`
	EducationLevel []string   `json:"educationLevel,omitempty"` // union over its items
	LastChange     string     `json:"lastChangeDateTime"`
	Items          int        `json:"items"`
	Associations   int        `json:"associations"`
	Provenance     Provenance `json:"provenance"`
	// Seq is the change sequence number of the framework's last write.
	Seq int64 `json:"seq"`
	// ImportedAt is when this node last wrote the framework.
	ImportedAt time.Time `json:"importedAt"`
}

// Change kinds in the change sequence.
const (
	ChangeImport = "import"
	ChangeDelete = "delete"
)

// Change is one entry of the node's monotonic change sequence: one write of
// one framework.
type Change struct {
	Seq         int64     `json:"seq"`
	Framework   string    `json:"framework"` // CFDocument identifier
	Kind        string    `json:"kind"`      // ChangeImport or ChangeDelete
	At          time.Time `json:"at"`
	ContentHash string    `json:"contentHash,omitempty"`
}

// ImportResult reports what an import did.
type ImportResult struct {
	Framework    string    `json:"framework"`
	Title        string    `json:"title"`
	Items        int       `json:"items"`
	Associations int       `json:"associations"`
	Seq          int64     `json:"seq"`
	Unchanged    bool      `json:"unchanged"` // same content hash as held: nothing written
	Warnings     []Warning `json:"warnings,omitempty"`
	// Takeovers lists every object of another framework the import claimed:
	// granted (moved to this framework), or refused (see Takeover).
	Takeovers []Takeover `json:"takeovers,omitempty"`
}

// ImportOptions are what the one asking for an import may choose.
type ImportOptions struct {
	// Takeover grants the import the objects of other frameworks whose
	// identifiers it reuses (casenode import --takeover; POST
	// /api/v1/import?takeover=true). Peers never get it.
	Takeover bool
}

// Takeover is one object of another framework (Owner) whose identifier an
// import reused. The rule (README "Identity and takeover"): an object belongs
// to the framework that first published it; another framework takes it over
// only when both come from the same publishing origin (a peer's origin node)
// or when the import asks for it explicitly. A refused item, association or
// rubric rejects the whole import; a definition (shared vocabulary) is never
// rewritten: the importing framework keeps its own copy in its package, and
// the owner's copy stays the one answered by identifier.
type Takeover struct {
	Class      string `json:"class"` // CFItems, CFAssociations, CFRubrics, CFItemTypes, CFSubjects, …
	Identifier string `json:"identifier"`
	Owner      string `json:"owner"` // the framework that held it
	OwnerTitle string `json:"ownerTitle,omitempty"`
	By         string `json:"by"` // the importing framework
	Granted    bool   `json:"granted"`
	Reason     string `json:"reason"`
}

// RuleNoTakeover is the rule recorded with a refused takeover.
const RuleNoTakeover = "an object belongs to the framework that first published it; another framework takes it over only from the same origin or when asked explicitly (--takeover)"

// String is the one-line form shown by the CLI and in error messages.
func (t Takeover) String() string {
	verdict := "refused"
	if t.Granted {
		verdict = "granted"
	}
	return "takeover " + verdict + ": " + t.Class + " " + t.Identifier + " of framework " + t.Owner +
		" (" + t.OwnerTitle + "): " + t.Reason
}

// FrameworkDiff records what one import changed in a framework that was
// already held (identifiers of items and associations).
type FrameworkDiff struct {
	Seq                  int64     `json:"seq"`
	Framework            string    `json:"framework"`
	At                   time.Time `json:"at"`
	Source               string    `json:"source"`
	ItemsAdded           []string  `json:"itemsAdded"`
	ItemsRemoved         []string  `json:"itemsRemoved"`
	ItemsModified        []string  `json:"itemsModified"`
	AssociationsAdded    []string  `json:"associationsAdded"`
	AssociationsRemoved  []string  `json:"associationsRemoved"`
	AssociationsModified []string  `json:"associationsModified"`
	DocumentModified     bool      `json:"documentModified"`
	// Takeovers are the objects this import moved between frameworks (on
	// both sides: the importing framework's diff and each former owner's).
	Takeovers []Takeover `json:"takeovers,omitempty"`
}
