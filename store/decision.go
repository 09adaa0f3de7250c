package store

import (
	"context"
	"database/sql"

	"github.com/casenode/casenode/casefile"
)

// Crosswalk decisions (accepted and rejected suggestions) belong to the
// crosswalk package, which reaches them through these methods only.

// PutDecision records a decision on (SourceItem, TargetItem), replacing any
// earlier one on the same pair.
func (db *DB) PutDecision(ctx context.Context, d casefile.CrosswalkDecision) error {
	if d.SourceItem == "" || d.TargetItem == "" || d.By == "" ||
		(d.Decision != casefile.DecisionAccepted && d.Decision != casefile.DecisionRejected) {
		return casefile.Errorf(casefile.Invalid, "a decision needs two items, who took it and accepted or rejected")
	}
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO crosswalk_decisions(source_item, target_item, source_framework,
			target_framework, decision, association_type, association, decided_by, decided_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT(source_item, target_item) DO UPDATE SET source_framework = excluded.source_framework,
			target_framework = excluded.target_framework, decision = excluded.decision,
			association_type = excluded.association_type, association = excluded.association,
			decided_by = excluded.decided_by, decided_at = excluded.decided_at`,
			d.SourceItem, d.TargetItem, d.SourceFramework, d.TargetFramework, d.Decision, d.AssociationType,
			d.Association, d.By, formatTime(d.At))
		if err != nil {
			return internal("write crosswalk decision", err)
		}
		return tickDecisions(ctx, tx)
	})
}

// DeleteDecision forgets the decision on (sourceItem, targetItem), or the
// accepted decision behind an association when sourceItem is "" and
// targetItem is the association's identifier. It reports whether one was removed.
func (db *DB) DeleteDecision(ctx context.Context, sourceItem, targetItem string) (bool, error) {
	var n int64
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		q, args := `DELETE FROM crosswalk_decisions WHERE source_item = ? AND target_item = ?`, []any{sourceItem, targetItem}
		if sourceItem == "" {
			q, args = `DELETE FROM crosswalk_decisions WHERE association = ? AND association <> ''`, []any{targetItem}
		}
		res, err := tx.ExecContext(ctx, q, args...)
		if err != nil {
			return internal("delete crosswalk decision", err)
		}
		if n, err = res.RowsAffected(); err != nil || n == 0 {
			return err
		}
		return tickDecisions(ctx, tx)
	})
	return n > 0, err
}

func tickDecisions(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, `UPDATE crosswalk_decision_clock SET n = n + 1 WHERE id = 1`); err != nil {
		return internal("write crosswalk decision", err)
	}
	return nil
}

// DecisionClock is a number that changes whenever a decision is recorded or removed.
func (db *DB) DecisionClock(ctx context.Context) (int64, error) {
	var n int64
	if err := db.r.QueryRowContext(ctx, `SELECT n FROM crosswalk_decision_clock WHERE id = 1`).Scan(&n); err != nil {
		return 0, internal("read crosswalk decisions", err)
	}
	return n, nil
}

// Decisions returns the decisions between the items of two frameworks, in
// either direction, oldest first; with both frameworks "", every decision.
func (db *DB) Decisions(ctx context.Context, frameworkA, frameworkB string) ([]casefile.CrosswalkDecision, error) {
	q := `SELECT source_item, target_item, source_framework, target_framework, decision, association_type,
		association, decided_by, decided_at FROM crosswalk_decisions`
	var args []any
	if frameworkA != "" || frameworkB != "" {
		q += ` WHERE (source_framework = ? AND target_framework = ?) OR (source_framework = ? AND target_framework = ?)`
		args = []any{frameworkA, frameworkB, frameworkB, frameworkA}
	}
	return queryList(ctx, db.r, "read crosswalk decisions", q+` ORDER BY decided_at, source_item, target_item`, args,
		func(s scanner) (casefile.CrosswalkDecision, error) {
			var d casefile.CrosswalkDecision
			var at string
			err := s.Scan(&d.SourceItem, &d.TargetItem, &d.SourceFramework, &d.TargetFramework, &d.Decision,
				&d.AssociationType, &d.Association, &d.By, &at)
			d.At = parseTime(at)
			return d, err
		})
}
