package crosswalk

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"

	"github.com/casenode/casenode/casefile"
)

// A gold set is a list of judgements made by people reading two frameworks:
// which target items a curriculum designer accepts as the counterpart of a
// source item, which source items have none, and which items a passage of
// lesson or assessment text aligns to. Evaluate measures the crosswalk's
// suggestions and the align function against it.

// Gold splits: scorer changes are tuned on dev and checked on heldout.
const (
	SplitDev     = "dev"
	SplitHeldout = "heldout"
	SplitAll     = "all"
)

// Wording of a gold pair: the statements share their key words (alike) or
// say the same thing in other words (different).
const (
	WordingAlike     = "alike"
	WordingDifferent = "different"
)

// goldFileExts are the kinds of fixture file a set's frameworks come from:
// CASE JSON, or a spreadsheet the node's import path reads (package sheet).
var goldFileExts = []string{".json", ".csv", ".xlsx"}

// maxGoldBytes bounds a gold file.
const maxGoldBytes = 4 << 20

// Gold is a judged set of crosswalk pairs, no-match items and passages.
type Gold struct {
	Sets     []GoldSet     `json:"sets"`
	Pairs    []GoldPair    `json:"pairs"`
	NoMatch  []GoldNoMatch `json:"noMatch"`
	Passages []GoldPassage `json:"passages"`
}

// GoldSet names a source and a target framework (CFDocument identifiers) and
// the fixture files they come from (relative to the fixtures directory; CASE
// JSON, CSV or XLSX).
type GoldSet struct {
	Name       string `json:"name"`
	Source     string `json:"source"`
	Target     string `json:"target"`
	SourceFile string `json:"sourceFile"`
	TargetFile string `json:"targetFile"`
}

// GoldPair is a source item and every target item a designer would accept
// as its counterpart.
type GoldPair struct {
	Set         string   `json:"set"`
	Split       string   `json:"split"`
	Source      string   `json:"source"`
	SourceCode  string   `json:"sourceCode"`
	Targets     []string `json:"targets"`
	TargetCodes []string `json:"targetCodes"`
	Wording     string   `json:"wording"`
	Note        string   `json:"note"`
}

// GoldNoMatch is a source item with no counterpart in the set's target.
type GoldNoMatch struct {
	Set        string `json:"set"`
	Split      string `json:"split"`
	Source     string `json:"source"`
	SourceCode string `json:"sourceCode"`
	Note       string `json:"note"`
}

// GoldPassage is a text and the items (of the given frameworks) it aligns to.
type GoldPassage struct {
	Split       string   `json:"split"`
	Text        string   `json:"text"`
	Frameworks  []string `json:"frameworks"`
	Targets     []string `json:"targets"`
	TargetCodes []string `json:"targetCodes"`
	Note        string   `json:"note"`
}

// LoadGold reads and checks the structure of a gold file (JSON, unknown
// fields rejected). Whether its identifiers exist is checked by Verify.
func LoadGold(r io.Reader) (*Gold, error) {
	dec := json.NewDecoder(io.LimitReader(r, maxGoldBytes+1))
	dec.DisallowUnknownFields()
	var g Gold
	if err := dec.Decode(&g); err != nil {
		return nil, casefile.Errorf(casefile.Invalid, "gold set: %v", err)
	}
	if dec.InputOffset() > maxGoldBytes {
		return nil, casefile.Errorf(casefile.Invalid, "gold set: larger than %d bytes", maxGoldBytes)
	}
	if err := g.validate(); err != nil {
		return nil, casefile.Errorf(casefile.Invalid, "gold set: %v", err)
	}
	return &g, nil
}

// ReadGold reads and checks the gold file at path (see LoadGold).
func ReadGold(path string) (*Gold, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read the gold set: %w", err)
	}
	defer f.Close()
	return LoadGold(f)
}

// Set returns the set named name.
func (g *Gold) Set(name string) (GoldSet, bool) {
	for _, s := range g.Sets {
		if s.Name == name {
			return s, true
		}
	}
	return GoldSet{}, false
}

// Files lists the fixture files of the sets' frameworks, each once, in set order.
func (g *Gold) Files() []string {
	var files []string
	for _, s := range g.Sets {
		for _, f := range []string{s.SourceFile, s.TargetFile} {
			if !slices.Contains(files, f) {
				files = append(files, f)
			}
		}
	}
	return files
}

// Entries is the number of judged entries (pairs, no-match items, passages).
func (g *Gold) Entries() int { return len(g.Pairs) + len(g.NoMatch) + len(g.Passages) }

// validate checks what can be checked without the frameworks.
func (g *Gold) validate() error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	for i, s := range g.Sets {
		if s.Name == "" || s.Source == "" || s.Target == "" || s.SourceFile == "" || s.TargetFile == "" {
			bad("sets[%d]: name, source, target, sourceFile and targetFile are required", i)
		}
		for _, f := range []string{s.SourceFile, s.TargetFile} {
			if !fs.ValidPath(f) || !slices.Contains(goldFileExts, path.Ext(f)) {
				bad("sets[%d]: file %q is not a relative path to a %s file", i, f, strings.Join(goldFileExts, ", "))
			}
		}
		if j := g.setIndex(s.Name); j != i {
			bad("sets[%d]: name %q repeats sets[%d]", i, s.Name, j)
		}
	}
	seen := map[string]string{}
	source := func(where, set, split, id, code, note string) {
		if _, ok := g.Set(set); !ok {
			bad("%s: unknown set %q", where, set)
		}
		if split != SplitDev && split != SplitHeldout {
			bad("%s: split %q is not %s or %s", where, split, SplitDev, SplitHeldout)
		}
		if id == "" || code == "" || strings.TrimSpace(note) == "" {
			bad("%s: source, sourceCode and note are required", where)
		}
		if prev, ok := seen[set+"\x00"+id]; ok {
			bad("%s: source %s (%s) is judged again in %s", where, id, code, prev)
		}
		seen[set+"\x00"+id] = where
	}
	for i, p := range g.Pairs {
		where := fmt.Sprintf("pairs[%d] (%s)", i, p.SourceCode)
		source(where, p.Set, p.Split, p.Source, p.SourceCode, p.Note)
		if p.Wording != WordingAlike && p.Wording != WordingDifferent {
			bad("%s: wording %q is not %s or %s", where, p.Wording, WordingAlike, WordingDifferent)
		}
		checkTargets(where, p.Targets, p.TargetCodes, bad)
	}
	for i, n := range g.NoMatch {
		source(fmt.Sprintf("noMatch[%d] (%s)", i, n.SourceCode), n.Set, n.Split, n.Source, n.SourceCode, n.Note)
	}
	for i, p := range g.Passages {
		g.validatePassage(fmt.Sprintf("passages[%d]", i), p, bad)
	}
	return errors.Join(errs...)
}

func (g *Gold) validatePassage(where string, p GoldPassage, bad func(string, ...any)) {
	if p.Split != SplitDev && p.Split != SplitHeldout {
		bad("%s: split %q is not %s or %s", where, p.Split, SplitDev, SplitHeldout)
	}
	if strings.TrimSpace(p.Text) == "" || len(p.Frameworks) == 0 || strings.TrimSpace(p.Note) == "" {
		bad("%s: text, frameworks and note are required", where)
	}
	checkTargets(where, p.Targets, p.TargetCodes, bad)
	for _, fw := range p.Frameworks {
		if !g.loads(fw) {
			bad("%s: framework %s is not the source or target of any set (so no file loads it)", where, fw)
		}
	}
}

func checkTargets(where string, ids, codes []string, bad func(string, ...any)) {
	if len(ids) == 0 || len(ids) != len(codes) {
		bad("%s: targets and targetCodes must be non-empty and of equal length", where)
	}
}

// loads reports whether a set names framework fw as its source or target.
func (g *Gold) loads(fw string) bool {
	for _, s := range g.Sets {
		if s.Source == fw || s.Target == fw {
			return true
		}
	}
	return false
}

func (g *Gold) setIndex(name string) int {
	for i, s := range g.Sets {
		if s.Name == name {
			return i
		}
	}
	return -1
}

// Verify checks every identifier of the gold set against the frameworks'
// items (keyed by CFDocument identifier): each exists in the framework it
// is named for, and its humanCodingScheme is the code the gold set gives.
func (g *Gold) Verify(items map[string][]casefile.Item) error {
	codes := map[string]map[string]string{} // framework -> item id -> code
	for fw, its := range items {
		m := make(map[string]string, len(its))
		for _, it := range its {
			m[it.Identifier] = it.HumanCodingScheme
		}
		codes[fw] = m
	}
	var errs []error
	check := func(where string, fws []string, id, code string) {
		for _, fw := range fws {
			if c, ok := codes[fw][id]; ok {
				if c != code {
					errs = append(errs, fmt.Errorf("%s: item %s has code %q, not %q", where, id, c, code))
				}
				return
			}
		}
		errs = append(errs, fmt.Errorf("%s: item %s (%s) is not in %s", where, id, code, strings.Join(fws, ", ")))
	}
	for i, p := range g.Pairs {
		s, _ := g.Set(p.Set)
		where := fmt.Sprintf("pairs[%d]", i)
		check(where, []string{s.Source}, p.Source, p.SourceCode)
		for j, t := range p.Targets {
			check(where, []string{s.Target}, t, p.TargetCodes[j])
		}
	}
	for i, n := range g.NoMatch {
		s, _ := g.Set(n.Set)
		check(fmt.Sprintf("noMatch[%d]", i), []string{s.Source}, n.Source, n.SourceCode)
	}
	for i, p := range g.Passages {
		for j, t := range p.Targets {
			check(fmt.Sprintf("passages[%d]", i), p.Frameworks, t, p.TargetCodes[j])
		}
	}
	return errors.Join(errs...)
}
