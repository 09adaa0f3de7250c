package sheet

import (
	"strconv"
	"strings"

	"github.com/casenode/casenode/casefile"
)

// isRubricTable recognises COMPEITO's rubric CSV (Type, Identifier, RubricIdentifier, …).
func isRubricTable(t *table) bool {
	if len(t.header) < 3 {
		return false
	}
	return normHeader(t.header[0]) == "type" && normHeader(t.header[2]) == "rubricidentifier"
}

// rubricRows are a rubric CSV's rows by kind, before they are linked.
type rubricRows struct {
	rubrics []casefile.Rubric
	crits   []critRow
	levels  []levelRow
}

type critRow struct {
	c      casefile.RubricCriterion
	rubric string
	r      row
}

type levelRow struct {
	l         casefile.RubricCriterionLevel
	criterion string
	r         row
}

// readRubrics builds the rubrics of a rubric CSV: Rubric rows, Criterion rows
// (with RubricIdentifier and the CFItemIdentifier they assess) and Level rows
// (with CriterionIdentifier), in any order.
func readRubrics(t *table, opt Options, p *problems) []casefile.Rubric {
	t.index()
	var rr rubricRows
	for _, r := range t.rows {
		id := t.cell(r, colIdentifier)
		if id == "" {
			p.add(t.at(r, colIdentifier), "empty")
			continue
		}
		uri := mintURI(opt.BaseURL, storedID(id))
		switch strings.ToLower(t.cell(r, "type")) {
		case "rubric":
			rr.rubrics = append(rr.rubrics, casefile.Rubric{Identifier: id, URI: uri, Title: t.text(r, "title"), Description: t.text(r, "description")})
		case "criterion":
			c := casefile.RubricCriterion{Identifier: id, URI: uri, Category: t.text(r, "category"), Description: t.text(r, "description"),
				Weight: number(t, r, "weight", p), Position: whole(t, r, "position", p)}
			if item := t.cell(r, "cfitemidentifier"); item != "" {
				c.CFItemURI = &casefile.LinkURI{Identifier: item}
			}
			rr.crits = append(rr.crits, critRow{c, t.cell(r, "rubricidentifier"), r})
		case "level":
			l := casefile.RubricCriterionLevel{Identifier: id, URI: uri, Description: t.text(r, "description"), Quality: t.text(r, "quality"),
				Score: number(t, r, "score", p), Feedback: t.text(r, "feedback"), Position: whole(t, r, "position", p)}
			rr.levels = append(rr.levels, levelRow{l, t.cell(r, "criterionidentifier"), r})
		default:
			p.add(t.at(r, "type"), "must be Rubric, Criterion or Level")
		}
	}
	return rr.link(t, p)
}

// link puts criteria into their rubrics and levels into their criteria.
func (rr rubricRows) link(t *table, p *problems) []casefile.Rubric {
	rubrics := rr.rubrics
	rubricAt := map[string]int{}
	for i, r := range rubrics {
		rubricAt[storedID(r.Identifier)] = i
	}
	critAt := map[string][2]int{}
	for _, c := range rr.crits {
		i, ok := rubricAt[storedID(c.rubric)]
		if !ok {
			p.add(t.at(c.r, "rubricidentifier"), "no Rubric row has the identifier %s", c.rubric)
			continue
		}
		c.c.RubricID = c.rubric
		critAt[storedID(c.c.Identifier)] = [2]int{i, len(rubrics[i].CFRubricCriteria)}
		rubrics[i].CFRubricCriteria = append(rubrics[i].CFRubricCriteria, c.c)
	}
	for _, l := range rr.levels {
		at, ok := critAt[storedID(l.criterion)]
		if !ok {
			p.add(t.at(l.r, "criterionidentifier"), "no Criterion row has the identifier %s", l.criterion)
			continue
		}
		l.l.RubricCriterionID = l.criterion
		c := &rubrics[at[0]].CFRubricCriteria[at[1]]
		c.CFRubricCriterionLevels = append(c.CFRubricCriterionLevels, l.l)
	}
	return rubrics
}

func number(t *table, r row, col string, p *problems) *float64 {
	s := t.cell(r, col)
	if s == "" {
		return nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		p.add(t.at(r, col), "%q is not a number", s)
		return nil
	}
	return &f
}

func whole(t *table, r row, col string, p *problems) *int {
	s := t.cell(r, col)
	if s == "" {
		return nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		p.add(t.at(r, col), "%q is not a whole number", s)
		return nil
	}
	return &n
}

// rubricItems are the items a rubric CSV's criteria assess.
func rubricItems(rubrics []casefile.Rubric) []string {
	var ids []string
	for _, r := range rubrics {
		for _, c := range r.CFRubricCriteria {
			if c.CFItemURI != nil {
				ids = append(ids, storedID(c.CFItemURI.Identifier))
			}
		}
	}
	return ids
}

// withRubrics is the held framework with the rubric CSV's rubrics added (a
// rubric of the same identifier is replaced). Criteria must assess items of
// that framework.
func withRubrics(name string, held *casefile.Package, rubrics []casefile.Rubric, opt Options) (*casefile.Package, error) {
	items := make(map[string]bool, len(held.CFItems))
	for _, it := range held.CFItems {
		items[it.Identifier] = true
	}
	for _, id := range rubricItems(rubrics) {
		if !items[id] {
			return nil, invalid("%s: the criteria assess items of more than one framework (or of none held here)", name)
		}
	}
	pkg := *held
	byID := map[string]int{}
	pkg.CFRubrics = append([]casefile.Rubric(nil), held.CFRubrics...)
	for i, r := range pkg.CFRubrics {
		byID[r.Identifier] = i
	}
	now := opt.Now.UTC().Format("2006-01-02T15:04:05Z")
	for _, r := range rubrics {
		stampRubric(&r, now)
		if i, ok := byID[storedID(r.Identifier)]; ok {
			if rubricSig(&pkg.CFRubrics[i]) != rubricSig(&r) {
				pkg.CFRubrics[i] = r
			}
			continue
		}
		pkg.CFRubrics = append(pkg.CFRubrics, r)
	}
	return &pkg, nil
}

func stampRubric(r *casefile.Rubric, now string) {
	r.LastChangeDateTime = now
	for i := range r.CFRubricCriteria {
		c := &r.CFRubricCriteria[i]
		c.LastChangeDateTime = now
		for j := range c.CFRubricCriterionLevels {
			c.CFRubricCriterionLevels[j].LastChangeDateTime = now
		}
	}
}

// rubricSig is what a rubric CSV says about a rubric, to tell whether a
// re-imported rubric changed (so an unchanged one keeps its times).
func rubricSig(r *casefile.Rubric) string {
	var b strings.Builder
	f := func(p *float64) string {
		if p == nil {
			return "-"
		}
		return strconv.FormatFloat(*p, 'g', -1, 64)
	}
	i := func(p *int) string {
		if p == nil {
			return "-"
		}
		return strconv.Itoa(*p)
	}
	b.WriteString(storedID(r.Identifier) + "\x00" + r.Title + "\x00" + r.Description)
	for _, c := range r.CFRubricCriteria {
		item := ""
		if c.CFItemURI != nil {
			item = storedID(c.CFItemURI.Identifier)
		}
		b.WriteString("\x01" + storedID(c.Identifier) + "\x00" + c.Category + "\x00" + c.Description + "\x00" + f(c.Weight) + "\x00" + i(c.Position) + "\x00" + item)
		for _, l := range c.CFRubricCriterionLevels {
			b.WriteString("\x02" + storedID(l.Identifier) + "\x00" + l.Description + "\x00" + l.Quality + "\x00" + f(l.Score) + "\x00" + l.Feedback + "\x00" + i(l.Position))
		}
	}
	return b.String()
}
