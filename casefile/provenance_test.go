package casefile

import (
	"context"
	"testing"
)

func TestProvenancePublic(t *testing.T) {
	cases := []struct{ source, loc, want string }{
		{SourceFile, "/srv/casenode/imports/ccss-math.json", "ccss-math.json"},
		{SourceFile, `C:\Users\alice\Desktop\ccss.json`, "ccss.json"},
		{SourceFile, "ccss.json", "ccss.json"},
		{SourceURL, "https://user:xxxxx@example.org/case/pkg.json?api_key=s3cret#top", "https://example.org/case/pkg.json"},
		{SourceUpload, UploadLocation("/home/alice/frameworks/ngss.json", "alice-client"), "ngss.json (uploaded by an administrator)"},
		{SourceUpload, UploadLocation("", "alice-client"), "uploaded by an administrator"},
		{SourceUpload, UploadLocation("https://example.org/p.json?token=abc", "ci-bot"), "https://example.org/p.json (uploaded by an administrator)"},
		{SourceUpload, "something odd", "something odd (uploaded by an administrator)"},
		{SourcePeer, "http://127.0.0.1:9/ims/case/v1p1/CFPackages/x", "http://127.0.0.1:9/ims/case/v1p1/CFPackages/x"},
		{SourceSeed, "seed/01-progression-k5.json", "seed/01-progression-k5.json"},
	}
	for _, c := range cases {
		p := Provenance{Source: c.source, Location: c.loc, ContentHash: "h"}
		got := p.Public()
		if got.Location != c.want || got.ContentHash != "h" || got.Source != c.source {
			t.Errorf("%s %q: public %+v, want location %q", c.source, c.loc, got, c.want)
		}
	}
}

func TestProvenanceForCaller(t *testing.T) {
	p := Provenance{Source: SourceUpload, Location: UploadLocation("/home/alice/x.json", "alice-client")}
	ctx := context.Background()
	for _, c := range []struct {
		name string
		ctx  context.Context
		want string
	}{
		{"anonymous", ctx, "x.json (uploaded by an administrator)"},
		{"read scope", WithPrincipal(ctx, Principal{ClientID: "r", Scopes: []string{ScopeRead}}), "x.json (uploaded by an administrator)"},
		{"admin scope", WithPrincipal(ctx, Principal{ClientID: "a", Scopes: []string{ScopeAdmin}}), "/home/alice/x.json (upload by alice-client)"},
	} {
		if got := p.ForCaller(c.ctx).Location; got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}
