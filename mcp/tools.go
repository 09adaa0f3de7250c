package mcp

import (
	"context"

	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
)

// addTool registers a typed tool whose every call first passes the read rule.
func addTool[In, Out any](s *Server, t *sdk.Tool, fn func(context.Context, In) (Out, error)) {
	sdk.AddTool(s.sdk, t, func(ctx context.Context, _ *sdk.CallToolRequest, in In) (*sdk.CallToolResult, Out, error) {
		var zero Out
		if err := s.canRead(ctx); err != nil {
			return nil, zero, s.toolError(t.Name, err)
		}
		if err := s.charge(ctx, in); err != nil {
			return nil, zero, s.toolError(t.Name, err)
		}
		out, err := fn(ctx, in)
		if err != nil {
			return nil, zero, s.toolError(t.Name, err)
		}
		return nil, out, nil
	})
}

func readOnly() *sdk.ToolAnnotations {
	return &sdk.ToolAnnotations{ReadOnlyHint: true, OpenWorldHint: ptr(false)}
}

func ptr[T any](v T) *T { return &v }

func (s *Server) addTools() {
	addTool(s, &sdk.Tool{Name: "search_competencies", Annotations: readOnly(), Description: "Search the competencies " +
		"(CASE items: standards, learning objectives) held by this node by words or by code (\"8.G.B.7\"). " +
		"Filter by framework identifier, education levels (\"08\", \"KG\") and subject. Hits are ranked; each " +
		"has its code, statement, framework, levels, path of ancestors, canonical uri and a resource URI. " +
		"With federated, live peer nodes are asked too."}, s.searchCompetencies)
	addTool(s, &sdk.Tool{Name: "align_text", Annotations: readOnly(), Description: "Rank the competencies a passage " +
		"of text (a lesson, an activity, a learning goal) aligns to, best first, with scores from 0 to 1, ranked as " +
		"crosswalk suggestions are; headings are not offered. Same filters and hits as search_competencies."}, s.alignText)
	addTool(s, &sdk.Tool{Name: "get_item", Annotations: readOnly(), Description: "One competency by identifier, uri " +
		"or code (give framework when a code is used by several frameworks), with its tree context (ancestors, " +
		"children) and its associations to other items."}, s.getItem)
	addTool(s, &sdk.Tool{Name: "get_framework", Annotations: readOnly(), Description: "One framework (CFDocument) by " +
		"identifier: a summary (title, publisher, subjects, levels, counts, provenance) and its top-level items, paged."}, s.getFramework)
	addTool(s, &sdk.Tool{Name: "list_frameworks", Annotations: readOnly(), Description: "The frameworks held by this " +
		"node, ordered by title, paged, with identifiers to pass to the other tools."}, s.listFrameworks)
	addTool(s, &sdk.Tool{Name: "crosswalk", Annotations: readOnly(), Description: "Compare a source framework with a " +
		"target framework: for each source item, its matches in the target by kind: explicit (a published " +
		"association), transitive (through a third framework) and, when suggest is true, suggested by text " +
		"similarity above min_score. Optionally only some source items. Rows are paged."}, s.crosswalk)
	addTool(s, &sdk.Tool{Name: "resolve_alignment", Annotations: &sdk.ToolAnnotations{ReadOnlyHint: true},
		Description: "Turn an alignment reference (an item's URI, identifier or code) into the item, wherever it " +
			"lives: on this node, fetched from the peer node that serves the URI, or found by code on a live peer."}, s.resolveAlignment)
	addTool(s, &sdk.Tool{Name: "accept_match", Annotations: &sdk.ToolAnnotations{IdempotentHint: true, DestructiveHint: ptr(false)},
		Description: "Admin only. Accept a match: record \"source <type> target\" (default exactMatchOf) as a CASE " +
			"association in this node's crosswalk framework, published like any other association."}, s.acceptMatch)
	addTool(s, &sdk.Tool{Name: "reject_match", Annotations: &sdk.ToolAnnotations{IdempotentHint: true, DestructiveHint: ptr(false)},
		Description: "Admin only. Reject a suggested match: no surface suggests target for source (or the " +
			"reverse) again."}, s.rejectMatch)
}
