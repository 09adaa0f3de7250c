// Package seed holds the demo frameworks a new casenode node starts with, the
// ground truth of the links between them, and a generator of large synthetic
// frameworks for benchmarks.
//
// The demo frameworks were written for this project; they are not official
// standards of any state or organisation.
package seed

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"
)

//go:embed frameworks/*.json
var files embed.FS

// NamedFile is one embedded CASE 1.1 CFPackage.
type NamedFile struct {
	Name string // file name, e.g. "01-progression-k5.json"
	Data []byte // the CFPackage JSON
}

// expectedFile is the ground truth file; it is not a framework.
const expectedFile = "expected.json"

// Frameworks returns the demo frameworks in import order: the K–5
// progression, the Northwind standards (aligned to it), then the core
// numeracy skills both point at. Each call returns fresh copies.
func Frameworks() []NamedFile {
	entries, err := fs.ReadDir(files, "frameworks")
	if err != nil {
		panic(fmt.Sprintf("seed: embedded frameworks unreadable: %v", err))
	}
	var out []NamedFile
	for _, e := range entries {
		if e.Name() == expectedFile {
			continue
		}
		out = append(out, NamedFile{Name: e.Name(), Data: mustRead("frameworks/" + e.Name())})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

func mustRead(name string) []byte {
	b, err := files.ReadFile(name)
	if err != nil {
		panic(fmt.Sprintf("seed: embedded file %s unreadable: %v", name, err))
	}
	return b
}

// ExpectedPairs is the ground truth of the links between the demo frameworks,
// for testing crosswalks: A is the K–5 progression, B the Northwind standards,
// C the core numeracy skills.
type ExpectedPairs struct {
	Frameworks  ExpectedFrameworks `json:"frameworks"`
	Explicit    []ExplicitPair     `json:"explicit"`
	Transitive  []TransitivePair   `json:"transitive"`
	Suggestions []SuggestionPair   `json:"suggestions"`
	Unmatched   []UnmatchedItem    `json:"unmatched"`
}

// ExpectedFrameworks names the CFDocument identifiers of the demo frameworks.
type ExpectedFrameworks struct {
	Progression string `json:"progression"` // A: casenode Demo: Mathematics Progression K–5
	Northwind   string `json:"northwind"`   // B: casenode Demo: Northwind State Mathematics Standards
	Numeracy    string `json:"numeracy"`    // C: casenode Demo: Core Numeracy Skills
}

// ExplicitPair is an association of B (origin Source) to an item of A
// (destination Target) of type exactMatchOf or isRelatedTo.
type ExplicitPair struct {
	Source     string `json:"source"`
	Target     string `json:"target"`
	Type       string `json:"type"`
	SourceCode string `json:"sourceCode"`
	TargetCode string `json:"targetCode"`
}

// TransitivePair joins an item of A and an item of B that have no link to
// each other but both link to the same skill Via of C (A AType Via, B BType Via).
type TransitivePair struct {
	A       string `json:"a"`
	B       string `json:"b"`
	Via     string `json:"via"`
	AType   string `json:"aType"`
	BType   string `json:"bType"`
	ACode   string `json:"aCode"`
	BCode   string `json:"bCode"`
	ViaCode string `json:"viaCode"`
}

// SuggestionPair is an item of B (Source) with no link at all whose
// counterpart in A (Target) is the one a reader would pick.
type SuggestionPair struct {
	Source     string `json:"source"`
	Target     string `json:"target"`
	SourceCode string `json:"sourceCode"`
	TargetCode string `json:"targetCode"`
}

// UnmatchedItem is an item of B with no counterpart in A: a crosswalk should
// leave it uncovered (or offer only weak suggestions).
type UnmatchedItem struct {
	Item string `json:"item"`
	Code string `json:"code"`
}

// Expected returns the ground truth of frameworks/expected.json.
func Expected() ExpectedPairs {
	var e ExpectedPairs
	if err := json.Unmarshal(mustRead("frameworks/"+expectedFile), &e); err != nil {
		panic(fmt.Sprintf("seed: embedded %s invalid: %v", expectedFile, err))
	}
	return e
}
