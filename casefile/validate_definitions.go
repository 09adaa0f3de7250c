package casefile

// definition is the part every CFDefinitions class shares.
type definition struct {
	id, uri, title, time string
}

func (v *validator) definitionList(path string, defs []definition) {
	first := make(map[string]int, len(defs))
	for i, d := range defs {
		p := path + "[" + itoa(i) + "]"
		v.id(p, d.id)
		if j, dup := first[d.id]; dup && d.id != "" {
			v.add(p+".identifier", "duplicate identifier "+d.id+" (also ["+itoa(j)+"])")
		} else {
			first[d.id] = i
		}
		v.uri(p, "uri", d.uri, true)
		v.required(p, "title", d.title)
		v.dateTime(p, "lastChangeDateTime", d.time, true)
	}
}

func (v *validator) definitions(d *Definitions, path string) {
	var defs []definition
	for _, c := range d.CFConcepts {
		defs = append(defs, definition{c.Identifier, c.URI, c.Title, c.LastChangeDateTime})
	}
	v.definitionList(path+".CFConcepts", defs)
	defs = defs[:0]
	for _, s := range d.CFSubjects {
		defs = append(defs, definition{s.Identifier, s.URI, s.Title, s.LastChangeDateTime})
	}
	v.definitionList(path+".CFSubjects", defs)
	defs = defs[:0]
	for _, l := range d.CFLicenses {
		defs = append(defs, definition{l.Identifier, l.URI, l.Title, l.LastChangeDateTime})
	}
	v.definitionList(path+".CFLicenses", defs)
	defs = defs[:0]
	for _, t := range d.CFItemTypes {
		defs = append(defs, definition{t.Identifier, t.URI, t.Title, t.LastChangeDateTime})
	}
	v.definitionList(path+".CFItemTypes", defs)
	defs = defs[:0]
	for _, g := range d.CFAssociationGroupings {
		defs = append(defs, definition{g.Identifier, g.URI, g.Title, g.LastChangeDateTime})
	}
	v.definitionList(path+".CFAssociationGroupings", defs)
}

func (v *validator) rubrics(rs []Rubric, root string) {
	for i := range rs {
		r := &rs[i]
		rp := root + ".CFRubrics[" + itoa(i) + "]"
		v.id(rp, r.Identifier)
		v.uri(rp, "uri", r.URI, true)
		v.dateTime(rp, "lastChangeDateTime", r.LastChangeDateTime, true)
		for j := range r.CFRubricCriteria {
			c := &r.CFRubricCriteria[j]
			cp := rp + ".CFRubricCriteria[" + itoa(j) + "]"
			v.id(cp, c.Identifier)
			v.uri(cp, "uri", c.URI, true)
			v.dateTime(cp, "lastChangeDateTime", c.LastChangeDateTime, true)
			v.link(cp+".CFItemURI", c.CFItemURI)
			for k := range c.CFRubricCriterionLevels {
				l := &c.CFRubricCriterionLevels[k]
				lp := cp + ".CFRubricCriterionLevels[" + itoa(k) + "]"
				v.id(lp, l.Identifier)
				v.uri(lp, "uri", l.URI, true)
				v.dateTime(lp, "lastChangeDateTime", l.LastChangeDateTime, true)
			}
		}
	}
}
