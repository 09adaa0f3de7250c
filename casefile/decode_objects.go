package casefile

import (
	"encoding/json"
	"strings"
)

// dateTime reads a date-time and normalises it to RFC 3339 UTC. A value that
// cannot be parsed is kept as sent; Validate reports it.
func (f *fields) dateTime(name string) string {
	s := strings.TrimSpace(f.istr(name))
	if s == "" {
		return ""
	}
	n, ok := f.st.normalizedTime(s)
	if !ok {
		return s
	}
	if n != s && !utcNotation(s) {
		f.r.warnv(f.at(name), timeChangeKind(s), quote(s)+" -> "+n)
	}
	return n
}

// date reads a YYYY-MM-DD date; a date-time gives its date.
func (f *fields) date(name string) string {
	s := strings.TrimSpace(f.str(name))
	if s == "" {
		return ""
	}
	n, ok := normalizeDate(s)
	if !ok {
		return s
	}
	if n != s {
		f.r.warnv(f.at(name), "date normalised to YYYY-MM-DD", quote(s)+" -> "+n)
	}
	return n
}

// v11str reads a 1.1-only string member; its presence marks the input as 1.1.
func (f *fields) v11str(name string) string {
	s := f.str(name)
	if s != "" {
		f.st.v11 = true
	}
	return s
}

// adoptionStatuses are the canonical spellings of the values in use (1.0
// best practice, the 1.1 implementation guide, OpenSALT).
var adoptionStatuses = []string{"Draft", "Adopted", "Deprecated", "Pending Implementation", "Implemented", "Retired", "Private Draft"}

func (f *fields) adoptionStatus() string {
	s := strings.TrimSpace(f.str("adoptionStatus"))
	for _, c := range adoptionStatuses {
		if s != c && strings.EqualFold(s, c) {
			f.r.warnv(f.at("adoptionStatus"), "adoptionStatus spelling corrected", quote(s)+" -> "+quote(c))
			return c
		}
	}
	return s
}

func (f *fields) caseVersion() string {
	s := strings.TrimSpace(f.str("caseVersion"))
	switch s {
	case "":
		return ""
	case "1.1":
		f.st.v11 = true
		return s
	}
	f.r.warnv(f.at("caseVersion"), "caseVersion dropped (only \"1.1\" is allowed)", quote(s))
	return ""
}

func (st *decodeState) document(m map[string]json.RawMessage, path string) Document {
	f := st.fields(m, path)
	var d Document
	d.Identifier, d.OriginalIdentifier = f.identifier()
	st.docID = d.Identifier
	d.URI = f.uri("uri")
	st.docURI = d.URI
	d.FrameworkType = f.v11str("frameworkType")
	d.CaseVersion = f.caseVersion()
	d.Creator = f.str("creator")
	d.Title = f.str("title")
	d.LastChangeDateTime = f.dateTime("lastChangeDateTime")
	d.OfficialSourceURL = strings.TrimSpace(f.str("officialSourceURL"))
	d.Publisher = f.str("publisher")
	d.Description = f.str("description")
	d.Subject = f.strList("subject")
	f.legacy("subjectURL", "subjectURI")
	d.SubjectURI = f.linkList("subjectURI")
	d.Language = f.str("language")
	d.Version = f.str("version")
	d.AdoptionStatus = f.adoptionStatus()
	d.StatusStartDate = f.date("statusStartDate")
	d.StatusEndDate = f.date("statusEndDate")
	d.LicenseURI = f.link("licenseURI")
	d.Notes = f.str("notes")
	delete(f.m, "CFPackageURI") // standalone form only; always the document itself
	f.extensions(&d.Common)
	d.Unknown = f.rest()
	return d
}

func (st *decodeState) item(m map[string]json.RawMessage, path string) Item {
	f := st.fields(m, path)
	var it Item
	it.Identifier, it.OriginalIdentifier = f.identifier()
	it.FullStatement = f.str("fullStatement")
	it.AlternativeLabel = f.str("alternativeLabel")
	it.CFItemType = f.istr("CFItemType")
	it.URI = f.uri("uri")
	it.HumanCodingScheme = f.str("humanCodingScheme")
	it.ListEnumeration = f.str("listEnumeration")
	it.AbbreviatedStatement = f.str("abbreviatedStatement")
	it.ConceptKeywords = f.strList("conceptKeywords")
	it.ConceptKeywordsURI = f.link("conceptKeywordsURI")
	it.Notes = f.str("notes")
	it.Subject = f.strList("subject")
	it.SubjectURI = f.linkList("subjectURI")
	if it.Subject != nil || it.SubjectURI != nil {
		st.v11 = true
	}
	it.Language = f.istr("language")
	f.legacy("educationalLevel", "educationLevel")
	it.EducationLevel = f.strList("educationLevel")
	it.CFItemTypeURI = f.link("CFItemTypeURI")
	it.LicenseURI = f.link("licenseURI")
	it.StatusStartDate = f.date("statusStartDate")
	it.StatusEndDate = f.date("statusEndDate")
	it.LastChangeDateTime = f.dateTime("lastChangeDateTime")
	f.ownerLink()
	f.drop("CFItemAssociationURI", "legacy link to the item's associations endpoint")
	f.extensions(&it.Common)
	it.Unknown = f.rest()
	return it
}

func (st *decodeState) association(m map[string]json.RawMessage, path string) Association {
	f := st.fields(m, path)
	var a Association
	a.Identifier, a.OriginalIdentifier = f.identifier()
	a.AssociationType = f.associationType()
	a.SequenceNumber = f.integer("sequenceNumber")
	a.URI = f.uri("uri")
	var origO, destO string
	a.OriginNodeURI, origO = f.node("originNodeURI", "originNodeIdentifier")
	a.DestinationNodeURI, destO = f.node("destinationNodeURI", "destinationNodeIdentifier")
	a.CFAssociationGroupingURI = f.link("CFAssociationGroupingURI")
	f.legacyIdentifier("CFAssociationGroupingIdentifier", a.CFAssociationGroupingURI)
	a.LastChangeDateTime = f.dateTime("lastChangeDateTime")
	a.Notes = f.v11str("notes")
	f.ownerLink()
	f.extensions(&a.Common)
	a.Unknown = f.rest()
	keepOriginal(&a.Common, "originNodeOriginalIdentifier", origO)
	keepOriginal(&a.Common, "destinationNodeOriginalIdentifier", destO)
	return a
}

func keepOriginal(c *Common, key, original string) {
	if original == "" {
		return
	}
	if c.Unknown == nil {
		c.Unknown = Fields{}
	}
	b, _ := json.Marshal(original)
	c.Unknown[key] = b
}

// node reads an association end, accepting the legacy flat identifier member
// (originNodeIdentifier) when the link object is missing.
func (f *fields) node(name, legacyName string) (LinkGenURI, string) {
	if _, has := f.m[name]; !has {
		if raw, ok := f.m[legacyName]; ok {
			delete(f.m, legacyName)
			f.m[name] = raw
			f.r.warn(f.at(legacyName), "legacy member "+legacyName+" read as "+name)
		}
	}
	n, original, _ := f.nodeLink(name)
	if raw := f.take(legacyName); raw != nil {
		if s := unquote(raw); raw[0] == '"' && (s == n.Identifier || s == original) {
			f.r.warn(f.at(legacyName), "legacy member "+legacyName+" dropped: same as "+name+".identifier")
		} else {
			f.m[legacyName] = raw // differs: keep it as unknown
		}
	}
	return n, original
}

// legacyIdentifier drops a legacy flat identifier member that repeats the
// identifier of link l; one that differs is kept as unknown.
func (f *fields) legacyIdentifier(name string, l *LinkURI) {
	raw, ok := f.m[name]
	if !ok || l == nil {
		return
	}
	s, _ := CanonicalID(strings.TrimSpace(unquote(raw)))
	if len(raw) > 0 && raw[0] == '"' && s == l.Identifier {
		delete(f.m, name)
		f.r.warn(f.at(name), "legacy member "+name+" dropped: same as the link's identifier")
	}
}

// associationTypes are the CASE 1.1 tokens (the 1.0 nine plus isTranslationOf).
var associationTypes = [...]string{IsChildOf, IsPartOf, IsPeerOf, ExactMatchOf, IsRelatedTo, Precedes, ReplacedBy, Exemplar, HasSkillLevel, IsTranslationOf}

// associationType reads associationType: a case-insensitive match of a known
// token gives the token; "ext:…" is kept; anything else becomes "ext:<name>".
func (f *fields) associationType() string {
	s := strings.TrimSpace(f.str("associationType"))
	if s == "" {
		return ""
	}
	for _, t := range associationTypes {
		if strings.EqualFold(s, t) {
			if s != t {
				f.r.warnv(f.at("associationType"), "associationType spelling corrected", quote(s)+" -> "+quote(t))
			}
			if t == IsTranslationOf {
				f.st.v11 = true
			}
			return t
		}
	}
	ext := extToken(s)
	if len(s) >= 4 && strings.EqualFold(s[:4], "ext:") {
		f.st.v11 = true
		if ext != s {
			f.r.warnv(f.at("associationType"), "associationType made a valid ext: token", quote(s)+" -> "+quote(ext))
		}
		return ext
	}
	f.r.warnv(f.at("associationType"), "unknown associationType kept as an ext: type (emitted as isRelatedTo in CASE 1.0)", quote(s)+" -> "+quote(ext))
	return ext
}

// ownerLink drops CFDocumentURI from an item or association inside a package
// (the standalone form's member). Only one naming another document is worth
// a warning; that is checked once the document is known.
func (f *fields) ownerLink() {
	raw := f.take("CFDocumentURI")
	if raw == nil {
		return
	}
	var id, uri string
	switch raw[0] {
	case '"':
		uri = strings.TrimSpace(unquote(raw))
		id = lastSegment(uri)
	case '{':
		if m, ok := splitObject(raw); ok {
			id = stringMember(m, "identifier")
			uri = stringMember(m, "uri")
		}
	}
	id, _ = CanonicalID(strings.TrimSpace(id))
	if id == "" || id == f.st.docID || (uri != "" && uri == f.st.docURI) {
		return
	}
	f.st.owners = append(f.st.owners, ownerRef{path: f.at("CFDocumentURI"), id: id, uri: uri})
}

func stringMember(m map[string]json.RawMessage, name string) string {
	if v := m[name]; len(v) > 1 && v[0] == '"' {
		return unquote(v)
	}
	return ""
}

// ownerRef is a CFDocumentURI seen before the document, or naming another one.
type ownerRef struct{ path, id, uri string }

// checkOwners warns about dropped CFDocumentURI members that named a document
// other than the package's.
func (st *decodeState) checkOwners() {
	for _, o := range st.owners {
		if o.id != st.docID && (o.uri == "" || o.uri != st.docURI) {
			st.r.warnv(o.path, "CFDocumentURI names another document; dropped (the package's document owns it here)", o.id)
		}
	}
	st.owners = nil
}
