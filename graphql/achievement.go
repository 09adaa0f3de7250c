package graphql

import (
	"context"
	"encoding/json"

	"github.com/casenode/casenode/casefile"
)

// Achiever builds the OB 3.0 Achievement of an item
// (*credential.Service satisfies it).
type Achiever interface {
	ItemAchievement(it *casefile.Item, fw casefile.FrameworkInfo) casefile.Achievement
}

// Achievement is the item's OB 3.0 Achievement as JSON text, the same
// document GET /api/v1/items/{id}/achievement answers (null when the node
// builds no Achievements).
func (i *itemRes) Achievement(ctx context.Context) (*string, error) {
	if i.r.achiever == nil {
		return nil, nil
	}
	fw, err := i.Framework(ctx)
	if err != nil {
		return nil, err
	}
	var info casefile.FrameworkInfo
	if fw != nil {
		info = fw.info
	}
	b, err := json.Marshal(i.r.achiever.ItemAchievement(i.it, info))
	if err != nil {
		return nil, i.r.err(ctx, err)
	}
	s := string(b)
	return &s, nil
}
