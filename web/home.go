package web

import (
	"net/http"
	"slices"
	"strings"

	"github.com/casenode/casenode/casefile"
)

// homeView lists the frameworks held, grouped by subject, with filters by
// subject, publisher and origin.
type homeView struct {
	Groups     []frameworkGroup
	Shown      int // frameworks after the filters
	Total      int
	Items      int
	CanImport  bool // the node has an import path (the form shows to admins)
	Subjects   []option
	Publishers []option
	Origins    []option
	Filtered   bool
}

// frameworkGroup is the frameworks of one subject.
type frameworkGroup struct {
	Subject string
	Rows    []frameworkRow
}

// frameworkRow is one framework as the home page shows it.
type frameworkRow struct {
	casefile.FrameworkInfo
	Publisher string // publisher, or creator when none
	Levels    string // "Kindergarten – Grade 12"
	Origin    string // who published it, as a reader understands it
	Demo      bool
}

// option is a value of a filter, with whether it is selected.
type option struct {
	Value    string
	Selected bool
}

func (h *handler) home(w http.ResponseWriter, r *http.Request) {
	fws, err := h.deps.Store.Frameworks(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	q := r.URL.Query()
	want := map[string]string{"subject": q.Get("subject"), "publisher": q.Get("publisher"), "origin": q.Get("origin")}
	hv := homeView{Total: len(fws), CanImport: h.deps.Importer != nil}
	subjects, publishers, origins := map[string]bool{}, map[string]bool{}, map[string]bool{}
	bySubject := map[string][]frameworkRow{}
	for _, f := range fws {
		hv.Items += f.Items
		row := frameworkRow{FrameworkInfo: f, Publisher: firstNonEmpty(f.Publisher, f.Creator),
			Levels: casefile.LevelRange(f.EducationLevel), Origin: originOf(f), Demo: f.Provenance.Source == casefile.SourceSeed}
		subs := f.Subject
		if len(subs) == 0 {
			subs = []string{"Other subjects"}
		}
		for _, s := range subs {
			subjects[s] = true
		}
		publishers[row.Publisher] = true
		origins[row.Origin] = true
		if !matches(want["subject"], subs) || !matches(want["publisher"], []string{row.Publisher}) || !matches(want["origin"], []string{row.Origin}) {
			continue
		}
		hv.Shown++
		bySubject[subs[0]] = append(bySubject[subs[0]], row)
	}
	for _, s := range sortedSet(bySubject) {
		rows := bySubject[s]
		slices.SortStableFunc(rows, func(a, b frameworkRow) int {
			if c := strings.Compare(strings.ToLower(a.Publisher), strings.ToLower(b.Publisher)); c != 0 {
				return c
			}
			return strings.Compare(strings.ToLower(a.Title), strings.ToLower(b.Title))
		})
		hv.Groups = append(hv.Groups, frameworkGroup{Subject: s, Rows: rows})
	}
	hv.Subjects, hv.Publishers, hv.Origins = options(subjects, want["subject"]), options(publishers, want["publisher"]), options(origins, want["origin"])
	hv.Filtered = want["subject"] != "" || want["publisher"] != "" || want["origin"] != ""
	h.render(w, r, http.StatusOK, "home", h.newView(r, "Frameworks", hv))
}

// originOf says who a framework comes from: "this node" only for what was
// authored here; a publisher's file shows its publisher; a peer's copy its origin.
func originOf(f casefile.FrameworkInfo) string {
	switch f.Provenance.Source {
	case casefile.SourceLocal:
		return "this node"
	case casefile.SourceSeed:
		return "demo data"
	case casefile.SourcePeer:
		return firstNonEmpty(f.Provenance.OriginNode, f.Provenance.Peer, "a peer")
	}
	return firstNonEmpty(f.Publisher, f.Creator, "its publisher")
}

func matches(want string, have []string) bool {
	return want == "" || slices.Contains(have, want)
}

func sortedSet[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })
	return keys
}

func options(set map[string]bool, selected string) []option {
	var out []option
	for _, v := range sortedSet(set) {
		out = append(out, option{Value: v, Selected: v == selected})
	}
	return out
}
