package mcp

import (
	"context"
	"fmt"
	"strings"

	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
)

// promptHits is how many aligned items the prompt starts from.
const promptHits = 5

func (s *Server) addPrompts() {
	s.sdk.AddPrompt(&sdk.Prompt{Name: "map_lesson_to_standards", Title: "Map this lesson to standards",
		Description: "Align a lesson to the competencies of a framework, then find their counterparts in another framework.",
		Arguments: []*sdk.PromptArgument{
			{Name: "lesson", Description: "the lesson text (objectives, activities)", Required: true},
			{Name: "framework", Description: "framework to align to (identifier; default: all)"},
			{Name: "target", Description: "framework to crosswalk the aligned items to (identifier; optional)"},
		}}, s.mapLesson)
}

// mapLesson chains the two steps: it aligns the lesson now, so the assistant
// starts from ranked items, and asks it to crosswalk them to the target.
func (s *Server) mapLesson(ctx context.Context, req *sdk.GetPromptRequest) (*sdk.GetPromptResult, error) {
	if err := s.canRead(ctx); err != nil {
		return nil, s.toolError("map_lesson_to_standards", err)
	}
	args := req.Params.Arguments
	lesson, fw, target := strings.TrimSpace(args["lesson"]), strings.TrimSpace(args["framework"]), strings.TrimSpace(args["target"])
	res, err := s.alignText(ctx, alignIn{Text: lesson, filtersIn: filtersIn{Framework: fw, Limit: promptHits}})
	if err != nil {
		return nil, s.toolError("map_lesson_to_standards", err)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Map this lesson to standards.\n\nLesson:\n%s\n\n", lesson)
	fmt.Fprintf(&b, "align_text ranks these competencies first (identifier, code, statement, score):\n")
	for _, h := range res.Hits {
		fmt.Fprintf(&b, "- %s %s: %s (%.3f)\n", h.Identifier, h.Code, h.Statement, h.Score)
	}
	b.WriteString("\n1. Keep the items the lesson really teaches or assesses; call get_item to check one, " +
		"and align_text with a part of the lesson to find more.\n")
	if target != "" {
		fmt.Fprintf(&b, "2. Call crosswalk with source set to each kept item's frameworkId, target %q and items set to "+
			"the kept identifiers (suggest true) to find their counterparts in the target framework.\n", target)
	}
	b.WriteString("Answer with a table: code, statement, why it fits")
	if target != "" {
		b.WriteString(", and the matching target codes by kind (explicit, transitive, suggested)")
	}
	b.WriteString(".")
	return &sdk.GetPromptResult{Description: "Map a lesson to standards",
		Messages: []*sdk.PromptMessage{{Role: "user", Content: &sdk.TextContent{Text: b.String()}}}}, nil
}
