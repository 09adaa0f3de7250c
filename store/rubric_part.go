package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/casenode/casenode/casefile"
)

// RubricOfPart returns the CFRubric holding the criterion or criterion level
// whose identifier (or original identifier) is id. Criteria and levels live
// inside their rubric's JSON, so this scans the rubrics (a handful per
// framework) with SQLite's JSON functions; it needs no index.
func (db *DB) RubricOfPart(ctx context.Context, id string) (*casefile.Rubric, error) {
	row := db.r.QueryRowContext(ctx, `SELECT r.data FROM rubrics r, json_each(r.data, '$.CFRubricCriteria') c
		WHERE json_extract(c.value, '$.Identifier') = ?1 OR json_extract(c.value, '$.OriginalIdentifier') = ?1
		OR EXISTS (SELECT 1 FROM json_each(c.value, '$.CFRubricCriterionLevels') l
			WHERE json_extract(l.value, '$.Identifier') = ?1 OR json_extract(l.value, '$.OriginalIdentifier') = ?1)
		ORDER BY r.framework, r.ord LIMIT 1`, id)
	r, err := scanRubric(row)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("CFRubricCriterion or CFRubricCriterionLevel", id)
	}
	if err != nil {
		return nil, internal("read CFRubric of a criterion", err)
	}
	return &r, nil
}
