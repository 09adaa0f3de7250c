package crosswalk

import (
	"github.com/casenode/casenode/casefile"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// levelSet is a set of education levels as grade ordinals: bit 0 is
// pre-kindergarten, bit 1 kindergarten, bit g+1 grade g (up to 12).
type levelSet uint16

const (
	gradePK  = -1
	gradeK   = 0
	maxGrade = 12
)

func gradeBit(g int) levelSet {
	if g < gradePK || g > maxGrade {
		return 0
	}
	return 1 << uint(g+1)
}

func gradeRange(lo, hi int) levelSet {
	var s levelSet
	for g := lo; g <= hi; g++ {
		s |= gradeBit(g)
	}
	return s
}

// parseLevels reads CASE educationLevel values ("KG", "03", "09"…); values
// it does not know are ignored.
func parseLevels(ls []string) levelSet {
	var s levelSet
	for _, l := range ls {
		switch n := normLevel(l); n {
		case "k":
			s |= gradeBit(gradeK)
		case "pk":
			s |= gradeBit(gradePK)
		default:
			if g, err := strconv.Atoi(n); err == nil {
				s |= gradeBit(g)
			}
		}
	}
	return s
}

// String writes the set as CASE education levels ("KG", "01", …).
func (s levelSet) levels() []string {
	var out []string
	for g := gradePK; g <= maxGrade; g++ {
		if s&gradeBit(g) == 0 {
			continue
		}
		switch g {
		case gradePK:
			out = append(out, "PK")
		case gradeK:
			out = append(out, "KG")
		default:
			out = append(out, strconv.Itoa(100 + g)[1:])
		}
	}
	return out
}

// distance is the smallest gap in grades between two sets (0 when they
// share a level); -1 when either is unknown.
func (s levelSet) distance(o levelSet) int {
	if s == 0 || o == 0 {
		return -1
	}
	if s&o != 0 {
		return 0
	}
	for gap := 1; gap <= maxGrade+1; gap++ {
		if (s<<gap)&o != 0 || (s>>gap)&o != 0 {
			return gap
		}
	}
	return maxGrade + 2
}

// Level prior: a suggestion's text score is multiplied by the factor of the
// gap between the source's and the target's levels, so the same level comes
// first, an adjacent one next, and a far one only on much stronger text.
// Measured on the gold set (BENCHMARKS.md); levelNear chosen on the dev
// split (0.4–0.55 give the same figures there; 0.75 let an adjacent grade's
// standard outrank the right one of the same grade).
const (
	levelSame    = 1.0
	levelNear    = 0.5
	levelFar     = 0.4
	levelUnknown = 0.85
)

func levelFactor(a, b levelSet) float64 {
	switch d := a.distance(b); {
	case d < 0:
		return levelUnknown
	case d == 0:
		return levelSame
	case d == 1:
		return levelNear
	default:
		return levelFar
	}
}

// levelName reads the levels a phrase names.
type levelName struct {
	re  *regexp.Regexp
	set func(m []string) levelSet
}

// headingLevels are the level names that headings use ("Kindergarten",
// "Grade 3", "Grades 6-8", "Algebra I", "High School"), first match wins:
// the grade names, then the course names.
var headingLevels = append(slices.Clip(gradeNames), courseNames...)

// gradeNames name grades; a passage to align may name its level with them.
var gradeNames = []levelName{
	{regexp.MustCompile(`(?i)\bgrades?\s+(k|\d{1,2})\s*(?:-|–|to|through)\s*(\d{1,2})\b`), func(m []string) levelSet {
		lo, _ := strconv.Atoi(m[1])
		hi, _ := strconv.Atoi(m[2])
		return gradeRange(lo, hi)
	}},
	{regexp.MustCompile(`(?i)\b(?:pre-?k|pre-?kindergarten)\b`), func([]string) levelSet { return gradeBit(gradePK) }},
	{regexp.MustCompile(`(?i)\bkindergarten\b`), func([]string) levelSet { return gradeBit(gradeK) }},
	{regexp.MustCompile(`(?i)\bgrade\s+(\d{1,2})\b`), func(m []string) levelSet {
		g, _ := strconv.Atoi(m[1])
		return gradeBit(g)
	}},
}

// courseNames name courses and school stages, which in a passage are more
// often its topic ("statistics") than its level.
var courseNames = []levelName{
	{regexp.MustCompile(`(?i)\b(?:high school|algebra i{1,2}|geometry|precalculus|calculus|statistics|biology|chemistry|physics)\b`), func([]string) levelSet { return gradeRange(9, 12) }},
	{regexp.MustCompile(`(?i)\bmiddle school\b`), func([]string) levelSet { return gradeRange(6, 8) }},
	{regexp.MustCompile(`(?i)\belementary\b`), func([]string) levelSet { return gradeRange(gradeK, 5) }},
}

// levelsOfHeading reads the levels a heading's title names.
func levelsOfHeading(title string) levelSet {
	if len(title) > 200 {
		title = title[:200]
	}
	return levelsNamed(title, headingLevels)
}

// levelsNamed is the levels the first of names that text holds names.
func levelsNamed(text string, names []levelName) levelSet {
	for _, h := range names {
		if m := h.re.FindStringSubmatch(text); m != nil {
			return h.set(m)
		}
	}
	return 0
}

// normLevel normalises the spelling of an education level.
func normLevel(l string) string {
	l = strings.ToLower(strings.TrimSpace(l))
	switch l {
	case "k", "kg", "kindergarten", "00":
		return "k"
	case "pk", "prek", "pre-k", "prekindergarten":
		return "pk"
	}
	if n, err := strconv.Atoi(l); err == nil {
		return strconv.Itoa(n)
	}
	return l
}

// codeGrade is a humanCodingScheme segment that names a grade or a grade
// band: "K", "PK", "3", "11-12", "K-2".
var codeGrade = regexp.MustCompile(`^(K|PK|\d{1,2})(?:-(K|\d{1,2}))?$`)

// codeLevel is the grade or grade band a humanCodingScheme names
// ("OLO.3-4.AT.2", "RI.K.8", "3.OA.A"): the first segment that names one,
// when every segment before it is a name (letters, no digits; after the
// first, more than one letter: "B" in "HSA-SSE.B.3.b" enumerates) and at
// least one segment follows it (so a final "1" is a number, not a grade). A
// code with a number before any grade ("111.3(b)(1)(A)") names none.
type codeLevel struct {
	set  levelSet
	pos  int  // the segment's position in the code
	sure bool // K, PK or a band: no number reads so ("3" may number a list)
}

func levelsOfCode(code string) codeLevel {
	if len(code) > 100 {
		return codeLevel{}
	}
	segs := strings.Split(strings.TrimSpace(code), ".")
	for i, s := range segs[:max(len(segs)-1, 0)] {
		if m := codeGrade.FindStringSubmatch(s); m != nil {
			lo, hi := codeOrdinal(m[1]), codeOrdinal(m[2])
			if m[2] == "" {
				hi = lo
			}
			if lo > hi || hi > maxGrade || i >= 64 {
				return codeLevel{}
			}
			return codeLevel{set: gradeRange(lo, hi), pos: i, sure: m[2] != "" || lo <= gradeK}
		}
		if strings.ContainsAny(s, "0123456789") || s == "" || (i > 0 && len(s) == 1) {
			return codeLevel{} // a number, or an enumerator
		}
	}
	return codeLevel{}
}

// codeGradePositions are the positions at which the codes of a framework
// name grades: those where some code has a segment that can only be a grade
// (K, PK or a band), as a bit set.
func codeGradePositions(items []casefile.Item) uint64 {
	var at uint64
	for i := range items {
		if c := levelsOfCode(items[i].HumanCodingScheme); c.sure {
			at |= 1 << uint(c.pos)
		}
	}
	return at
}

// codeOrdinal is the grade ordinal of a code segment's grade.
func codeOrdinal(s string) int {
	switch s {
	case "K":
		return gradeK
	case "PK":
		return gradePK
	}
	g, _ := strconv.Atoi(s)
	return g
}
