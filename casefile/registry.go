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
}
