package casefile

import "time"

// Peer modes.
const (
	PeerMirror = "mirror" // harvest the peer's frameworks into this node
	PeerLive   = "live"   // ask the peer at search time
)

// NodeInfo identifies a node to its peers (GET /api/v1/node).
type NodeInfo struct {
	Name     string `json:"name"`
	BaseURL  string `json:"baseUrl"`
	Software string `json:"software"`
	Version  string `json:"version"`
	// ChangeFeed is true when the node serves /api/v1/changes (casenode peers).
	ChangeFeed bool  `json:"changeFeed"`
	LastSeq    int64 `json:"lastSeq"`
}

// Peer is another CASE provider this node mirrors or searches live.
type Peer struct {
	Name     string        `json:"name"`
	URL      string        `json:"url"` // base URL (CASE REST lives under it)
	Mode     string        `json:"mode"`
	Interval time.Duration `json:"interval"`
	// State of the last sync.
	LastSync   time.Time `json:"lastSync,omitempty"`
	LastOK     time.Time `json:"lastOk,omitempty"`
	LastError  string    `json:"lastError,omitempty"`
	LastSeq    int64     `json:"lastSeq"`    // peer's change sequence at the last sync (casenode peers)
	Frameworks int       `json:"frameworks"` // frameworks held from it
	Failures   int       `json:"failures"`   // consecutive failures (drives backoff)
}

// FrameworkConflict is one identifier held from two origins.
type FrameworkConflict struct {
	Framework string    `json:"framework"`
	Held      string    `json:"heldOrigin"`    // origin of the copy kept
	Offered   string    `json:"offeredOrigin"` // origin of the copy refused or replaced
	Winner    string    `json:"winner"`        // origin that won by the rule
	Rule      string    `json:"rule"`
	At        time.Time `json:"at"`
}

// SyncReport is what one sync of one peer did.
type SyncReport struct {
	Peer      string        `json:"peer"`
	Listed    int           `json:"listed"`
	Imported  []string      `json:"imported"`
	Unchanged int           `json:"unchanged"`
	Skipped   []string      `json:"skipped,omitempty"` // loop prevention, conflicts
	Errors    []string      `json:"errors,omitempty"`
	Requests  int           `json:"requests"`
	Bytes     int64         `json:"bytes"`
	Took      time.Duration `json:"took"`
}
