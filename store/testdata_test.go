package store

import (
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"path/filepath"
	"testing"

	"github.com/casenode/casenode/casefile"
)

const testBase = "http://node.test/ims/case/v1p1"

// openTest opens a store on a fresh SQLite file in t.TempDir().
func openTest(t testing.TB) *DB {
	t.Helper()
	return openAt(t, filepath.Join(t.TempDir(), "casenode.db"))
}

// openAt opens a store on the SQLite file at path, closed when t ends.
func openAt(t testing.TB, path string) *DB {
	t.Helper()
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// uid makes a deterministic lower-case UUID-shaped identifier.
func uid(prefix string, n int) string {
	h := fnv.New32a()
	h.Write([]byte(prefix))
	return fmt.Sprintf("%08x-0000-4000-8000-%012x", h.Sum32(), n)
}

func link(class, id, title string) casefile.LinkURI {
	return casefile.LinkURI{Title: title, Identifier: id, URI: testBase + "/" + class + "/" + id}
}

func intp(n int) *int { return &n }

// testPackage builds a small framework: a document, `roots` root items with
// `kids` children each (sequence numbers in reverse of array order), an
// exactMatchOf link outside the package, definitions and a rubric.
func testPackage(name string, roots, kids int) *casefile.Package {
	docID := uid(name, 0)
	p := &casefile.Package{Version: casefile.V1p1}
	p.CFDocument = casefile.Document{
		Identifier: docID, URI: testBase + "/CFDocuments/" + docID, Title: name + " framework", Creator: "Test Board",
		Publisher: "Test Pub", Subject: []string{"Math"}, Language: "en", AdoptionStatus: "Adopted",
		LastChangeDateTime: "2024-01-02T03:04:05Z", CaseVersion: "1.1",
		Common: casefile.Common{Extensions: casefile.Fields{"x-doc": json.RawMessage(`{"a":1}`)}},
	}
	n := 1
	addItem := func(code, stmt string, levels ...string) casefile.Item {
		id := uid(name, n)
		n++
		it := casefile.Item{Identifier: id, URI: testBase + "/CFItems/" + id, FullStatement: stmt,
			HumanCodingScheme: code, CFItemType: "Standard", EducationLevel: levels, Language: "en",
			LastChangeDateTime: "2024-01-02T03:04:05Z",
			Common:             casefile.Common{Unknown: casefile.Fields{"x-unknown": json.RawMessage(`"kept"`)}}}
		p.CFItems = append(p.CFItems, it)
		return it
	}
	addAssoc := func(typ string, from casefile.Item, to casefile.LinkGenURI, seq *int) {
		id := uid(name+"a", n)
		n++
		p.CFAssociations = append(p.CFAssociations, casefile.Association{Identifier: id, AssociationType: typ,
			SequenceNumber: seq, URI: testBase + "/CFAssociations/" + id, LastChangeDateTime: "2024-01-02T03:04:05Z",
			OriginNodeURI:      casefile.LinkGenURI{Title: from.HumanCodingScheme, Identifier: from.Identifier, URI: from.URI},
			DestinationNodeURI: to})
	}
	docNode := casefile.LinkGenURI{Title: p.CFDocument.Title, Identifier: docID, URI: p.CFDocument.URI}
	for r := 1; r <= roots; r++ {
		root := addItem(fmt.Sprintf("%s.%d", name, r), fmt.Sprintf("Root %d of %s", r, name), "0"+fmt.Sprint(r))
		addAssoc(casefile.IsChildOf, root, docNode, intp(r))
		for k := kids; k >= 1; k-- {
			kid := addItem(fmt.Sprintf("%s.%d.%d", name, r, k), fmt.Sprintf("Child %d.%d of %s", r, k, name), "0"+fmt.Sprint(r))
			addAssoc(casefile.IsChildOf, kid, casefile.LinkGenURI{Title: root.HumanCodingScheme, Identifier: root.Identifier, URI: root.URI}, intp(k))
		}
	}
	if len(p.CFItems) > 0 {
		addAssoc(casefile.ExactMatchOf, p.CFItems[0], casefile.LinkGenURI{Title: "outside", Identifier: "urn:outside:1", URI: "urn:outside:1"}, nil)
	}
	p.CFDefinitions = testDefinitions(name)
	p.CFRubrics = []casefile.Rubric{{Identifier: uid(name+"r", 1), URI: testBase + "/CFRubrics/x", Title: "Rubric",
		LastChangeDateTime: "2024-01-02T03:04:05Z", CFRubricCriteria: []casefile.RubricCriterion{{
			Identifier: uid(name+"c", 1), Description: "crit", Position: intp(1),
			CFRubricCriterionLevels: []casefile.RubricCriterionLevel{{Identifier: uid(name+"l", 1), Description: "lvl", Position: intp(1)}},
		}}}}
	return p
}

func testDefinitions(name string) casefile.Definitions {
	var d casefile.Definitions
	for i, code := range []string{"1", "1.1", "1.2", "1.10", "10", "2"} {
		d.CFConcepts = append(d.CFConcepts, casefile.Concept{Identifier: uid(name+"k", i), URI: testBase + "/CFConcepts/" + code,
			Title: "Concept " + code, HierarchyCode: code, LastChangeDateTime: "2024-01-02T03:04:05Z"})
		d.CFSubjects = append(d.CFSubjects, casefile.Subject{Identifier: uid(name+"s", i), URI: testBase + "/CFSubjects/" + code,
			Title: "Subject " + code, HierarchyCode: code, LastChangeDateTime: "2024-01-02T03:04:05Z"})
		d.CFItemTypes = append(d.CFItemTypes, casefile.ItemType{Identifier: uid(name+"t", i), URI: testBase + "/CFItemTypes/" + code,
			Title: "Type " + code, HierarchyCode: code, LastChangeDateTime: "2024-01-02T03:04:05Z"})
	}
	d.CFLicenses = []casefile.License{{Identifier: uid(name+"L", 1), URI: testBase + "/CFLicenses/1", Title: "CC BY", LicenseText: "text", LastChangeDateTime: "2024-01-02T03:04:05Z"}}
	d.CFAssociationGroupings = []casefile.AssociationGrouping{{Identifier: uid(name+"g", 1), URI: testBase + "/CFAssociationGroupings/1", Title: "Group", LastChangeDateTime: "2024-01-02T03:04:05Z"}}
	return d
}
