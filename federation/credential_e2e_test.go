package federation

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/casenode/casenode/casefile"
	"github.com/casenode/casenode/internal/fixture"
)

// TestEndToEndCredentialTranslation runs three casenode processes:
//
//	A holds TEKS (origin)      B holds CCSS (origin)
//	C ──mirror──▶ B,  C ──live──▶ A   (C mirrors nothing from A)
//
// A learner's CLR 2.0 credential aligns three achievements to TEKS items by
// A's /uri/ uris, one to an identifier A does not hold and one to a host
// that is no peer. C resolves it into CCSS counterparts: the TEKS items live
// from A, one explicit counterpart through an association C holds, the
// others suggested; the two unknown alignments are reported with a reason.
func TestEndToEndCredentialTranslation(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end credential test skipped in -short mode")
	}
	teks := readFixture(t, "tx-teks-math-ch111.tea.cfpackage.json")
	ccss := readFixture(t, "ccss-math-2010.opensalt.cfpackage.json")
	bin := buildCasenode(t)
	a, b, c := startNode(t, bin, "A"), startNode(t, bin, "B"), startNode(t, bin, "C")
	a.importFile(teks.raw)
	b.importFile(ccss.raw)
	c.cli("peer add", "--name", "B", "--mode", "mirror", "--interval", "1h", b.base)
	c.syncPeer("B")
	if fi := c.frameworkInfo(ccss.doc.Identifier); fi.Provenance.Peer != "B" || fi.Items != len(ccss.items) {
		t.Fatalf("CCSS on C: %d items, provenance %+v", fi.Items, fi.Provenance)
	}
	// C finds its mirrored copy of a CCSS item from B's /uri/ of it, and names
	// B as the origin that is the source of truth.
	var info struct {
		Identifier    string
		SourceOfTruth struct{ URI, Origin, Held, Peer string }
	}
	ci := ccss.items[0]
	c.getJSON("/api/v1/resolve?uri="+b.base+"/uri/"+ci.Identifier, &info)
	if info.Identifier != ci.Identifier || info.SourceOfTruth.Origin != b.base || info.SourceOfTruth.Held != casefile.HeldMirror ||
		info.SourceOfTruth.Peer != "B" || info.SourceOfTruth.URI != ci.URI {
		t.Errorf("C's copy of %s: %+v", ci.Identifier, info)
	}
	c.cli("peer add", "--name", "A", "--mode", "live", "--interval", "1h", a.base)
	if st := c.status("/api/v1/frameworks/" + teks.doc.Identifier); st != http.StatusNotFound {
		t.Fatalf("C must not hold TEKS (status %d)", st)
	}

	// Three TEKS items about fractions; C holds one link T1 -> a CCSS item.
	var picked []casefile.Item
	for _, it := range teks.items {
		if strings.Contains(strings.ToLower(it.FullStatement), "fraction") && it.HumanCodingScheme != "" && len(picked) < 3 {
			picked = append(picked, it)
		}
	}
	x := ccss.items[len(ccss.items)/2]
	c.importFile(linkPackage(c.base, x, picked[0], a.base))

	aliasURI := func(id string) string { return a.base + "/uri/" + id }
	unknownOnA := aliasURI(casefile.NameUUID("not held anywhere"))
	noPeer := "https://standards.example.org/uri/" + casefile.NameUUID("no peer")
	cred := clrCredential(aliasURI(picked[0].Identifier), aliasURI(picked[1].Identifier), aliasURI(picked[2].Identifier), unknownOnA, noPeer)

	var rep casefile.CredentialReport
	c.postJSON("/api/v1/credentials/resolve?target="+ccss.doc.Identifier, cred, &rep)
	byURL := alignmentsByURL(rep)
	ccssIDs := map[string]bool{}
	for _, it := range ccss.items {
		ccssIDs[it.Identifier] = true
	}
	for i, it := range picked {
		r := byURL[aliasURI(it.Identifier)]
		if r.Status != casefile.AlignmentResolved || r.By != "peer" || r.Item.Identifier != it.Identifier || r.Framework == nil ||
			r.Framework.Held != casefile.HeldPeer || r.Framework.Origin != a.base || r.Framework.Publisher != "Texas Education Agency" {
			t.Errorf("TEKS item %d: %+v (framework %+v)", i, r, r.Framework)
			continue
		}
		if len(r.Counterparts) == 0 {
			t.Errorf("TEKS item %s has no CCSS counterpart", it.HumanCodingScheme)
		}
		for _, m := range r.Counterparts {
			if !ccssIDs[m.Target.Identifier] {
				t.Errorf("counterpart %s of %s is not a CCSS item", m.Target.Identifier, it.HumanCodingScheme)
			}
		}
		want := casefile.MatchSuggested
		if i == 0 {
			want = casefile.MatchExplicit
		}
		if len(r.Counterparts) > 0 && r.Counterparts[0].Kind != want {
			t.Errorf("TEKS item %d: first counterpart %+v, want %s", i, r.Counterparts[0], want)
		}
		if i == 0 && len(r.Counterparts) > 0 && r.Counterparts[0].Target.Identifier != x.Identifier {
			t.Errorf("explicit counterpart %s, want %s", r.Counterparts[0].Target.Identifier, x.Identifier)
		}
	}
	for _, u := range []string{unknownOnA, noPeer} {
		if r := byURL[u]; r.Status != casefile.AlignmentUnresolved || r.Reason == "" {
			t.Errorf("unknown alignment %s: %+v", u, r)
		}
	}
	if s := rep.Summary; s.Resolved != 3 || s.Unresolved != 2 || s.Explicit != 1 || s.Suggested != 2 {
		t.Errorf("summary %+v", s)
	}
	if rep.Kind != "ClrCredential" || !strings.HasPrefix(rep.Signature, "not verified") {
		t.Errorf("report %s / %s", rep.Kind, rep.Signature)
	}

	t.Logf("C resolved the CLR: %+v", rep.Summary)
	// The same credential as a JWT reads the same.
	jwt := "eyJhbGciOiJFZERTQSJ9." + base64.RawURLEncoding.EncodeToString(cred) + ".c2ln"
	var rep2 casefile.CredentialReport
	c.postBody("/api/v1/credentials/resolve?target="+ccss.doc.Identifier, "application/jwt", []byte(jwt), &rep2)
	if rep2.Encoding != "jwt" || rep2.Summary.Resolved != 3 || rep2.Summary.Unresolved != 2 {
		t.Errorf("JWT form: %s %+v", rep2.Encoding, rep2.Summary)
	}
}

type fixturePkg struct {
	raw   []byte
	doc   casefile.Document
	items []casefile.Item
}

func readFixture(t *testing.T, name string) fixturePkg {
	t.Helper()
	raw, err := os.ReadFile(fixture.Path(t, "real", name))
	if err != nil {
		t.Fatal(err)
	}
	p, _, err := casefile.Decode(bytes.NewReader(raw), casefile.DecodeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return fixturePkg{raw: raw, doc: p.CFDocument, items: p.CFItems}
}

// linkPackage is a framework of C's own holding one association: the CCSS
// item x exactMatchOf TEKS item t, named by its uri on node A.
func linkPackage(base string, x, t casefile.Item, aBase string) []byte {
	doc := casefile.NameUUID("e2e-credential-links")
	assoc := casefile.NameUUID("e2e-credential-link-1")
	const at = "2024-01-02T03:04:05Z"
	p := map[string]any{
		"CFDocument": map[string]any{"identifier": doc, "uri": base + "/uri/" + doc, "creator": "C", "title": "C's links", "lastChangeDateTime": at},
		"CFItems":    []any{},
		"CFAssociations": []any{map[string]any{"identifier": assoc, "uri": base + "/uri/" + assoc, "associationType": "exactMatchOf", "lastChangeDateTime": at,
			"originNodeURI":      map[string]any{"title": x.HumanCodingScheme, "identifier": x.Identifier, "uri": x.URI},
			"destinationNodeURI": map[string]any{"title": t.HumanCodingScheme, "identifier": t.Identifier, "uri": aBase + "/uri/" + t.Identifier}}},
	}
	b, _ := json.Marshal(p)
	return b
}

// clrCredential is a CLR 2.0 ClrCredential written for this test: one
// achievement per alignment uri, the first two inside a nested
// OpenBadgeCredential, the others in the ClrSubject's achievement list.
func clrCredential(uris ...string) []byte {
	achievement := func(i int, uri string) map[string]any {
		return map[string]any{"id": fmt.Sprintf("https://school.example/achievements/%d", i), "type": []string{"Achievement"},
			"name": fmt.Sprintf("Mastery %d", i), "description": "Demonstrated mastery", "criteria": map[string]any{"narrative": "Assessed in class"},
			"alignment": []any{map[string]any{"type": []string{"Alignment"}, "targetName": fmt.Sprintf("Standard %d", i), "targetUrl": uri, "targetType": "CFItem"}}}
	}
	issuer := map[string]any{"id": "https://school.example/issuer", "type": []string{"Profile"}, "name": "Example School"}
	nested := map[string]any{"@context": []string{casefile.OB3ContextVC, casefile.OB3Context}, "id": "urn:uuid:badge-1",
		"type": []string{"VerifiableCredential", "OpenBadgeCredential"}, "name": "Fractions", "issuer": issuer, "validFrom": "2025-06-01T00:00:00Z",
		"credentialSubject": map[string]any{"type": []string{"AchievementSubject"}, "achievement": achievement(0, uris[0]),
			"result": []any{map[string]any{"type": []string{"Result"}, "alignment": []any{map[string]any{"type": []string{"Alignment"}, "targetName": "Standard 1", "targetUrl": uris[1]}}}}}}
	var list []any
	for i, u := range uris[2:] {
		list = append(list, achievement(i+2, u))
	}
	clr := map[string]any{"@context": []string{casefile.OB3ContextVC, "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json", casefile.OB3Context},
		"id": "urn:uuid:clr-1", "type": []string{"VerifiableCredential", "ClrCredential"}, "name": "Transcript of a learner", "issuer": issuer,
		"validFrom":         "2025-06-30T00:00:00Z",
		"credentialSubject": map[string]any{"type": []string{"ClrSubject"}, "verifiableCredential": []any{nested}, "achievement": list}}
	b, _ := json.Marshal(clr)
	return b
}

func alignmentsByURL(rep casefile.CredentialReport) map[string]casefile.AlignmentReport {
	out := map[string]casefile.AlignmentReport{}
	for _, a := range rep.Achievements {
		for _, al := range a.Alignments {
			out[al.Alignment.TargetURL] = al
		}
	}
	return out
}

func (n *e2eNode) postJSON(path string, body []byte, v any) {
	n.t.Helper()
	n.postBody(path, "application/json", body, v)
}

func (n *e2eNode) postBody(path, ctype string, body []byte, v any) {
	n.t.Helper()
	client := &http.Client{Timeout: 60 * time.Second}
	resp, err := client.Post(n.base+path, ctype, bytes.NewReader(body))
	if err != nil {
		n.t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		var e map[string]any
		json.NewDecoder(resp.Body).Decode(&e)
		n.t.Fatalf("POST %s on %s: HTTP %d %v", path, n.name, resp.StatusCode, e)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		n.t.Fatalf("POST %s on %s: %v", path, n.name, err)
	}
}

// status is the HTTP status of GET path.
func (n *e2eNode) status(path string) int {
	n.t.Helper()
	resp, err := (&http.Client{Timeout: 20 * time.Second}).Get(n.base + path)
	if err != nil {
		n.t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}
