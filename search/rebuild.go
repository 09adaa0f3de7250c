package search

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/casenode/casenode/casefile"
)

// currentFile names the physical index searches use (e.g. "index-3").
const currentFile = "current"

var indexDirName = regexp.MustCompile(`^index-([0-9]{1,9})$`)

// scorchConfig: a batch returns once it is searchable, not once it is on
// disk. The indexed change sequence is written in the same batch as the
// documents, so whatever a crash loses is replayed from the store.
func scorchConfig() map[string]any {
	return map[string]any{"unsafe_batch": true, "bolt_timeout": "2s"}
}

// Rebuild builds a complete new index from the source in a new directory,
// swaps it in behind the alias and removes the old one. Searches keep
// answering from the old index until the swap.
func (ix *Index) Rebuild(ctx context.Context) error {
	ix.rebuildMu.Lock()
	defer ix.rebuildMu.Unlock()
	started := time.Now()
	seq, err := ix.src.LastSeq(ctx)
	if err != nil {
		return fmt.Errorf("search rebuild: last change: %w", err)
	}
	shards, err := ix.shardCount(ctx)
	if err != nil {
		return fmt.Errorf("search rebuild: %w", err)
	}
	name := ix.nextName()
	path := filepath.Join(ix.dir, name)
	idx, err := createPhysical(path, ix.im, shards)
	if err != nil {
		_ = os.RemoveAll(path)
		return casefile.Errorf(casefile.Internal, "search rebuild: create index: %w", err)
	}
	n, err := ix.fill(ctx, idx, seq)
	if err == nil {
		err = ix.swapIn(ctx, idx, name)
	}
	if err != nil {
		_ = idx.Close()
		_ = os.RemoveAll(path)
		return err
	}
	ix.log.Info("search index rebuilt", "dir", name, "shards", shards, "items", n, "seq", seq, "took", time.Since(started))
	return nil
}

// fill indexes every framework of the source into idx and records seq.
func (ix *Index) fill(ctx context.Context, idx *physical, seq int64) (int, error) {
	fws, err := ix.src.Frameworks(ctx)
	if err != nil {
		return 0, fmt.Errorf("search rebuild: frameworks: %w", err)
	}
	total := 0
	for _, fw := range fws {
		ix.frameworks.put(fw)
		n, err := ix.indexFramework(ctx, idx, fw, nil)
		if err != nil {
			return total, err
		}
		total += n
	}
	b := idx.newBatch()
	b.SetInternal([]byte(keyVersion), []byte(strconv.Itoa(ix.cfg.version)))
	b.SetInternal([]byte(keySeq), []byte(strconv.FormatInt(seq, 10)))
	b.SetInternal([]byte(keyShards), []byte(strconv.Itoa(len(idx.shards))))
	return total, durable(ctx, b)
}

// swapIn catches idx up with changes made while it was built, records it as
// current and swaps it in, all under the write lock so no change is lost.
func (ix *Index) swapIn(ctx context.Context, idx *physical, name string) error {
	ix.writeMu.Lock()
	defer ix.writeMu.Unlock()
	if err := ix.catchUpOn(ctx, idx); err != nil {
		return err
	}
	if err := writeCurrent(ix.dir, name); err != nil {
		return casefile.Errorf(casefile.Internal, "search rebuild: %w", err)
	}
	ix.install(idx, name)
	ix.removeStale(name)
	return nil
}

// nextName picks index-<n> above every directory present.
func (ix *Index) nextName() string {
	max := 0
	entries, _ := os.ReadDir(ix.dir)
	for _, e := range entries {
		if m := indexDirName.FindStringSubmatch(e.Name()); m != nil {
			if n, _ := strconv.Atoi(m[1]); n > max {
				max = n
			}
		}
	}
	return fmt.Sprintf("index-%d", max+1)
}

// removeStale deletes index directories other than keep (left by a
// replaced index or an interrupted rebuild).
func (ix *Index) removeStale(keep string) {
	entries, _ := os.ReadDir(ix.dir)
	for _, e := range entries {
		if e.Name() == keep || !indexDirName.MatchString(e.Name()) {
			continue
		}
		if err := os.RemoveAll(filepath.Join(ix.dir, e.Name())); err != nil {
			ix.log.Warn("removing old search index", "dir", e.Name(), "err", err)
		}
	}
}

// readCurrent returns the recorded current index directory name, or "" when
// it is missing or not a valid name.
func readCurrent(dir string) string {
	b, err := os.ReadFile(filepath.Join(dir, currentFile))
	if err != nil {
		return ""
	}
	name := strings.TrimSpace(string(b))
	if !indexDirName.MatchString(name) {
		return ""
	}
	return name
}

// writeCurrent records name atomically (temp file + rename).
func writeCurrent(dir, name string) error {
	tmp := filepath.Join(dir, currentFile+".tmp")
	if err := os.WriteFile(tmp, []byte(name+"\n"), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, filepath.Join(dir, currentFile))
}
