package crosswalk

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/casenode/casenode/casefile"
)

// maxActorLen bounds the acceptedBy recorded with an association.
const maxActorLen = 200

// Accept records "sourceItem associationType targetItem" as a CFAssociation
// in this node's crosswalk document (created on the first accept), with
// extensions {"acceptedBy", "acceptedAt"}, and imports the document through
// the node's import path so it is versioned, indexed and published over CASE
// REST. Items are named by identifier or uri. Accepting the same link again
// returns the association already stored. The decision (who, when) is
// recorded with the crosswalk's decisions, replacing a rejection of the pair.
func (c *Crosswalker) Accept(ctx context.Context, sourceItem, targetItem, associationType, acceptedBy string) (*casefile.Association, error) {
	if c.importer == nil {
		return nil, casefile.Errorf(casefile.Unavailable, "this node cannot store crosswalk associations")
	}
	if err := checkType(associationType); err != nil {
		return nil, err
	}
	acceptedBy, err := checkActor(acceptedBy)
	if err != nil {
		return nil, err
	}
	src, tgt, err := c.resolvePair(ctx, sourceItem, targetItem)
	if err != nil {
		return nil, err
	}
	c.writeMu.Lock()
	defer c.writeMu.Unlock()
	pkg, err := c.crosswalkPackage(ctx)
	if err != nil {
		return nil, err
	}
	id := casefile.NameUUID(strings.Join([]string{c.docID, src.Identifier, associationType, tgt.Identifier}, "|"))
	for i := range pkg.CFAssociations {
		if pkg.CFAssociations[i].Identifier == id {
			return &pkg.CFAssociations[i], nil
		}
	}
	a := c.newAssociation(id, src.Item, tgt.Item, associationType)
	pkg.CFAssociations = append(pkg.CFAssociations, a)
	if err := c.save(ctx, pkg); err != nil {
		return nil, err
	}
	d := decision(src, tgt, casefile.DecisionAccepted, acceptedBy)
	d.AssociationType, d.Association = associationType, a.Identifier
	if err := c.store.PutDecision(ctx, d); err != nil {
		return nil, err
	}
	return &a, nil
}

// RemoveAssociation deletes an association of this node's crosswalk document;
// associations of other frameworks are refused (forbidden).
func (c *Crosswalker) RemoveAssociation(ctx context.Context, id string) error {
	if c.importer == nil {
		return casefile.Errorf(casefile.Unavailable, "this node cannot store crosswalk associations")
	}
	if id == "" || len(id) > 1000 {
		return casefile.Errorf(casefile.Invalid, "an association identifier is required")
	}
	c.writeMu.Lock()
	defer c.writeMu.Unlock()
	pkg, err := c.crosswalkPackage(ctx)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(pkg.CFAssociations, func(a casefile.Association) bool {
		return a.Identifier == id || a.URI == id || (a.OriginalIdentifier != "" && a.OriginalIdentifier == id)
	})
	if i < 0 {
		if _, err := c.store.Association(ctx, id); err == nil {
			return casefile.Errorf(casefile.Forbidden, "association %s belongs to another framework; only the node's crosswalk associations can be removed", id)
		}
		return casefile.Errorf(casefile.NotFound, "no crosswalk association %s", id)
	}
	removed := pkg.CFAssociations[i].Identifier
	pkg.CFAssociations = slices.Delete(pkg.CFAssociations, i, i+1)
	if err := c.save(ctx, pkg); err != nil {
		return err
	}
	_, err = c.store.DeleteDecision(ctx, "", removed)
	return err
}

// checkType accepts the CASE association types (and 1.1 "ext:" types) except isChildOf.
func checkType(t string) error {
	switch {
	case t == casefile.IsChildOf:
		return casefile.Errorf(casefile.Invalid, "isChildOf is a tree link, not a crosswalk association")
	case slices.Contains(casefile.AssociationTypes10, t), t == casefile.IsTranslationOf:
		return nil
	case strings.HasPrefix(t, "ext:") && len(t) > 4 && len(t) <= 100:
		return nil
	}
	return casefile.Errorf(casefile.Invalid, "unknown association type %q", t)
}

// resolve finds a local item by identifier (or original identifier) or uri.
func (c *Crosswalker) resolve(ctx context.Context, ref, role string) (*casefile.Item, error) {
	ref = strings.TrimSpace(ref)
	if ref == "" || len(ref) > 1000 {
		return nil, casefile.Errorf(casefile.Invalid, "the %s item is required", role)
	}
	it, err := c.store.Item(ctx, ref)
	if casefile.ErrorCode(err) == casefile.NotFound && strings.Contains(ref, "://") {
		it, err = c.store.ItemByURI(ctx, ref)
	}
	if casefile.ErrorCode(err) == casefile.NotFound {
		return nil, casefile.Errorf(casefile.NotFound, "no %s item %s on this node", role, ref)
	}
	return it, err
}

// crosswalkPackage returns the stored crosswalk document, or a new empty one.
func (c *Crosswalker) crosswalkPackage(ctx context.Context) (*casefile.Package, error) {
	pkg, err := c.store.Package(ctx, c.docID)
	if casefile.ErrorCode(err) == casefile.NotFound {
		return &casefile.Package{CFDocument: c.newDocument(), Version: casefile.V1p1}, nil
	}
	if err != nil {
		return nil, err
	}
	pkg.Version = casefile.V1p1
	return pkg, nil
}

func (c *Crosswalker) newDocument() casefile.Document {
	return casefile.Document{
		Identifier:         c.docID,
		URI:                c.uri("CFDocuments", c.docID),
		CaseVersion:        "1.1",
		Creator:            c.baseURL,
		Publisher:          c.baseURL,
		Title:              "Crosswalk associations of " + c.baseURL,
		Description:        "Associations between items of different frameworks accepted by an administrator of this node (each records acceptedAt in its extensions).",
		AdoptionStatus:     "Draft",
		Language:           "en",
		LastChangeDateTime: time.Now().UTC().Format(time.RFC3339),
	}
}

// acceptedByPublic is what a published accepted association says of who accepted it.
const acceptedByPublic = "an administrator of this node"

func (c *Crosswalker) newAssociation(id string, src, tgt *casefile.Item, typ string) casefile.Association {
	now := time.Now().UTC().Format(time.RFC3339)
	return casefile.Association{
		Identifier:         id,
		AssociationType:    typ,
		URI:                c.uri("CFAssociations", id),
		OriginNodeURI:      casefile.LinkGenURI{Title: itemLink(src).Title, Identifier: src.Identifier, URI: src.URI},
		DestinationNodeURI: casefile.LinkGenURI{Title: itemLink(tgt).Title, Identifier: tgt.Identifier, URI: tgt.URI},
		LastChangeDateTime: now,
		CFDocumentURI:      &casefile.LinkURI{Title: "Crosswalk associations of " + c.baseURL, Identifier: c.docID, URI: c.uri("CFDocuments", c.docID)},
		// Who accepted is kept with the decision (admins see it); the
		// association is public and goes to peers, so it does not name them.
		Common: casefile.Common{Extensions: casefile.Fields{
			"acceptedBy": mustJSON(acceptedByPublic),
			"acceptedAt": mustJSON(now),
		}},
	}
}

// save encodes the crosswalk package and imports it through the node's import path.
func (c *Crosswalker) save(ctx context.Context, pkg *casefile.Package) error {
	pkg.CFDocument.LastChangeDateTime = time.Now().UTC().Format(time.RFC3339)
	var buf bytes.Buffer
	if err := casefile.EncodePackage(&buf, pkg, casefile.V1p1); err != nil {
		return fmt.Errorf("encoding the crosswalk document: %w", err)
	}
	prov := casefile.Provenance{Source: casefile.SourceLocal, Location: "crosswalk", FetchedAt: time.Now().UTC()}
	if _, err := c.importer.Import(ctx, &buf, prov); err != nil {
		return fmt.Errorf("storing the crosswalk document: %w", err)
	}
	return nil
}
