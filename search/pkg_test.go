package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/casenode/casenode/casefile"
	"github.com/google/uuid"
)

// testItem is one CFItem of a package written by a test.
type testItem struct {
	id, code, statement string
	levels              []string
	parent              string // item id; "" = root
}

// testPackage builds a small CASE 1.1 package and decodes it the way every
// import does.
func testPackage(t testing.TB, docID, title string, items []testItem) *casefile.Package {
	t.Helper()
	const base = "http://127.0.0.1:8080/ims/case/v1p1/"
	const when = "2026-01-02T03:04:05Z"
	doc := map[string]any{
		"identifier": docID, "uri": base + "CFDocuments/" + docID, "creator": "casenode tests",
		"title": title, "lastChangeDateTime": when, "language": "en", "adoptionStatus": "Draft",
		"subject": []string{"Science"},
	}
	var its, assocs []map[string]any
	for _, it := range items {
		m := map[string]any{"identifier": it.id, "uri": base + "CFItems/" + it.id,
			"fullStatement": it.statement, "lastChangeDateTime": when, "CFItemType": "Standard"}
		if it.code != "" {
			m["humanCodingScheme"] = it.code
		}
		if len(it.levels) > 0 {
			m["educationLevel"] = it.levels
		}
		its = append(its, m)
		dest := map[string]any{"title": title, "identifier": docID, "uri": base + "CFDocuments/" + docID}
		if it.parent != "" {
			dest = map[string]any{"title": "", "identifier": it.parent, "uri": base + "CFItems/" + it.parent}
		}
		aid := uuid.NewSHA1(uuid.NameSpaceURL, []byte(docID+it.id)).String()
		assocs = append(assocs, map[string]any{"identifier": aid, "uri": base + "CFAssociations/" + aid,
			"associationType": "isChildOf", "lastChangeDateTime": when,
			"originNodeURI":      map[string]any{"title": "", "identifier": it.id, "uri": base + "CFItems/" + it.id},
			"destinationNodeURI": dest})
	}
	raw, err := json.Marshal(map[string]any{"CFDocument": doc, "CFItems": its, "CFAssociations": assocs})
	if err != nil {
		t.Fatal(err)
	}
	pkg, _, err := casefile.Decode(bytes.NewReader(raw), casefile.DecodeOptions{BaseURL: "http://127.0.0.1:8080"})
	if err != nil {
		t.Fatalf("decode test package: %v", err)
	}
	return pkg
}

// tid is a deterministic UUID for a test object name.
func tid(name string) string {
	return uuid.NewSHA1(uuid.NameSpaceOID, []byte(name)).String()
}

// bulkItems makes n items with varied statements (for rebuild tests).
func bulkItems(prefix string, n int) []testItem {
	topics := []string{"fractions", "photosynthesis", "erosion", "magnetism", "ratios", "poetry", "gravity", "volcanoes"}
	out := make([]testItem, n)
	for i := range out {
		out[i] = testItem{id: tid(fmt.Sprintf("%s-%d", prefix, i)), code: fmt.Sprintf("%s.%d", prefix, i),
			statement: fmt.Sprintf("Students study %s and %s in unit %d.", topics[i%len(topics)], topics[(i/8)%len(topics)], i)}
	}
	return out
}
