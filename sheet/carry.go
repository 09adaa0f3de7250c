package sheet

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/casenode/casenode/casefile"
)

// A CSV carries a framework's associations twice. The flat columns people
// edit (isChildOf, exactMatchOf, …) say which links exist. The
// "#association,JSON" lines casenode writes before the header carry each
// association whole: identifier, uri, notes, extensions, dates.
//
// On import the columns decide. A line for the same link gives it back its
// identity and fields. For a tree link the line only needs the same child,
// so a moved row keeps its link's identity. Lines for links whose origin is
// not a row of the sheet, which no column can hold, come back as they are.
// Lines for links the columns no longer have are dropped, since an edit
// removed them. So export → import gives the same framework, and an edited
// sheet still means what its columns say.

// associationLines lists a package's associations as CASE 1.1 JSON.
func associationLines(as []casefile.Association) ([]string, error) {
	out := make([]string, 0, len(as))
	for i := range as {
		b, err := casefile.MarshalPckgAssociation(&as[i], casefile.V1p1)
		if err != nil {
			return nil, err
		}
		out = append(out, string(b))
	}
	return out, nil
}

// carriedAssociation is one "#association" line, decoded, with where it was.
type carriedAssociation struct {
	a    casefile.Association
	line int
	used bool
}

// readAssociationLines decodes the table's "#association,JSON" lines with the
// import path's own decoder (inside a minimal package).
func readAssociationLines(t *table, now string) ([]*carriedAssociation, error) {
	var raws []json.RawMessage
	var lines []int
	var p problems
	for i, rec := range t.meta {
		if canonical(strings.TrimPrefix(rec[0], "#")) != "association" {
			continue
		}
		where := fmt.Sprintf("%s row %d", t.name, i+1)
		if len(rec) < 2 {
			p.add(where, "an association line needs its JSON")
			continue
		}
		js := casefile.PlainCSVCell(rec[1])
		if !json.Valid([]byte(js)) || !strings.HasPrefix(strings.TrimSpace(js), "{") {
			p.add(where, "not a JSON object")
			continue
		}
		raws = append(raws, json.RawMessage(js))
		lines = append(lines, i+1)
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	if len(raws) == 0 {
		return nil, nil
	}
	var b bytes.Buffer
	b.WriteString(`{"CFDocument":{"identifier":"00000000-0000-4000-8000-000000000000","uri":"urn:x","creator":"x","title":"x","lastChangeDateTime":"` + now + `"},"CFItems":[],"CFAssociations":`)
	enc, err := json.Marshal(raws)
	if err != nil {
		return nil, err
	}
	b.Write(enc)
	b.WriteString(`}`)
	pkg, _, err := casefile.Decode(&b, casefile.DecodeOptions{})
	if err != nil {
		return nil, invalid("%s: the association lines are not valid CASE: %s", t.name, casefile.ErrorMessage(err))
	}
	if len(pkg.CFAssociations) != len(raws) {
		return nil, invalid("%s: %d association lines gave %d associations (duplicate identifiers?)", t.name, len(raws), len(pkg.CFAssociations))
	}
	out := make([]*carriedAssociation, len(raws))
	for i := range pkg.CFAssociations {
		out[i] = &carriedAssociation{a: pkg.CFAssociations[i], line: lines[i]}
	}
	return out, nil
}

// linkKey names what an association links, by canonical identifiers (a
// sheet's rows may still carry publishers' original ones); a tree link is
// named by its child alone (a row has one parent).
func linkKey(a *casefile.Association) string {
	if a.AssociationType == casefile.IsChildOf {
		return canonicalID(a.OriginNodeURI.Identifier) + " " + a.AssociationType
	}
	return canonicalID(a.OriginNodeURI.Identifier) + " " + a.AssociationType + " " + canonicalID(nodeKey(a.DestinationNodeURI))
}

func canonicalID(s string) string {
	id, _ := casefile.CanonicalID(s)
	return id
}

// carry gives the associations the columns made back the identity and fields
// of their lines, and adds the lines of links from outside the sheet. rows
// are the identifiers of the sheet's items; from is kept aligned with list.
func carry(list []casefile.Association, from []origin, lines []*carriedAssociation, rows map[string]bool, t *table) ([]casefile.Association, []origin) {
	byKey := make(map[string]*carriedAssociation, len(lines))
	for _, c := range lines {
		if k := linkKey(&c.a); byKey[k] == nil {
			byKey[k] = c
		}
	}
	for i := range list {
		c := byKey[linkKey(&list[i])]
		if c == nil || c.used {
			continue
		}
		c.used = true
		built := list[i]
		list[i] = c.a
		// What the columns say wins: the parent a moved row now has, and
		// its place among its siblings.
		// The sheet's rows name nodes as their publisher did (an original
		// identifier the decoder maps and records); keep that form.
		list[i].OriginNodeURI.Identifier = built.OriginNodeURI.Identifier
		if canonicalID(nodeKey(built.DestinationNodeURI)) != canonicalID(nodeKey(c.a.DestinationNodeURI)) {
			list[i].DestinationNodeURI = built.DestinationNodeURI
			list[i].LastChangeDateTime = built.LastChangeDateTime
		} else if built.DestinationNodeURI.Identifier != "" {
			list[i].DestinationNodeURI.Identifier = built.DestinationNodeURI.Identifier
		}
		if built.AssociationType == casefile.IsChildOf {
			list[i].SequenceNumber = built.SequenceNumber
		}
	}
	for _, c := range lines {
		if !c.used && !rows[canonicalID(c.a.OriginNodeURI.Identifier)] {
			list = append(list, c.a)
			from = append(from, origin{t, c.line, ""})
		}
	}
	return list, from
}
