package store

import "github.com/casenode/casenode/casefile"

// Rubric conversions of stored form version 1 (see storedform_v1.go).

func toRubricV1(r *casefile.Rubric) *rubricV1 {
	out := &rubricV1{Identifier: r.Identifier, URI: r.URI, Title: r.Title, Description: r.Description,
		LastChangeDateTime: r.LastChangeDateTime, commonV1: toCommonV1(r.Common)}
	if r.CFRubricCriteria != nil {
		out.CFRubricCriteria = make([]criterionV1, len(r.CFRubricCriteria))
		for i := range r.CFRubricCriteria {
			out.CFRubricCriteria[i] = toCriterionV1(&r.CFRubricCriteria[i])
		}
	}
	return out
}

func (r *rubricV1) casefile() casefile.Rubric {
	out := casefile.Rubric{Identifier: r.Identifier, URI: r.URI, Title: r.Title, Description: r.Description,
		LastChangeDateTime: r.LastChangeDateTime, Common: r.commonV1.casefile()}
	if r.CFRubricCriteria != nil {
		out.CFRubricCriteria = make([]casefile.RubricCriterion, len(r.CFRubricCriteria))
		for i := range r.CFRubricCriteria {
			out.CFRubricCriteria[i] = r.CFRubricCriteria[i].casefile()
		}
	}
	return out
}

func toCriterionV1(c *casefile.RubricCriterion) criterionV1 {
	out := criterionV1{Identifier: c.Identifier, URI: c.URI, Category: c.Category, Description: c.Description,
		CFItemURI: toLinkV1(c.CFItemURI), Weight: c.Weight, Position: c.Position, RubricID: c.RubricID,
		LastChangeDateTime: c.LastChangeDateTime, commonV1: toCommonV1(c.Common)}
	if c.CFRubricCriterionLevels != nil {
		out.CFRubricCriterionLevels = make([]levelV1, len(c.CFRubricCriterionLevels))
		for i := range c.CFRubricCriterionLevels {
			out.CFRubricCriterionLevels[i] = toLevelV1(&c.CFRubricCriterionLevels[i])
		}
	}
	return out
}

func (c *criterionV1) casefile() casefile.RubricCriterion {
	out := casefile.RubricCriterion{Identifier: c.Identifier, URI: c.URI, Category: c.Category, Description: c.Description,
		CFItemURI: fromLinkV1(c.CFItemURI), Weight: c.Weight, Position: c.Position, RubricID: c.RubricID,
		LastChangeDateTime: c.LastChangeDateTime, Common: c.commonV1.casefile()}
	if c.CFRubricCriterionLevels != nil {
		out.CFRubricCriterionLevels = make([]casefile.RubricCriterionLevel, len(c.CFRubricCriterionLevels))
		for i := range c.CFRubricCriterionLevels {
			out.CFRubricCriterionLevels[i] = c.CFRubricCriterionLevels[i].casefile()
		}
	}
	return out
}

func toLevelV1(l *casefile.RubricCriterionLevel) levelV1 {
	return levelV1{Identifier: l.Identifier, URI: l.URI, Description: l.Description, Quality: l.Quality, Score: l.Score,
		Feedback: l.Feedback, Position: l.Position, RubricCriterionID: l.RubricCriterionID,
		LastChangeDateTime: l.LastChangeDateTime, ExtensionsList: l.ExtensionsList, commonV1: toCommonV1(l.Common)}
}

// casefile gives the level back; a nil ExtensionsList is stored as null and
// comes back nil, not as the bytes "null".
func (l *levelV1) casefile() casefile.RubricCriterionLevel {
	ext := l.ExtensionsList
	if string(ext) == "null" {
		ext = nil
	}
	return casefile.RubricCriterionLevel{Identifier: l.Identifier, URI: l.URI, Description: l.Description, Quality: l.Quality,
		Score: l.Score, Feedback: l.Feedback, Position: l.Position, RubricCriterionID: l.RubricCriterionID,
		LastChangeDateTime: l.LastChangeDateTime, ExtensionsList: ext, Common: l.commonV1.casefile()}
}
