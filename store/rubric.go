package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/casenode/casenode/casefile"
)

func scanRubric(s scanner) (casefile.Rubric, error) {
	return scanData[casefile.Rubric](s)
}

// Rubric returns one CFRubric with its criteria and levels; id may be original.
func (db *DB) Rubric(ctx context.Context, id string) (*casefile.Rubric, error) {
	row := db.r.QueryRowContext(ctx, `SELECT data FROM rubrics WHERE identifier = ?1 OR original_identifier = ?1
		ORDER BY identifier = ?1 DESC LIMIT 1`, id)
	r, err := scanRubric(row)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("CFRubric", id)
	}
	if err != nil {
		return nil, internal("read CFRubric", err)
	}
	return &r, nil
}
