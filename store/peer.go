package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/casenode/casenode/casefile"
)

// Peers of this node (owned by the federation package; table from
// migrations/0100_federation.sql).

const peerColumns = `name, url, mode, interval_ns, last_sync, last_ok, last_error, last_seq, frameworks, failures`

// PutPeer adds or replaces the peer p.Name with its credentials (the sync
// state of an existing peer is kept).
func (db *DB) PutPeer(ctx context.Context, p casefile.Peer, cred casefile.PeerCredentials) error {
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO peers
			(name, url, mode, interval_ns, token_url, client_id, client_secret, scope, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT(name) DO UPDATE SET url = excluded.url, mode = excluded.mode,
				interval_ns = excluded.interval_ns, token_url = excluded.token_url,
				client_id = excluded.client_id, client_secret = excluded.client_secret, scope = excluded.scope`,
			p.Name, p.URL, p.Mode, int64(p.Interval), cred.TokenURL, cred.ClientID, cred.ClientSecret, cred.Scope,
			formatTime(time.Now()))
		if err != nil && strings.Contains(err.Error(), "UNIQUE constraint failed: peers.url") {
			return casefile.Errorf(casefile.Conflict, "another peer already has URL %s", p.URL)
		}
		if err != nil {
			return internal("put peer", err)
		}
		return nil
	})
}

// Peers lists every peer by name.
func (db *DB) Peers(ctx context.Context) ([]casefile.Peer, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT `+peerColumns+` FROM peers ORDER BY name`)
	if err != nil {
		return nil, internal("list peers", err)
	}
	defer rows.Close()
	out := []casefile.Peer{}
	for rows.Next() {
		p, err := scanPeer(rows)
		if err != nil {
			return nil, internal("list peers", err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, internal("list peers", err)
	}
	return out, nil
}

// Peer returns one peer; NotFound when absent.
func (db *DB) Peer(ctx context.Context, name string) (casefile.Peer, error) {
	p, err := scanPeer(db.r.QueryRowContext(ctx, `SELECT `+peerColumns+` FROM peers WHERE name = ?`, name))
	if errors.Is(err, sql.ErrNoRows) {
		return p, notFound("peer", name)
	}
	if err != nil {
		return p, internal("read peer", err)
	}
	return p, nil
}

// PeerCredentials returns the OAuth2 credentials stored with a peer (empty
// when it has none); NotFound when the peer is absent.
func (db *DB) PeerCredentials(ctx context.Context, name string) (casefile.PeerCredentials, error) {
	var c casefile.PeerCredentials
	err := db.r.QueryRowContext(ctx, `SELECT token_url, client_id, client_secret, scope FROM peers WHERE name = ?`, name).
		Scan(&c.TokenURL, &c.ClientID, &c.ClientSecret, &c.Scope)
	if errors.Is(err, sql.ErrNoRows) {
		return c, notFound("peer", name)
	}
	if err != nil {
		return c, internal("read peer", err)
	}
	return c, nil
}

// DeletePeer removes a peer; NotFound when absent.
func (db *DB) DeletePeer(ctx context.Context, name string) error {
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM peers WHERE name = ?`, name)
		if err != nil {
			return internal("delete peer", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound("peer", name)
		}
		return nil
	})
}

// UpdatePeerState writes the sync state of peer p.Name (LastSync, LastOK,
// LastError, LastSeq, Frameworks, Failures); NotFound when absent.
func (db *DB) UpdatePeerState(ctx context.Context, p casefile.Peer) error {
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE peers SET last_sync = ?, last_ok = ?, last_error = ?,
			last_seq = ?, frameworks = ?, failures = ? WHERE name = ?`,
			formatTime(p.LastSync), formatTime(p.LastOK), p.LastError, p.LastSeq, p.Frameworks, p.Failures, p.Name)
		if err != nil {
			return internal("update peer", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound("peer", p.Name)
		}
		return nil
	})
}

type rowScanner interface{ Scan(dest ...any) error }

func scanPeer(r rowScanner) (casefile.Peer, error) {
	var p casefile.Peer
	var interval int64
	var lastSync, lastOK string
	err := r.Scan(&p.Name, &p.URL, &p.Mode, &interval, &lastSync, &lastOK, &p.LastError, &p.LastSeq, &p.Frameworks, &p.Failures)
	p.Interval = time.Duration(interval)
	p.LastSync, p.LastOK = parseTime(lastSync), parseTime(lastOK)
	return p, err
}
