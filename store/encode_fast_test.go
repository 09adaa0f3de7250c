package store

import (
	"bytes"
	"os"
	"testing"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/internal/fixture"
	"github.com/casenode/casenode/seed"
)

// checkSameStoredJSON compares, for every item and association of pkgs, the
// hand-written stored JSON with encoding/json of the stored form +
// compactTop: stored hashes and
// data columns depend on these bytes.
func checkSameStoredJSON(t *testing.T, name string, pkgs []*casefile.Package) int {
	t.Helper()
	fast, slow := newEncoder(), newEncoder()
	n := 0
	same := func(kind, id string, v any) {
		stored, err := toStoredForm(v)
		if err != nil {
			t.Fatalf("%s %s %s: %v", name, kind, id, err)
		}
		want, err := slow.encodeReflect(stored)
		if err != nil {
			t.Fatalf("%s %s %s: %v", name, kind, id, err)
		}
		got, err := fast.encode(v)
		if err != nil {
			t.Fatalf("%s %s %s: %v", name, kind, id, err)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("%s %s %s:\n got %s\nwant %s", name, kind, id, got, want)
		}
		checkFastRead(t, name+" "+kind+" "+id, v, got)
		n++
	}
	for _, p := range pkgs {
		for i := range p.CFItems {
			same("item", p.CFItems[i].Identifier, storedItem(&p.CFItems[i]))
			same("item (standalone)", p.CFItems[i].Identifier, &p.CFItems[i])
		}
		for i := range p.CFAssociations {
			same("association", p.CFAssociations[i].Identifier, storedAssociation(&p.CFAssociations[i]))
			same("association (standalone)", p.CFAssociations[i].Identifier, &p.CFAssociations[i])
		}
	}
	return n
}

func TestStoredJSONSeedFrameworks(t *testing.T) {
	for _, f := range seed.Frameworks() {
		pkgs, _, err := casefile.DecodeMany(bytes.NewReader(f.Data), casefile.DecodeOptions{BaseURL: "http://127.0.0.1:8080"})
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if checkSameStoredJSON(t, f.Name, pkgs) == 0 {
			t.Fatalf("%s: no items or associations compared", f.Name)
		}
	}
	synth := seed.Synth(seed.SynthOptions{Items: 2000, Seed: 7})
	checkSameStoredJSON(t, "synth", []*casefile.Package{synth})
}

func TestStoredJSONFixtures(t *testing.T) {
	for _, sub := range []string{"real", "v1p1", "opensalt"} {
		for _, path := range fixture.Files(t, sub) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			pkgs, _, err := casefile.DecodeMany(bytes.NewReader(data), casefile.DecodeOptions{BaseURL: "http://127.0.0.1:8080"})
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			checkSameStoredJSON(t, path, pkgs)
		}
	}
}

// TestStoredJSONEscapes covers what the fixtures may lack: HTML, control
// and separator characters, invalid UTF-8, empty and nil lists, extensions.
func TestStoredJSONEscapes(t *testing.T) {
	seq := 0
	odd := "a<b>&\"\\\b\f\n\r\t\x01\x7f\u2028\u2029\xff é 😀"
	it := casefile.Item{Identifier: "i", FullStatement: odd, ConceptKeywords: []string{}, Subject: []string{odd, ""},
		SubjectURI: []casefile.LinkURI{{Title: odd}}, ConceptKeywordsURI: &casefile.LinkURI{},
		Common: casefile.Common{Extensions: casefile.Fields{"z": []byte(`{"b": "<x>", "a":[1, 2]}`), "a<": []byte(`""`)},
			Unknown: casefile.Fields{}}}
	a := casefile.Association{Identifier: odd, SequenceNumber: &seq, OriginNodeURI: casefile.LinkGenURI{TargetType: "CFItem"},
		CFAssociationGroupingURI: &casefile.LinkURI{URI: odd}, Common: casefile.Common{OriginalIdentifier: odd}}
	pkg := &casefile.Package{CFItems: []casefile.Item{it, {}}, CFAssociations: []casefile.Association{a, {}}}
	if n := checkSameStoredJSON(t, "escapes", []*casefile.Package{pkg}); n != 8 {
		t.Fatalf("compared %d objects, want 8", n)
	}
}
