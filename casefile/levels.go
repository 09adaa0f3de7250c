package casefile

import (
	"strconv"
	"strings"
)

// Education levels. CASE takes its educationLevel values from CEDS: "KG",
// "01"…"13", "PK", "PS" and so on. Real data also writes "K", "3", "Grade 3"
// or "HS". These functions are the one place that reads them.

// levelNames names the CEDS codes that are not grades.
var levelNames = map[string]string{
	"IT": "Infant/toddler", "PR": "Preschool", "PK": "Pre-kindergarten", "TK": "Transitional kindergarten",
	"KG": "Kindergarten", "HS": "High school", "PS": "Postsecondary", "AS": "Associate's degree",
	"BA": "Bachelor's degree", "PB": "Post-baccalaureate", "MD": "Master's degree", "PM": "Post-master's",
	"DO": "Doctoral degree", "PD": "Post-doctoral", "AE": "Adult education", "PT": "Professional or technical",
	"OT": "Other",
}

// levelRanks orders the levels that have a place on the K-12 scale (KG = 0,
// grade n = n); the rest have none.
var levelRanks = map[string]int{"IT": -3, "PR": -2, "PK": -1, "TK": -1, "KG": 0}

// NormalizeLevel returns the CEDS code of a level as publishers write it:
// "K", "k", "Kindergarten" → "KG"; "3", "Grade 3", "03" → "03"; other
// values upper-cased and trimmed.
func NormalizeLevel(l string) string {
	s := strings.ToUpper(strings.TrimSpace(l))
	s = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(s, "GRADE"), "GR."))
	switch s {
	case "K", "KINDERGARTEN", "KINDER":
		return "KG"
	case "PRE-K", "PREK", "PRE-KINDERGARTEN":
		return "PK"
	case "HIGH SCHOOL":
		return "HS"
	}
	if n, err := strconv.Atoi(s); err == nil && n >= 1 && n <= 13 {
		return twoDigits(n)
	}
	return s
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// LevelRank places a level on the K-12 scale (KG = 0, grade n = n, 13 for
// the thirteenth year); ok is false for levels with no place on it (adult,
// postsecondary degrees, "HS" which spans 9-12).
func LevelRank(l string) (rank int, ok bool) {
	c := NormalizeLevel(l)
	if r, ok := levelRanks[c]; ok {
		return r, true
	}
	if n, err := strconv.Atoi(c); err == nil && n >= 1 && n <= 13 {
		return n, true
	}
	return 0, false
}

// LevelName is a level as people say it: "Kindergarten", "Grade 3",
// "Postsecondary"; an unknown code is shown as sent.
func LevelName(l string) string {
	c := NormalizeLevel(l)
	if n, ok := levelNames[c]; ok {
		return n
	}
	if n, err := strconv.Atoi(c); err == nil && n >= 1 && n <= 13 {
		return "Grade " + strconv.Itoa(n)
	}
	return strings.TrimSpace(l)
}

// LevelRange names a set of levels compactly, in order: "Kindergarten",
// "Grades 3–5", "Kindergarten – Grade 12", "Grade 8, Postsecondary".
func LevelRange(levels []string) string {
	lo, hi, ranked := 0, 0, 0
	var others []string
	seen := map[string]bool{}
	for _, l := range levels {
		c := NormalizeLevel(l)
		if seen[c] {
			continue
		}
		seen[c] = true
		r, ok := LevelRank(c)
		if !ok {
			others = append(others, LevelName(c))
			continue
		}
		if ranked == 0 || r < lo {
			lo = r
		}
		if ranked == 0 || r > hi {
			hi = r
		}
		ranked++
	}
	var parts []string
	switch {
	case ranked == 0:
	case lo == hi:
		parts = append(parts, LevelName(rankCode(lo)))
	case lo >= 1:
		parts = append(parts, "Grades "+strconv.Itoa(lo)+"–"+strconv.Itoa(hi))
	default:
		parts = append(parts, LevelName(rankCode(lo))+" – "+LevelName(rankCode(hi)))
	}
	return strings.Join(append(parts, others...), ", ")
}

// rankCode is the CEDS code of a rank on the K-12 scale.
func rankCode(r int) string {
	for c, v := range levelRanks {
		if v == r {
			return c
		}
	}
	return twoDigits(r)
}
