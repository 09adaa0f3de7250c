package store

import (
	"context"
	"database/sql"
	"testing"
)

// A big import runs with a writer cache sized to it, and the writer gets its
// usual cache back afterwards; a 100k-item import keeps the usual one.
func TestImportCacheSizedAndRestored(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	cacheSize := func(tx *sql.Tx) int {
		var n int
		if err := tx.QueryRowContext(ctx, `PRAGMA cache_size`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	cases := []struct{ objects, during int }{
		{226_529, -writerCacheKiB},
		{2_272_869, -568_217},
	}
	for _, c := range cases {
		var during, after int
		err := db.writeTx(ctx, func(tx *sql.Tx) error {
			if err := withImportCache(ctx, tx, c.objects, func() error { during = cacheSize(tx); return nil }); err != nil {
				return err
			}
			after = cacheSize(tx)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if during != c.during || after != -writerCacheKiB {
			t.Errorf("%d objects: cache_size %d during the import, %d after; want %d, %d", c.objects, during, after, c.during, -writerCacheKiB)
		}
	}
}
