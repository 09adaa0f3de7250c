package casefile_test

import (
	"testing"

	"github.com/casenode/casenode/casefile"
)

func TestNormalizeTime(t *testing.T) {
	cases := []struct {
		in, want string
		ok       bool
	}{
		{"2018-03-01T21:01:43+00:00", "2018-03-01T21:01:43Z", true},
		{"2018-03-01T21:01:43-04:00", "2018-03-02T01:01:43Z", true},
		{"2026-06-05T04:23:43.000Z", "2026-06-05T04:23:43Z", true},
		{"2026-06-05T04:23:43.250Z", "2026-06-05T04:23:43.25Z", true},
		{"2016-07-28T00:14:52", "2016-07-28T00:14:52Z", true},
		{"2016-07-28 00:14:52", "2016-07-28T00:14:52Z", true},
		{"2016-07-28T00:14:52+0200", "2016-07-27T22:14:52Z", true},
		{"2016-09-02", "2016-09-02T00:00:00Z", true},
		{"  2016-09-02T00:00:00Z ", "2016-09-02T00:00:00Z", true},
		{"yesterday", "", false},
		{"2016-13-45", "", false},
		{"", "", false},
	}
	for _, c := range cases {
		got, ok := casefile.NormalizeTime(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("NormalizeTime(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}
