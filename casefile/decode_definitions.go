package casefile

import (
	"bytes"
	"encoding/json"
	"strconv"
)

// objects decodes a raw JSON array of objects, calling fn for each with its path.
func (st *decodeState) objects(raw json.RawMessage, path string, fn func(m map[string]json.RawMessage, path string)) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || raw[0] == 'n' {
		return
	}
	list, ok := splitArray(raw)
	if !ok {
		st.r.problem(path, "must be an array of objects")
		return
	}
	for i, el := range list {
		p := path + "[" + strconv.Itoa(i) + "]"
		m, ok := splitObject(el)
		if !ok {
			st.r.problem(p, "must be an object")
			continue
		}
		if !st.admit(m, p) {
			if st.tooMany() {
				return
			}
			continue
		}
		fn(m, p)
	}
}

// definitions decodes CFDefinitions.
func (st *decodeState) definitions(raw json.RawMessage, path string) Definitions {
	var d Definitions
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || raw[0] == 'n' {
		return d
	}
	m, ok := splitObject(raw)
	if !ok {
		st.r.problem(path, "must be an object")
		return d
	}
	f := st.fields(m, path)
	st.objects(f.take("CFConcepts"), f.at("CFConcepts"), func(m map[string]json.RawMessage, p string) {
		d.CFConcepts = append(d.CFConcepts, st.concept(m, p))
	})
	st.objects(f.take("CFSubjects"), f.at("CFSubjects"), func(m map[string]json.RawMessage, p string) {
		d.CFSubjects = append(d.CFSubjects, st.subject(m, p))
	})
	st.objects(f.take("CFLicenses"), f.at("CFLicenses"), func(m map[string]json.RawMessage, p string) {
		d.CFLicenses = append(d.CFLicenses, st.license(m, p))
	})
	st.objects(f.take("CFItemTypes"), f.at("CFItemTypes"), func(m map[string]json.RawMessage, p string) {
		d.CFItemTypes = append(d.CFItemTypes, st.itemType(m, p))
	})
	st.objects(f.take("CFAssociationGroupings"), f.at("CFAssociationGroupings"), func(m map[string]json.RawMessage, p string) {
		d.CFAssociationGroupings = append(d.CFAssociationGroupings, st.grouping(m, p))
	})
	f.extensions(&d.Common)
	d.Unknown = f.rest()
	return d
}

func (st *decodeState) concept(m map[string]json.RawMessage, path string) Concept {
	f := st.fields(m, path)
	var c Concept
	c.Identifier, c.OriginalIdentifier = f.identifier()
	c.URI = f.uri("uri")
	c.Title = f.str("title")
	c.Keywords = f.str("keywords")
	c.HierarchyCode = f.str("hierarchyCode")
	c.Description = f.str("description")
	c.LastChangeDateTime = f.dateTime("lastChangeDateTime")
	f.extensions(&c.Common)
	c.Unknown = f.rest()
	return c
}

func (st *decodeState) subject(m map[string]json.RawMessage, path string) Subject {
	f := st.fields(m, path)
	var s Subject
	s.Identifier, s.OriginalIdentifier = f.identifier()
	s.URI = f.uri("uri")
	s.Title = f.str("title")
	s.HierarchyCode = f.str("hierarchyCode")
	s.Description = f.str("description")
	s.LastChangeDateTime = f.dateTime("lastChangeDateTime")
	f.extensions(&s.Common)
	s.Unknown = f.rest()
	return s
}

func (st *decodeState) license(m map[string]json.RawMessage, path string) License {
	f := st.fields(m, path)
	var l License
	l.Identifier, l.OriginalIdentifier = f.identifier()
	l.URI = f.uri("uri")
	l.Title = f.str("title")
	l.Description = f.str("description")
	l.LicenseText = f.str("licenseText")
	l.LastChangeDateTime = f.dateTime("lastChangeDateTime")
	f.extensions(&l.Common)
	l.Unknown = f.rest()
	return l
}

func (st *decodeState) itemType(m map[string]json.RawMessage, path string) ItemType {
	f := st.fields(m, path)
	var t ItemType
	t.Identifier, t.OriginalIdentifier = f.identifier()
	t.URI = f.uri("uri")
	t.Title = f.str("title")
	t.Description = f.str("description")
	t.HierarchyCode = f.str("hierarchyCode")
	t.TypeCode = f.str("typeCode")
	t.LastChangeDateTime = f.dateTime("lastChangeDateTime")
	f.extensions(&t.Common)
	t.Unknown = f.rest()
	return t
}

func (st *decodeState) grouping(m map[string]json.RawMessage, path string) AssociationGrouping {
	f := st.fields(m, path)
	var g AssociationGrouping
	g.Identifier, g.OriginalIdentifier = f.identifier()
	g.URI = f.uri("uri")
	g.Title = f.str("title")
	g.Description = f.str("description")
	g.LastChangeDateTime = f.dateTime("lastChangeDateTime")
	f.extensions(&g.Common)
	g.Unknown = f.rest()
	return g
}

func (st *decodeState) rubric(m map[string]json.RawMessage, path string) Rubric {
	f := st.fields(m, path)
	var r Rubric
	r.Identifier, r.OriginalIdentifier = f.identifier()
	r.URI = f.uri("uri")
	r.Title = f.str("title")
	r.Description = f.str("description")
	r.LastChangeDateTime = f.dateTime("lastChangeDateTime")
	st.objects(f.take("CFRubricCriteria"), f.at("CFRubricCriteria"), func(m map[string]json.RawMessage, p string) {
		r.CFRubricCriteria = append(r.CFRubricCriteria, st.criterion(m, p))
	})
	f.extensions(&r.Common)
	r.Unknown = f.rest()
	return r
}

func (st *decodeState) criterion(m map[string]json.RawMessage, path string) RubricCriterion {
	f := st.fields(m, path)
	var c RubricCriterion
	c.Identifier, c.OriginalIdentifier = f.identifier()
	c.URI = f.uri("uri")
	c.Category = f.str("category")
	c.Description = f.str("description")
	c.CFItemURI = f.link("CFItemURI")
	c.Weight = f.number("weight")
	c.Position = f.integer("position")
	c.RubricID = f.refID("rubricId")
	c.LastChangeDateTime = f.dateTime("lastChangeDateTime")
	st.objects(f.take("CFRubricCriterionLevels"), f.at("CFRubricCriterionLevels"), func(m map[string]json.RawMessage, p string) {
		c.CFRubricCriterionLevels = append(c.CFRubricCriterionLevels, st.level(m, p))
	})
	f.extensions(&c.Common)
	c.Unknown = f.rest()
	return c
}

func (st *decodeState) level(m map[string]json.RawMessage, path string) RubricCriterionLevel {
	f := st.fields(m, path)
	var l RubricCriterionLevel
	l.Identifier, l.OriginalIdentifier = f.identifier()
	l.URI = f.uri("uri")
	l.Description = f.str("description")
	l.Quality = f.str("quality")
	l.Score = f.number("score")
	l.Feedback = f.str("feedback")
	l.Position = f.integer("position")
	l.RubricCriterionID = f.refID("rubricCriterionId")
	l.LastChangeDateTime = f.dateTime("lastChangeDateTime")
	if raw := f.take("extensions"); raw != nil {
		st.v11 = true
		l.ExtensionsList, l.OriginalIdentifier = levelExtensions(raw, &f, l.OriginalIdentifier)
	}
	l.Unknown = f.rest()
	return l
}

// levelExtensions reads a criterion level's `extensions`, an array in the 1.1
// schema (an object is accepted and wrapped). An element carrying only our
// originalIdentifier is taken back out of the list.
func levelExtensions(raw json.RawMessage, f *fields, original string) (json.RawMessage, string) {
	if raw[0] == '{' {
		f.r.warn(f.at("extensions"), "extensions object wrapped in an array")
		raw = append(append(json.RawMessage{'['}, raw...), ']')
	}
	var list []map[string]json.RawMessage
	if raw[0] != '[' || json.Unmarshal(raw, &list) != nil {
		f.misfit(f.at("extensions"), raw, "an array of objects")
		return nil, original
	}
	out := list[:0]
	for _, el := range list {
		if v, ok := el["originalIdentifier"]; ok && len(el) == 1 && original == "" {
			_ = json.Unmarshal(v, &original)
			continue
		}
		out = append(out, el)
	}
	if len(out) == 0 {
		return nil, original
	}
	b, _ := json.Marshal(out)
	return b, original
}

// refID reads a bare UUID reference (rubricId), normalised like identifiers.
func (f *fields) refID(name string) string {
	s := f.str(name)
	id, ch := CanonicalID(s)
	if ch == IDLowered {
		f.r.warn(f.at(name), "identifier lower-cased")
	} else if ch == IDMapped {
		f.r.warnv(f.at(name), "identifier is not a UUID; mapped to a name-based UUID", quote(s)+" -> "+id)
	}
	return id
}
