package server

import (
	"github.com/casenode/casenode/search"
	"github.com/casenode/casenode/store"
)

// The store and the search index satisfy the interfaces the server declares.
var (
	_ Store     = (*store.DB)(nil)
	_ AuthStore = (*store.DB)(nil)
	_ Searcher  = (*search.Index)(nil)
	_ Reindexer = (*search.Index)(nil)
)
