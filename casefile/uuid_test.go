package casefile_test

import (
	"testing"

	"github.com/casenode/casenode/casefile"
)

func TestIsUUID(t *testing.T) {
	cases := map[string]bool{
		"5a411e1a-7137-11e6-92a8-0242ac130002": true,  // v1
		"eb8ae273-6667-52ec-a73f-3d8a631bde9f": true,  // v5
		"20c5134f-423d-4097-a971-3dd5152bf507": true,  // v4
		"EB8AE273-6667-52EC-A73F-3D8A631BDE9F": false, // upper case
		"10000000-0000-0000-0000-000000000001": true,  // version 0: the schema's pattern has no version
		"d0000000-0000-0000-0000-000000000000": true,  // OpenSALT's test frameworks
		"eb8ae273-6667-52ec-c73f-3d8a631bde9f": true,  // variant c
		"eb8ae273-6667-62ec-a73f-3d8a631bde9f": true,  // version 6
		"eb8ae273-6667-62ec-a73f-3d8a631bde9g": false, // not hex
		"eb8ae273-6667-62ec-a73f+3d8a631bde9f": false,
		"eb8ae273666752eca73f3d8a631bde9f":     false,
		"http://purl.org/ASN/resources/D10003": false,
		"":                                     false,
	}
	for s, want := range cases {
		if got := casefile.IsUUID(s); got != want {
			t.Errorf("IsUUID(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestNameUUID checks against RFC 4122 v5 in the URL namespace (values from
// Python's uuid.uuid5(uuid.NAMESPACE_URL, s)).
func TestNameUUID(t *testing.T) {
	cases := map[string]string{
		"http://purl.org/ASN/resources/D10003FB": "b821b70d-d46c-519b-b5cc-ca2260fc31f8",
		"local:x":                                "fd521186-bd03-503a-aa66-e2b35718fbc1",
		"BIO-101":                                "92cb42ef-cada-508c-8a03-d5063aed172e",
	}
	for in, want := range cases {
		got := casefile.NameUUID(in)
		if got != want {
			t.Errorf("NameUUID(%q) = %s, want %s", in, got, want)
		}
		if !casefile.IsUUID(got) {
			t.Errorf("NameUUID(%q) = %s is not a valid UUID", in, got)
		}
	}
}

// TestCanonicalID is the node's one identifier rule: the schema's shape is
// kept (lowered when upper case), anything else is mapped.
func TestCanonicalID(t *testing.T) {
	cases := []struct {
		in, want string
		change   casefile.IDChange
	}{
		{"d0000000-0000-0000-0000-000000000000", "d0000000-0000-0000-0000-000000000000", casefile.IDKept},
		{"D0000000-0000-0000-0000-00000000000A", "d0000000-0000-0000-0000-00000000000a", casefile.IDLowered},
		{"EB8AE273-6667-52EC-A73F-3D8A631BDE9F", "eb8ae273-6667-52ec-a73f-3d8a631bde9f", casefile.IDLowered},
		{"local:x", casefile.NameUUID("local:x"), casefile.IDMapped},
		{"http://purl.org/ASN/resources/D10003FB", casefile.NameUUID("http://purl.org/ASN/resources/D10003FB"), casefile.IDMapped},
		{"{d0000000-0000-0000-0000-000000000000}", casefile.NameUUID("{d0000000-0000-0000-0000-000000000000}"), casefile.IDMapped},
		{"", "", casefile.IDKept},
	}
	for _, c := range cases {
		got, ch := casefile.CanonicalID(c.in)
		if got != c.want || ch != c.change {
			t.Errorf("CanonicalID(%q) = %q, %d; want %q, %d", c.in, got, ch, c.want, c.change)
		}
	}
	if got := casefile.IDCandidates("local:x"); len(got) != 2 || got[0] != "local:x" || got[1] != casefile.NameUUID("local:x") {
		t.Errorf("IDCandidates(local:x) = %q", got)
	}
	if got := casefile.IDCandidates("D0000000-0000-0000-0000-000000000000"); len(got) != 1 || got[0] != "d0000000-0000-0000-0000-000000000000" {
		t.Errorf("IDCandidates(upper case) = %q", got)
	}
	if !casefile.SameID("urn:x", casefile.NameUUID("urn:x")) || !casefile.SameID("D0000000-0000-0000-0000-000000000000", "d0000000-0000-0000-0000-000000000000") ||
		casefile.SameID("urn:x", "urn:y") {
		t.Error("SameID does not match identifiers under CanonicalID")
	}
}
