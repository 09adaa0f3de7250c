package seed

import (
	"crypto/sha1"
	"strconv"

	"github.com/casenode/casenode/casefile"
)

// synthNode is one item of the synthetic tree while it is being walked.
type synthNode struct {
	index int // position among the items, 0-based
	depth int // 0 grade, 1 domain, 2 cluster, 3 standard, 4 sub-standard
	seq   int // 1-based position among its siblings
	grade int // index into gradeNames
	subj  int // index into vocabs
	abbr  int // the domain's position in its subject's domain list (may exceed it)
	id    string
	uri   string
	code  string
}

// synthWalker walks the synthetic tree depth-first. Everything about a node
// (shape, text, links) is a pure function of the seed and the node's index
// and ancestry, so two walks with the same options visit identical nodes and
// a writer can walk once for items and again for associations.
type synthWalker struct {
	seed   int64
	prefix string // "{base}/ims/case/v1p1/"
	fan    [5]int // most children of a node at each depth (depth 0: of the document)
	caps   [5]int // most items in a subtree rooted at each depth
	next   int
	stack  [5]synthNode
	prev   [5]synthNode // last node visited at each depth
	visit  func(n *synthNode, parent *synthNode)
	stop   func() bool // when set and true, the walk ends early (a writer failed)
	idBuf  []byte
}

// subtreeSize is the typical number of items under and including a node at
// each depth: a grade has some 500, a domain 85, a cluster 14, and a standard
// 1.6 (six in ten standards have one sub-standard).
var subtreeSize = [5]float64{511, 85, 14, 1.6, 1}

// capacitySlack makes the tree able to hold this many times the items asked
// for, so that the typical sizes above rather than the capacity shape it.
const capacitySlack = 4

func newSynthWalker(opt SynthOptions, visit func(n, parent *synthNode)) *synthWalker {
	w := &synthWalker{seed: opt.Seed, prefix: opt.BaseURL + "/ims/case/v1p1/", visit: visit}
	for f := 2; ; f++ {
		w.fan = [5]int{len(gradeNames), f, f, 4 * f, 3}
		w.caps[4] = 1
		for d := 3; d >= 0; d-- {
			w.caps[d] = 1 + w.fan[d+1]*w.caps[d+1]
		}
		if w.fan[0]*w.caps[0] >= capacitySlack*opt.Items {
			return w
		}
	}
}

// walk visits exactly items nodes in pre-order (every parent before its children).
func (w *synthWalker) walk(items int) {
	w.children(0, nil, items)
}

// children places budget items in subtrees rooted at depth under parent: as
// many subtrees as their typical size suggests (give or take a quarter),
// within what the fan-out and the capacity of a subtree allow.
func (w *synthWalker) children(depth int, parent *synthNode, budget int) {
	if budget <= 0 {
		return
	}
	pi := -1
	if parent != nil {
		pi = parent.index
	}
	h := w.hash(pi, uint64(depth))
	jitter := 0.75 + 0.5*float64(h>>11)/float64(1<<53)
	k := int(float64(budget)/subtreeSize[depth]*jitter + 0.5)
	k = max(k, (budget+w.caps[depth]-1)/w.caps[depth], 1)
	k = min(k, w.fan[depth], budget)
	off := int(h>>3) % k
	for i := range k {
		if w.stop != nil && w.stop() {
			return
		}
		b := budget / k
		if (i+off)%k < budget%k {
			b++
		}
		w.node(depth, i+1, parent, b)
	}
}

func (w *synthWalker) node(depth, seq int, parent *synthNode, budget int) {
	n := &w.stack[depth]
	*n = synthNode{index: w.next, depth: depth, seq: seq}
	w.next++
	if parent != nil {
		n.grade, n.subj, n.abbr = parent.grade, parent.subj, parent.abbr
	}
	switch depth {
	case 0:
		n.grade = seq - 1
	case 1:
		n.subj = (n.grade + seq - 1) % len(vocabs)
		n.abbr = (seq - 1) / len(vocabs)
	}
	n.uri, n.id = w.uriID("CFItems", "item", n.index)
	n.code = w.code(n, parent)
	w.visit(n, parent)
	w.prev[depth] = *n
	if depth < 4 {
		w.children(depth+1, n, budget-1)
	}
}

// code is the humanCodingScheme: GRK, M7.ALG, M7.ALG.3, M7.ALG.3.2, M7.ALG.3.2.b.
func (w *synthWalker) code(n, parent *synthNode) string {
	switch n.depth {
	case 0:
		return "GR" + gradeNames[n.grade]
	case 1:
		v := &vocabs[n.subj]
		c := v.letter + gradeNames[n.grade] + "." + v.abbrevs[n.abbr%len(v.abbrevs)]
		if r := n.abbr / len(v.abbrevs); r > 0 {
			c += strconv.Itoa(r + 1)
		}
		return c
	case 4:
		return parent.code + "." + letters(n.seq)
	default:
		return parent.code + "." + strconv.Itoa(n.seq)
	}
}

// letters numbers sub-standards a, b, …, z, aa, ab, …
func letters(seq int) string {
	var b []byte
	for seq > 0 {
		seq--
		b = append([]byte{byte('a' + seq%26)}, b...)
		seq /= 26
	}
	return string(b)
}

// hash mixes the seed with an index and a salt (splitmix64 finaliser).
func (w *synthWalker) hash(index int, salt uint64) uint64 {
	x := uint64(w.seed)*0x9e3779b97f4a7c15 ^ uint64(int64(index))*0xbf58476d1ce4e5b9 ^ salt*0x94d049bb133111eb
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	return x ^ x>>31
}

// uuid is the deterministic version 5 style UUID of kind and index under the
// seed: the SHA-1 of "casenode-synth/{seed}/{kind}/{index}".
func (w *synthWalker) uuid(kind string, index int) string {
	return string(casefile.AppendUUIDv5(nil, w.sum(kind, index)))
}

// uriID mints the uri {prefix}{collection}/{uuid} and the uuid in one string.
func (w *synthWalker) uriID(collection, kind string, index int) (uri, id string) {
	b := make([]byte, 0, len(w.prefix)+len(collection)+1+36)
	b = append(b, w.prefix...)
	b = append(b, collection...)
	b = append(b, '/')
	uri = string(casefile.AppendUUIDv5(b, w.sum(kind, index)))
	return uri, uri[len(uri)-36:]
}

func (w *synthWalker) sum(kind string, index int) [20]byte {
	b := append(w.idBuf[:0], "casenode-synth/"...)
	b = strconv.AppendInt(b, w.seed, 10)
	b = append(b, '/')
	b = append(b, kind...)
	b = append(b, '/')
	b = strconv.AppendInt(b, int64(index), 10)
	w.idBuf = b
	return sha1.Sum(b)
}
