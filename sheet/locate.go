package sheet

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/casenode/casenode/casefile"
)

// origin is where an object of a built package came from.
type origin struct {
	t   *table
	row int
	col string // canonical column that made it ("" = the row's own)
}

// Locator turns the JSON paths of problems the import path finds in a
// sheet's package ("$.CFItems[12].lastChangeDateTime") into the sheet's rows
// and columns ("items.csv row 14, column lastChangeDateTime").
type Locator struct {
	doc    string
	items  []origin
	assocs []origin
}

// Locate rewrites the paths of err's problems; other errors pass unchanged.
func (l *Locator) Locate(err error) error {
	var ce *casefile.Error
	if l == nil || !errors.As(err, &ce) || len(ce.Problems) == 0 {
		return err
	}
	out := &casefile.Error{Code: ce.Code, Err: ce.Err, Problems: make([]casefile.Problem, len(ce.Problems))}
	for i, p := range ce.Problems {
		out.Problems[i] = casefile.Problem{Path: l.path(p.Path), Message: p.Message}
	}
	out.Message = out.Problems[0].String()
	if n := len(out.Problems); n > 1 {
		out.Message = fmt.Sprintf("%s (and %d more problems)", out.Message, n-1)
	}
	return out
}

func (l *Locator) path(p string) string {
	rest, ok := strings.CutPrefix(p, "$.")
	if !ok {
		return p
	}
	switch {
	case strings.HasPrefix(rest, "CFDocument."):
		return l.doc + ", column " + strings.TrimPrefix(rest, "CFDocument.")
	case strings.HasPrefix(rest, "CFItems["):
		return locate(l.items, strings.TrimPrefix(rest, "CFItems["), p)
	case strings.HasPrefix(rest, "CFAssociations["):
		return locate(l.assocs, strings.TrimPrefix(rest, "CFAssociations["), p)
	}
	return p
}

// locate reads "12].field…" against the origins of a list.
func locate(list []origin, rest, whole string) string {
	num, field, ok := strings.Cut(rest, "]")
	i, err := strconv.Atoi(num)
	if !ok || err != nil || i < 0 || i >= len(list) {
		return whole
	}
	o := list[i]
	field = strings.TrimPrefix(field, ".")
	col := o.col
	if col == "" {
		col = canonical(strings.SplitN(field, ".", 2)[0])
	}
	if c, ok := o.t.cols[col]; ok {
		col = o.t.header[c]
	} else if field != "" {
		col = field
	}
	if col == "" {
		return fmt.Sprintf("%s row %d", o.t.name, o.row)
	}
	return fmt.Sprintf("%s row %d, column %s", o.t.name, o.row, col)
}
