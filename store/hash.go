package store

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
)

// An object's hash is the hex sha256 of its stored JSON (see encoder).

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
