package federation

import (
	"context"
	"net/url"
	"sort"
	"strconv"
	"sync"
	"time"

	"github.com/casenode/casenode/casefile"
)

// SearchPeers asks every live peer's GET /api/v1/search in parallel and
// merges their hits (Origin = peer name, best score first, one hit per item
// identifier). Each peer must answer within Config.SearchTimeout (or ctx's
// earlier deadline); a slow or failing peer is reported in its PeerStatus and
// the others' hits are returned (partial results).
func (s *Service) SearchPeers(ctx context.Context, req casefile.SearchRequest) ([]casefile.SearchHit, []casefile.PeerStatus) {
	peers, err := s.cfg.Store.Peers(ctx)
	if err != nil {
		s.cfg.Log.Error("federated search: cannot list peers", "err", err)
		return nil, nil
	}
	var live []casefile.Peer
	for _, p := range peers {
		if p.Mode == casefile.PeerLive {
			live = append(live, p)
		}
	}
	if len(live) == 0 {
		return nil, nil
	}
	ctx, cancel := context.WithTimeout(ctx, s.cfg.SearchTimeout)
	defer cancel()
	statuses := make([]casefile.PeerStatus, len(live))
	results := make([][]casefile.SearchHit, len(live))
	var wg sync.WaitGroup
	for i, p := range live {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i], statuses[i] = s.searchPeer(ctx, p, req)
		}()
	}
	wg.Wait()
	return mergeHits(results, req.Size), statuses
}

func (s *Service) searchPeer(ctx context.Context, p casefile.Peer, req casefile.SearchRequest) ([]casefile.SearchHit, casefile.PeerStatus) {
	start := time.Now()
	st := casefile.PeerStatus{Peer: p.Name}
	cred, err := s.cfg.Store.PeerCredentials(ctx, p.Name)
	if err != nil && casefile.ErrorCode(err) != casefile.NotFound {
		st.Error = casefile.ErrorMessage(err)
		return nil, st
	}
	var res casefile.SearchResult
	err = s.getJSON(ctx, p.URL+pathSearch+"?"+searchQuery(req).Encode(), cred, nil, s.cfg.MaxBodyBytes, &res)
	st.TookMS = time.Since(start).Milliseconds()
	if err != nil {
		st.Error = casefile.ErrorMessage(err)
		return nil, st
	}
	hits := make([]casefile.SearchHit, 0, len(res.Hits))
	for _, h := range res.Hits {
		if h.Identifier == "" {
			continue
		}
		h.Origin = p.Name
		hits = append(hits, h)
	}
	st.OK, st.Hits = true, len(hits)
	return hits, st
}

// searchQuery encodes req for a peer: q, size, page, one parameter per
// filter value named after its facet, and local=1 so the peer does not fan
// out to its own peers.
func searchQuery(req casefile.SearchRequest) url.Values {
	q := url.Values{"q": {req.Query}, "local": {"1"}}
	if req.Size > 0 {
		q.Set("size", strconv.Itoa(req.Size))
		if req.From > 0 {
			q.Set("page", strconv.Itoa(req.From/req.Size+1))
		}
	}
	for facet, vals := range req.Filters {
		for _, v := range vals {
			q.Add(facet, v)
		}
	}
	return q
}

// mergeHits orders hits by score (stable across peers), drops repeated item
// identifiers and keeps at most size (0 = all).
func mergeHits(results [][]casefile.SearchHit, size int) []casefile.SearchHit {
	var all []casefile.SearchHit
	for _, r := range results {
		all = append(all, r...)
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].Score > all[j].Score })
	seen := map[string]bool{}
	out := all[:0]
	for _, h := range all {
		if seen[h.Identifier] {
			continue
		}
		seen[h.Identifier] = true
		out = append(out, h)
	}
	if size > 0 && len(out) > size {
		out = out[:size]
	}
	return out
}
