package casefile

import (
	"encoding/json"
	"sort"
	"strconv"
)

func (e *encoder) definitions(d *Definitions) {
	e.open('{')
	if len(d.CFConcepts) > 0 {
		e.key("CFConcepts")
		e.open('[')
		for i := range d.CFConcepts {
			e.sep()
			e.concept(&d.CFConcepts[i])
		}
		e.close(']')
	}
	if len(d.CFSubjects) > 0 {
		e.key("CFSubjects")
		e.open('[')
		for i := range d.CFSubjects {
			e.sep()
			e.subject(&d.CFSubjects[i])
		}
		e.close(']')
	}
	if len(d.CFLicenses) > 0 {
		e.key("CFLicenses")
		e.open('[')
		for i := range d.CFLicenses {
			e.sep()
			e.license(&d.CFLicenses[i])
		}
		e.close(']')
	}
	if len(d.CFItemTypes) > 0 {
		e.key("CFItemTypes")
		e.open('[')
		for i := range d.CFItemTypes {
			e.sep()
			e.itemType(&d.CFItemTypes[i])
		}
		e.close(']')
	}
	if len(d.CFAssociationGroupings) > 0 {
		e.key("CFAssociationGroupings")
		e.open('[')
		for i := range d.CFAssociationGroupings {
			e.sep()
			e.grouping(&d.CFAssociationGroupings[i])
		}
		e.close(']')
	}
	e.extensions(&d.Common)
	e.close('}')
}

func (e *encoder) concept(c *Concept) {
	e.open('{')
	e.str("identifier", c.Identifier)
	e.str("uri", c.URI)
	e.str("title", c.Title)
	e.opt("keywords", c.Keywords)
	e.str("hierarchyCode", c.HierarchyCode)
	e.opt("description", c.Description)
	e.str("lastChangeDateTime", c.LastChangeDateTime)
	e.extensions(&c.Common)
	e.close('}')
}

func (e *encoder) subject(s *Subject) {
	e.open('{')
	e.str("identifier", s.Identifier)
	e.str("uri", s.URI)
	e.str("title", s.Title)
	e.str("hierarchyCode", s.HierarchyCode)
	e.opt("description", s.Description)
	e.str("lastChangeDateTime", s.LastChangeDateTime)
	e.extensions(&s.Common)
	e.close('}')
}

func (e *encoder) license(l *License) {
	e.open('{')
	e.str("identifier", l.Identifier)
	e.str("uri", l.URI)
	e.str("title", l.Title)
	e.opt("description", l.Description)
	e.str("licenseText", l.LicenseText)
	e.str("lastChangeDateTime", l.LastChangeDateTime)
	e.extensions(&l.Common)
	e.close('}')
}

func (e *encoder) itemType(t *ItemType) {
	e.open('{')
	e.str("identifier", t.Identifier)
	e.str("uri", t.URI)
	e.str("title", t.Title)
	e.str("description", t.Description)
	e.str("hierarchyCode", t.HierarchyCode)
	e.opt("typeCode", t.TypeCode)
	e.str("lastChangeDateTime", t.LastChangeDateTime)
	e.extensions(&t.Common)
	e.close('}')
}

func (e *encoder) grouping(g *AssociationGrouping) {
	e.open('{')
	e.str("identifier", g.Identifier)
	e.str("uri", g.URI)
	e.str("title", g.Title)
	e.opt("description", g.Description)
	e.str("lastChangeDateTime", g.LastChangeDateTime)
	e.extensions(&g.Common)
	e.close('}')
}

func (e *encoder) rubric(r *Rubric) {
	e.open('{')
	e.str("identifier", r.Identifier)
	e.str("uri", r.URI)
	e.opt("title", r.Title)
	e.opt("description", r.Description)
	e.str("lastChangeDateTime", r.LastChangeDateTime)
	if len(r.CFRubricCriteria) > 0 {
		e.key("CFRubricCriteria")
		e.open('[')
		for i := range r.CFRubricCriteria {
			e.sep()
			e.criterion(&r.CFRubricCriteria[i])
		}
		e.close(']')
	}
	e.extensions(&r.Common)
	e.close('}')
}

func (e *encoder) criterion(c *RubricCriterion) {
	e.open('{')
	e.str("identifier", c.Identifier)
	e.str("uri", c.URI)
	e.opt("category", c.Category)
	e.opt("description", c.Description)
	e.link("CFItemURI", c.CFItemURI)
	e.float("weight", c.Weight)
	e.integer("position", c.Position)
	e.opt("rubricId", c.RubricID)
	e.str("lastChangeDateTime", c.LastChangeDateTime)
	if len(c.CFRubricCriterionLevels) > 0 {
		e.key("CFRubricCriterionLevels")
		e.open('[')
		for i := range c.CFRubricCriterionLevels {
			e.sep()
			e.level(&c.CFRubricCriterionLevels[i])
		}
		e.close(']')
	}
	e.extensions(&c.Common)
	e.close('}')
}

// level writes a CFRubricCriterionLevel. Its 1.1 `extensions` is an array:
// the kept list, plus one object holding unknown members and the original
// identifier when there are any.
func (e *encoder) level(l *RubricCriterionLevel) {
	e.open('{')
	e.str("identifier", l.Identifier)
	e.str("uri", l.URI)
	e.opt("description", l.Description)
	e.opt("quality", l.Quality)
	e.float("score", l.Score)
	e.opt("feedback", l.Feedback)
	e.integer("position", l.Position)
	e.opt("rubricCriterionId", l.RubricCriterionID)
	e.str("lastChangeDateTime", l.LastChangeDateTime)
	if e.v11() {
		e.levelExtensions(l)
	}
	e.close('}')
}

func (e *encoder) levelExtensions(l *RubricCriterionLevel) {
	var list []json.RawMessage
	if len(l.ExtensionsList) > 0 && json.Unmarshal(l.ExtensionsList, &list) != nil {
		e.err = Errorf(Invalid, "rubric criterion level %s: extensions is not a JSON array", l.Identifier)
		return
	}
	extra := hasCommon(&l.Common)
	if len(list) == 0 && !extra {
		return
	}
	e.key("extensions")
	e.open('[')
	for i, el := range list {
		e.sep()
		e.raw("extensions["+strconv.Itoa(i)+"]", el)
	}
	if extra {
		e.sep()
		e.open('{')
		merged := mergedExtensions(&l.Common)
		keys := make([]string, 0, len(merged))
		for k := range merged {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			e.key(k)
			e.raw(k, merged[k])
		}
		e.close('}')
	}
	e.close(']')
}
