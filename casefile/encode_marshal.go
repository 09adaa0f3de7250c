package casefile

// marshal runs one object writer and returns its bytes; isNil guards against
// a nil object.
func marshal(v Version, isNil bool, write func(e *encoder)) ([]byte, error) {
	if isNil {
		return nil, Errorf(Internal, "casefile: marshal of a nil object")
	}
	e, err := newEncoder(v)
	if err != nil {
		return nil, err
	}
	e.first = append(e.first, true)
	write(e)
	if e.err != nil {
		return nil, e.err
	}
	return e.buf, nil
}

// MarshalDocument encodes the standalone CFDocument (with CFPackageURI,
// derived from the document when not set).
func MarshalDocument(d *Document, v Version) ([]byte, error) {
	return marshal(v, d == nil, func(e *encoder) { e.document(d, true) })
}

// MarshalItem encodes the standalone CFItem (with CFDocumentURI when set).
func MarshalItem(it *Item, v Version) ([]byte, error) {
	return marshal(v, it == nil, func(e *encoder) { e.item(it, true) })
}

// MarshalAssociation encodes the standalone CFAssociation (with
// CFDocumentURI when set).
func MarshalAssociation(a *Association, v Version) ([]byte, error) {
	return marshal(v, a == nil, func(e *encoder) { e.association(a, true) })
}

// MarshalPckgAssociation encodes a CFPckgAssociation (no CFDocumentURI), as
// in CFItemAssociations sets.
func MarshalPckgAssociation(a *Association, v Version) ([]byte, error) {
	return marshal(v, a == nil, func(e *encoder) { e.association(a, false) })
}

// MarshalConcept encodes a CFConcept.
func MarshalConcept(c *Concept, v Version) ([]byte, error) {
	return marshal(v, c == nil, func(e *encoder) { e.concept(c) })
}

// MarshalSubject encodes a CFSubject.
func MarshalSubject(s *Subject, v Version) ([]byte, error) {
	return marshal(v, s == nil, func(e *encoder) { e.subject(s) })
}

// MarshalItemType encodes a CFItemType.
func MarshalItemType(t *ItemType, v Version) ([]byte, error) {
	return marshal(v, t == nil, func(e *encoder) { e.itemType(t) })
}

// MarshalLicense encodes a CFLicense.
func MarshalLicense(l *License, v Version) ([]byte, error) {
	return marshal(v, l == nil, func(e *encoder) { e.license(l) })
}

// MarshalAssociationGrouping encodes a CFAssociationGrouping.
func MarshalAssociationGrouping(g *AssociationGrouping, v Version) ([]byte, error) {
	return marshal(v, g == nil, func(e *encoder) { e.grouping(g) })
}

// MarshalRubric encodes a CFRubric with its criteria and levels.
func MarshalRubric(r *Rubric, v Version) ([]byte, error) {
	return marshal(v, r == nil, func(e *encoder) { e.rubric(r) })
}
