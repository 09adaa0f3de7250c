package casefile_test

import (
	"testing"

	"github.com/casenode/casenode/casefile"
)

func TestReaderText(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Add within 20.", "Add within 20."},
		{"  two\r\n\r\nlines\t ", "two lines"},
		{"Interpret 5 × 7. <em>For example, describe a context.</em> ", "Interpret 5 × 7. For example, describe a context."},
		{"a<br/>b <span class=\"x\">c</span> &amp; d &lt; e", "a b c & d < e"},
		{"if a < b and c > d", "if a < b and c > d"},
		{"compose a fraction $a/b$ as a sum of parts $1/b$;", "compose a fraction a/b as a sum of parts 1/b ;"},
		{"the area of a rectangle ($l \\times w$); and", "the area of a rectangle ( l × w ); and"},
		{"where $b \\not = 0$.", "where b ≠ 0 ."},
		{"$\\frac{1}{2}$ and $\\dfrac{3}{4}$ and \\(x \\le 3\\)", "1/2 and 3/4 and x ≤ 3"},
		{"$x = {-b \\pm \\sqrt{b^2-4ac} \\over 2a}$", "x = -b ± √b^2-4ac / 2a"},
		{"$\\left(x\\right)$ $\\sin x$", "(x) sin x"},
		{"costs $5 and $6", "costs $5 and $6"},
		{"a $1.25 coin and $x$", "a $1.25 coin and x"},
		{"such as $1/3 ÷ 7$ and $7 ÷ 1/3$ using", "such as 1/3 ÷ 7 and 7 ÷ 1/3 using"},
		{"earns $25 an hour, gets $2.50, for $27.50. If", "earns $25 an hour, gets $2.50, for $27.50. If"},
		{"This contains a _table_ in **markdown**:\r\n\r\n| Column 1 | Column 2 |\r\n| --- | --- |\r\n| data 1 | data 2|", "This contains a table in markdown: Column 1 Column 2 data 1 data 2"},
		{"# Heading\n- item one\n* item two\n> quoted `code` [link text](http://x.example/a)", "Heading item one item two quoted code link text"},
		{"snake_case_word and 2*3*4", "snake_case_word and 2*3*4"},
	}
	for _, c := range cases {
		if got := casefile.ReaderText(c.in); got != c.want {
			t.Errorf("ReaderText(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}

func BenchmarkReaderTextPlain(b *testing.B) {
	s := "Use place value understanding to round multi-digit whole numbers to any place."
	for b.Loop() {
		casefile.ReaderText(s)
	}
}
