package server

import (
	"context"
	"encoding/json"

	"github.com/casenode/casenode/casefile"
)

// uriObject is one object the node holds, found by identifier for /uri/.
type uriObject struct {
	kind      string // CASE class: CFItem, CFDocument, CFRubricCriterion, …
	id        string // identifier as held
	uri       string // uri as the publisher sent it (the source of truth)
	title     string
	framework string // CFDocument identifier, when known
	modified  string // lastChangeDateTime
	// marshal encodes the object's CASE JSON in a version.
	marshal func(casefile.Version) ([]byte, error)
}

// rubricHolder is the store's lookup of a rubric by its own identifier or
// that of one of its criteria or levels (*store.DB satisfies it).
type rubricHolder interface {
	RubricHolding(ctx context.Context, id string) (*casefile.Rubric, string, error)
}

// itemByURI is the store's lookup of an item by its exact uri.
type itemByURI interface {
	ItemByURI(ctx context.Context, uri string) (*casefile.Item, error)
}

// probe looks for one kind of object by exact identifier.
type probe func(ctx context.Context, id string) (*uriObject, error)

// findObject returns the object the sourcedId-like raw names: every
// identifier candidate (casefile.IDCandidates) is tried against every kind.
func (s *Server) findObject(ctx context.Context, raw string) (*uriObject, error) {
	if raw == "" || len(raw) > maxIDLength {
		return nil, casefile.Errorf(casefile.NotFound, "no object with that identifier")
	}
	for _, id := range casefile.IDCandidates(raw) {
		for _, p := range s.probes() {
			obj, err := p(ctx, id)
			switch casefile.ErrorCode(err) {
			case "":
				return obj, nil
			case casefile.NotFound, casefile.Invalid:
				continue
			default:
				return nil, err
			}
		}
	}
	return nil, casefile.Errorf(casefile.NotFound, "this node holds no object with identifier %s", quoteShort(raw))
}

// probes are tried in order: items first (most /uri/ lookups), then the rest.
func (s *Server) probes() []probe {
	st := s.cfg.Store
	ps := []probe{
		func(ctx context.Context, id string) (*uriObject, error) {
			it, err := st.Item(ctx, id)
			if err != nil {
				return nil, err
			}
			o := &uriObject{kind: "CFItem", id: it.Identifier, uri: it.URI, title: itemTitle(it), modified: it.LastChangeDateTime,
				marshal: func(v casefile.Version) ([]byte, error) { return casefile.MarshalItem(it, v) }}
			if it.CFDocumentURI != nil {
				o.framework = it.CFDocumentURI.Identifier
			}
			return o, nil
		},
		func(ctx context.Context, id string) (*uriObject, error) {
			d, err := st.Document(ctx, id)
			if err != nil {
				return nil, err
			}
			return &uriObject{kind: "CFDocument", id: d.Identifier, uri: d.URI, title: d.Title, framework: d.Identifier,
				modified: d.LastChangeDateTime, marshal: func(v casefile.Version) ([]byte, error) { return casefile.MarshalDocument(d, v) }}, nil
		},
		func(ctx context.Context, id string) (*uriObject, error) {
			a, err := st.Association(ctx, id)
			if err != nil {
				return nil, err
			}
			o := &uriObject{kind: "CFAssociation", id: a.Identifier, uri: a.URI, modified: a.LastChangeDateTime,
				title:   a.OriginNodeURI.Title + " " + a.AssociationType + " " + a.DestinationNodeURI.Title,
				marshal: func(v casefile.Version) ([]byte, error) { return casefile.MarshalAssociation(a, v) }}
			if a.CFDocumentURI != nil {
				o.framework = a.CFDocumentURI.Identifier
			}
			return o, nil
		},
	}
	if rh, ok := st.(rubricHolder); ok {
		ps = append(ps, func(ctx context.Context, id string) (*uriObject, error) {
			r, fw, err := rh.RubricHolding(ctx, id)
			if err != nil {
				return nil, err
			}
			return rubricObject(r, fw, id), nil
		})
	}
	return append(ps, definitionProbe(st.Concept, "CFConcept", func(c *casefile.Concept) (string, string, string) { return c.URI, c.Title, c.LastChangeDateTime }, casefile.MarshalConcept),
		definitionProbe(st.Subject, "CFSubject", func(c *casefile.Subject) (string, string, string) { return c.URI, c.Title, c.LastChangeDateTime }, casefile.MarshalSubject),
		definitionProbe(st.ItemType, "CFItemType", func(c *casefile.ItemType) (string, string, string) { return c.URI, c.Title, c.LastChangeDateTime }, casefile.MarshalItemType),
		definitionProbe(one(st.License), "CFLicense", func(c *casefile.License) (string, string, string) { return c.URI, c.Title, c.LastChangeDateTime }, casefile.MarshalLicense),
		definitionProbe(one(st.AssociationGrouping), "CFAssociationGrouping", func(c *casefile.AssociationGrouping) (string, string, string) {
			return c.URI, c.Title, c.LastChangeDateTime
		}, casefile.MarshalAssociationGrouping))
}

// one adapts a single-object getter to the list form of definitionProbe.
func one[T any](get func(context.Context, string) (*T, error)) func(context.Context, string) ([]T, error) {
	return func(ctx context.Context, id string) ([]T, error) {
		v, err := get(ctx, id)
		if err != nil {
			return nil, err
		}
		return []T{*v}, nil
	}
}

// definitionProbe finds a CFDefinitions entry (the latest copy held).
func definitionProbe[T any](get func(context.Context, string) ([]T, error), kind string, fields func(*T) (uri, title, modified string),
	enc func(*T, casefile.Version) ([]byte, error)) probe {
	return func(ctx context.Context, id string) (*uriObject, error) {
		list, err := nonEmpty(get(ctx, id))
		if err != nil {
			return nil, err
		}
		d := &list[0]
		uri, title, mod := fields(d)
		return &uriObject{kind: kind, id: id, uri: uri, title: title, modified: mod,
			marshal: func(v casefile.Version) ([]byte, error) { return enc(d, v) }}, nil
	}
}

// rubricObject is the rubric, or its criterion or level whose identifier
// is id. A criterion or level is encoded as it appears inside its rubric.
func rubricObject(r *casefile.Rubric, fw, id string) *uriObject {
	o := &uriObject{kind: "CFRubric", id: r.Identifier, uri: r.URI, title: r.Title, framework: fw, modified: r.LastChangeDateTime,
		marshal: func(v casefile.Version) ([]byte, error) { return casefile.MarshalRubric(r, v) }}
	for i := range r.CFRubricCriteria {
		c := &r.CFRubricCriteria[i]
		if c.Identifier == id || c.OriginalIdentifier == id {
			o.kind, o.id, o.uri, o.title, o.modified = "CFRubricCriterion", c.Identifier, c.URI, firstNonEmpty(c.Category, c.Description), c.LastChangeDateTime
			o.marshal = func(v casefile.Version) ([]byte, error) { return rubricPart(r, v, i, -1) }
		}
		for j := range c.CFRubricCriterionLevels {
			if l := &c.CFRubricCriterionLevels[j]; l.Identifier == id || l.OriginalIdentifier == id {
				o.kind, o.id, o.uri, o.title, o.modified = "CFRubricCriterionLevel", l.Identifier, l.URI, firstNonEmpty(l.Quality, l.Description), l.LastChangeDateTime
				o.marshal = func(v casefile.Version) ([]byte, error) { return rubricPart(r, v, i, j) }
			}
		}
	}
	return o
}

// rubricPart encodes the rubric strictly and returns criterion ci (level li
// of it when li >= 0) exactly as the rubric's encoding has it.
func rubricPart(r *casefile.Rubric, v casefile.Version, ci, li int) ([]byte, error) {
	data, err := casefile.MarshalRubric(r, v)
	if err != nil {
		return nil, err
	}
	var wire struct {
		Criteria []struct {
			Levels []json.RawMessage `json:"CFRubricCriterionLevels"`
		} `json:"CFRubricCriteria"`
	}
	var raw struct {
		Criteria []json.RawMessage `json:"CFRubricCriteria"`
	}
	if err := json.Unmarshal(data, &raw); err != nil || ci >= len(raw.Criteria) {
		return nil, casefile.Errorf(casefile.Internal, "encode rubric criterion: %v", err)
	}
	if li < 0 {
		return raw.Criteria[ci], nil
	}
	if err := json.Unmarshal(data, &wire); err != nil || li >= len(wire.Criteria[ci].Levels) {
		return nil, casefile.Errorf(casefile.Internal, "encode rubric criterion level: %v", err)
	}
	return wire.Criteria[ci].Levels[li], nil
}

func itemTitle(it *casefile.Item) string {
	t := it.FullStatement
	if it.HumanCodingScheme != "" {
		t = it.HumanCodingScheme + " " + t
	}
	return t
}

func firstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}
