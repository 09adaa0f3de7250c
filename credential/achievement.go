package credential

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/casenode/casenode/casefile"
)

// Framework is what an Achievement says about the framework (CFDocument)
// its target belongs to.
type Framework struct {
	Identifier string
	URI        string
	Title      string
	Publisher  string // publisher, else creator
}

// FrameworkOf summarises a framework for Achievements.
func FrameworkOf(fi casefile.FrameworkInfo) Framework {
	pub := fi.Publisher
	if pub == "" {
		pub = fi.Creator
	}
	return Framework{Identifier: fi.Identifier, URI: fi.URI, Title: fi.Title, Publisher: pub}
}

// Builder builds OB 3.0 Achievements for the objects of one node.
type Builder struct {
	BaseURL string // the node's public base URL
}

// AchievementID is the id of the Achievement standing for the object id: its
// canonical uri asked in the Achievement form.
func (b Builder) AchievementID(id string) string {
	return casefile.CanonicalURI(b.BaseURL, id) + "?format=achievement"
}

// uriOf is an object's uri as its publisher sent it, else the canonical one.
func (b Builder) uriOf(uri, id string) string {
	if uri != "" {
		return uri
	}
	return casefile.CanonicalURI(b.BaseURL, id)
}

func (b Builder) base(id, name, description string, fw Framework) casefile.Achievement {
	a := casefile.Achievement{
		Context:         []string{casefile.OB3ContextVC, casefile.OB3Context},
		ID:              b.AchievementID(id),
		Type:            []string{"Achievement"},
		AchievementType: "Competency",
		Name:            name,
		Description:     description,
		Criteria:        casefile.AchievementCriteria{ID: casefile.CanonicalURI(b.BaseURL, id), Narrative: description},
	}
	if fw.Identifier != "" {
		a.Creator = &casefile.Profile{ID: b.uriOf(fw.URI, fw.Identifier), Type: []string{"Profile"}, Name: fw.Publisher}
	}
	return a
}

// ForItem is the Achievement of mastering a CFItem.
func (b Builder) ForItem(it *casefile.Item, fw Framework) casefile.Achievement {
	name := itemName(it)
	a := b.base(it.Identifier, name, it.FullStatement, fw)
	a.HumanCode = it.HumanCodingScheme
	a.Language = languageTag(it.Language)
	a.Tag = append([]string(nil), it.ConceptKeywords...)
	a.Alignment = []casefile.Alignment{{
		Type: []string{"Alignment"}, TargetName: name, TargetURL: b.uriOf(it.URI, it.Identifier),
		TargetDescription: it.FullStatement, TargetCode: it.HumanCodingScheme,
		TargetFramework: fw.Title, TargetType: casefile.TargetCFItem,
	}}
	return a
}

// ForDocument is the Achievement of a whole framework (targetType
// ext:CFDocument, which the OB vocabulary leaves to extensions).
func (b Builder) ForDocument(d *casefile.Document) casefile.Achievement {
	fw := Framework{Identifier: d.Identifier, URI: d.URI, Title: d.Title, Publisher: firstOf(d.Publisher, d.Creator)}
	desc := firstOf(d.Description, d.Title)
	a := b.base(d.Identifier, d.Title, desc, fw)
	a.Language = languageTag(d.Language)
	a.Alignment = []casefile.Alignment{{Type: []string{"Alignment"}, TargetName: d.Title,
		TargetURL: b.uriOf(d.URI, d.Identifier), TargetDescription: d.Description, TargetFramework: d.Title,
		TargetType: casefile.TargetCFDocument}}
	return a
}

// ForRubric is the Achievement assessed by a whole CFRubric: one result
// description per criterion, with its levels.
func (b Builder) ForRubric(r *casefile.Rubric, fw Framework) casefile.Achievement {
	name := firstOf(r.Title, "Rubric "+r.Identifier)
	a := b.base(r.Identifier, name, firstOf(r.Description, name), fw)
	a.Alignment = []casefile.Alignment{{Type: []string{"Alignment"}, TargetName: name,
		TargetURL: b.uriOf(r.URI, r.Identifier), TargetDescription: r.Description, TargetFramework: fw.Title,
		TargetType: casefile.TargetCFRubric}}
	for i := range r.CFRubricCriteria {
		a.ResultDescription = append(a.ResultDescription, b.resultDescription(&r.CFRubricCriteria[i], fw))
	}
	return a
}

// ForCriterion is the Achievement of meeting one rubric criterion: aligned
// to the criterion (and to the CFItem it assesses, when it names one), with
// its levels as the possible results.
func (b Builder) ForCriterion(c *casefile.RubricCriterion, fw Framework) casefile.Achievement {
	name := criterionName(c)
	a := b.base(c.Identifier, name, firstOf(c.Description, name), fw)
	a.Alignment = b.criterionAlignments(c, fw)
	a.ResultDescription = []casefile.ResultDescription{b.resultDescription(c, fw)}
	return a
}

// ForLevel is the Achievement of reaching one level of a rubric criterion.
func (b Builder) ForLevel(c *casefile.RubricCriterion, l *casefile.RubricCriterionLevel, fw Framework) casefile.Achievement {
	name := levelName(l) + " — " + criterionName(c)
	a := b.base(l.Identifier, name, firstOf(l.Description, l.Feedback, name), fw)
	a.Alignment = append([]casefile.Alignment{b.levelAlignment(l, fw)}, b.criterionAlignments(c, fw)...)
	return a
}

func (b Builder) criterionAlignments(c *casefile.RubricCriterion, fw Framework) []casefile.Alignment {
	name := criterionName(c)
	out := []casefile.Alignment{{Type: []string{"Alignment"}, TargetName: name,
		TargetURL: b.uriOf(c.URI, c.Identifier), TargetDescription: c.Description, TargetFramework: fw.Title,
		TargetType: casefile.TargetCFRubricCriterion}}
	if it := c.CFItemURI; it != nil && (it.URI != "" || it.Identifier != "") {
		out = append(out, casefile.Alignment{Type: []string{"Alignment"}, TargetName: firstOf(it.Title, it.Identifier),
			TargetURL: b.uriOf(it.URI, it.Identifier), TargetFramework: fw.Title, TargetType: casefile.TargetCFItem})
	}
	return out
}

func (b Builder) levelAlignment(l *casefile.RubricCriterionLevel, fw Framework) casefile.Alignment {
	return casefile.Alignment{Type: []string{"Alignment"}, TargetName: levelName(l),
		TargetURL: b.uriOf(l.URI, l.Identifier), TargetDescription: l.Description, TargetFramework: fw.Title,
		TargetType: casefile.TargetCFRubricCriterionLevel}
}

func (b Builder) resultDescription(c *casefile.RubricCriterion, fw Framework) casefile.ResultDescription {
	rd := casefile.ResultDescription{ID: b.uriOf(c.URI, c.Identifier), Type: []string{"ResultDescription"},
		Name: criterionName(c), ResultType: "RubricCriterionLevel",
		Alignment: b.criterionAlignments(c, fw)[:1]}
	for i := range c.CFRubricCriterionLevels {
		l := &c.CFRubricCriterionLevels[i]
		lv := casefile.OBRubricLevel{ID: b.uriOf(l.URI, l.Identifier), Type: []string{"RubricCriterionLevel"},
			Name: levelName(l), Description: l.Description, Alignment: []casefile.Alignment{b.levelAlignment(l, fw)}}
		if l.Score != nil {
			lv.Points = strconv.FormatFloat(*l.Score, 'f', -1, 64)
		}
		rd.RubricCriterionLevel = append(rd.RubricCriterionLevel, lv)
	}
	return rd
}

// itemName is the item's code and short statement.
func itemName(it *casefile.Item) string {
	text := firstOf(it.AbbreviatedStatement, it.AlternativeLabel, shorten(it.FullStatement, 120))
	if it.HumanCodingScheme != "" && !strings.Contains(text, it.HumanCodingScheme) {
		return it.HumanCodingScheme + " " + text
	}
	return firstOf(text, it.HumanCodingScheme, it.Identifier)
}

func criterionName(c *casefile.RubricCriterion) string {
	return firstOf(c.Category, shorten(c.Description, 120), "Criterion "+c.Identifier)
}

func levelName(l *casefile.RubricCriterionLevel) string {
	return firstOf(l.Quality, shorten(l.Description, 120), "Level "+l.Identifier)
}

func firstOf(vs ...string) string {
	for _, v := range vs {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}

// shorten cuts s to at most n runes at a word boundary, with an ellipsis.
func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n]
	cut := string(r)
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return cut + "…"
}

var bcp47 = regexp.MustCompile(`^[a-z]{2,4}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$`)

// languageTag gives a CASE language in the form OB 3.0 allows ("en",
// "en-US"), or "" when it cannot.
func languageTag(lang string) string {
	parts := strings.Split(strings.ReplaceAll(strings.TrimSpace(lang), "_", "-"), "-")
	if len(parts) == 0 || parts[0] == "" {
		return ""
	}
	parts[0] = strings.ToLower(parts[0])
	for i := 1; i < len(parts); i++ {
		switch p := parts[i]; len(p) {
		case 4:
			parts[i] = strings.ToUpper(p[:1]) + strings.ToLower(p[1:])
		default:
			parts[i] = strings.ToUpper(p)
		}
	}
	if tag := strings.Join(parts, "-"); bcp47.MatchString(tag) {
		return tag
	}
	return ""
}
