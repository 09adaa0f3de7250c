package graphql

import (
	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/internal/gencache"
)

// Bounds of what requests share.
const (
	sharedFrameworks = 10_000
	sharedPages      = 2_000
	sharedPageItems  = 20_000 // items held in all pages together (a few KB each)
)

// shared is what GraphQL requests share across requests for one store
// generation (gencache): framework summaries and pages of framework items,
// decoded once. Resolvers only read what they get from it.
type shared struct {
	frameworks *gencache.Cache[casefile.FrameworkInfo]
	pages      *gencache.Cache[itemPage]
}

func newShared() *shared {
	return &shared{
		frameworks: gencache.New[casefile.FrameworkInfo](sharedFrameworks, 1<<62, nil),
		pages: gencache.New(sharedPages, sharedPageItems, func(_ string, p itemPage) int64 {
			return int64(len(p.items)) + 1
		}),
	}
}
