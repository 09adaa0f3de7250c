package store

import (
	"context"

	"github.com/casenode/casenode/casefile"
)

// scanner is a *sql.Row or *sql.Rows.
type scanner interface{ Scan(dest ...any) error }

// docLink is the LinkURI of a framework's document, from a joined
// frameworks row (title and uri may be NULL when the row is missing).
func docLink(framework string, title, uri *string) *casefile.LinkURI {
	l := &casefile.LinkURI{Identifier: framework}
	if title != nil {
		l.Title = *title
	}
	if uri != nil {
		l.URI = *uri
	}
	return l
}

// queryList runs q and decodes each row with scan.
func queryList[T any](ctx context.Context, q querier, op, query string, args []any, scan func(scanner) (T, error)) ([]T, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, internal(op, err)
	}
	defer rows.Close()
	out := []T{}
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, internal(op, err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, internal(op, err)
	}
	return out, nil
}
