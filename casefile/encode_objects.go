package casefile

import (
	"io"
	"strings"
)

// EncodePackage writes p as a strict CFPackage of version v ("" = 1.1),
// streaming item by item. 1.0 leaves out 1.1-only fields and extensions; 1.1
// emits caseVersion "1.1" and puts unknown members and original identifiers
// into `extensions`. Uris are written as held (no version rewriting).
func EncodePackage(w io.Writer, p *Package, v Version) error {
	e, err := newEncoder(v)
	if err != nil {
		return err
	}
	if p == nil {
		return Errorf(Internal, "casefile: EncodePackage of a nil package")
	}
	e.buf = make([]byte, 0, flushAt+8<<10)
	e.open('{')
	e.key("CFDocument")
	e.document(&p.CFDocument, false)
	e.key("CFItems")
	e.open('[')
	for i := range p.CFItems {
		e.sep()
		e.item(&p.CFItems[i], false)
		if err := e.flush(w, false); err != nil {
			return err
		}
	}
	e.close(']')
	e.key("CFAssociations")
	e.open('[')
	for i := range p.CFAssociations {
		e.sep()
		e.association(&p.CFAssociations[i], false)
		if err := e.flush(w, false); err != nil {
			return err
		}
	}
	e.close(']')
	if !p.CFDefinitions.empty() || (e.v11() && hasCommon(&p.CFDefinitions.Common)) {
		e.key("CFDefinitions")
		e.definitions(&p.CFDefinitions)
	}
	if len(p.CFRubrics) > 0 {
		e.key("CFRubrics")
		e.open('[')
		for i := range p.CFRubrics {
			e.sep()
			e.rubric(&p.CFRubrics[i])
		}
		e.close(']')
	}
	e.extensions(&p.Common)
	e.close('}')
	return e.flush(w, true)
}

func hasCommon(c *Common) bool {
	return len(c.Extensions) > 0 || len(c.Unknown) > 0 || c.OriginalIdentifier != ""
}

func (d *Definitions) empty() bool {
	return len(d.CFConcepts) == 0 && len(d.CFSubjects) == 0 && len(d.CFLicenses) == 0 &&
		len(d.CFItemTypes) == 0 && len(d.CFAssociationGroupings) == 0
}

// document writes a CFDocument; standalone adds CFPackageURI (derived from
// the document when not set).
func (e *encoder) document(d *Document, standalone bool) {
	e.open('{')
	e.str("identifier", d.Identifier)
	e.str("uri", d.URI)
	if e.v11() {
		e.opt("frameworkType", d.FrameworkType)
		e.str("caseVersion", "1.1")
	}
	e.str("creator", d.Creator)
	e.str("title", d.Title)
	e.str("lastChangeDateTime", d.LastChangeDateTime)
	e.opt("officialSourceURL", d.OfficialSourceURL)
	e.opt("publisher", d.Publisher)
	e.opt("description", d.Description)
	e.strs("subject", d.Subject)
	e.links("subjectURI", d.SubjectURI)
	e.opt("language", d.Language)
	e.opt("version", d.Version)
	e.opt("adoptionStatus", d.AdoptionStatus)
	e.opt("statusStartDate", d.StatusStartDate)
	e.opt("statusEndDate", d.StatusEndDate)
	e.link("licenseURI", d.LicenseURI)
	e.opt("notes", d.Notes)
	if standalone {
		pkg := d.CFPackageURI
		if pkg == nil {
			pkg = &LinkURI{Title: d.Title, Identifier: d.Identifier, URI: strings.Replace(d.URI, "/CFDocuments/", "/CFPackages/", 1)}
		}
		e.link("CFPackageURI", pkg)
	}
	e.extensions(&d.Common)
	e.close('}')
}

func (e *encoder) item(it *Item, standalone bool) {
	e.open('{')
	e.str("identifier", it.Identifier)
	e.str("fullStatement", it.FullStatement)
	e.opt("alternativeLabel", it.AlternativeLabel)
	e.opt("CFItemType", it.CFItemType)
	e.str("uri", it.URI)
	e.opt("humanCodingScheme", it.HumanCodingScheme)
	e.opt("listEnumeration", it.ListEnumeration)
	e.opt("abbreviatedStatement", it.AbbreviatedStatement)
	e.strs("conceptKeywords", it.ConceptKeywords)
	e.link("conceptKeywordsURI", it.ConceptKeywordsURI)
	e.opt("notes", it.Notes)
	if e.v11() {
		e.strs("subject", it.Subject)
		e.links("subjectURI", it.SubjectURI)
	}
	e.opt("language", it.Language)
	e.strs("educationLevel", it.EducationLevel)
	e.link("CFItemTypeURI", it.CFItemTypeURI)
	e.link("licenseURI", it.LicenseURI)
	e.opt("statusStartDate", it.StatusStartDate)
	e.opt("statusEndDate", it.StatusEndDate)
	e.str("lastChangeDateTime", it.LastChangeDateTime)
	if standalone {
		e.link("CFDocumentURI", it.CFDocumentURI)
	}
	e.extensions(&it.Common)
	e.close('}')
}

func (e *encoder) association(a *Association, standalone bool) {
	e.open('{')
	e.str("identifier", a.Identifier)
	t := a.AssociationType
	if !e.v11() {
		t = associationType10(t)
	}
	e.str("associationType", t)
	e.integer("sequenceNumber", a.SequenceNumber)
	e.str("uri", a.URI)
	e.node("originNodeURI", &a.OriginNodeURI)
	e.node("destinationNodeURI", &a.DestinationNodeURI)
	e.link("CFAssociationGroupingURI", a.CFAssociationGroupingURI)
	e.str("lastChangeDateTime", a.LastChangeDateTime)
	if e.v11() {
		e.opt("notes", a.Notes)
	}
	if standalone {
		e.link("CFDocumentURI", a.CFDocumentURI)
	}
	e.extensions(&a.Common)
	e.close('}')
}
