package main

import (
	"github.com/casenode/casenode/crosswalk"
	"github.com/casenode/casenode/search"
)

// newCrosswalker builds the crosswalk service on cfg (whose Search is ix)
// and makes it the ranker of ix's align: every surface that aligns text
// (REST /api/v1/align, MCP's align_text, counterparts of a peer's item,
// eval's passages) then ranks with the crosswalk engine, as the compare
// page, the REST crosswalk and GraphQL do.
func newCrosswalker(cfg crosswalk.Config, ix *search.Index) (*crosswalk.Crosswalker, error) {
	cw, err := crosswalk.New(cfg)
	if err != nil {
		return nil, err
	}
	ix.SetRanker(cw)
	return cw, nil
}
