package store

import (
	"context"
	"database/sql"
	"fmt"
)

// The writer's page cache. 16 MiB (the DSN's) holds the index pages a
// 100,000-item import touches; a larger framework inserts into B-trees
// (identifiers, uris, codes, association ends) far larger than that, in
// random key order, and every miss reads a page back (300,000 items: 20 %
// more CPU than with 64 MiB). An import of more objects than
// bigImportObjects gets a cache sized to them for its transaction.
const (
	writerCacheKiB   = 16 << 10
	bigImportObjects = 400_000
	kibPerObject     = 0.25 // ~256 bytes of index pages per object
)

// importCacheKiB is the writer cache for importing objects objects.
func importCacheKiB(objects int) int {
	if objects <= bigImportObjects {
		return writerCacheKiB
	}
	return max(writerCacheKiB, int(float64(objects)*kibPerObject))
}

// withImportCache runs fn with the writer cache sized for objects and sets
// it back afterwards (freeing the pages beyond it).
func withImportCache(ctx context.Context, tx *sql.Tx, objects int, fn func() error) error {
	kib := importCacheKiB(objects)
	if kib == writerCacheKiB {
		return fn()
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA cache_size = -%d", kib)); err != nil {
		return err
	}
	defer tx.ExecContext(context.WithoutCancel(ctx), fmt.Sprintf("PRAGMA cache_size = -%d", writerCacheKiB)) //nolint:errcheck // best effort
	return fn()
}
