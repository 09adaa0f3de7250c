package casefile

import "testing"

func TestLevels(t *testing.T) {
	for in, want := range map[string]string{"KG": "Kindergarten", "k": "Kindergarten", "01": "Grade 1", "3": "Grade 3",
		"Grade 8": "Grade 8", "12": "Grade 12", "PS": "Postsecondary", "PK": "Pre-kindergarten", "HS": "High school", "XYZ": "XYZ"} {
		if got := LevelName(in); got != want {
			t.Errorf("LevelName(%q) = %q, want %q", in, got, want)
		}
	}
	for _, c := range []struct {
		in   []string
		want string
	}{
		{[]string{"KG"}, "Kindergarten"},
		{[]string{"05", "03", "04"}, "Grades 3–5"},
		{[]string{"KG", "01", "12"}, "Kindergarten – Grade 12"},
		{[]string{"08", "PS"}, "Grade 8, Postsecondary"},
		{[]string{"09", "9", "Grade 9"}, "Grade 9"},
		{nil, ""},
	} {
		if got := LevelRange(c.in); got != c.want {
			t.Errorf("LevelRange(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if r, ok := LevelRank("K"); !ok || r != 0 {
		t.Errorf("LevelRank(K) = %d %v", r, ok)
	}
	if _, ok := LevelRank("HS"); ok {
		t.Error("HS spans grades; it has no single rank")
	}
}
