package casefile

import (
	"encoding/json"
	"math/rand"
	"testing"
)

// TestUnquoteMatchesEncodingJSON: the fast string decoding gives exactly what
// encoding/json gives, for escapes, surrogate pairs and invalid UTF-8.
func TestUnquoteMatchesEncodingJSON(t *testing.T) {
	cases := []string{`""`, `"plain"`, `"a\/b\\c\"d"`, `"\n\t\r\b\f"`, `"\u00e9\u4e2d"`, `"\ud835\udc51"`, `"\ud835"`, "\"\xff\xfe\"", `"é 数学"`, `"\u0000"`}
	r := rand.New(rand.NewSource(7))
	pieces := []string{`\/`, `\\`, `\"`, `\n`, `\u0041`, `\ud83d\ude00`, "é", "a", " ", "\xc3", `\u00`}
	for range 2000 {
		s := `"`
		for k := r.Intn(8); k > 0; k-- {
			s += pieces[r.Intn(len(pieces))]
		}
		cases = append(cases, s+`"`)
	}
	for _, c := range cases {
		var want string
		if json.Unmarshal([]byte(c), &want) != nil {
			continue // not a valid literal; never reaches unquote
		}
		if got := unquote(json.RawMessage(c)); got != want {
			t.Errorf("unquote(%q) = %q, want %q", c, got, want)
		}
	}
}
