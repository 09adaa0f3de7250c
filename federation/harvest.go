package federation

import (
	"context"
	"net/http"
	"os"
	"sort"
	"time"

	"github.com/casenode/casenode/casefile"
)

// maxFeedPages bounds how many change-feed pages one sync reads.
const maxFeedPages = 100

// harvest is the state of one sync of one mirror peer.
type harvest struct {
	s        *Service
	p        casefile.Peer
	cred     casefile.PeerCredentials
	m        *meter
	rep      *casefile.SyncReport
	progress func(Progress)
	newSeq   int64 // peer sequence reached (casenode peers)
	done     int
}

// Progress is reported after each framework of a sync (for the CLI bar).
type Progress struct {
	Peer      string `json:"peer"`
	Framework string `json:"framework"`
	Done      int    `json:"done"`
	Total     int    `json:"total"`
}

func (h *harvest) step(fw string, total int) {
	h.done++
	if h.progress != nil {
		h.progress(Progress{Peer: h.p.Name, Framework: fw, Done: h.done, Total: total})
	}
}

// run harvests through the change feed when the peer is a casenode, and
// through CASE REST listings otherwise (or when the feed is unusable).
func (h *harvest) run(ctx context.Context) error {
	isFeed, err := h.viaFeed(ctx)
	if isFeed || ctx.Err() != nil || casefile.ErrorCode(err) == casefile.Forbidden {
		return err
	}
	h.s.cfg.Log.Debug("no change feed, using CASE listing", "peer", h.p.Name, "err", err)
	h.newSeq = h.p.LastSeq
	return h.viaListing(ctx)
}

// viaFeed reads the change feed since the last sequence seen. When nothing
// changed this is the only request of the sync. isFeed is false when the
// peer has no usable change feed (not a casenode).
func (h *harvest) viaFeed(ctx context.Context) (isFeed bool, err error) {
	since := h.p.LastSeq
	feed, err := h.s.changesSince(ctx, h.p, h.cred, h.m, since)
	if err != nil {
		return false, err
	}
	if *feed.LastSeq < since { // the peer's database was reset: start over
		since = 0
		if feed, err = h.s.changesSince(ctx, h.p, h.cred, h.m, 0); err != nil {
			return true, err
		}
	}
	latest := map[string]casefile.Change{}
	for page := 0; ; page++ {
		h.newSeq = *feed.LastSeq
		for _, c := range feed.Changes {
			if c.Seq > since {
				since = c.Seq
			}
			latest[c.Framework] = c
		}
		if len(feed.Changes) == 0 || since >= *feed.LastSeq {
			break
		}
		if page >= maxFeedPages { // resume from here next time
			h.newSeq = since
			break
		}
		if feed, err = h.s.changesSince(ctx, h.p, h.cred, h.m, since); err != nil {
			return true, err
		}
	}
	if len(latest) == 0 {
		return true, nil
	}
	return true, h.applyChanges(ctx, latest)
}

// applyChanges imports or deletes each framework the feed reports changed.
func (h *harvest) applyChanges(ctx context.Context, latest map[string]casefile.Change) error {
	infos, err := h.s.peerFrameworks(ctx, h.p, h.cred, h.m)
	if err != nil {
		return err
	}
	ids := make([]string, 0, len(latest))
	for id := range latest {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	h.rep.Listed = len(ids)
	for _, id := range ids {
		if err := cancelled(ctx); err != nil {
			return err
		}
		info, listed := infos[id]
		switch {
		case latest[id].Kind == casefile.ChangeDelete:
			h.deletedUpstream(ctx, id)
		case !listed:
			h.rep.Skipped = append(h.rep.Skipped, id+": changed on the peer but no longer listed")
		default:
			origin := h.p.URL
			if info.Provenance.OriginNode != "" {
				origin = h.s.originOf(info.Provenance)
			}
			h.one(ctx, offer{id: id, origin: origin, hash: info.Provenance.ContentHash,
				url: packageURL(h.p.URL, "v1p1", id)})
		}
		h.step(id, len(ids))
	}
	return nil
}

// cancelled is the error of a sync stopped by its context (shutdown, client gone).
func cancelled(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return &casefile.Error{Code: casefile.Unavailable, Message: "sync stopped before the end", Err: err}
	}
	return nil
}

// viaListing harvests a plain CASE provider: list, then fetch each package
// conditionally.
func (h *harvest) viaListing(ctx context.Context) error {
	docs, ver, err := h.s.listDocuments(ctx, h.p, h.cred, h.m)
	if err != nil {
		return err
	}
	h.rep.Listed = len(docs)
	listed := make(map[string]bool, len(docs))
	for _, d := range docs {
		if err := cancelled(ctx); err != nil {
			return err
		}
		if listed[d.Identifier] {
			continue // listed twice
		}
		listed[d.Identifier] = true
		canonical, _ := casefile.CanonicalID(d.Identifier)
		listed[canonical] = true
		o := offer{id: d.Identifier, origin: h.p.URL, url: packageURL(h.p.URL, ver, d.Identifier)}
		if ver == "v1p1" {
			o.alt = packageURL(h.p.URL, "v1p0", d.Identifier)
		}
		h.one(ctx, o)
		h.step(d.Identifier, len(docs))
	}
	return h.reportUnlisted(ctx, listed)
}

// one applies the rules to one offer and imports it when it changed.
func (h *harvest) one(ctx context.Context, o offer) {
	v, err := h.s.decide(ctx, h.p, o)
	if err != nil {
		h.fail(o.id, err)
		return
	}
	if !v.accept {
		h.rep.Skipped = append(h.rep.Skipped, v.reason)
		return
	}
	if v.held != nil && o.hash != "" && v.held.Provenance.ContentHash == o.hash {
		h.rep.Unchanged++
		return
	}
	changed, err := h.fetchAndImport(ctx, o, v.held)
	switch {
	case err != nil:
		h.fail(o.id, err)
	case changed:
		h.rep.Imported = append(h.rep.Imported, o.id)
	default:
		h.rep.Unchanged++
	}
}

func (h *harvest) fail(id string, err error) {
	h.s.cfg.Log.Warn("peer framework not imported", "peer", h.p.Name, "framework", id, "err", err)
	h.rep.Errors = append(h.rep.Errors, id+": "+casefile.ErrorMessage(err))
}

// fetchAndImport downloads o's package (conditionally, when the held copy
// came from this peer) into a spool file, checks that it is the framework
// that was offered, and imports it. changed is false for 304 and for an
// import with the same content hash.
func (h *harvest) fetchAndImport(ctx context.Context, o offer, held *casefile.FrameworkInfo) (changed bool, err error) {
	spool, err := os.CreateTemp(h.s.cfg.TempDir, "casenode-peer-*.json")
	if err != nil {
		return false, casefile.Errorf(casefile.Internal, "spool file: %w", err)
	}
	defer os.Remove(spool.Name())
	defer spool.Close()
	hdr := http.Header{}
	if held != nil && held.Provenance.Peer == h.p.Name {
		if held.Provenance.ETag != "" {
			hdr.Set("If-None-Match", held.Provenance.ETag)
		}
		if held.Provenance.LastModified != "" {
			hdr.Set("If-Modified-Since", held.Provenance.LastModified)
		}
	}
	loc := o.url
	rep, err := h.download(ctx, loc, hdr, spool)
	if casefile.ErrorCode(err) == casefile.NotFound && o.alt != "" {
		loc = o.alt
		rep, err = h.download(ctx, loc, hdr, spool)
	}
	if err != nil {
		return false, err
	}
	if rep.status == http.StatusNotModified {
		return false, nil
	}
	return h.importSpool(ctx, o, spool, casefile.Provenance{
		Source: casefile.SourcePeer, Location: loc, Peer: h.p.Name, OriginNode: o.origin,
		ETag: rep.header.Get("ETag"), LastModified: rep.header.Get("Last-Modified"),
		FetchedAt: time.Now().UTC(),
	})
}

func (h *harvest) download(ctx context.Context, u string, hdr http.Header, spool *os.File) (*reply, error) {
	if err := spool.Truncate(0); err != nil {
		return nil, casefile.Errorf(casefile.Internal, "spool file: %w", err)
	}
	if _, err := spool.Seek(0, 0); err != nil {
		return nil, casefile.Errorf(casefile.Internal, "spool file: %w", err)
	}
	return h.s.client.get(ctx, call{url: u, header: hdr, cred: h.cred, meter: h.m, sink: spool,
		timeout: h.s.cfg.PackageTimeout, maxBytes: h.s.cfg.MaxPackageBytes})
}

func (h *harvest) importSpool(ctx context.Context, o offer, spool *os.File, prov casefile.Provenance) (bool, error) {
	if _, err := spool.Seek(0, 0); err != nil {
		return false, casefile.Errorf(casefile.Internal, "spool file: %w", err)
	}
	scan, err := scanPackage(spool)
	if err != nil {
		return false, casefile.Errorf(casefile.Invalid, "%s: %s", prov.Location, casefile.ErrorMessage(err))
	}
	if !casefile.SameID(scan.document, o.id) {
		return false, casefile.Errorf(casefile.Invalid, "%s: package is framework %q, not %q; refused", prov.Location, scan.document, o.id)
	}
	if _, err := spool.Seek(0, 0); err != nil {
		return false, casefile.Errorf(casefile.Internal, "spool file: %w", err)
	}
	results, err := h.s.cfg.Importer.Import(ctx, spool, prov)
	if err != nil {
		return false, err
	}
	changed := false
	for _, r := range results {
		changed = changed || !r.Unchanged
	}
	return changed, nil
}

// deletedUpstream applies the deletion rule for a framework the peer's
// change feed reports deleted: a copy held from this same peer with the same
// origin is deleted (a mirror follows its source); anything else is kept.
func (h *harvest) deletedUpstream(ctx context.Context, id string) {
	held, err := h.s.held(ctx, id)
	if err != nil {
		h.fail(id, err)
		return
	}
	if held == nil {
		return
	}
	if held.Provenance.Source != casefile.SourcePeer || held.Provenance.Peer != h.p.Name {
		h.rep.Skipped = append(h.rep.Skipped, id+": deleted on the peer; the copy held here does not come from it and is kept")
		return
	}
	if err := h.s.cfg.Importer.Delete(ctx, held.Identifier); err != nil && casefile.ErrorCode(err) != casefile.NotFound {
		h.fail(id, err)
		return
	}
	h.rep.Skipped = append(h.rep.Skipped, id+": deleted on the peer; mirrored copy deleted")
}

// reportUnlisted applies the deletion rule for plain CASE providers: a
// framework held from this peer that its listing no longer shows is kept (a
// listing is weak evidence: paging, transient errors) and reported.
func (h *harvest) reportUnlisted(ctx context.Context, listed map[string]bool) error {
	all, err := h.s.cfg.Store.Frameworks(ctx)
	if err != nil {
		return err
	}
	for _, fi := range all {
		if fi.Provenance.Peer != h.p.Name || listed[fi.Identifier] {
			continue
		}
		h.rep.Skipped = append(h.rep.Skipped, fi.Identifier+": no longer listed by the peer; local copy kept")
	}
	return nil
}
