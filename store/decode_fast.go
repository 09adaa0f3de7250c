package store

import (
	"encoding/json"
	"strconv"

	"github.com/casenode/casenode/casefile"
)

// The stored JSON of items and associations read back without reflection:
// the mirror of encode_fast.go. Every read of items and associations goes
// through here (hydrating search hits, packages, the index build, which
// spent 10 of its 95 CPU seconds at 1M items in encoding/json). Only what
// appendItem and appendAssociation write is read here, member by member; any
// other key or shape (rows written by an older encoder, a hand edit) makes
// the fast read give up, and decodeStored reads the row with encoding/json,
// so the result is always what encoding/json gives.

// fastReader reads the members of one stored object; ok turns false at the
// first thing it does not handle.
type fastReader struct{ ok bool }

// inner is a key literal without its quotes (EachMember hands over whole
// literals). Switching on string(inner(k)) does not allocate.
func inner(key []byte) []byte {
	if len(key) < 2 {
		return nil
	}
	return key[1 : len(key)-1]
}

func (r *fastReader) str(v []byte, dst *string) {
	if isNull(v) {
		return // encoding/json leaves the field as it is
	}
	s, ok := casefile.JSONString(v)
	if !ok {
		r.ok = false
		return
	}
	*dst = s
}

func (r *fastReader) strs(v []byte, dst *[]string) {
	if isNull(v) {
		*dst = nil
		return
	}
	out := []string{}
	r.ok = r.ok && casefile.EachElement(v, func(e []byte) bool {
		s, ok := casefile.JSONString(e)
		out = append(out, s)
		return ok
	})
	*dst = out
}

func (r *fastReader) link(v []byte, dst **casefile.LinkURI) {
	if isNull(v) {
		*dst = nil
		return
	}
	var l casefile.LinkURI
	r.linkInto(v, &l, nil)
	*dst = &l
}

func (r *fastReader) links(v []byte, dst *[]casefile.LinkURI) {
	if isNull(v) {
		*dst = nil
		return
	}
	out := []casefile.LinkURI{}
	r.ok = r.ok && casefile.EachElement(v, func(e []byte) bool {
		var l casefile.LinkURI
		r.linkInto(e, &l, nil)
		out = append(out, l)
		return r.ok
	})
	*dst = out
}

// linkInto reads a link object; targetType is read only for association
// ends (nil elsewhere, where the key is not expected).
func (r *fastReader) linkInto(v []byte, l *casefile.LinkURI, targetType *string) {
	r.ok = r.ok && casefile.EachMember(v, func(k, e []byte) bool {
		switch string(inner(k)) {
		case "title":
			r.str(e, &l.Title)
		case "identifier":
			r.str(e, &l.Identifier)
		case "uri":
			r.str(e, &l.URI)
		case "targetType":
			if targetType == nil {
				return false
			}
			r.str(e, targetType)
		default:
			return false
		}
		return r.ok
	})
}

// fields reads a Fields map as encoding/json does (values kept as written,
// after checking that each is valid JSON).
func (r *fastReader) fields(v []byte, dst *casefile.Fields) {
	if isNull(v) {
		*dst = nil
		return
	}
	out := casefile.Fields{}
	r.ok = r.ok && casefile.EachMember(v, func(k, e []byte) bool {
		name, ok := casefile.JSONString(k)
		if !ok || !json.Valid(e) {
			return false
		}
		out[name] = append(json.RawMessage(nil), e...)
		return true
	})
	*dst = out
}

// common reads a member of casefile.Common; false when key is not one.
func (r *fastReader) common(key, v []byte, c *casefile.Common) bool {
	switch string(key) {
	case "Extensions":
		r.fields(v, &c.Extensions)
	case "Unknown":
		r.fields(v, &c.Unknown)
	case "OriginalIdentifier":
		r.str(v, &c.OriginalIdentifier)
	default:
		return false
	}
	return true
}

func isNull(v []byte) bool { return string(v) == "null" }

// decodeItemFast reads what appendItem writes; ok is false for anything else.
func decodeItemFast(data []byte) (it casefile.Item, ok bool) {
	r := fastReader{ok: true}
	walked := casefile.EachMember(data, func(k, v []byte) bool {
		switch string(inner(k)) {
		case "Identifier":
			r.str(v, &it.Identifier)
		case "FullStatement":
			r.str(v, &it.FullStatement)
		case "AlternativeLabel":
			r.str(v, &it.AlternativeLabel)
		case "CFItemType":
			r.str(v, &it.CFItemType)
		case "URI":
			r.str(v, &it.URI)
		case "HumanCodingScheme":
			r.str(v, &it.HumanCodingScheme)
		case "ListEnumeration":
			r.str(v, &it.ListEnumeration)
		case "AbbreviatedStatement":
			r.str(v, &it.AbbreviatedStatement)
		case "ConceptKeywords":
			r.strs(v, &it.ConceptKeywords)
		case "ConceptKeywordsURI":
			r.link(v, &it.ConceptKeywordsURI)
		case "Notes":
			r.str(v, &it.Notes)
		case "Subject":
			r.strs(v, &it.Subject)
		case "SubjectURI":
			r.links(v, &it.SubjectURI)
		case "Language":
			r.str(v, &it.Language)
		case "EducationLevel":
			r.strs(v, &it.EducationLevel)
		case "CFItemTypeURI":
			r.link(v, &it.CFItemTypeURI)
		case "LicenseURI":
			r.link(v, &it.LicenseURI)
		case "StatusStartDate":
			r.str(v, &it.StatusStartDate)
		case "StatusEndDate":
			r.str(v, &it.StatusEndDate)
		case "LastChangeDateTime":
			r.str(v, &it.LastChangeDateTime)
		case "CFDocumentURI":
			r.link(v, &it.CFDocumentURI)
		default:
			return r.common(inner(k), v, &it.Common) && r.ok
		}
		return r.ok
	})
	return it, walked && r.ok
}

// decodeAssociationFast reads what appendAssociation writes; ok is false for
// anything else.
func decodeAssociationFast(data []byte) (a casefile.Association, ok bool) {
	r := fastReader{ok: true}
	end := func(v []byte, l *casefile.LinkGenURI) {
		var link casefile.LinkURI
		var target string
		r.linkInto(v, &link, &target)
		*l = casefile.LinkGenURI{Title: link.Title, Identifier: link.Identifier, URI: link.URI, TargetType: target}
	}
	walked := casefile.EachMember(data, func(k, v []byte) bool {
		switch string(inner(k)) {
		case "Identifier":
			r.str(v, &a.Identifier)
		case "AssociationType":
			r.str(v, &a.AssociationType)
		case "SequenceNumber":
			r.seq(v, &a.SequenceNumber)
		case "URI":
			r.str(v, &a.URI)
		case "OriginNodeURI":
			end(v, &a.OriginNodeURI)
		case "DestinationNodeURI":
			end(v, &a.DestinationNodeURI)
		case "CFAssociationGroupingURI":
			r.link(v, &a.CFAssociationGroupingURI)
		case "LastChangeDateTime":
			r.str(v, &a.LastChangeDateTime)
		case "Notes":
			r.str(v, &a.Notes)
		case "CFDocumentURI":
			r.link(v, &a.CFDocumentURI)
		default:
			return r.common(inner(k), v, &a.Common) && r.ok
		}
		return r.ok
	})
	return a, walked && r.ok
}

// seq reads a sequence number written by strconv.AppendInt.
func (r *fastReader) seq(v []byte, dst **int) {
	if isNull(v) {
		*dst = nil
		return
	}
	n, err := strconv.Atoi(string(v))
	if err != nil || strconv.Itoa(n) != string(v) {
		r.ok = false
		return
	}
	*dst = &n
}
