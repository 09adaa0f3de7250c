package credential

import (
	"context"
	"net/url"
	"strings"

	"github.com/casenode/casenode/casefile"
)

// maxSuggestions bounds the suggested counterparts of one alignment.
const maxSuggestions = 3

// Resolve reads a credential (JSON or JWT; see read) and resolves every
// alignment of its achievements to the CASE item it names; with target (a
// framework identifier held here) each resolved item's counterparts there
// are given, marked explicit, transitive or suggested.
func (s *Service) Resolve(ctx context.Context, body []byte, target string) (*casefile.CredentialReport, error) {
	c, err := s.read(body)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, s.cfg.Timeout)
	defer cancel()
	rep := &casefile.CredentialReport{Kind: c.kind, ID: c.id, Name: c.name, Issuer: c.issuer, Encoding: c.encoding,
		Signature: SignatureNote, Achievements: []casefile.AchievementReport{}, Notes: c.notes}
	if target != "" {
		fi, err := s.cfg.Store.Framework(ctx, target)
		if notFound(err) {
			return nil, casefile.Errorf(casefile.Invalid, "target framework %s is not held on this node", target)
		}
		if err != nil {
			return nil, err
		}
		rep.Target = s.frameworkRef(fi)
	}
	// Each distinct targetUrl is resolved once; counterparts are then asked
	// for all resolved items together (one crosswalk per source framework).
	memo := map[string]*casefile.AlignmentReport{}
	var done []*resolution
	for _, a := range c.achievements {
		for _, al := range a.alignments {
			key := al.TargetURL + "\x00" + al.TargetType
			if _, ok := memo[key]; !ok {
				r := s.resolveAlignment(ctx, al)
				memo[key] = &r.report
				done = append(done, r)
			}
		}
	}
	s.addPeerPublishers(ctx, done)
	if target != "" {
		s.addCounterparts(ctx, done, target)
	}
	for _, a := range c.achievements {
		ar := casefile.AchievementReport{ID: a.id, Name: a.name, Alignments: []casefile.AlignmentReport{}}
		for _, al := range a.alignments {
			r := *memo[al.TargetURL+"\x00"+al.TargetType]
			r.Alignment = al
			ar.Alignments = append(ar.Alignments, r)
		}
		rep.Achievements = append(rep.Achievements, ar)
	}
	if ctx.Err() != nil {
		rep.Notes = append(rep.Notes, "the resolution ran out of time; alignments not reached are listed as unresolved")
	}
	rep.Summary = summarise(rep, target != "")
	return rep, nil
}

// resolution is one alignment's report and what it resolved to.
type resolution struct {
	report casefile.AlignmentReport
	found  *found // nil when unresolved
}

// resolveAlignment finds the item an alignment names.
func (s *Service) resolveAlignment(ctx context.Context, al casefile.Alignment) *resolution {
	r := &resolution{report: casefile.AlignmentReport{Status: casefile.AlignmentUnresolved}}
	if reason := unresolvable(al); reason != "" {
		r.report.Reason = reason
		return r
	}
	if ctx.Err() != nil {
		r.report.Reason = "not reached: the resolution ran out of time"
		return r
	}
	f, err := s.find(ctx, al.TargetURL)
	if err != nil {
		r.report.Reason = casefile.ErrorMessage(err)
		return r
	}
	r.found = f
	r.report.Status, r.report.By, r.report.Item, r.report.Framework = casefile.AlignmentResolved, f.by, f.item, f.fw
	return r
}

// unresolvable says why an alignment cannot name a CASE object ("" when it may).
func unresolvable(al casefile.Alignment) string {
	switch t := strings.ToLower(al.TargetType); {
	case t == "ctdl" || strings.HasPrefix(t, "ceasn:") || strings.HasPrefix(t, "ceterms:"):
		return "a Credential Engine (CTDL) target, not a CASE object: casenode resolves CASE items, rubrics and their criteria and levels"
	case strings.TrimSpace(al.TargetURL) == "":
		return "the alignment has no targetUrl"
	}
	u, err := url.Parse(al.TargetURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "urn") {
		return "targetUrl is not an http(s) or urn uri"
	}
	return ""
}

// found is what an alignment's targetUrl resolved to.
type found struct {
	by      string
	item    *casefile.ResolvedItem
	fw      *casefile.FrameworkRef
	cfItem  *casefile.Item // the CFItem (nil for a rubric part without one)
	held    bool           // the item's framework is held here
	askedAt string         // the uri a peer answered for (peer items)
}

// find resolves uri: an item or rubric part held here by exact uri, then
// one held here by the identifier that ends the uri (another version's REST path, a
// peer's copy), then live on the peer the uri belongs to.
func (s *Service) find(ctx context.Context, uri string) (*found, error) {
	if it, err := s.cfg.Store.ItemByURI(ctx, uri); err == nil {
		return s.localItem(ctx, it, "uri")
	} else if !notFound(err) {
		return nil, err
	}
	if r, fw, err := s.cfg.Store.RubricHolding(ctx, uri); err == nil {
		return s.rubricPart(ctx, r, fw, uri)
	} else if !notFound(err) {
		return nil, err
	}
	if id := casefile.URIIdentifier(uri); id != "" {
		if it, err := s.cfg.Store.Item(ctx, id); err == nil {
			return s.localItem(ctx, it, "identifier")
		} else if !notFound(err) {
			return nil, err
		}
		if r, fw, err := s.cfg.Store.RubricHolding(ctx, id); err == nil {
			return s.rubricPart(ctx, r, fw, id)
		} else if !notFound(err) {
			return nil, err
		}
	}
	if s.cfg.Peers == nil {
		return nil, casefile.Errorf(casefile.NotFound, "no item with this uri or identifier is held on this node")
	}
	it, err := s.cfg.Peers.ResolveLink(ctx, uri)
	if err != nil {
		if notFound(err) {
			return nil, casefile.Errorf(casefile.NotFound, "no item with this uri or identifier is held on this node, and %s", casefile.ErrorMessage(err))
		}
		return nil, err
	}
	return s.peerItem(it, uri), nil
}

func (s *Service) localItem(ctx context.Context, it *casefile.Item, by string) (*found, error) {
	f := &found{by: by, cfItem: it, held: true, item: resolvedItem(it)}
	if it.CFDocumentURI != nil {
		fi, err := s.cfg.Store.Framework(ctx, it.CFDocumentURI.Identifier)
		if err != nil {
			return nil, err
		}
		f.fw = s.frameworkRef(fi)
	}
	return f, nil
}

// rubricPart resolves the rubric, criterion or level of r whose identifier
// or uri is id; the criterion's CFItem, when it names one held here, is the
// item whose counterparts are given.
func (s *Service) rubricPart(ctx context.Context, r *casefile.Rubric, fwID, id string) (*found, error) {
	fi, err := s.cfg.Store.Framework(ctx, fwID)
	if err != nil {
		return nil, err
	}
	f := &found{by: "identifier", held: true, fw: s.frameworkRef(fi)}
	for i := range r.CFRubricCriteria {
		c := &r.CFRubricCriteria[i]
		part := &casefile.ResolvedItem{Type: "CFRubricCriterion", Identifier: c.Identifier, URI: c.URI, FullStatement: firstOf(c.Description, c.Category)}
		match := c.Identifier == id || c.URI == id
		for j := range c.CFRubricCriterionLevels {
			if l := &c.CFRubricCriterionLevels[j]; l.Identifier == id || l.URI == id {
				part = &casefile.ResolvedItem{Type: "CFRubricCriterionLevel", Identifier: l.Identifier, URI: l.URI, FullStatement: firstOf(l.Description, l.Quality)}
				match = true
			}
		}
		if !match {
			continue
		}
		f.item = part
		if c.CFItemURI != nil {
			if it, err := s.cfg.Store.Item(ctx, c.CFItemURI.Identifier); err == nil {
				f.cfItem = it
			}
		}
		return f, nil
	}
	f.item = &casefile.ResolvedItem{Type: "CFRubric", Identifier: r.Identifier, URI: r.URI, FullStatement: firstOf(r.Description, r.Title)}
	return f, nil
}

// peerItem describes an item a peer answered for uri; its framework's
// publisher is filled in later (addPeerPublishers).
func (s *Service) peerItem(it *casefile.Item, uri string) *found {
	f := &found{by: "peer", cfItem: it, item: resolvedItem(it), askedAt: uri}
	origin := ""
	if u, err := url.Parse(uri); err == nil {
		origin = u.Scheme + "://" + u.Host
	}
	if d := it.CFDocumentURI; d != nil {
		f.fw = &casefile.FrameworkRef{Identifier: d.Identifier, URI: d.URI, Title: d.Title, Origin: origin, Held: casefile.HeldPeer}
	}
	return f
}

// addPeerPublishers asks each peer once per framework for its CFDocument
// (title and publisher) when the federation can.
func (s *Service) addPeerPublishers(ctx context.Context, rs []*resolution) {
	pd, ok := s.cfg.Peers.(PeerDocuments)
	if !ok {
		return
	}
	docs := map[string]*casefile.Document{}
	for _, r := range rs {
		f := r.found
		if f == nil || f.by != "peer" || f.fw == nil {
			continue
		}
		key := f.fw.Origin + " " + f.fw.Identifier
		doc, seen := docs[key]
		if !seen {
			doc, _ = pd.ResolveDocument(ctx, f.askedAt, f.fw.Identifier) // nil: the peer did not say
			docs[key] = doc
		}
		if doc != nil {
			f.fw.Title = firstOf(doc.Title, f.fw.Title)
			f.fw.Publisher = firstOf(doc.Publisher, doc.Creator)
		}
	}
}

func resolvedItem(it *casefile.Item) *casefile.ResolvedItem {
	return &casefile.ResolvedItem{Type: "CFItem", Identifier: it.Identifier, URI: it.URI,
		HumanCodingScheme: it.HumanCodingScheme, FullStatement: it.FullStatement}
}

// frameworkRef describes a held framework and where its truth lives.
func (s *Service) frameworkRef(fi casefile.FrameworkInfo) *casefile.FrameworkRef {
	ref := &casefile.FrameworkRef{Identifier: fi.Identifier, URI: fi.URI, Title: fi.Title, Publisher: firstOf(fi.Publisher, fi.Creator),
		Origin: firstOf(fi.Provenance.OriginNode, s.cfg.BaseURL), Held: casefile.HeldLocal}
	if fi.Provenance.Source == casefile.SourcePeer {
		ref.Held, ref.Peer = casefile.HeldMirror, fi.Provenance.Peer
	}
	return ref
}

// summarise counts the alignments and the coverage of the resolved ones.
func summarise(rep *casefile.CredentialReport, withTarget bool) casefile.CredentialSummary {
	var sum casefile.CredentialSummary
	sum.Achievements = len(rep.Achievements)
	for _, a := range rep.Achievements {
		for _, al := range a.Alignments {
			sum.Alignments++
			if al.Status != casefile.AlignmentResolved {
				sum.Unresolved++
				continue
			}
			sum.Resolved++
			if !withTarget {
				continue
			}
			switch best(al.Counterparts) {
			case casefile.MatchExplicit:
				sum.Explicit++
			case casefile.MatchTransitive:
				sum.Transitive++
			case casefile.MatchSuggested:
				sum.Suggested++
			default:
				sum.None++
			}
		}
	}
	if withTarget && sum.Resolved > 0 {
		sum.Coverage = float64(sum.Resolved-sum.None) / float64(sum.Resolved)
		sum.Coverage = float64(int(sum.Coverage*1000+0.5)) / 1000
	}
	return sum
}

// best is the strongest kind among ms ("" when empty).
func best(ms []casefile.CrosswalkMatch) string {
	out := ""
	for _, m := range ms {
		switch {
		case m.Kind == casefile.MatchExplicit:
			return m.Kind
		case m.Kind == casefile.MatchTransitive, out == "":
			out = m.Kind
		}
	}
	return out
}
