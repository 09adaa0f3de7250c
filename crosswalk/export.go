package crosswalk

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/casenode/casenode/casefile"
)

// CSVHeader is the first line of a crosswalk CSV export.
var CSVHeader = []string{"source code", "source statement", "source id", "kind", "type", "target code", "target statement", "target id", "score", "path"}

// csvLookupTimeout bounds the lookup of item codes for a CSV export.
const csvLookupTimeout = 10 * time.Second

// WriteCSV writes one line per match (and one per source item without any),
// with the columns of CSVHeader. The path column lists the codes (or
// identifiers) of the items of a transitive path, separated by " > ".
func (c *Crosswalker) WriteCSV(w io.Writer, cw *casefile.Crosswalk) error {
	codes := c.codesOf(cw)
	cwr := casefile.NewCSVWriter(w) // neutralises formula-like cells
	if err := cwr.Write(CSVHeader); err != nil {
		return err
	}
	for _, r := range cw.Rows {
		src := []string{r.Code, r.Source.Title, r.Source.Identifier}
		if len(r.Matches) == 0 {
			if err := cwr.Write(append(src, "none", "", "", "", "", "", "")); err != nil {
				return err
			}
			continue
		}
		for _, m := range r.Matches {
			path := make([]string, len(m.Path))
			for i, p := range m.Path {
				path[i] = codeOr(codes, p)
			}
			line := append(append([]string{}, src...), m.Kind, m.AssociationType, codes[m.Target.Identifier],
				m.Target.Title, m.Target.Identifier, strconv.FormatFloat(m.Score, 'f', 3, 64), strings.Join(path, " > "))
			if err := cwr.Write(line); err != nil {
				return err
			}
		}
	}
	cwr.Flush()
	return cwr.Error()
}

// codesOf looks up the human coding schemes of the target and path items of cw
// (a crosswalk carries the source codes only). Lookup failures leave codes empty.
func (c *Crosswalker) codesOf(cw *casefile.Crosswalk) map[string]string {
	var ids []string
	seen := map[string]bool{}
	add := func(id string) {
		if id != "" && !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	for _, r := range cw.Rows {
		for _, m := range r.Matches {
			add(m.Target.Identifier)
			for _, p := range m.Path {
				add(p.Identifier)
			}
		}
	}
	codes := make(map[string]string, len(ids))
	for _, r := range cw.Rows {
		codes[r.Source.Identifier] = r.Code
	}
	if len(ids) == 0 {
		return codes
	}
	ctx, cancel := context.WithTimeout(context.Background(), csvLookupTimeout)
	defer cancel()
	items, err := c.store.Items(ctx, ids)
	if err != nil {
		c.log.Warn("crosswalk CSV: looking up target codes failed", "err", err)
		return codes
	}
	for _, it := range items {
		codes[it.Identifier] = it.HumanCodingScheme
	}
	return codes
}

func codeOr(codes map[string]string, l casefile.LinkURI) string {
	if c := codes[l.Identifier]; c != "" {
		return c
	}
	return l.Identifier
}

// ExportPackage returns cw as a CASE 1.1 package: a CFDocument "Crosswalk: A →
// B" whose CFAssociations are the explicit matches with their own type, and
// the transitive and suggested matches as isRelatedTo with a note saying how
// they were found and their score.
func (c *Crosswalker) ExportPackage(ctx context.Context, cw *casefile.Crosswalk) (*casefile.Package, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	now := time.Now().UTC().Format(time.RFC3339)
	docID := casefile.NameUUID("casenode-crosswalk-export:" + cw.Source.Identifier + "|" + cw.Target.Identifier)
	doc := casefile.Document{
		Identifier:         docID,
		URI:                c.uri("CFDocuments", docID),
		CaseVersion:        "1.1",
		Creator:            c.baseURL,
		Title:              fmt.Sprintf("Crosswalk: %s → %s", cw.Source.Title, cw.Target.Title),
		LastChangeDateTime: now,
		Description:        fmt.Sprintf("Correspondences from %q to %q computed by casenode: explicit associations, links through a third framework and text-similarity suggestions.", cw.Source.Title, cw.Target.Title),
		AdoptionStatus:     "Draft",
		Language:           "en",
	}
	pkg := &casefile.Package{CFDocument: doc, Version: casefile.V1p1}
	docLink := &casefile.LinkURI{Title: doc.Title, Identifier: doc.Identifier, URI: doc.URI}
	for _, r := range cw.Rows {
		for _, m := range r.Matches {
			pkg.CFAssociations = append(pkg.CFAssociations, c.exportAssociation(docID, r.Source, m, now, docLink))
		}
	}
	return pkg, nil
}

func (c *Crosswalker) exportAssociation(docID string, src casefile.LinkURI, m casefile.CrosswalkMatch, now string, doc *casefile.LinkURI) casefile.Association {
	typ, notes := m.AssociationType, ""
	switch m.Kind {
	case casefile.MatchSuggested:
		typ, notes = casefile.IsRelatedTo, fmt.Sprintf("suggested, score %.3f", m.Score)
	case casefile.MatchTransitive:
		via := make([]string, 0, len(m.Path))
		for _, p := range m.Path[1 : len(m.Path)-1] {
			via = append(via, p.Identifier)
		}
		typ, notes = casefile.IsRelatedTo, fmt.Sprintf("transitive via %s (%s), score %.3f", strings.Join(via, ", "), m.AssociationType, m.Score)
	}
	id := casefile.NameUUID(strings.Join([]string{docID, src.Identifier, m.Kind, typ, m.Target.Identifier}, "|"))
	a := casefile.Association{
		Identifier:         id,
		AssociationType:    typ,
		URI:                c.uri("CFAssociations", id),
		OriginNodeURI:      casefile.LinkGenURI{Title: src.Title, Identifier: src.Identifier, URI: src.URI},
		DestinationNodeURI: casefile.LinkGenURI{Title: m.Target.Title, Identifier: m.Target.Identifier, URI: m.Target.URI},
		LastChangeDateTime: now,
		Notes:              notes,
		CFDocumentURI:      doc,
	}
	if m.Kind == casefile.MatchExplicit && m.Association != "" {
		a.Extensions = casefile.Fields{"sourceAssociation": mustJSON(m.Association)}
	}
	return a
}

func (c *Crosswalker) uri(_, id string) string { return casefile.CanonicalURI(c.baseURL, id) }

func mustJSON(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		return json.RawMessage(`null`)
	}
	return b
}
