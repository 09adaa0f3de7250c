package casefile

import (
	"bytes"
	"encoding/json"
	"testing"
)

// AppendJSONString must give what encoding/json gives, with and without HTML
// escaping (the store's hashes depend on it).
func TestAppendJSONStringMatchesEncodingJSON(t *testing.T) {
	for _, s := range []string{"", "plain", `q"uote\back`, "tab\tnl\ncr\r\b\f\x01\x1f", "<a href='x'>&amp;</a>",
		"line\u2028para\u2029", "bad\xffutf8\xc3", "emoji 😀 and U+1D451 𝑑", "日本語"} {
		var plain bytes.Buffer
		enc := json.NewEncoder(&plain)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(s); err != nil {
			t.Fatal(err)
		}
		html, _ := json.Marshal(s)
		if got, want := string(AppendJSONString(nil, s, false)), string(bytes.TrimSuffix(plain.Bytes(), []byte("\n"))); got != want {
			t.Errorf("%q without HTML escaping: got %s, want %s", s, got, want)
		}
		if got := string(AppendJSONString(nil, s, true)); got != string(html) {
			t.Errorf("%q with HTML escaping: got %s, want %s", s, got, html)
		}
	}
}
