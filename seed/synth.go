package seed

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/casenode/casenode/casefile"
)

// SynthOptions describes a synthetic framework.
type SynthOptions struct {
	Items   int    // exact number of CFItems, 0 to MaxSynthItems
	Seed    int64  // same seed, same framework, byte for byte
	BaseURL string // absolute http(s) URL the uris are minted under; default DefaultSynthBaseURL
	Title   string // CFDocument title; default "Synthetic Framework {seed}"
}

// MaxSynthItems bounds SynthOptions.Items.
const MaxSynthItems = 100_000_000

// maxSynthTitle bounds SynthOptions.Title, in bytes.
const maxSynthTitle = 1000

// DefaultSynthBaseURL is the base of synthetic uris when none is given.
const DefaultSynthBaseURL = "https://synth.casenode.dev"

// synthTime is the lastChangeDateTime of every synthetic object.
const synthTime = "2026-01-01T00:00:00Z"

func (o SynthOptions) normalized() (SynthOptions, error) {
	if o.Items < 0 || o.Items > MaxSynthItems {
		return o, casefile.Errorf(casefile.Invalid, "synthetic framework: items must be between 0 and %d, got %d", MaxSynthItems, o.Items)
	}
	if o.BaseURL == "" {
		o.BaseURL = DefaultSynthBaseURL
	}
	o.BaseURL = strings.TrimRight(o.BaseURL, "/")
	u, err := url.Parse(o.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return o, casefile.Errorf(casefile.Invalid, "synthetic framework: base URL %q is not an absolute http(s) URL", o.BaseURL)
	}
	o.Title = strings.Join(strings.Fields(strings.ToValidUTF8(o.Title, "\uFFFD")), " ")
	if len(o.Title) > maxSynthTitle {
		return o, casefile.Errorf(casefile.Invalid, "synthetic framework: title longer than %d bytes", maxSynthTitle)
	}
	if o.Title == "" {
		o.Title = "Synthetic Framework " + strconv.FormatInt(o.Seed, 10)
	}
	return o, nil
}

// Synth builds the synthetic framework in memory: a tree of grades, domains,
// clusters, standards and sub-standards with isChildOf associations, plus some
// precedes, isRelatedTo and exactMatchOf associations between standards.
// Identifiers are v5-style UUIDs derived from the seed and the object's index
// only: give frameworks that live side by side different seeds. Items share
// read-only slices and links (subjects, item types, keywords); copy before
// mutating them. It panics on options WriteSynth would reject.
func Synth(opt SynthOptions) *casefile.Package {
	opt, err := opt.normalized()
	if err != nil {
		panic(fmt.Sprintf("seed.Synth: %v", err))
	}
	d := newSynthDefs(opt)
	p := &casefile.Package{
		CFDocument:     d.document(),
		CFItems:        make([]casefile.Item, 0, opt.Items),
		CFAssociations: make([]casefile.Association, 0, opt.Items+opt.Items/4),
		CFDefinitions:  d.definitions(),
		Version:        casefile.V1p1,
	}
	links := newSynthLinker(d)
	w := newSynthWalker(opt, func(n, parent *synthNode) {
		p.CFItems = append(p.CFItems, d.item(n, parent))
		links.associations(n, parent, func(a casefile.Association) { p.CFAssociations = append(p.CFAssociations, a) })
	})
	links.w = w
	w.walk(opt.Items)
	return p
}

// synthLinker derives the associations of each node as it is visited.
type synthLinker struct {
	d     *synthDefs
	w     *synthWalker
	ring  [64]synthNode // recent standards, targets of isRelatedTo and exactMatchOf
	ringN int
}

func newSynthLinker(d *synthDefs) *synthLinker { return &synthLinker{d: d} }

func (l *synthLinker) associations(n, parent *synthNode, emit func(casefile.Association)) {
	seq := n.seq
	dest := l.d.docNode
	if parent != nil {
		dest = nodeLink(parent)
	}
	emit(l.assoc("child", n.index, casefile.IsChildOf, nodeLink(n), dest, &seq))
	if n.depth < 3 {
		return
	}
	h := l.w.hash(n.index, 7)
	if n.depth == 3 && n.seq > 1 && h%4 == 0 {
		emit(l.assoc("precedes", n.index, casefile.Precedes, nodeLink(&l.w.prev[3]), nodeLink(n), nil))
	}
	if l.ringN > 0 && h%10 == 1 {
		t := &l.ring[int(h>>8)%min(l.ringN, len(l.ring))]
		emit(l.assoc("related", n.index, casefile.IsRelatedTo, nodeLink(n), nodeLink(t), nil))
	}
	if l.ringN > 0 && n.depth == 3 && h%29 == 3 {
		t := &l.ring[int(h>>16)%min(l.ringN, len(l.ring))]
		emit(l.assoc("match", n.index, casefile.ExactMatchOf, nodeLink(n), nodeLink(t), nil))
	}
	if n.depth == 3 {
		l.ring[l.ringN%len(l.ring)] = *n
		l.ringN++
	}
}

func (l *synthLinker) assoc(kind string, index int, typ string, origin, dest casefile.LinkGenURI, seq *int) casefile.Association {
	uri, id := l.w.uriID("CFAssociations", kind, index)
	return casefile.Association{
		Identifier: id, AssociationType: typ, SequenceNumber: seq,
		URI:           uri,
		OriginNodeURI: origin, DestinationNodeURI: dest,
		LastChangeDateTime: synthTime,
	}
}

func nodeLink(n *synthNode) casefile.LinkGenURI {
	return casefile.LinkGenURI{Title: n.code, Identifier: n.id, URI: n.uri}
}
