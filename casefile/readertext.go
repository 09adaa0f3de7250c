package casefile

import (
	"html"
	"regexp"
	"strings"
)

// ReaderText returns a statement as a reader sees it: HTML tags and
// entities, Markdown markup and LaTeX delimiters and commands are removed,
// and whitespace is collapsed. Math keeps its tokens ("$a/b$" → "a/b",
// "$\frac{1}{2}$" → "1/2", "$l \times w$" → "l × w"). Search indexing,
// similarity and alignment analyse this text, and snippets show it.
func ReaderText(s string) string {
	if !strings.ContainsAny(s, markupChars) {
		return collapseSpace(s)
	}
	var b strings.Builder
	for len(s) > 0 {
		start, end, open, close := nextMath(s)
		if start < 0 {
			b.WriteString(plainProse(s))
			break
		}
		b.WriteString(plainProse(s[:start]))
		b.WriteByte(' ')
		b.WriteString(plainMath(s[start+len(open) : end]))
		b.WriteByte(' ')
		s = s[end+len(close):]
	}
	return collapseSpace(b.String())
}

// markupChars are the bytes without which a text holds no markup.
const markupChars = "<>&$\\*_`[#|\r\n\t"

// mathDelims are LaTeX's math delimiters, longest first.
var mathDelims = [][2]string{{"$$", "$$"}, {`\[`, `\]`}, {`\(`, `\)`}, {"$", "$"}}

// nextMath finds the first math segment of s: its start, the start of its
// closing delimiter, and the delimiters; start is -1 when there is none.
func nextMath(s string) (start, end int, open, close string) {
	start = -1
	for _, d := range mathDelims {
		for from := 0; from < len(s); {
			i := strings.Index(s[from:], d[0])
			if i < 0 || (start >= 0 && from+i >= start) {
				break
			}
			i += from
			j := strings.Index(s[i+len(d[0]):], d[1])
			if d[0] == "$" {
				j = closingDollar(s, i)
			}
			if j >= 0 {
				start, end, open, close = i, i+len(d[0])+j, d[0], d[1]
				break
			}
			from = i + len(d[0])
		}
	}
	return start, end, open, close
}

// closingDollar finds the $ closing one opened at i, as Pandoc reads TeX
// math: the opening $ is followed by a non-space, the closing one follows a
// non-space and is not followed by a digit (so "$5 and $6" is money). It
// returns the offset after the opening $, or -1.
func closingDollar(s string, i int) int {
	body := s[i+1:]
	if body == "" || body[0] == ' ' || body[0] == '$' || money.MatchString(body) {
		return -1
	}
	for j := 1; j < len(body); j++ {
		if body[j] != '$' {
			continue
		}
		if body[j-1] != ' ' && (j+1 == len(body) || body[j+1] < '0' || body[j+1] > '9') {
			return j
		}
	}
	return -1
}

// money is an amount after a $ sign followed by words ("$1.25 coin",
// "$25 an hour", "$3."), not math ("$7 ÷ 1/3$").
var money = regexp.MustCompile(`^\d[\d,]*(?:\.\d+)?(?:[.,;:!?)]?(?:\s|$)(?:[\pL(]|$)|$)`)

var (
	htmlTag  = regexp.MustCompile(`(?i)</?(?:a|abbr|b|blockquote|br|code|dd|div|dl|dt|em|font|h[1-6]|hr|i|img|li|ol|p|pre|small|span|strong|sub|sup|table|tbody|td|th|thead|tr|u|ul)\b[^<>]*>|<!--[\s\S]*?-->`)
	mdImage  = regexp.MustCompile(`!\[([^\]]*)\]\([^)]*\)`)
	mdLink   = regexp.MustCompile(`\[([^\]]+)\]\([^)]*\)`)
	mdStrong = regexp.MustCompile(`(\*\*|__)(\S(?:[^*_]*?\S)?)(\*\*|__)`)
	mdEm     = regexp.MustCompile(`(^|[\s(])[*_](\S(?:[^*_]*?\S)?)[*_]([\s.,;:!?)]|$)`)
	mdCode   = regexp.MustCompile("`+([^`]*)`+")
	mdLine   = regexp.MustCompile(`(?m)^[ \t]*(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$)`)
)

// plainProse removes HTML and Markdown markup from text outside math.
func plainProse(s string) string {
	s = strings.ReplaceAll(s, "\r", "")
	if strings.Contains(s, "<") {
		s = htmlTag.ReplaceAllString(s, " ")
	}
	if strings.ContainsAny(s, "[]") {
		s = mdImage.ReplaceAllString(s, "$1")
		s = mdLink.ReplaceAllString(s, "$1")
	}
	if strings.ContainsAny(s, "*_") {
		s = mdStrong.ReplaceAllString(s, "$2")
		s = mdEm.ReplaceAllString(s, "$1$2$3")
	}
	if strings.Contains(s, "`") {
		s = mdCode.ReplaceAllString(s, "$1")
	}
	if strings.ContainsAny(s, "#>-*+|") {
		s = mdLine.ReplaceAllString(s, " ")
		s = strings.ReplaceAll(s, "|", " ")
	}
	if strings.Contains(s, "&") {
		s = html.UnescapeString(s)
	}
	return s
}

// latexFrac matches \frac{a}{b} (and \dfrac, \tfrac) with unnested arguments.
var latexFrac = regexp.MustCompile(`\\[dt]?frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}`)

// latexMarks are LaTeX's non-letter commands, written as a reader sees them.
var latexMarks = strings.NewReplacer(`\not =`, "≠", `\not=`, "≠", `^\circ`, "°", `^{\circ}`, "°",
	`\%`, "%", `\$`, "$", `\{`, "{", `\}`, "}", `\,`, " ", `\;`, " ", `\:`, " ", `\!`, "", `\ `, " ", `\\`, " ")

// latexWords are the letter commands written as a symbol ("" drops the
// command and keeps its argument); any other command keeps its name (\sin → sin).
var latexWords = map[string]string{
	"neq": "≠", "ne": "≠", "leq": "≤", "le": "≤", "geq": "≥", "ge": "≥", "times": "×", "div": "÷",
	"cdot": "·", "pm": "±", "pi": "π", "degree": "°", "sqrt": "√", "over": "/", "infty": "∞", "approx": "≈",
	"left": "", "right": "", "text": "", "mathrm": "", "textrm": "", "mathit": "", "mathbf": "", "operatorname": "",
}

var latexCommand = regexp.MustCompile(`\\([a-zA-Z]+)`)

// plainMath writes LaTeX math with the tokens a reader sees.
func plainMath(s string) string {
	for i := 0; i < 4 && strings.Contains(s, "frac"); i++ {
		s = latexFrac.ReplaceAllString(s, "$1/$2")
	}
	s = latexMarks.Replace(s)
	s = latexCommand.ReplaceAllStringFunc(s, func(c string) string {
		if w, ok := latexWords[c[1:]]; ok {
			return w
		}
		return c[1:]
	})
	return strings.NewReplacer("{", "", "}", "").Replace(s)
}

// collapseSpace trims s and turns every run of white space into one space.
func collapseSpace(s string) string {
	if !strings.ContainsAny(s, "\r\n\t") && !strings.Contains(s, "  ") && strings.TrimSpace(s) == s {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}
