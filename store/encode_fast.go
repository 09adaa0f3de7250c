package store

import (
	"encoding/json"
	"strconv"

	"github.com/casenode/casenode/casefile"
)

// The stored JSON of items and associations, written by hand: the same bytes
// as encoding/json followed by compactTop (members in declaration order,
// strings HTML-escaped, top-level "" and null members left out), without
// reflection. Import marshals every item and association twice (hash, then
// data column), so this is on its hottest path. encoder.encode uses it.

// topWriter appends top-level members, leaving out "" and null ones.
type topWriter struct {
	b   []byte
	n   int // members written
	err error
}

func (w *topWriter) key(name string) {
	if w.n > 0 {
		w.b = append(w.b, ',')
	} else {
		w.b = append(w.b, '{')
	}
	w.n++
	w.b = append(w.b, '"')
	w.b = append(w.b, name...)
	w.b = append(w.b, '"', ':')
}

func (w *topWriter) str(name, v string) {
	if v != "" {
		w.key(name)
		w.b = casefile.AppendJSONString(w.b, v, true)
	}
}

func (w *topWriter) strs(name string, v []string) {
	if v != nil {
		w.key(name)
		w.b = appendStrings(w.b, v)
	}
}

func (w *topWriter) link(name string, v *casefile.LinkURI) {
	if v != nil {
		w.key(name)
		w.b = appendLink(w.b, v)
	}
}

// fields writes a Fields map the way encoding/json does (sorted keys,
// compacted and HTML-escaped values); nil is null and left out.
func (w *topWriter) fields(name string, v casefile.Fields) {
	if v == nil {
		return
	}
	b, err := json.Marshal(v)
	if err != nil {
		w.err = err
		return
	}
	w.key(name)
	w.b = append(w.b, b...)
}

func (w *topWriter) common(c *casefile.Common) {
	w.fields("Extensions", c.Extensions)
	w.fields("Unknown", c.Unknown)
	w.str("OriginalIdentifier", c.OriginalIdentifier)
}

func (w *topWriter) done() ([]byte, error) {
	if w.n == 0 {
		w.b = append(w.b, '{')
	}
	return append(w.b, '}'), w.err
}

func appendStrings(dst []byte, v []string) []byte {
	dst = append(dst, '[')
	for i, s := range v {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = casefile.AppendJSONString(dst, s, true)
	}
	return append(dst, ']')
}

func appendLink(dst []byte, v *casefile.LinkURI) []byte {
	dst = append(dst, `{"title":`...)
	dst = casefile.AppendJSONString(dst, v.Title, true)
	dst = append(dst, `,"identifier":`...)
	dst = casefile.AppendJSONString(dst, v.Identifier, true)
	dst = append(dst, `,"uri":`...)
	dst = casefile.AppendJSONString(dst, v.URI, true)
	return append(dst, '}')
}

func appendGenLink(dst []byte, v *casefile.LinkGenURI) []byte {
	dst = append(dst, `{"title":`...)
	dst = casefile.AppendJSONString(dst, v.Title, true)
	dst = append(dst, `,"identifier":`...)
	dst = casefile.AppendJSONString(dst, v.Identifier, true)
	dst = append(dst, `,"uri":`...)
	dst = casefile.AppendJSONString(dst, v.URI, true)
	if v.TargetType != "" {
		dst = append(dst, `,"targetType":`...)
		dst = casefile.AppendJSONString(dst, v.TargetType, true)
	}
	return append(dst, '}')
}

// appendItem appends the stored JSON of it to dst.
func appendItem(dst []byte, it *casefile.Item) ([]byte, error) {
	w := topWriter{b: dst}
	w.str("Identifier", it.Identifier)
	w.str("FullStatement", it.FullStatement)
	w.str("AlternativeLabel", it.AlternativeLabel)
	w.str("CFItemType", it.CFItemType)
	w.str("URI", it.URI)
	w.str("HumanCodingScheme", it.HumanCodingScheme)
	w.str("ListEnumeration", it.ListEnumeration)
	w.str("AbbreviatedStatement", it.AbbreviatedStatement)
	w.strs("ConceptKeywords", it.ConceptKeywords)
	w.link("ConceptKeywordsURI", it.ConceptKeywordsURI)
	w.str("Notes", it.Notes)
	w.strs("Subject", it.Subject)
	if it.SubjectURI != nil {
		w.key("SubjectURI")
		w.b = append(w.b, '[')
		for i := range it.SubjectURI {
			if i > 0 {
				w.b = append(w.b, ',')
			}
			w.b = appendLink(w.b, &it.SubjectURI[i])
		}
		w.b = append(w.b, ']')
	}
	w.str("Language", it.Language)
	w.strs("EducationLevel", it.EducationLevel)
	w.link("CFItemTypeURI", it.CFItemTypeURI)
	w.link("LicenseURI", it.LicenseURI)
	w.str("StatusStartDate", it.StatusStartDate)
	w.str("StatusEndDate", it.StatusEndDate)
	w.str("LastChangeDateTime", it.LastChangeDateTime)
	w.link("CFDocumentURI", it.CFDocumentURI)
	w.common(&it.Common)
	return w.done()
}

// appendAssociation appends the stored JSON of a to dst.
func appendAssociation(dst []byte, a *casefile.Association) ([]byte, error) {
	w := topWriter{b: dst}
	w.str("Identifier", a.Identifier)
	w.str("AssociationType", a.AssociationType)
	if a.SequenceNumber != nil {
		w.key("SequenceNumber")
		w.b = strconv.AppendInt(w.b, int64(*a.SequenceNumber), 10)
	}
	w.str("URI", a.URI)
	w.key("OriginNodeURI")
	w.b = appendGenLink(w.b, &a.OriginNodeURI)
	w.key("DestinationNodeURI")
	w.b = appendGenLink(w.b, &a.DestinationNodeURI)
	w.link("CFAssociationGroupingURI", a.CFAssociationGroupingURI)
	w.str("LastChangeDateTime", a.LastChangeDateTime)
	w.str("Notes", a.Notes)
	w.link("CFDocumentURI", a.CFDocumentURI)
	w.common(&a.Common)
	return w.done()
}
