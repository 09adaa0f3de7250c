package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/casenode/casenode/casefile"
)

// Client is an OAuth client of the node. SecretHash is computed by the caller.
type Client = casefile.Client

// PutClient adds or replaces a client (CreatedAt now when zero).
func (db *DB) PutClient(ctx context.Context, c Client) error {
	if strings.TrimSpace(c.ID) == "" || c.SecretHash == "" {
		return casefile.Errorf(casefile.Invalid, "client needs an id and a secret")
	}
	if c.CreatedAt.IsZero() {
		c.CreatedAt = time.Now()
	}
	scopes, err := json.Marshal(append([]string{}, c.Scopes...))
	if err != nil {
		return internal("write client", err)
	}
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO clients(id, name, secret_hash, scopes, created_at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT(id) DO UPDATE SET name = excluded.name, secret_hash = excluded.secret_hash,
			scopes = excluded.scopes, created_at = excluded.created_at`,
			c.ID, c.Name, c.SecretHash, string(scopes), formatTime(c.CreatedAt))
		if err != nil {
			return internal("write client", err)
		}
		return nil
	})
}

func scanClient(s scanner) (Client, error) {
	var c Client
	var scopes, created string
	if err := s.Scan(&c.ID, &c.Name, &c.SecretHash, &scopes, &created); err != nil {
		return c, err
	}
	c.CreatedAt = parseTime(created)
	return c, json.Unmarshal([]byte(scopes), &c.Scopes)
}

// Client returns one client.
func (db *DB) Client(ctx context.Context, id string) (Client, error) {
	c, err := scanClient(db.r.QueryRowContext(ctx, `SELECT id, name, secret_hash, scopes, created_at FROM clients WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Client{}, notFound("client", id)
	}
	if err != nil {
		return Client{}, internal("read client", err)
	}
	return c, nil
}

// Clients lists every client by id.
func (db *DB) Clients(ctx context.Context) ([]Client, error) {
	return queryList(ctx, db.r, "list clients", `SELECT id, name, secret_hash, scopes, created_at FROM clients ORDER BY id`, nil, scanClient)
}

// DeleteClient removes a client.
func (db *DB) DeleteClient(ctx context.Context, id string) error {
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		r, err := tx.ExecContext(ctx, `DELETE FROM clients WHERE id = ?`, id)
		if err != nil {
			return internal("delete client", err)
		}
		if n, _ := r.RowsAffected(); n == 0 {
			return notFound("client", id)
		}
		return nil
	})
}
