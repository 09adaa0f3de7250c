package casefile

// Bounds of a search or align request, the same on every surface that
// offers them (REST, MCP).
const (
	DefaultSearchSize = 20    // hits per page when none is asked
	MaxSearchSize     = 100   // hits per page
	MaxSearchFrom     = 10000 // how deep a page may start
	MaxQueryLength    = 1000  // bytes of a search query
	MaxAlignLength    = 20000 // bytes of a passage to align
	MaxFilterValues   = 50    // facet filter values in one request
)
