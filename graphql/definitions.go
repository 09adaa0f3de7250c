package graphql

import (
	gql "github.com/graph-gophers/graphql-go"

	"github.com/casenode/casenode/casefile"
)

// definitionsRes resolves Definitions.
type definitionsRes struct{ d *casefile.Definitions }

// defRes is one vocabulary entry of any kind.
type defRes struct {
	Identifier                                gql.ID
	URI, Title                                string
	Description, HierarchyCode, Keywords      *string
	TypeCode, LicenseText, LastChangeDateTime *string
}

func (d *definitionsRes) Concepts() []defRes {
	out := make([]defRes, len(d.d.CFConcepts))
	for i, c := range d.d.CFConcepts {
		out[i] = defRes{Identifier: gql.ID(c.Identifier), URI: c.URI, Title: c.Title, Description: strPtr(c.Description),
			HierarchyCode: strPtr(c.HierarchyCode), Keywords: strPtr(c.Keywords), LastChangeDateTime: strPtr(c.LastChangeDateTime)}
	}
	return out
}

func (d *definitionsRes) Subjects() []defRes {
	out := make([]defRes, len(d.d.CFSubjects))
	for i, s := range d.d.CFSubjects {
		out[i] = defRes{Identifier: gql.ID(s.Identifier), URI: s.URI, Title: s.Title, Description: strPtr(s.Description),
			HierarchyCode: strPtr(s.HierarchyCode), LastChangeDateTime: strPtr(s.LastChangeDateTime)}
	}
	return out
}

func (d *definitionsRes) Licenses() []defRes {
	out := make([]defRes, len(d.d.CFLicenses))
	for i, l := range d.d.CFLicenses {
		out[i] = defRes{Identifier: gql.ID(l.Identifier), URI: l.URI, Title: l.Title, Description: strPtr(l.Description),
			LicenseText: strPtr(l.LicenseText), LastChangeDateTime: strPtr(l.LastChangeDateTime)}
	}
	return out
}

func (d *definitionsRes) ItemTypes() []defRes {
	out := make([]defRes, len(d.d.CFItemTypes))
	for i, t := range d.d.CFItemTypes {
		out[i] = defRes{Identifier: gql.ID(t.Identifier), URI: t.URI, Title: t.Title, Description: strPtr(t.Description),
			HierarchyCode: strPtr(t.HierarchyCode), TypeCode: strPtr(t.TypeCode), LastChangeDateTime: strPtr(t.LastChangeDateTime)}
	}
	return out
}

func (d *definitionsRes) Groupings() []defRes {
	out := make([]defRes, len(d.d.CFAssociationGroupings))
	for i, g := range d.d.CFAssociationGroupings {
		out[i] = defRes{Identifier: gql.ID(g.Identifier), URI: g.URI, Title: g.Title, Description: strPtr(g.Description),
			LastChangeDateTime: strPtr(g.LastChangeDateTime)}
	}
	return out
}

// rubricRes resolves a Rubric.
type rubricRes struct{ r *casefile.Rubric }

func (r *rubricRes) Identifier() gql.ID          { return gql.ID(r.r.Identifier) }
func (r *rubricRes) URI() string                 { return r.r.URI }
func (r *rubricRes) Title() *string              { return strPtr(r.r.Title) }
func (r *rubricRes) Description() *string        { return strPtr(r.r.Description) }
func (r *rubricRes) LastChangeDateTime() *string { return strPtr(r.r.LastChangeDateTime) }

type criterionRes struct {
	Identifier            gql.ID
	URI                   string
	Category, Description *string
	Item                  *linkRes
	Weight                *float64
	Position              *int32
	Levels                []levelRes
}

type levelRes struct {
	Identifier                     gql.ID
	URI                            string
	Description, Quality, Feedback *string
	Score                          *float64
	Position                       *int32
}

func (r *rubricRes) Criteria() []criterionRes {
	out := make([]criterionRes, len(r.r.CFRubricCriteria))
	for i, c := range r.r.CFRubricCriteria {
		levels := make([]levelRes, len(c.CFRubricCriterionLevels))
		for k, l := range c.CFRubricCriterionLevels {
			levels[k] = levelRes{Identifier: gql.ID(l.Identifier), URI: l.URI, Description: strPtr(l.Description),
				Quality: strPtr(l.Quality), Feedback: strPtr(l.Feedback), Score: l.Score, Position: int32Ptr(l.Position)}
		}
		out[i] = criterionRes{Identifier: gql.ID(c.Identifier), URI: c.URI, Category: strPtr(c.Category), Description: strPtr(c.Description),
			Item: linkPtr(c.CFItemURI), Weight: c.Weight, Position: int32Ptr(c.Position), Levels: levels}
	}
	return out
}

func int32Ptr(p *int) *int32 {
	if p == nil {
		return nil
	}
	n := int32(*p)
	return &n
}
