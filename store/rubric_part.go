package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/casenode/casenode/casefile"
)

// RubricHolding returns the CFRubric that is, or holds the criterion or
// criterion level, whose identifier, original identifier or uri is id, with the
// framework it belongs to. Criteria and levels live inside their rubric's
// JSON, so a part is found by scanning the rubrics (a handful per framework)
// with SQLite's JSON functions; it needs no index.
func (db *DB) RubricHolding(ctx context.Context, id string) (*casefile.Rubric, string, error) {
	r, fw, err := db.rubricRow(ctx, `SELECT data, framework FROM rubrics WHERE identifier = ?1 OR original_identifier = ?1
		OR json_extract(data, '$.URI') = ?1 ORDER BY identifier = ?1 DESC LIMIT 1`, id)
	if !errors.Is(err, sql.ErrNoRows) {
		return r, fw, err
	}
	r, fw, err = db.rubricRow(ctx, `SELECT r.data, r.framework FROM rubrics r, json_each(r.data, '$.CFRubricCriteria') c
		WHERE ?1 IN (json_extract(c.value, '$.Identifier'), json_extract(c.value, '$.OriginalIdentifier'), json_extract(c.value, '$.URI'))
		OR EXISTS (SELECT 1 FROM json_each(c.value, '$.CFRubricCriterionLevels') l
			WHERE ?1 IN (json_extract(l.value, '$.Identifier'), json_extract(l.value, '$.OriginalIdentifier'), json_extract(l.value, '$.URI')))
		ORDER BY r.framework, r.ord LIMIT 1`, id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, "", notFound("CFRubric, CFRubricCriterion or CFRubricCriterionLevel", id)
	}
	return r, fw, err
}

func (db *DB) rubricRow(ctx context.Context, q, id string) (*casefile.Rubric, string, error) {
	var data, fw string
	if err := db.r.QueryRowContext(ctx, q, id).Scan(&data, &fw); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, "", err
		}
		return nil, "", internal("read CFRubric", err)
	}
	r, err := decode[casefile.Rubric](data)
	if err != nil {
		return nil, "", internal("read CFRubric", err)
	}
	return &r, fw, nil
}
