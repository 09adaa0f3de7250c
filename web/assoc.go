package web

import (
	"sort"
	"strings"

	"github.com/casenode/casenode/casefile"
)

// inverseLabels names an association read from its destination's side
// (CASE.md §2.5, OpenSALT's labels).
var inverseLabels = map[string]string{
	casefile.IsChildOf:       "isParentOf",
	casefile.IsPartOf:        "hasPart",
	casefile.IsPeerOf:        "isPeerOf",
	casefile.ExactMatchOf:    "exactMatchOf",
	casefile.IsRelatedTo:     "isRelatedTo",
	casefile.Precedes:        "hasPredecessor",
	casefile.ReplacedBy:      "replaces",
	casefile.Exemplar:        "exemplarFor",
	casefile.HasSkillLevel:   "skillLevelFor",
	casefile.IsTranslationOf: "hasTranslation",
}

// labelText is the plain-language heading of each label.
var labelText = map[string]string{
	"isChildOf":       "Parent",
	"isParentOf":      "Children",
	"isPartOf":        "Part of",
	"hasPart":         "Has parts",
	"isPeerOf":        "Peers",
	"exactMatchOf":    "Exact matches",
	"isRelatedTo":     "Related",
	"precedes":        "Comes before",
	"hasPredecessor":  "Comes after",
	"replacedBy":      "Replaced by",
	"replaces":        "Replaces",
	"exemplar":        "Exemplars",
	"exemplarFor":     "Exemplar for",
	"hasSkillLevel":   "Skill levels",
	"skillLevelFor":   "Skill level for",
	"isTranslationOf": "Translation of",
	"hasTranslation":  "Translations",
}

// labelOrder puts the tree first, then matches, then the rest.
var labelOrder = []string{"isChildOf", "isParentOf", "exactMatchOf", "isRelatedTo", "isPeerOf",
	"isPartOf", "hasPart", "precedes", "hasPredecessor", "replacedBy", "replaces",
	"exemplar", "exemplarFor", "hasSkillLevel", "skillLevelFor", "isTranslationOf", "hasTranslation"}

// inverseLabel names an incoming association; publisher types (ext:…) that
// have no known inverse read "ext:name (incoming)".
func inverseLabel(t string) string {
	if l, ok := inverseLabels[t]; ok {
		return l
	}
	return t + " (incoming)"
}

// headingOf is the group heading for a label.
func headingOf(label string) string {
	if s, ok := labelText[label]; ok {
		return s
	}
	return strings.TrimPrefix(label, "ext:")
}

// assocLink is one association end shown on an item page.
type assocLink struct {
	Target   linkView
	Type     string // associationType as stored
	Incoming bool
	Notes    string
}

// assocGroup is the associations of one label.
type assocGroup struct {
	Label   string
	Heading string
	Links   []assocLink
}

// groupLinks groups links by label in labelOrder, unknown labels after, by name.
func groupLinks(links []assocLink) []assocGroup {
	by := map[string][]assocLink{}
	for _, l := range links {
		label := l.Type
		if l.Incoming {
			label = inverseLabel(l.Type)
		}
		by[label] = append(by[label], l)
	}
	rank := func(label string) int {
		for i, l := range labelOrder {
			if l == label {
				return i
			}
		}
		return len(labelOrder)
	}
	labels := make([]string, 0, len(by))
	for l := range by {
		labels = append(labels, l)
	}
	sort.Slice(labels, func(i, j int) bool {
		ri, rj := rank(labels[i]), rank(labels[j])
		if ri != rj {
			return ri < rj
		}
		return labels[i] < labels[j]
	})
	groups := make([]assocGroup, 0, len(labels))
	for _, l := range labels {
		groups = append(groups, assocGroup{Label: l, Heading: headingOf(l), Links: by[l]})
	}
	return groups
}
