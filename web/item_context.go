package web

import (
	"context"
	"regexp"
	"sort"
	"strings"

	"github.com/casenode/casenode/casefile"
)

// The item page's context: where the item sits in its tree (its siblings
// before and after it), and its counterparts in other frameworks.

// maxCounterpartFrameworks bounds the frameworks an item page asks the
// crosswalk about (each is one similarity query): those sharing a subject
// with the item's framework come first.
const maxCounterpartFrameworks = 4

// siblingView is the item's place among its parent's children.
type siblingView struct {
	Position, Of int
	ParentTitle  string
	Prev, Next   *casefile.Item
}

// siblings finds the item's neighbours under its parent (the last ancestor,
// or the framework's roots).
func (h *handler) siblings(ctx context.Context, it *casefile.Item, framework string, anc []casefile.LinkURI) (siblingView, error) {
	parent, title := framework, ""
	if len(anc) > 0 {
		parent, title = anc[len(anc)-1].Identifier, anc[len(anc)-1].Title
	}
	if parent == "" {
		return siblingView{}, nil
	}
	kids, err := h.deps.Store.Children(ctx, []string{parent})
	if err != nil {
		return siblingView{}, err
	}
	list := kids[parent]
	for i := range list {
		if list[i].Identifier != it.Identifier {
			continue
		}
		sv := siblingView{Position: i + 1, Of: len(list), ParentTitle: title}
		if i > 0 {
			sv.Prev = &list[i-1]
		}
		if i+1 < len(list) {
			sv.Next = &list[i+1]
		}
		return sv, nil
	}
	return siblingView{}, nil
}

// counterpartGroup is the item's matches in one other framework.
type counterpartGroup struct {
	Framework, Title string
	Matches          []casefile.CrosswalkMatch
}

// counterparts asks the crosswalk for the item's matches (explicit, through
// a third framework, suggested) in the other frameworks most likely to hold
// them. Frameworks with no match are left out.
func (h *handler) counterparts(ctx context.Context, it *casefile.Item, framework string) ([]counterpartGroup, error) {
	if h.deps.Crosswalk == nil || framework == "" {
		return nil, nil
	}
	fws, err := h.deps.Store.Frameworks(ctx)
	if err != nil {
		return nil, err
	}
	var home casefile.FrameworkInfo
	var others []casefile.FrameworkInfo
	for _, f := range fws {
		if f.Identifier == framework {
			home = f
		} else if f.Items > 0 {
			others = append(others, f)
		}
	}
	shares := func(f casefile.FrameworkInfo) bool {
		for _, s := range f.Subject {
			for _, hs := range home.Subject {
				if strings.EqualFold(s, hs) {
					return true
				}
			}
		}
		return false
	}
	sort.SliceStable(others, func(i, j int) bool { return shares(others[i]) && !shares(others[j]) })
	var out []counterpartGroup
	for i, f := range others {
		if i == maxCounterpartFrameworks {
			break
		}
		// The whole crosswalk of a framework the compare page also computes
		// whole is computed once and cached for every item page (and the
		// compare page); a larger one is asked for this item alone.
		opt := casefile.CrosswalkOptions{Suggest: true, MinScore: casefile.DefaultMinScore, MaxSuggestion: 3}
		if home.Items > suggestAllItems {
			opt.Items = []string{it.Identifier}
		}
		cw, err := h.deps.Crosswalk.Crosswalk(ctx, framework, f.Identifier, opt)
		if err != nil {
			if casefile.ErrorCode(err) == casefile.Invalid || casefile.ErrorCode(err) == casefile.NotFound {
				continue
			}
			return nil, err
		}
		for _, row := range cw.Rows {
			if row.Source.Identifier == it.Identifier && len(row.Matches) > 0 {
				out = append(out, counterpartGroup{Framework: f.Identifier, Title: f.Title, Matches: row.Matches})
			}
		}
	}
	return out, nil
}

var nonWord = regexp.MustCompile(`[^\p{L}\p{N}]+`)

// normWords lowers s and keeps its words, for comparing labels.
func normWords(s string) string {
	return strings.TrimSpace(nonWord.ReplaceAllString(strings.ToLower(casefile.ReaderText(s)), " "))
}

// redundantLabel reports whether an alternative label only repeats the
// item's code and statement (OpenSALT exports write "CODE statement").
func redundantLabel(label string, it *casefile.Item) bool {
	l := normWords(label)
	if l == "" {
		return true
	}
	code := normWords(it.HumanCodingScheme)
	for code != "" && strings.HasPrefix(l, code) {
		l = strings.TrimSpace(strings.TrimPrefix(l, code))
	}
	return l == "" || l == normWords(it.FullStatement) || l == normWords(it.AbbreviatedStatement)
}

// noisyEnumeration reports whether a listEnumeration tells a reader nothing
// the code does not: empty, or the code's own last part ("A" of "3.OA.A").
func noisyEnumeration(e string, it *casefile.Item) bool {
	e = strings.TrimSpace(e)
	if e == "" {
		return true
	}
	code := strings.ToLower(it.HumanCodingScheme)
	return code != "" && (strings.HasSuffix(code, strings.ToLower(e)) || strings.Contains(code, "."+strings.ToLower(e)+"."))
}
