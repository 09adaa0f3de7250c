package store

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"hash"
	"slices"
	"strings"
)

// hasher computes the per-object hashes that drive FrameworkDiff and the
// framework content hash. An object's hash is the sha256 of its stored JSON
// encoding, streamed so that hashing a large package allocates little.
type hasher struct {
	h   hash.Hash
	enc *json.Encoder
}

func newHasher() *hasher {
	h := sha256.New()
	return &hasher{h: h, enc: json.NewEncoder(h)}
}

// sum returns the hex sha256 of v's JSON encoding (as stored, plus newline).
func (x *hasher) sum(v any) (string, error) {
	x.h.Reset()
	if err := x.enc.Encode(v); err != nil {
		return "", err
	}
	return hex.EncodeToString(x.h.Sum(nil)), nil
}

// idHash is one object of a framework in the content hash.
type idHash struct{ id, hash string }

// contentParts is everything the content hash covers, as stored.
type contentParts struct {
	document string // hash of the stored document JSON
	extra    string // hash of the package-level extra JSON
	items    []idHash
	assocs   []idHash
	defs     []idHash // id is kind + "/" + identifier
	rubrics  []idHash
}

// contentHash is the framework's canonical content hash: sha256 over the
// document, package extras and the (identifier, hash) pairs of every object
// sorted by identifier. It does not depend on array order, and it can be
// recomputed from the stored rows alone.
func contentHash(p contentParts) string {
	h := sha256.New()
	w := func(s ...string) {
		h.Write([]byte(strings.Join(s, "\x1f")))
		h.Write([]byte{'\n'})
	}
	w("casenode-content-v1", p.document, p.extra)
	for _, set := range []struct {
		name string
		list []idHash
	}{{"items", p.items}, {"associations", p.assocs}, {"definitions", p.defs}, {"rubrics", p.rubrics}} {
		list := slices.Clone(set.list)
		slices.SortFunc(list, func(a, b idHash) int { return strings.Compare(a.id, b.id) })
		w(set.name)
		for _, o := range list {
			w(o.id, o.hash)
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}
