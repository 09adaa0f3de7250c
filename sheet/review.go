package sheet

import (
	"context"
	"strings"

	"github.com/casenode/casenode/casefile"
)

// Decider takes crosswalk decisions as the compare page's buttons do
// (*crosswalk.Crosswalker satisfies it).
type Decider interface {
	Accept(ctx context.Context, sourceItem, targetItem, associationType, acceptedBy string) (*casefile.Association, error)
	Reject(ctx context.Context, sourceItem, targetItem, rejectedBy string) (*casefile.CrosswalkDecision, error)
}

// ItemFinder finds items by code and their frameworks (*store.DB satisfies it).
type ItemFinder interface {
	ItemsByCode(ctx context.Context, code string) ([]casefile.Item, error)
	ItemFramework(ctx context.Context, ids []string) (map[string]string, error)
}

// Reviews applies reviewed crosswalk CSVs.
type Reviews struct {
	Decider Decider
	Items   ItemFinder
}

// reviewRow is one decided row of a reviewed crosswalk CSV.
type reviewRow struct {
	r               row
	source, target  string
	typ, decision   string
	otherTargetCode string
}

// Review columns, matched like every header (case, spaces and underscores ignored).
const (
	colReviewDecision = "decision"
	colReviewSource   = "sourceid"
	colReviewTarget   = "targetid"
	colReviewType     = "type"
)

// ApplyReview reads the crosswalk CSV a reviewer downloaded (crosswalk
// WriteCSV's columns) with a decision column filled in: "accept", "reject",
// or the code of a different target item (in the framework of the row's
// target) to accept instead; an empty decision leaves the row alone. Every
// row is checked before any is applied (a problem rejects the file with its
// row and column); then each decision is taken exactly as the compare
// page's buttons take it, and every row's outcome is returned.
func (rv Reviews) ApplyReview(ctx context.Context, data []byte, name, by string) ([]casefile.ReviewOutcome, error) {
	if name == "" {
		name = "review.csv"
	}
	t, err := readCSV(name, data)
	if err != nil {
		return nil, err
	}
	t.index()
	var p problems
	for _, c := range []string{colReviewSource, colReviewTarget, colReviewDecision} {
		if !t.has(c) {
			p.add(t.name+" row 1", "missing required column %q", c)
		}
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	rows := make([]reviewRow, 0, len(t.rows))
	for _, r := range t.rows {
		rows = append(rows, rv.readReviewRow(ctx, t, r, &p))
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	out := make([]casefile.ReviewOutcome, 0, len(rows))
	for _, rr := range rows {
		out = append(out, rv.apply(ctx, rr, by))
	}
	return out, nil
}

func (rv Reviews) readReviewRow(ctx context.Context, t *table, r row, p *problems) reviewRow {
	rr := reviewRow{r: r, source: t.cell(r, colReviewSource), target: t.cell(r, colReviewTarget), typ: t.cell(r, colReviewType)}
	d := t.cell(r, colReviewDecision)
	switch strings.ToLower(d) {
	case "":
		rr.decision = "none"
		return rr
	case "accept", "accepted", "yes", "y":
		rr.decision = "accept"
	case "reject", "rejected", "no", "n":
		rr.decision = "reject"
	default:
		rr.decision, rr.otherTargetCode = "accept", d
	}
	if rr.source == "" {
		p.add(t.at(r, colReviewSource), "empty: the row names no source item")
	}
	if rr.otherTargetCode != "" {
		id, msg := rv.codeIn(ctx, rr.otherTargetCode, rr.target)
		if msg != "" {
			p.add(t.at(r, colReviewDecision), "%s", msg)
		}
		rr.target = id
		rr.typ = "" // the suggested type was for the other target
	} else if rr.target == "" {
		p.add(t.at(r, colReviewTarget), "empty: the row names no target item (write a target code in the decision column)")
	}
	if rr.typ == "" || rr.typ == casefile.IsChildOf {
		rr.typ = casefile.ExactMatchOf
	}
	return rr
}

// codeIn finds the item with code in the framework of item near (or the only
// item with that code when near is empty).
func (rv Reviews) codeIn(ctx context.Context, code, near string) (string, string) {
	if rv.Items == nil {
		return "", "codes cannot be looked up here"
	}
	items, err := rv.Items.ItemsByCode(ctx, code)
	if err != nil || len(items) == 0 {
		return "", "no item has the code " + code
	}
	ids := []string{near}
	for _, it := range items {
		ids = append(ids, it.Identifier)
	}
	fw, err := rv.Items.ItemFramework(ctx, ids)
	if err != nil {
		return "", "no item has the code " + code
	}
	var found []string
	for _, it := range items {
		if near == "" || fw[it.Identifier] == fw[near] {
			found = append(found, it.Identifier)
		}
	}
	switch len(found) {
	case 0:
		return "", "no item of the target framework has the code " + code
	case 1:
		return found[0], ""
	}
	return "", "more than one item of the target framework has the code " + code
}

func (rv Reviews) apply(ctx context.Context, rr reviewRow, by string) casefile.ReviewOutcome {
	o := casefile.ReviewOutcome{Row: rr.r.n, Source: rr.source, Target: rr.target, Decision: rr.decision}
	var err error
	switch rr.decision {
	case "none":
		o.Outcome = "skipped"
		return o
	case "reject":
		if _, err = rv.Decider.Reject(ctx, rr.source, rr.target, by); err == nil {
			o.Outcome = "rejected"
		}
	default:
		var a *casefile.Association
		if a, err = rv.Decider.Accept(ctx, rr.source, rr.target, rr.typ, by); err == nil {
			o.Outcome, o.Association = "accepted", a.Identifier
		}
	}
	if err != nil {
		o.Outcome, o.Message = "failed", casefile.ErrorMessage(err)
	}
	return o
}
