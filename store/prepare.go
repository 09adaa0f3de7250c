package store

import (
	"fmt"
	"slices"
	"strings"

	"github.com/casenode/casenode/casefile"
)

// Definition kinds as stored in definitions.kind.
const (
	kindConcept  = "concept"
	kindSubject  = "subject"
	kindLicense  = "license"
	kindItemType = "itemType"
	kindGrouping = "grouping"
)

// packageExtra is the package-level data that has no table of its own.
type packageExtra struct {
	Package     casefile.Common
	Definitions casefile.Common
}

// definition is one CFDefinitions entry ready to store.
type definition struct {
	kind, id, uri, code, original string
	value                         any
	hash                          string
}

// prepared is an incoming package with the hashes computed before any write.
type prepared struct {
	pkg         *casefile.Package
	doc         casefile.Document // without CFPackageURI
	extra       packageExtra
	itemHash    []string
	assocHash   []string
	rubricHash  []string
	defs        []definition
	parts       contentParts
	contentHash string
	levels      []string        // union of item education levels, sorted
	inPackage   map[string]bool // the document and item identifiers
}

// ends tells, for each end of an association, whether it lies outside the
// package (1) or is the document or one of its items (0).
func (p *prepared) ends(a *casefile.Association) (origin, destination int) {
	if !p.inPackage[a.OriginNodeURI.Identifier] {
		origin = 1
	}
	if !p.inPackage[a.DestinationNodeURI.Identifier] {
		destination = 1
	}
	return origin, destination
}

// prepare checks what the store relies on (identifiers present and unique)
// and hashes every object. It does not modify pkg.
func prepare(pkg *casefile.Package) (*prepared, error) {
	p, err := prepareShape(pkg)
	if err != nil {
		return nil, err
	}
	if err := p.hashObjects(); err != nil {
		return nil, err
	}
	return p, nil
}

// prepareShape is prepare without the item and association hashes and the
// content hash (hashObjects computes them; an import of a new framework
// takes them from the rows it writes instead of encoding every object twice).
func prepareShape(pkg *casefile.Package) (*prepared, error) {
	if pkg == nil || strings.TrimSpace(pkg.CFDocument.Identifier) == "" {
		return nil, casefile.Errorf(casefile.Invalid, "package has no CFDocument identifier")
	}
	if probs := checkIdentifiers(pkg); len(probs) > 0 {
		return nil, &casefile.Error{Code: casefile.Invalid, Message: "package has missing or duplicate identifiers", Problems: probs}
	}
	p := &prepared{pkg: pkg, doc: pkg.CFDocument}
	p.doc.CFPackageURI = nil
	p.extra = packageExtra{Package: pkg.Common, Definitions: pkg.CFDefinitions.Common}
	x := newEncoder()
	var err error
	must := func(h string, e error) string {
		if e != nil && err == nil {
			err = e
		}
		return h
	}
	p.parts.document = must(x.hash(&p.doc))
	p.parts.extra = must(x.hash(&p.extra))
	p.itemHash = make([]string, len(pkg.CFItems))
	p.assocHash = make([]string, len(pkg.CFAssociations))
	p.scanItems()
	p.rubricHash = make([]string, len(pkg.CFRubrics))
	for i := range pkg.CFRubrics {
		p.rubricHash[i] = must(x.hash(&pkg.CFRubrics[i]))
		p.parts.rubrics = append(p.parts.rubrics, idHash{pkg.CFRubrics[i].Identifier, p.rubricHash[i]})
	}
	p.defs = definitionsOf(&pkg.CFDefinitions)
	for i := range p.defs {
		p.defs[i].hash = must(x.hash(p.defs[i].value))
		p.parts.defs = append(p.parts.defs, idHash{p.defs[i].kind + "/" + p.defs[i].id, p.defs[i].hash})
	}
	if err != nil {
		return nil, cannotEncode(err)
	}
	return p, nil
}

// cannotEncode is the error of an object that has no stored JSON.
func cannotEncode(err error) error {
	return casefile.Errorf(casefile.Invalid, "package cannot be encoded: %w", err)
}

// scanItems collects the package's identifiers and education levels.
func (p *prepared) scanItems() {
	p.inPackage = make(map[string]bool, len(p.pkg.CFItems)+1)
	p.inPackage[p.pkg.CFDocument.Identifier] = true
	levels := map[string]bool{}
	for i := range p.pkg.CFItems {
		it := &p.pkg.CFItems[i]
		p.inPackage[it.Identifier] = true
		for _, l := range it.EducationLevel {
			if l = strings.TrimSpace(l); l != "" {
				levels[l] = true
			}
		}
	}
	for l := range levels {
		p.levels = append(p.levels, l)
	}
	slices.Sort(p.levels)
}

// hashObjects computes the item and association hashes not known yet (in
// parallel, see hashAll) and the content hash. Once that is done it does
// nothing.
func (p *prepared) hashObjects() error {
	if p.contentHash != "" {
		return nil
	}
	pkg := p.pkg
	err := hashAll(p.itemHash, func(x *encoder, i int) (string, error) {
		if h := p.itemHash[i]; h != "" {
			return h, nil
		}
		return x.hash(storedItem(&pkg.CFItems[i]))
	})
	if err == nil {
		err = hashAll(p.assocHash, func(x *encoder, i int) (string, error) {
			if h := p.assocHash[i]; h != "" {
				return h, nil
			}
			return x.hash(storedAssociation(&pkg.CFAssociations[i]))
		})
	}
	if err != nil {
		return cannotEncode(err)
	}
	p.parts.items = pairHashes(p.itemHash, func(i int) string { return pkg.CFItems[i].Identifier })
	p.parts.assocs = pairHashes(p.assocHash, func(i int) string { return pkg.CFAssociations[i].Identifier })
	p.contentHash = contentHash(p.parts)
	return nil
}

// storedItem is the item as stored: the package form, without CFDocumentURI.
func storedItem(it *casefile.Item) *casefile.Item {
	if it.CFDocumentURI == nil {
		return it
	}
	c := *it
	c.CFDocumentURI = nil
	return &c
}

// storedAssociation is the association as stored, without CFDocumentURI.
func storedAssociation(a *casefile.Association) *casefile.Association {
	if a.CFDocumentURI == nil {
		return a
	}
	c := *a
	c.CFDocumentURI = nil
	return &c
}

// definitionsOf flattens CFDefinitions into rows.
func definitionsOf(d *casefile.Definitions) []definition {
	var out []definition
	for i := range d.CFConcepts {
		c := &d.CFConcepts[i]
		out = append(out, definition{kind: kindConcept, id: c.Identifier, uri: c.URI, code: c.HierarchyCode, original: c.OriginalIdentifier, value: c})
	}
	for i := range d.CFSubjects {
		s := &d.CFSubjects[i]
		out = append(out, definition{kind: kindSubject, id: s.Identifier, uri: s.URI, code: s.HierarchyCode, original: s.OriginalIdentifier, value: s})
	}
	for i := range d.CFLicenses {
		l := &d.CFLicenses[i]
		out = append(out, definition{kind: kindLicense, id: l.Identifier, uri: l.URI, original: l.OriginalIdentifier, value: l})
	}
	for i := range d.CFItemTypes {
		t := &d.CFItemTypes[i]
		out = append(out, definition{kind: kindItemType, id: t.Identifier, uri: t.URI, code: t.HierarchyCode, original: t.OriginalIdentifier, value: t})
	}
	for i := range d.CFAssociationGroupings {
		g := &d.CFAssociationGroupings[i]
		out = append(out, definition{kind: kindGrouping, id: g.Identifier, uri: g.URI, original: g.OriginalIdentifier, value: g})
	}
	return out
}

// checkIdentifiers reports objects without an identifier, identifiers not
// in casefile.CanonicalID's form and identifiers used twice within one class.
func checkIdentifiers(pkg *casefile.Package) []casefile.Problem {
	var probs []casefile.Problem
	check := func(class string, n int, id func(int) string) {
		seen := make(map[string]int, n)
		for i := 0; i < n; i++ {
			v := id(i)
			var msg string
			if strings.TrimSpace(v) == "" {
				msg = "identifier is missing"
			} else if c, ch := casefile.CanonicalID(v); ch != casefile.IDKept {
				msg = fmt.Sprintf("identifier %q is not canonical (decoding makes it %s)", v, c)
			} else if j, dup := seen[v]; dup {
				msg = fmt.Sprintf("identifier %s is also used by %s[%d]", v, class, j)
			} else {
				seen[v] = i
				continue // the path is formatted for problems only
			}
			probs = append(probs, casefile.Problem{Path: fmt.Sprintf("$.%s[%d].identifier", class, i), Message: msg})
		}
	}
	check("CFItems", len(pkg.CFItems), func(i int) string { return pkg.CFItems[i].Identifier })
	check("CFAssociations", len(pkg.CFAssociations), func(i int) string { return pkg.CFAssociations[i].Identifier })
	check("CFRubrics", len(pkg.CFRubrics), func(i int) string { return pkg.CFRubrics[i].Identifier })
	d := &pkg.CFDefinitions
	check("CFDefinitions.CFConcepts", len(d.CFConcepts), func(i int) string { return d.CFConcepts[i].Identifier })
	check("CFDefinitions.CFSubjects", len(d.CFSubjects), func(i int) string { return d.CFSubjects[i].Identifier })
	check("CFDefinitions.CFLicenses", len(d.CFLicenses), func(i int) string { return d.CFLicenses[i].Identifier })
	check("CFDefinitions.CFItemTypes", len(d.CFItemTypes), func(i int) string { return d.CFItemTypes[i].Identifier })
	check("CFDefinitions.CFAssociationGroupings", len(d.CFAssociationGroupings), func(i int) string { return d.CFAssociationGroupings[i].Identifier })
	if len(probs) > 20 {
		probs = append(probs[:20], casefile.Problem{Path: "$", Message: fmt.Sprintf("%d more identifier problems", len(probs)-20)})
	}
	return probs
}
