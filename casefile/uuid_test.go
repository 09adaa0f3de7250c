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
		"10000000-0000-0000-0000-000000000001": false, // version 0
		"eb8ae273-6667-52ec-c73f-3d8a631bde9f": false, // variant c
		"eb8ae273-6667-62ec-a73f-3d8a631bde9f": false, // version 6
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
