package casefile

import (
	"reflect"
	"strings"
)

// Validate checks a package against what an import needs and returns
// path-addressed problems ("$.CFItems[3].identifier: …"); empty means valid.
//
// Rules: required fields present (document identifier, uri, title, creator,
// lastChangeDateTime; item identifier, uri, fullStatement,
// lastChangeDateTime; association identifier, type, uri, both ends with an
// identifier, lastChangeDateTime; definitions identifier, uri, title,
// lastChangeDateTime); identifiers are lower-case UUIDs; associationType is a
// CASE token or "ext:…"; uris are absolute; dates and date-times are valid;
// identifiers are unique per class (an item may not reuse the document's);
// an exact duplicate (same identifier, same content) is not a problem
// (Decode removes it); an association end outside the package needs a uri.
func Validate(p *Package) []Problem {
	if p == nil {
		return []Problem{{Path: "$", Message: "no package"}}
	}
	return validate(p, "$")
}

type validator struct {
	probs []Problem
	// inPackage holds the identifiers of the document and items.
	inPackage map[string]bool
}

func (v *validator) add(path, msg string) {
	v.probs = append(v.probs, Problem{Path: path, Message: msg})
}

func validate(p *Package, root string) []Problem {
	v := &validator{inPackage: make(map[string]bool, len(p.CFItems)+1)}
	v.document(&p.CFDocument, root+".CFDocument")
	v.inPackage[p.CFDocument.Identifier] = true
	v.items(p, root)
	v.associations(p, root)
	v.definitions(&p.CFDefinitions, root+".CFDefinitions")
	v.rubrics(p.CFRubrics, root)
	return v.probs
}

func (v *validator) required(path, name, val string) bool {
	if strings.TrimSpace(val) == "" {
		v.add(path+"."+name, name+" is required")
		return false
	}
	return true
}

func (v *validator) id(path, val string) {
	if v.required(path, "identifier", val) && !IsUUID(val) {
		v.add(path+".identifier", "identifier "+quote(val)+" is not a lower-case UUID")
	}
}

func (v *validator) uri(path, name, val string, required bool) {
	if val == "" {
		if required {
			v.add(path+"."+name, name+" is required")
		}
		return
	}
	if !isAbsoluteURI(val) {
		v.add(path+"."+name, "malformed URI "+quote(val))
	}
}

// isAbsoluteURI reports whether s is an absolute URI: an RFC 3986 scheme,
// a colon, something after it, and no white space or control characters.
func isAbsoluteURI(s string) bool {
	colon := strings.IndexByte(s, ':')
	if colon < 1 || colon == len(s)-1 {
		return false
	}
	for i := 0; i < colon; i++ {
		c := s[i]
		letter := (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
		if !letter && (i == 0 || !((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')) {
			return false
		}
	}
	for i := colon + 1; i < len(s); i++ {
		if s[i] <= ' ' || s[i] == 0x7f {
			return false
		}
	}
	return true
}

func (v *validator) dateTime(path, name, val string, required bool) {
	if val == "" {
		if required {
			v.add(path+"."+name, name+" is required")
		}
		return
	}
	if !isRFC3339(val) {
		v.add(path+"."+name, "malformed date-time "+quote(val))
	}
}

func (v *validator) date(path, name, val string) {
	if val != "" && !isDate(val) {
		v.add(path+"."+name, "malformed date "+quote(val)+" (want YYYY-MM-DD)")
	}
}

func (v *validator) link(path string, l *LinkURI) {
	if l == nil {
		return
	}
	v.id(path, l.Identifier)
	v.uri(path, "uri", l.URI, true)
}

func (v *validator) document(d *Document, path string) {
	v.id(path, d.Identifier)
	v.uri(path, "uri", d.URI, true)
	v.required(path, "title", d.Title)
	if strings.TrimSpace(d.Creator) == "" {
		v.add(path+".creator", "creator is required (and there is no publisher to take it from)")
	}
	v.dateTime(path, "lastChangeDateTime", d.LastChangeDateTime, true)
	if d.CaseVersion != "" && d.CaseVersion != "1.1" {
		v.add(path+".caseVersion", "caseVersion must be \"1.1\"")
	}
	v.date(path, "statusStartDate", d.StatusStartDate)
	v.date(path, "statusEndDate", d.StatusEndDate)
	v.link(path+".licenseURI", d.LicenseURI)
	for i := range d.SubjectURI {
		v.link(path+".subjectURI["+itoa(i)+"]", &d.SubjectURI[i])
	}
}

func (v *validator) items(p *Package, root string) {
	first := make(map[string]int, len(p.CFItems))
	for i := range p.CFItems {
		it := &p.CFItems[i]
		path := root + ".CFItems[" + itoa(i) + "]"
		v.id(path, it.Identifier)
		if it.Identifier != "" {
			if j, dup := first[it.Identifier]; dup {
				if !reflect.DeepEqual(p.CFItems[j], *it) {
					v.add(path+".identifier", "duplicate identifier "+it.Identifier+" (also CFItems["+itoa(j)+"], with different content)")
				}
			} else if it.Identifier == p.CFDocument.Identifier {
				v.add(path+".identifier", "item reuses the document's identifier "+it.Identifier)
			} else {
				first[it.Identifier] = i
			}
		}
		v.inPackage[it.Identifier] = true
		v.uri(path, "uri", it.URI, true)
		v.required(path, "fullStatement", it.FullStatement)
		v.dateTime(path, "lastChangeDateTime", it.LastChangeDateTime, true)
		v.date(path, "statusStartDate", it.StatusStartDate)
		v.date(path, "statusEndDate", it.StatusEndDate)
		v.link(path+".conceptKeywordsURI", it.ConceptKeywordsURI)
		v.link(path+".CFItemTypeURI", it.CFItemTypeURI)
		v.link(path+".licenseURI", it.LicenseURI)
		for j := range it.SubjectURI {
			v.link(path+".subjectURI["+itoa(j)+"]", &it.SubjectURI[j])
		}
	}
}

// validAssociationType reports whether t is a CASE 1.1 association type: one
// of the ten tokens or "ext:" followed by [a-zA-Z0-9.-_]+.
func validAssociationType(t string) bool {
	for _, k := range associationTypes {
		if t == k {
			return true
		}
	}
	return strings.HasPrefix(t, "ext:") && len(t) > 4 && extToken(t) == t
}

func (v *validator) associations(p *Package, root string) {
	first := make(map[string]int, len(p.CFAssociations))
	for i := range p.CFAssociations {
		a := &p.CFAssociations[i]
		path := root + ".CFAssociations[" + itoa(i) + "]"
		v.id(path, a.Identifier)
		if j, dup := first[a.Identifier]; dup && a.Identifier != "" {
			if !reflect.DeepEqual(p.CFAssociations[j], *a) {
				v.add(path+".identifier", "duplicate identifier "+a.Identifier+" (also CFAssociations["+itoa(j)+"], with different content)")
			}
		} else {
			first[a.Identifier] = i
		}
		if v.required(path, "associationType", a.AssociationType) && !validAssociationType(a.AssociationType) {
			v.add(path+".associationType", "unknown associationType "+quote(a.AssociationType))
		}
		v.uri(path, "uri", a.URI, true)
		v.dateTime(path, "lastChangeDateTime", a.LastChangeDateTime, true)
		v.node(path+".originNodeURI", &a.OriginNodeURI, "origin")
		v.node(path+".destinationNodeURI", &a.DestinationNodeURI, "destination")
		v.link(path+".CFAssociationGroupingURI", a.CFAssociationGroupingURI)
	}
}

func (v *validator) node(path string, n *LinkGenURI, which string) {
	if n.Identifier == "" && n.URI == "" {
		v.add(path, which+" node is required")
		return
	}
	if n.Identifier == "" {
		v.add(path+".identifier", "identifier is required")
	}
	if n.URI == "" {
		if !v.inPackage[n.Identifier] {
			v.add(path+".uri", which+" "+quote(n.Identifier)+" is not in the package and has no uri")
		}
		return
	}
	v.uri(path, "uri", n.URI, true)
}
