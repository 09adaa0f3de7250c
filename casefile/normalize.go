package casefile

import (
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Normalisations applied by Decode. Each change is reported as a Warning at
// the JSON path of the value it changed; more than 1000 identical ones (same
// field pattern, same kind) in one input become one warning with a count.
//
// While reading each object (decode_*.go):
//   - identifiers: upper-case UUIDs are lower-cased; anything that is not an
//     identifier of the CASE schema shape 8-4-4-4-12 hex (URLs, codes, "local:…") becomes
//     NameUUID(original) and the original is kept in OriginalIdentifier
//     (1.1 output: extensions.originalIdentifier). Link identifiers get the
//     same mapping, so links keep pointing at the mapped objects; a mapped
//     association end keeps its original in Unknown under
//     originNodeOriginalIdentifier / destinationNodeOriginalIdentifier.
//   - links given as plain strings (legacy) are read as {uri, identifier from
//     the uri's last segment}; unknown members inside links are dropped.
//   - date-times become RFC 3339 UTC (no zone = UTC, date only = midnight
//     UTC; Z/+00:00 notation changes are not reported); dates become
//     YYYY-MM-DD.
//   - a string where an array belongs (subject, educationLevel,
//     conceptKeywords) becomes a one-element array; numbers and booleans
//     where a string belongs become strings; numeric strings where a number
//     belongs become numbers.
//   - empty string, null and absent all mean absent (not reported).
//   - adoptionStatus and associationType spelling is corrected case-
//     insensitively; an unknown association type becomes "ext:<name>"
//     (emitted as isRelatedTo in 1.0); targetType likewise.
//   - legacy names: educationalLevel → educationLevel, subjectURL →
//     subjectURI, originNodeIdentifier/destinationNodeIdentifier/
//     CFAssociationGroupingIdentifier (read when the link is missing, dropped
//     when they repeat it); CFItemAssociationURI dropped.
//   - CFPackageURI in the document and CFDocumentURI in items and
//     associations are dropped (warned only when naming another document);
//     a {"CFPackage":…} wrapper is removed.
//   - unknown members, and members of the wrong type, are kept in Unknown;
//     1.1 `extensions` in Extensions. Nothing is lost.
//
// After the whole package is read (this file):
//   - document creator defaults to its publisher; lastChangeDateTime to the
//     latest of its items and associations.
//   - objects without uri get {BaseURL}/uri/{id}
//     ("urn:uuid:{id}" without BaseURL); without lastChangeDateTime the
//     document's; an item without identifier takes a UUID ending its uri; an
//     item without fullStatement takes its abbreviatedStatement or
//     humanCodingScheme.
//   - an association without identifier gets NameUUID("origin type
//     destination"); link and node uris/titles missing are filled from the
//     package; a destination outside the package with only an identifier is
//     named "urn:uuid:{id}".
//   - 1.1 is detected from caseVersion "1.1", "/v1p1/" in any uri or any
//     1.1-only field (frameworkType, item subject/subjectURI, association
//     notes, targetType, extensions, isTranslationOf, ext: types); else 1.0.
//   - exact duplicates (same identifier, same content) of items and
//     associations are removed after validation.
//   - structural oddities are kept with a warning (structure.go): an item
//     whose identifier is the document's, self-associations, isChildOf cycles.

// finishPackage applies the package-wide normalisations (defaults that need
// the document, minted uris, link completion, version detection), validates
// the result and drops harmless exact duplicates.
func finishPackage(p *Package, st *decodeState, path string) pkgResult {
	n := &normalizer{p: p, r: st.r, base: strings.TrimRight(st.baseURL, "/"), path: path}
	st.checkOwners()
	n.document()
	n.index()
	n.items()
	n.associations()
	n.definitions()
	n.rubrics()
	// validate and structure only read the package: they run side by side.
	var invalid []Problem
	validated := concurrently(func() { invalid = validate(p, path) })
	n.structure()
	validated()
	p.Version = V1p0
	if st.v11 {
		p.Version = V1p1
	}
	probs := append(st.r.problems, invalid...)
	total := st.r.nProblems + len(probs) - len(st.r.problems)
	if len(probs) > 0 {
		return pkgResult{warnings: st.r.aggregated(), problems: probs, total: total}
	}
	n.dropDuplicates()
	return pkgResult{pkg: p, warnings: st.r.aggregated()}
}

type normalizer struct {
	p    *Package
	r    *report
	base string
	path string
	// nodes maps the identifier of every object in the package to what a link
	// to it needs.
	nodes map[string]nodeRef
}

type nodeRef struct{ uri, title string }

// mint makes a uri for an object that arrived without one: the node's
// version-independent CanonicalURI, which it serves at /uri/{id}.
func (n *normalizer) mint(_, id string) string { return CanonicalURI(n.base, id) }

// fillURI mints a missing uri, with a warning at path.
func (n *normalizer) fillURI(uri *string, class, id, path string) {
	if *uri != "" || id == "" {
		return
	}
	*uri = n.mint(class, id)
	n.r.warnv(path+".uri", "missing uri minted", *uri)
}

// fillTime defaults a missing lastChangeDateTime to the document's.
func (n *normalizer) fillTime(t *string, path string) {
	if *t != "" || n.p.CFDocument.LastChangeDateTime == "" {
		return
	}
	*t = n.p.CFDocument.LastChangeDateTime
	n.r.warn(path+".lastChangeDateTime", "missing lastChangeDateTime set to the document's")
}

func (n *normalizer) document() {
	d := &n.p.CFDocument
	dp := n.path + ".CFDocument"
	if d.Creator == "" && d.Publisher != "" {
		d.Creator = d.Publisher
		n.r.warn(dp+".creator", "missing creator set to the publisher")
	}
	n.fillURI(&d.URI, "CFDocuments", d.Identifier, dp)
	if d.LastChangeDateTime == "" {
		latest := ""
		for i := range n.p.CFItems {
			latest = later(latest, n.p.CFItems[i].LastChangeDateTime)
		}
		for i := range n.p.CFAssociations {
			latest = later(latest, n.p.CFAssociations[i].LastChangeDateTime)
		}
		if latest != "" {
			d.LastChangeDateTime = latest
			n.r.warn(dp+".lastChangeDateTime", "missing lastChangeDateTime set to the latest change of its items and associations")
		}
	}
}

// later returns the later of two RFC 3339 UTC times ("" and invalid lose).
func later(a, b string) string {
	tb, ok := parseTime(b)
	if !ok {
		return a
	}
	ta, ok := parseTime(a)
	if !ok || tb.After(ta) {
		return b
	}
	return a
}

// index records every object of the package that a link may point at. It
// runs after the objects got their minted uris where needed.
func (n *normalizer) index() {
	p := n.p
	n.nodes = make(map[string]nodeRef, len(p.CFItems)+16)
	add := func(id, uri, title string) {
		if _, dup := n.nodes[id]; id != "" && !dup {
			n.nodes[id] = nodeRef{uri, title}
		}
	}
	add(p.CFDocument.Identifier, p.CFDocument.URI, p.CFDocument.Title)
	for i := range p.CFItems {
		it := &p.CFItems[i]
		if it.Identifier == "" && it.URI != "" {
			if id := lastSegment(it.URI); isIDShape(id) {
				it.Identifier = strings.ToLower(id)
				n.r.warnv(n.path+".CFItems["+itoa(i)+"].identifier", "missing identifier taken from the uri", it.Identifier)
			}
		}
		n.fillURI(&it.URI, "CFItems", it.Identifier, n.path+".CFItems["+itoa(i)+"]")
		add(it.Identifier, it.URI, itemTitle(it))
	}
	d := &p.CFDefinitions
	dp := n.path + ".CFDefinitions"
	for i := range d.CFConcepts {
		c := &d.CFConcepts[i]
		n.fillURI(&c.URI, "CFConcepts", c.Identifier, dp+".CFConcepts["+itoa(i)+"]")
		add(c.Identifier, c.URI, c.Title)
	}
	for i := range d.CFSubjects {
		s := &d.CFSubjects[i]
		n.fillURI(&s.URI, "CFSubjects", s.Identifier, dp+".CFSubjects["+itoa(i)+"]")
		add(s.Identifier, s.URI, s.Title)
	}
	for i := range d.CFLicenses {
		l := &d.CFLicenses[i]
		n.fillURI(&l.URI, "CFLicenses", l.Identifier, dp+".CFLicenses["+itoa(i)+"]")
		add(l.Identifier, l.URI, l.Title)
	}
	for i := range d.CFItemTypes {
		t := &d.CFItemTypes[i]
		n.fillURI(&t.URI, "CFItemTypes", t.Identifier, dp+".CFItemTypes["+itoa(i)+"]")
		add(t.Identifier, t.URI, t.Title)
	}
	for i := range d.CFAssociationGroupings {
		g := &d.CFAssociationGroupings[i]
		n.fillURI(&g.URI, "CFAssociationGroupings", g.Identifier, dp+".CFAssociationGroupings["+itoa(i)+"]")
		add(g.Identifier, g.URI, g.Title)
	}
}

// itemTitle is the label a link to an item shows: its code, else its
// abbreviated or (shortened) full statement.
func itemTitle(it *Item) string {
	switch {
	case it.HumanCodingScheme != "":
		return it.HumanCodingScheme
	case it.AbbreviatedStatement != "":
		return it.AbbreviatedStatement
	}
	s := strings.Join(strings.Fields(it.FullStatement), " ")
	if utf8.RuneCountInString(s) > 60 {
		s = string([]rune(s)[:57]) + "..."
	}
	return s
}

// completeLink fills a LinkURI's missing uri and title from the package, or
// mints the uri from the class the link points at.
func (n *normalizer) completeLink(l *LinkURI, class, path string) {
	if l == nil {
		return
	}
	ref, in := n.nodes[l.Identifier]
	if l.URI == "" && l.Identifier != "" {
		if in && ref.uri != "" {
			l.URI = ref.uri
			n.r.warn(path+".uri", "missing link uri taken from the linked object")
		} else {
			l.URI = n.mint(class, l.Identifier)
			n.r.warnv(path+".uri", "missing link uri minted", l.URI)
		}
	}
	if l.Title == "" && in && ref.title != "" {
		l.Title = ref.title
		n.r.warn(path+".title", "missing link title taken from the linked object")
	}
}

func (n *normalizer) items() {
	for i := range n.p.CFItems {
		it := &n.p.CFItems[i]
		ip := n.path + ".CFItems[" + itoa(i) + "]"
		n.fillTime(&it.LastChangeDateTime, ip)
		if it.FullStatement == "" {
			if s := firstNonEmpty(it.AbbreviatedStatement, it.HumanCodingScheme); s != "" {
				it.FullStatement = s
				n.r.warn(ip+".fullStatement", "missing fullStatement set to the item's abbreviatedStatement or humanCodingScheme")
			}
		}
		n.completeLink(it.ConceptKeywordsURI, "CFConcepts", ip+".conceptKeywordsURI")
		n.completeLink(it.CFItemTypeURI, "CFItemTypes", ip+".CFItemTypeURI")
		n.completeLink(it.LicenseURI, "CFLicenses", ip+".licenseURI")
		for j := range it.SubjectURI {
			n.completeLink(&it.SubjectURI[j], "CFSubjects", ip+".subjectURI["+itoa(j)+"]")
		}
	}
	d := &n.p.CFDocument
	dp := n.path + ".CFDocument"
	n.completeLink(d.LicenseURI, "CFLicenses", dp+".licenseURI")
	for j := range d.SubjectURI {
		n.completeLink(&d.SubjectURI[j], "CFSubjects", dp+".subjectURI["+itoa(j)+"]")
	}
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

func (n *normalizer) associations() {
	for i := range n.p.CFAssociations {
		a := &n.p.CFAssociations[i]
		ap := n.path + ".CFAssociations[" + itoa(i) + "]"
		if a.Identifier == "" && a.OriginNodeURI.Identifier != "" && a.DestinationNodeURI.Identifier != "" && a.AssociationType != "" {
			a.Identifier = NameUUID(a.OriginNodeURI.Identifier + " " + a.AssociationType + " " + a.DestinationNodeURI.Identifier)
			n.r.warnv(ap+".identifier", "missing identifier derived from origin, type and destination", a.Identifier)
		}
		n.fillURI(&a.URI, "CFAssociations", a.Identifier, ap)
		n.fillTime(&a.LastChangeDateTime, ap)
		n.completeNode(&a.OriginNodeURI, ap+".originNodeURI")
		n.completeNode(&a.DestinationNodeURI, ap+".destinationNodeURI")
		if d := &a.DestinationNodeURI; d.URI == "" && IsUUID(d.Identifier) {
			d.URI = "urn:uuid:" + d.Identifier
			n.r.warnv(ap+".destinationNodeURI.uri", "destination outside the package without a uri named by its identifier (resolved later)", d.URI)
		}
		n.completeLink(a.CFAssociationGroupingURI, "CFAssociationGroupings", ap+".CFAssociationGroupingURI")
	}
}

// completeNode fills an association end's missing uri and title from the
// package. A node outside the package keeps what it has.
func (n *normalizer) completeNode(l *LinkGenURI, path string) {
	ref, in := n.nodes[l.Identifier]
	if !in {
		return
	}
	if l.URI == "" && ref.uri != "" {
		l.URI = ref.uri
		n.r.warn(path+".uri", "missing node uri taken from the package")
	}
	if l.Title == "" && ref.title != "" {
		l.Title = ref.title
		n.r.warn(path+".title", "missing node title taken from the package")
	}
}

func (n *normalizer) definitions() {
	d := &n.p.CFDefinitions
	dp := n.path + ".CFDefinitions"
	for i := range d.CFConcepts {
		n.fillTime(&d.CFConcepts[i].LastChangeDateTime, dp+".CFConcepts["+itoa(i)+"]")
	}
	for i := range d.CFSubjects {
		n.fillTime(&d.CFSubjects[i].LastChangeDateTime, dp+".CFSubjects["+itoa(i)+"]")
	}
	for i := range d.CFLicenses {
		n.fillTime(&d.CFLicenses[i].LastChangeDateTime, dp+".CFLicenses["+itoa(i)+"]")
	}
	for i := range d.CFItemTypes {
		n.fillTime(&d.CFItemTypes[i].LastChangeDateTime, dp+".CFItemTypes["+itoa(i)+"]")
	}
	for i := range d.CFAssociationGroupings {
		n.fillTime(&d.CFAssociationGroupings[i].LastChangeDateTime, dp+".CFAssociationGroupings["+itoa(i)+"]")
	}
}

func (n *normalizer) rubrics() {
	for i := range n.p.CFRubrics {
		r := &n.p.CFRubrics[i]
		rp := n.path + ".CFRubrics[" + itoa(i) + "]"
		n.fillURI(&r.URI, "CFRubrics", r.Identifier, rp)
		n.fillTime(&r.LastChangeDateTime, rp)
		for j := range r.CFRubricCriteria {
			c := &r.CFRubricCriteria[j]
			cp := rp + ".CFRubricCriteria[" + itoa(j) + "]"
			n.fillURI(&c.URI, "CFRubricCriteria", c.Identifier, cp)
			n.fillTime(&c.LastChangeDateTime, cp)
			n.completeLink(c.CFItemURI, "CFItems", cp+".CFItemURI")
			if c.RubricID == "" && r.Identifier != "" {
				c.RubricID = r.Identifier
				n.r.warn(cp+".rubricId", "missing rubricId set to the enclosing rubric")
			}
			for k := range c.CFRubricCriterionLevels {
				l := &c.CFRubricCriterionLevels[k]
				lp := cp + ".CFRubricCriterionLevels[" + itoa(k) + "]"
				n.fillURI(&l.URI, "CFRubricCriterionLevels", l.Identifier, lp)
				n.fillTime(&l.LastChangeDateTime, lp)
				if l.RubricCriterionID == "" && c.Identifier != "" {
					l.RubricCriterionID = c.Identifier
					n.r.warn(lp+".rubricCriterionId", "missing rubricCriterionId set to the enclosing criterion")
				}
			}
		}
	}
}

// dropDuplicates removes items and associations that repeat an earlier one
// exactly (same identifier, same content); Validate rejects differing ones.
func (n *normalizer) dropDuplicates() {
	seen := make(map[string]int, len(n.p.CFItems))
	items := n.p.CFItems[:0]
	for i, it := range n.p.CFItems {
		if j, dup := seen[it.Identifier]; dup && reflect.DeepEqual(items[j], it) {
			n.r.warn(n.path+".CFItems["+itoa(i)+"]", "exact duplicate of an earlier item removed")
			continue
		}
		seen[it.Identifier] = len(items)
		items = append(items, it)
	}
	n.p.CFItems = items
	clear(seen)
	assocs := n.p.CFAssociations[:0]
	for i, a := range n.p.CFAssociations {
		if j, dup := seen[a.Identifier]; dup && reflect.DeepEqual(assocs[j], a) {
			n.r.warn(n.path+".CFAssociations["+itoa(i)+"]", "exact duplicate of an earlier association removed")
			continue
		}
		seen[a.Identifier] = len(assocs)
		assocs = append(assocs, a)
	}
	n.p.CFAssociations = assocs
}

func itoa(i int) string { return strconv.Itoa(i) }
