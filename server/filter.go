package server

import (
	"fmt"
	"strings"
)

// The CASE filter grammar (REST binding §3.3), generalised to any number of
// clauses with AND binding tighter than OR:
//
//	filter    = or
//	or        = and *( " OR " and )
//	and       = clause *( " AND " clause )
//	clause    = field predicate "'" value "'"   ; '' inside a value is one quote
//	field     = name *( "." name )
//	predicate = "=" | "!=" | ">" | ">=" | "<" | "<=" | "~"
//
// The filter is parsed into this tree and evaluated in Go over the encoded
// records; it never reaches SQL.

// maxFilterLength and maxFilterClauses bound the work one filter can cause.
const (
	maxFilterLength  = 4096
	maxFilterClauses = 32
)

// filterExpr is a node of a parsed filter.
type filterExpr interface{ isFilter() }

// filterClause is one predicate on one (dotted) field.
type filterClause struct {
	field []string
	op    string
	value string
}

// filterBool joins clauses with AND or OR.
type filterBool struct {
	and   bool
	terms []filterExpr
}

func (filterClause) isFilter() {}
func (filterBool) isFilter()   {}

var filterOps = []string{"!=", ">=", "<=", "=", ">", "<", "~"}

// filterParser is a cursor over the filter text.
type filterParser struct {
	src     string
	pos     int
	clauses int
}

// parseFilter parses a filter value; errors name the position and problem.
func parseFilter(src string) (filterExpr, error) {
	if len(src) > maxFilterLength {
		return nil, fmt.Errorf("filter is longer than %d characters", maxFilterLength)
	}
	p := &filterParser{src: src}
	e, err := p.or()
	if err != nil {
		return nil, err
	}
	p.space()
	if p.pos != len(p.src) {
		return nil, p.errorf("unexpected %q; clauses are joined with \" AND \" or \" OR \"", p.rest(12))
	}
	return e, nil
}

func (p *filterParser) or() (filterExpr, error) {
	return p.joined(false, p.and)
}

func (p *filterParser) and() (filterExpr, error) {
	return p.joined(true, p.clause)
}

// joined parses next *( op next ) for op AND (and=true) or OR.
func (p *filterParser) joined(and bool, next func() (filterExpr, error)) (filterExpr, error) {
	word := "OR"
	if and {
		word = "AND"
	}
	first, err := next()
	if err != nil {
		return nil, err
	}
	terms := []filterExpr{first}
	for p.keyword(word) {
		t, err := next()
		if err != nil {
			return nil, err
		}
		terms = append(terms, t)
	}
	if len(terms) == 1 {
		return first, nil
	}
	return filterBool{and: and, terms: terms}, nil
}

// keyword consumes whitespace, word (any case) and whitespace.
func (p *filterParser) keyword(word string) bool {
	save := p.pos
	if p.space() == 0 {
		return false
	}
	if len(p.src)-p.pos > len(word) && strings.EqualFold(p.src[p.pos:p.pos+len(word)], word) {
		p.pos += len(word)
		if p.space() > 0 {
			return true
		}
	}
	p.pos = save
	return false
}

func (p *filterParser) space() int {
	start := p.pos
	for p.pos < len(p.src) && (p.src[p.pos] == ' ' || p.src[p.pos] == '\t') {
		p.pos++
	}
	return p.pos - start
}

func (p *filterParser) clause() (filterExpr, error) {
	if p.clauses++; p.clauses > maxFilterClauses {
		return nil, fmt.Errorf("filter has more than %d clauses", maxFilterClauses)
	}
	p.space()
	field, err := p.field()
	if err != nil {
		return nil, err
	}
	p.space()
	op := ""
	for _, o := range filterOps {
		if strings.HasPrefix(p.src[p.pos:], o) {
			op = o
			break
		}
	}
	if op == "" {
		return nil, p.errorf("expected one of = != > >= < <= ~ after %q", strings.Join(field, "."))
	}
	p.pos += len(op)
	p.space()
	value, err := p.quoted()
	if err != nil {
		return nil, err
	}
	return filterClause{field: field, op: op, value: value}, nil
}

func (p *filterParser) field() ([]string, error) {
	start := p.pos
	for p.pos < len(p.src) && isFieldChar(p.src[p.pos]) {
		p.pos++
	}
	name := p.src[start:p.pos]
	if name == "" {
		return nil, p.errorf("expected a field name")
	}
	parts := strings.Split(name, ".")
	for _, part := range parts {
		if part == "" {
			return nil, fmt.Errorf("field %q has an empty part", name)
		}
	}
	return parts, nil
}

func isFieldChar(c byte) bool {
	return c == '.' || c == '_' || c == '-' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// quoted reads a single-quoted value; ” is an escaped quote.
func (p *filterParser) quoted() (string, error) {
	if p.pos >= len(p.src) || p.src[p.pos] != '\'' {
		return "", p.errorf("the value must be in single quotes")
	}
	p.pos++
	var b strings.Builder
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		p.pos++
		if c != '\'' {
			b.WriteByte(c)
			continue
		}
		if p.pos < len(p.src) && p.src[p.pos] == '\'' {
			b.WriteByte('\'')
			p.pos++
			continue
		}
		return b.String(), nil
	}
	return "", fmt.Errorf("the value has no closing quote")
}

func (p *filterParser) rest(n int) string {
	r := p.src[p.pos:]
	if len(r) > n {
		r = r[:n] + "…"
	}
	return r
}

func (p *filterParser) errorf(format string, args ...any) error {
	return fmt.Errorf("at character %d: %s", p.pos+1, fmt.Sprintf(format, args...))
}

// filterFields lists every field path the filter uses.
func filterFields(e filterExpr) [][]string {
	switch e := e.(type) {
	case filterClause:
		return [][]string{e.field}
	case filterBool:
		var out [][]string
		for _, t := range e.terms {
			out = append(out, filterFields(t)...)
		}
		return out
	}
	return nil
}
