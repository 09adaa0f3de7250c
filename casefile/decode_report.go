package casefile

import (
	"strconv"
	"strings"
)

// aggregateOver is the number of identical warnings (same field pattern, same
// message) above which they are reported once with a count.
const aggregateOver = 1000

// maxProblems bounds the problems kept for one input; the error message
// still counts them all.
const maxProblems = 1000

// report collects warnings and problems while one input is decoded.
type report struct {
	warnings []Warning
	// kinds[i] is warnings[i]'s message without its values: identical kinds
	// at the same path pattern are aggregated.
	kinds     []string
	problems  []Problem
	nProblems int
}

func (r *report) warn(path, msg string) {
	r.warnings = append(r.warnings, Warning{Path: path, Message: msg})
	r.kinds = append(r.kinds, msg)
}

// warnv reports a warning whose message is kind followed by the values it
// concerns; warnings of the same kind aggregate.
func (r *report) warnv(path, kind, detail string) {
	r.warnings = append(r.warnings, Warning{Path: path, Message: kind + ": " + detail})
	r.kinds = append(r.kinds, kind)
}

func (r *report) problem(path, msg string) {
	r.nProblems++
	if len(r.problems) < maxProblems {
		r.problems = append(r.problems, Problem{Path: path, Message: msg})
	}
}

// merge appends what o reported (a later part of the same input) to r, as
// if r had reported it.
func (r *report) merge(o *report) {
	r.warnings = append(r.warnings, o.warnings...)
	r.kinds = append(r.kinds, o.kinds...)
	r.problems = append(r.problems, o.problems[:min(len(o.problems), maxProblems-len(r.problems))]...)
	r.nProblems += o.nProblems
}

// pathPattern replaces array indices by "*": $.CFItems[12].x -> $.CFItems[*].x.
func pathPattern(p string) string {
	if !strings.Contains(p, "[") {
		return p
	}
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		b.WriteByte(c)
		if c != '[' {
			continue
		}
		j := i + 1
		for j < len(p) && p[j] >= '0' && p[j] <= '9' {
			j++
		}
		if j > i+1 && j < len(p) && p[j] == ']' {
			b.WriteByte('*')
			i = j - 1
		}
	}
	return b.String()
}

// aggregated returns the warnings with every group of more than
// aggregateOver identical ones (same path pattern and kind) folded into one
// warning at the position of its first occurrence.
func (r *report) aggregated() []Warning {
	ws := r.warnings
	if len(ws) <= aggregateOver {
		return ws
	}
	type key struct{ pattern, msg string }
	counts := make(map[key]int)
	keys := make([]key, len(ws))
	for i, w := range ws {
		k := key{pathPattern(w.Path), r.kinds[i]}
		keys[i] = k
		counts[k]++
	}
	out := make([]Warning, 0, len(ws))
	done := make(map[key]bool)
	for i, w := range ws {
		k := keys[i]
		n := counts[k]
		if n <= aggregateOver {
			out = append(out, w)
			continue
		}
		if done[k] {
			continue
		}
		done[k] = true
		out = append(out, Warning{Path: k.pattern, Message: k.msg + " (" + strconv.Itoa(n) + " times)"})
	}
	return out
}

// invalidError builds the *Error for a rejected input from its problems.
func invalidError(probs []Problem, total int) *Error {
	if total < len(probs) {
		total = len(probs)
	}
	msg := "invalid CASE package"
	if len(probs) > 0 {
		msg = probs[0].String()
	}
	if total > 1 {
		msg += ", and " + strconv.Itoa(total-1) + " more problem"
		if total > 2 {
			msg += "s"
		}
	}
	return &Error{Code: Invalid, Message: msg, Problems: probs}
}
