package sheet

import (
	"bytes"
	"time"

	"github.com/casenode/casenode/casefile"
)

// stampTimes gives every object without a lastChangeDateTime one: the time
// the node holds for it when the sheet leaves it unchanged, else opt.Now. So
// re-importing an unchanged sheet changes nothing, and an edited row is
// recorded as changed at the time of the import. The document keeps its time
// unless its own fields changed: the change records name what changed.
func stampTimes(pkg *casefile.Package, opt Options) {
	now := opt.Now.UTC().Format(time.RFC3339)
	var held *casefile.Package
	if opt.Held != nil {
		held = opt.Held(storedID(pkg.CFDocument.Identifier))
	}
	items, assocs := map[string]*casefile.Item{}, map[string]*casefile.Association{}
	if held != nil {
		for i := range held.CFItems {
			items[held.CFItems[i].Identifier] = &held.CFItems[i]
		}
		for i := range held.CFAssociations {
			assocs[held.CFAssociations[i].Identifier] = &held.CFAssociations[i]
		}
	}
	for i := range pkg.CFItems {
		it := &pkg.CFItems[i]
		old := items[storedID(it.Identifier)]
		if old != nil && sameItem(it, old) {
			it.LastChangeDateTime = old.LastChangeDateTime
			continue
		}
		if it.LastChangeDateTime == "" || old != nil {
			it.LastChangeDateTime = now
		}
	}
	for i := range pkg.CFAssociations {
		a := &pkg.CFAssociations[i]
		old := assocs[storedID(a.Identifier)]
		if old != nil && sameAssociation(a, old) {
			a.LastChangeDateTime = old.LastChangeDateTime
			continue
		}
		if a.LastChangeDateTime == "" || old != nil {
			a.LastChangeDateTime = now
		}
	}
	d := &pkg.CFDocument
	switch {
	case held != nil && sameDocument(d, &held.CFDocument):
		d.LastChangeDateTime = held.CFDocument.LastChangeDateTime
	case d.LastChangeDateTime == "" || held != nil:
		d.LastChangeDateTime = now
	}
}

// sameItem compares what a sheet can say about an item (not its time).
func sameItem(a, b *casefile.Item) bool {
	x, y := *a, *b
	x.LastChangeDateTime, y.LastChangeDateTime = "", ""
	x.Identifier, y.Identifier = storedID(x.Identifier), storedID(y.Identifier)
	x.OriginalIdentifier, y.OriginalIdentifier = "", ""
	x.Unknown, y.Unknown = nil, nil
	x.StatusStartDate, x.StatusEndDate = dateOnly(x.StatusStartDate), dateOnly(x.StatusEndDate)
	return sameJSON(casefile.MarshalItem(&x, casefile.V1p1))(casefile.MarshalItem(&y, casefile.V1p1))
}

func sameAssociation(a, b *casefile.Association) bool {
	same := func(m, n casefile.LinkGenURI) bool { return storedID(m.Identifier) == storedID(n.Identifier) }
	seq := func(p *int) int {
		if p == nil {
			return -1 << 31
		}
		return *p
	}
	return a.AssociationType == b.AssociationType && same(a.OriginNodeURI, b.OriginNodeURI) &&
		same(a.DestinationNodeURI, b.DestinationNodeURI) && seq(a.SequenceNumber) == seq(b.SequenceNumber)
}

func sameDocument(a, b *casefile.Document) bool {
	x, y := *a, *b
	x.LastChangeDateTime, y.LastChangeDateTime = "", ""
	x.Identifier, y.Identifier = storedID(x.Identifier), storedID(y.Identifier)
	x.OriginalIdentifier, y.OriginalIdentifier = "", ""
	x.Unknown, y.Unknown = nil, nil
	x.StatusStartDate, x.StatusEndDate = dateOnly(x.StatusStartDate), dateOnly(x.StatusEndDate)
	return sameJSON(casefile.MarshalDocument(&x, casefile.V1p1))(casefile.MarshalDocument(&y, casefile.V1p1))
}

func sameJSON(a []byte, errA error) func([]byte, error) bool {
	return func(b []byte, errB error) bool { return errA == nil && errB == nil && bytes.Equal(a, b) }
}

// dateOnly is a date cell as the node stores it: spreadsheets often write
// dates with a midnight time ("2019-02-05 00:00:00").
func dateOnly(s string) string {
	if len(s) > 10 && s[4] == '-' && s[7] == '-' && (s[10] == ' ' || s[10] == 'T') {
		return s[:10]
	}
	return s
}
