package search

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"regexp"
	"strconv"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/casenode/casenode/casefile"
)

// Shards. A Bleve search runs on one core, and its cost grows with the
// number of items a query matches. A large index is therefore split into
// shards, each item in the shard its id hashes to, which the alias searches
// in parallel (1,000,000 items on 2 cores: unfiltered two-word queries p50
// 11 -> 6 ms). Scores use each shard's own term statistics; at the sizes
// that are sharded they differ from the whole index's by a hair (small
// indexes, where they would differ more, stay in one piece).
const (
	// shardItems is how many items a shard holds at most when there are
	// cores to search more shards at once.
	shardItems = 250_000
	maxShards  = 8
)

// shardsFor is the number of shards for an index of n items, at most most
// (always most when perShard is 0).
func shardsFor(n, perShard, most int) int {
	if perShard <= 0 {
		return max(1, most)
	}
	want := (n + perShard - 1) / perShard
	return max(1, min(want, most))
}

// keyShards is the internal entry, in every shard of a sharded index, that
// records how many shards it has.
const keyShards = "casenode.shards"

// shardDirName names the shards inside a physical index directory with more
// than one shard; a single-shard index is the Bleve index itself.
var shardDirName = regexp.MustCompile(`^shard-([0-9])$`)

func shardDir(path string, i int) string {
	return filepath.Join(path, "shard-"+strconv.Itoa(i))
}

// physical is one built index: one Bleve index or several shards.
type physical struct {
	shards []bleve.Index
}

// createPhysical creates an empty index of n shards at path.
func createPhysical(path string, im mapping.IndexMapping, n int) (*physical, error) {
	if n <= 1 {
		idx, err := bleve.NewUsing(path, im, scorch.Name, scorch.Name, scorchConfig())
		if err != nil {
			return nil, err
		}
		return &physical{shards: []bleve.Index{idx}}, nil
	}
	p := &physical{}
	for i := range n {
		idx, err := bleve.NewUsing(shardDir(path, i), im, scorch.Name, scorch.Name, scorchConfig())
		if err != nil {
			_ = p.Close()
			return nil, err
		}
		p.shards = append(p.shards, idx)
	}
	return p, nil
}

// openPhysical opens the index at path: a Bleve index, or shard-0 … shard-n
// directories, all of which must open. It fails fast when another process
// holds the index.
func openPhysical(path string) (*physical, error) {
	if _, err := os.Stat(filepath.Join(path, "index_meta.json")); err == nil {
		idx, err := bleve.OpenUsing(path, scorchConfig())
		if err != nil {
			return nil, err
		}
		return &physical{shards: []bleve.Index{idx}}, nil
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		return nil, err
	}
	n := 0
	for _, e := range entries {
		if shardDirName.MatchString(e.Name()) {
			n++
		}
	}
	if n < 2 {
		return nil, fmt.Errorf("%s holds no index", path)
	}
	p := &physical{}
	for i := range n {
		idx, err := bleve.OpenUsing(shardDir(path, i), scorchConfig())
		if err == nil {
			var v []byte
			if v, err = idx.GetInternal([]byte(keyShards)); err == nil && string(v) != strconv.Itoa(n) {
				err = fmt.Errorf("shard %d belongs to an index of %q shards, found %d", i, v, n)
			}
			if err != nil {
				_ = idx.Close()
			}
		}
		if err != nil {
			_ = p.Close()
			return nil, err
		}
		p.shards = append(p.shards, idx)
	}
	return p, nil
}

// Close closes every shard.
func (p *physical) Close() error {
	var errs []error
	for _, s := range p.shards {
		errs = append(errs, s.Close())
	}
	return errors.Join(errs...)
}

// shardOf is the shard holding id.
func (p *physical) shardOf(id string) int {
	if len(p.shards) == 1 {
		return 0
	}
	h := fnv.New32a()
	h.Write([]byte(id))
	return int(h.Sum32() % uint32(len(p.shards)))
}

// internal reads an internal entry, which every shard holds: from the first
// shard that has it.
func (p *physical) internal(key string) ([]byte, error) {
	for _, s := range p.shards {
		v, err := s.GetInternal([]byte(key))
		if err != nil || v != nil {
			return v, err
		}
	}
	return nil, nil
}

// batch is a Bleve batch per shard.
type batch struct {
	p  *physical
	bs []*bleve.Batch
}

func (p *physical) newBatch() *batch {
	b := &batch{p: p}
	for _, s := range p.shards {
		b.bs = append(b.bs, s.NewBatch())
	}
	return b
}

func (b *batch) Index(id string, doc any) error { return b.bs[b.p.shardOf(id)].Index(id, doc) }

func (b *batch) Delete(id string) { b.bs[b.p.shardOf(id)].Delete(id) }

// SetInternal records an internal entry in every shard.
func (b *batch) SetInternal(key, val []byte) {
	for _, sb := range b.bs {
		sb.SetInternal(key, val)
	}
}

// Size is the number of operations in the batch, over all shards.
func (b *batch) Size() int {
	n := 0
	for _, sb := range b.bs {
		n += sb.Size()
	}
	return n
}

// flush applies the batch (searchable, not yet on disk) and empties it. A
// flushed Bleve batch is replaced, never Reset: Bleve's analysis goroutine
// may still be ranging over its operations after Batch returns.
func flush(ctx context.Context, b *batch) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	for i, sb := range b.bs {
		if sb.Size() == 0 {
			continue
		}
		if err := b.p.shards[i].Batch(sb); err != nil {
			return casefile.Errorf(casefile.Internal, "search: write batch: %w", err)
		}
		b.bs[i] = b.p.shards[i].NewBatch()
	}
	return nil
}

// durable applies b and waits until it, and every batch before it, is on
// disk in every shard. Other batches only wait until they are searchable
// (unsafe_batch): the sequence recorded by the last, durable batch is what
// a restart resumes from (the lowest of the shards').
func durable(ctx context.Context, b *batch) error {
	done := make(chan error, len(b.bs))
	applied := 0
	for i, sb := range b.bs {
		if sb.Size() == 0 {
			continue
		}
		sb.SetPersistedCallback(func(err error) { done <- err })
		if err := b.p.shards[i].Batch(sb); err != nil {
			return casefile.Errorf(casefile.Internal, "search: write batch: %w", err)
		}
		applied++
	}
	for range applied {
		select {
		case err := <-done:
			if err != nil {
				return casefile.Errorf(casefile.Internal, "search: persist index: %w", err)
			}
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}
